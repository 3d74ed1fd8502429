import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { startHost } from './host';
import { imeStart } from './ime';
import type { RunningHost } from './host';

let host: RunningHost;
test.beforeAll(async () => {
  host = await startHost();
});
test.afterAll(async () => {
  await host.stop();
});

const cell = (page: Page, itemId: number, col: string) =>
  page.locator(`[data-row-key="i${itemId}"] [data-col="${col}"]`);

/** The grid renders only rows near the viewport: scroll (wrapping around) until the item's row exists. */
async function reveal(page: Page, itemId: number) {
  const row = page.locator(`[data-row-key="i${itemId}"]`);
  const scroller = page.locator('.grid-scroll');
  await expect(async () => {
    if ((await row.count()) === 0) {
      await scroller.evaluate((el) => {
        const atEnd = el.scrollTop + el.clientHeight >= el.scrollHeight - 2;
        el.scrollTop = atEnd ? 0 : el.scrollTop + el.clientHeight * 0.8;
      });
    }
    expect(await row.count()).toBeGreaterThan(0);
  }).toPass({ intervals: [50], timeout: 15_000 });
}
const input = (page: Page) => page.getByTestId('grid-input');

/**
 * An item's name, scrolled into view and read in one step: rows come back
 * and the detail panel opens beside the grid, which rewraps and moves rows,
 * so a row found by scrolling may be out of the virtual window a moment later.
 */
async function expectRevealed(page: Page, itemId: number, name: string) {
  await expect(async () => {
    await reveal(page, itemId);
    expect(await cell(page, itemId, 'name').textContent({ timeout: 500 })).toBe(name);
  }).toPass({ intervals: [100], timeout: 15_000 });
}

async function api<T>(page: Page, channel: string, data: unknown): Promise<T> {
  const res = await page.request.post(`${host.origin}/api/${channel}`, {
    headers: { 'x-gyokaku-token': host.token },
    data,
  });
  const env = (await res.json()) as { ok: boolean; value: T };
  expect(env.ok).toBe(true);
  return env.value;
}

async function open(page: Page) {
  await page.goto(host.url);
  await expect(page.getByRole('grid', { name: /改革項目/ })).toBeVisible();
}

test('the grid is an ARIA grid with Japanese headers and grouped rows', async ({ page }) => {
  await open(page);
  const grid = page.getByRole('grid', { name: /全改革項目の改革項目/ });
  for (const h of ['No.', '改革項目', '継続', '推進内容', '主な取組', 'R3', 'R7', '実施担当']) {
    await expect(grid.getByRole('columnheader', { name: h, exact: true })).toBeVisible();
  }
  await expect(
    grid.getByRole('rowheader', { name: /重点項目1\s+行政のデジタル化推進/ }),
  ).toBeVisible();
  await expect(
    grid.getByRole('rowheader', { name: /\(1\) 行政手続のオンライン化\s*6項目/ }),
  ).toBeVisible();
});

test('typing with an IME: Enter during composition confirms the conversion and stays in the cell', async ({
  page,
}) => {
  await open(page);
  await cell(page, 3, 'name').click();
  const ime = await imeStart(page, 'かいかく');
  await expect(input(page)).toHaveClass(/editing/);
  // Enter pressed to confirm the conversion arrives as keyCode 229 while composing
  await ime.confirm('キャッシュレス改革');
  await expect(input(page)).toHaveClass(/editing/);
  await expect(input(page)).toHaveValue('キャッシュレス改革');
  await page.keyboard.press('Enter');
  await expect(input(page)).not.toHaveClass(/editing/);
  await expect(cell(page, 3, 'name')).toHaveText('キャッシュレス改革');
  await expect
    .poll(async () => (await api<{ name: string }>(page, 'items.get', { itemId: 3 })).name)
    .toBe('キャッシュレス改革');
  // the active cell moved down one row
  await expect(cell(page, 4, 'name')).toHaveClass(/active/);
});

test('a 3×2 TSV block from the clipboard lands in the right cells; undo and redo restore both; reload keeps it; history lists it', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.origin });
  await open(page);
  const before = await Promise.all(
    [7, 8, 9].map((id) =>
      api<{ name: string; isContinued: boolean }>(page, 'items.get', { itemId: id }),
    ),
  );
  await cell(page, 7, 'name').click();
  await page.evaluate(() =>
    navigator.clipboard.writeText(
      '電子決裁の導入\t継続\r\n"永年保存文書の\n電子化"\t\r\n業務の自動化\t○\r\n',
    ),
  );
  await page.keyboard.press('Control+V');
  await expect(cell(page, 7, 'name')).toHaveText('電子決裁の導入');
  await expect(cell(page, 8, 'name')).toHaveText('永年保存文書の\n電子化');
  await expect(cell(page, 9, 'name')).toHaveText('業務の自動化');
  await expect(cell(page, 7, 'continued')).toHaveText('継続');
  await expect(cell(page, 8, 'continued')).toHaveText('');
  await expect(cell(page, 9, 'continued')).toHaveText('継続');
  await expect
    .poll(
      async () =>
        (await api<{ isContinued: boolean }>(page, 'items.get', { itemId: 9 })).isContinued,
    )
    .toBe(true);
  // nothing outside the block changed
  await expect(cell(page, 10, 'name')).toHaveText('情報セキュリティ対策の徹底');
  await expect(cell(page, 7, 'promotion')).toContainText('文書の收受から起案');

  await page.keyboard.press('Control+Z');
  await expect(cell(page, 7, 'name')).toHaveText(before[0]!.name);
  await expect(cell(page, 8, 'name')).toHaveText(before[1]!.name);
  await expect(cell(page, 9, 'continued')).toHaveText('');
  await expect
    .poll(async () => (await api<{ name: string }>(page, 'items.get', { itemId: 8 })).name)
    .toBe(before[1]!.name);

  await page.keyboard.press('Control+Y');
  await expect(cell(page, 8, 'name')).toHaveText('永年保存文書の\n電子化');
  await expect(cell(page, 9, 'continued')).toHaveText('継続');

  await page.reload();
  await expect(cell(page, 7, 'name')).toHaveText('電子決裁の導入');
  await expect(cell(page, 8, 'name')).toHaveText('永年保存文書の\n電子化');

  await cell(page, 8, 'promotion').click();
  const history = page.getByRole('region', { name: '変更履歴' });
  await expect(history).toContainText('改革項目名：永年保存文書等の電子化 → 永年保存文書の 電子化');
  await expect(history).toContainText('改革項目名：永年保存文書の 電子化 → 永年保存文書等の電子化');
});

test('copy gives Excel the selected block as TSV', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.origin });
  await open(page);
  await reveal(page, 13);
  await cell(page, 13, 'code').click();
  await cell(page, 13, 'name').click({ modifiers: ['Shift'] });
  // down past the two heading rows to 2-(1)-1; headings are not copied
  for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Control+C');
  const text = await page.evaluate(() => navigator.clipboard.readText());
  expect(text).toBe('1-(3)-3\t事務改善提案・カイゼン運動の推進\r\n2-(1)-1\t行政評価の実施\r\n');
});

test('bad input is refused whole with a Japanese message, nothing half-applied', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.origin });
  await open(page);
  await reveal(page, 18);
  await cell(page, 18, 'continued').click();
  await page.evaluate(() => navigator.clipboard.writeText('継続\r\nたぶん\r\n'));
  await page.keyboard.press('Control+V');
  await expect(page.getByRole('alert')).toContainText('「たぶん」は継続の欄に入力できません');
  await expect(cell(page, 18, 'continued')).toHaveText('');
  await page.locator('.grid-scroll').evaluate((el) => (el.scrollTop = 0));
  // a block crossing a heading row
  await cell(page, 6, 'name').click();
  await page.evaluate(() => navigator.clipboard.writeText('a\r\nb\r\n'));
  await page.keyboard.press('Control+V');
  await expect(page.getByRole('alert').last()).toContainText('見出しをまたいでいます');
  await expect(cell(page, 6, 'name')).toHaveText('市税の電子申告(eLTAX)の普及');
  // an empty name
  await cell(page, 6, 'name').click();
  await page.keyboard.press('Delete');
  await expect(page.getByRole('alert').last()).toContainText('改革項目名は空にできません');
  await expect(cell(page, 6, 'name')).toHaveText('市税の電子申告(eLTAX)の普及');
});

test('Excel keys: F2 edits, Alt+Enter breaks the line, Esc cancels, Tab moves, Ctrl+D fills down', async ({
  page,
}) => {
  await open(page);
  await reveal(page, 13);
  await cell(page, 13, 'promotion').click();
  await page.keyboard.press('F2');
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Alt+Enter');
  await page.keyboard.type('二行目');
  await page.keyboard.press('Tab');
  await expect(cell(page, 13, 'promotion')).toContainText('組織風土の醸成を図る。\n二行目');
  await expect(cell(page, 13, 'initiatives')).toHaveClass(/active/);
  await page.keyboard.type('取り消す入力');
  await page.keyboard.press('Escape');
  await expect(cell(page, 13, 'initiatives')).toContainText('①事務改善提案の推進');
  // fill down: a single cell takes the value above (2-(2)-1 継続 → 2-(2)-2)
  await reveal(page, 18);
  await cell(page, 18, 'continued').click();
  await page.keyboard.press('Control+D');
  await expect(cell(page, 18, 'continued')).toHaveText('継続');
  // a range copies its top row down (2-(2)-3 継続 → 2-(2)-4)
  await cell(page, 19, 'continued').click();
  await cell(page, 20, 'continued').click({ modifiers: ['Shift'] });
  await page.keyboard.press('Control+D');
  await expect(cell(page, 20, 'continued')).toHaveText('継続');
});

test('structure: insert, delete with confirmation, and undo brings the item back', async ({
  page,
}) => {
  await open(page);
  await reveal(page, 37);
  await cell(page, 37, 'name').click();
  await page.keyboard.press('Control+Shift+Equal');
  await expect(
    page.getByRole('status').filter({ hasText: '改革項目を追加しました' }),
  ).toBeVisible();
  const added = page.locator('[data-col="name"]', { hasText: '新しい改革項目' });
  await expect(added).toHaveCount(1);
  await expect(page.locator('[data-col="code"]', { hasText: '3-(3)-3' })).toHaveCount(1);

  await reveal(page, 36);
  await cell(page, 36, 'name').click();
  await page
    .getByRole('toolbar', { name: '改革項目の操作' })
    .getByRole('button', { name: '削除', exact: true })
    .click();
  const dialog = page.getByRole('dialog', { name: '改革項目の削除' });
  await expect(dialog).toContainText('3-(3)-1 福島圏域連携中枢都市圏への参画');
  await expect(dialog).toContainText('主な取組 1件');
  await dialog.getByRole('button', { name: '1件を削除' }).click();
  await expect(cell(page, 36, 'name')).toHaveCount(0);
  await page.getByRole('button', { name: '元に戻す' }).click();
  await expectRevealed(page, 36, '福島圏域連携中枢都市圏への参画');

  // from the keyboard: Ctrl+－, confirm, and Ctrl+Z right away takes it back
  await cell(page, 36, 'name').click();
  await page.keyboard.press('Control+-');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: '1件を削除' }).click();
  await expect(cell(page, 36, 'name')).toHaveCount(0);
  await expect(page.getByTestId('grid-input')).toBeFocused();
  await page.keyboard.press('Control+z');
  await expectRevealed(page, 36, '福島圏域連携中枢都市圏への参画');
});

test('after a move, 番号を振り直す in the toolbar numbers the 取組分野 in its new order; undo puts the numbers back', async ({
  page,
}) => {
  await open(page);
  await cell(page, 1, 'name').click();
  await page.keyboard.press('Alt+Shift+ArrowDown');
  await expect(page.getByRole('status').filter({ hasText: 'を下へ移動しました' })).toBeVisible();
  // moved, numbers as they were: 1-(1)-2 now stands above 1-(1)-1
  await expect(cell(page, 2, 'code')).toHaveText('1-(1)-2');
  await expect(cell(page, 1, 'code')).toHaveText('1-(1)-1');
  const renumber = page
    .getByRole('toolbar', { name: '改革項目の操作' })
    .getByRole('button', { name: '番号を振り直す' });
  await expect(renumber).toHaveAttribute(
    'title',
    /取組分野\(1\) .+の改革項目の番号を、並び順に1から振り直します/,
  );
  await renumber.click();
  await expect(cell(page, 2, 'code')).toHaveText('1-(1)-1');
  await expect(cell(page, 1, 'code')).toHaveText('1-(1)-2');
  await page.getByRole('button', { name: '元に戻す' }).click();
  await expect(cell(page, 2, 'code')).toHaveText('1-(1)-2');
  await expect(cell(page, 1, 'code')).toHaveText('1-(1)-1');
});

test('search ignores kana and width; filters show the count', async ({ page }) => {
  await open(page);
  const search = page.getByRole('searchbox');
  await search.fill('ｶｲｾﾞﾝ');
  await expect(page.getByRole('status').filter({ hasText: '1項目（全' })).toBeVisible();
  await expect(cell(page, 13, 'name')).toHaveText('事務改善提案・カイゼン運動の推進');
  await search.fill('');
  await page.getByRole('combobox', { name: '継続', exact: true }).selectOption('yes');
  await expect(
    page.getByRole('status').filter({ hasText: /^\d+項目（全\d+項目中）$/ }),
  ).toBeVisible();
  await expect(cell(page, 1, 'name')).toHaveCount(0);
  await page.getByRole('button', { name: '絞り込みを解除' }).click();
  await page
    .getByRole('combobox', { name: '実施担当', exact: true })
    .selectOption({ label: '税務課' });
  await expect(page.getByRole('status').filter({ hasText: '3項目（全' })).toBeVisible();
});

test('the schedule editor sets a span with the keyboard and the grid draws it', async ({
  page,
}) => {
  await open(page);
  await reveal(page, 11);
  await cell(page, 11, 'fy2021').click();
  await page.keyboard.press('F2');
  const dialog = page.getByRole('dialog', {
    name: /1-\(3\)-1 多様な働き方環境の整備：主な取組と実施時期/,
  });
  await expect(dialog).toBeVisible();
  // ② 時差出勤導入検討: clear R3–R7, then R4 to R5 as 試行
  const r3 = dialog.getByRole('button', { name: /^② 令和3年度/ });
  for (const fy of [3, 4, 5, 6, 7]) {
    await dialog.getByRole('button', { name: new RegExp(`^② 令和${fy}年度`) }).focus();
    await page.keyboard.press('Delete');
  }
  await expect(r3).toHaveAttribute('aria-pressed', 'false');
  await dialog.getByLabel('新しく引く期間の区分').selectOption({ label: '試行' });
  await dialog.getByRole('button', { name: /^② 令和4年度/ }).focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Space');
  await expect(
    dialog.getByRole('button', { name: /^② 令和5年度：試行（令和4年度～令和5年度）/ }),
  ).toBeVisible();
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();
  await expect(cell(page, 11, 'fy2022')).toContainText('②試行');
  await expect(cell(page, 11, 'fy2023')).toHaveText(/①?/);
  const item = await api<{ initiatives: { spans: { startFy: number; endFy: number }[] }[] }>(
    page,
    'items.get',
    { itemId: 11 },
  );
  expect(item.initiatives[1]!.spans.map((s) => [s.startFy, s.endFy])).toEqual([[2022, 2023]]);
});

test('部・課: a rename from a fiscal year shows in the grid; the old name stays for earlier years', async ({
  page,
}) => {
  await open(page);
  await page
    .getByRole('navigation', { name: 'メインメニュー' })
    .getByRole('button', { name: '部・課' })
    .click();
  await expect(page.getByRole('heading', { name: '部・課' })).toBeVisible();
  const row = page.getByRole('row', { name: /税務課/ });
  await expect(row).toContainText('3件');
  await row.getByRole('button', { name: '名称変更' }).click();
  const dialog = page.getByRole('dialog', { name: '「税務課」の名称変更' });
  await dialog.getByLabel('新しい名称').fill('税務収納課');
  await dialog.getByLabel('変更が効力を持つ年度').selectOption({ label: '令和6年度' });
  await dialog.getByRole('button', { name: '決定' }).click();
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: '「税務課」を令和6年度から「税務収納課」にしました。' }),
  ).toBeVisible();
  await page.getByLabel('廃止・名称変更前の部・課も表示').check();
  await expect(page.getByRole('row', { name: /税務課/ })).toContainText(
    '→ 税務収納課（令和6年度から）',
  );
  await page
    .getByRole('navigation', { name: 'メインメニュー' })
    .getByRole('button', { name: '改革項目' })
    .click();
  await expect(cell(page, 6, 'sections')).toContainText('税務収納課');
});

test('実施時期の区分 can be renamed per plan and the grid shows the new name', async ({ page }) => {
  await open(page);
  await cell(page, 1, 'fy2021').click();
  await page.keyboard.press('F2');
  const editor = page.getByRole('dialog', { name: /主な取組と実施時期/ });
  await editor.getByRole('button', { name: '区分の設定…' }).click();
  const phases = page.getByRole('dialog', { name: '実施時期の区分' });
  await phases.getByLabel('1番目の区分').fill('調査検討');
  await phases.getByRole('button', { name: '保存' }).click();
  await expect(phases).toBeHidden();
  await editor.getByRole('button', { name: '取り消し' }).click();
  await expect(cell(page, 1, 'fy2021')).toContainText('①調査検討');
});

test('the toolbar and the detail panel follow the cursor: a button pressed right after a move acts on the row moved to', async ({
  page,
}) => {
  await open(page);
  const toolbar = page.getByRole('toolbar', { name: '改革項目の操作' });
  await cell(page, 1, 'name').click();
  await expect(page.getByRole('complementary', { name: '改革項目 1-(1)-1 の詳細' })).toBeVisible();

  // the next item by the keyboard, and 実施担当 at once: the dialog is the new row's
  // (other tests in this file reorder items: the row below is read, not assumed)
  await page.keyboard.press('ArrowDown');
  await toolbar.getByRole('button', { name: '実施担当' }).click();
  const below = (await page.locator('.grid-row.active [data-col="code"]').textContent())!.trim();
  expect(below).toMatch(/^1-\(1\)-\d+$/);
  expect(below).not.toBe('1-(1)-1');
  const sections = page.getByRole('dialog', {
    name: new RegExp(`^${below.replace(/[()]/g, '\\$&')} .+：実施担当$`),
  });
  await expect(sections).toBeVisible();
  await sections.getByRole('button', { name: '閉じる', exact: true }).click();
  await expect(page.getByRole('complementary', { name: `改革項目 ${below} の詳細` })).toBeVisible();

  // a click on another row, and 主な取組・実施時期 at once
  await cell(page, 1, 'name').click();
  await toolbar.getByRole('button', { name: '主な取組・実施時期' }).click();
  const schedule = page.getByRole('dialog', { name: /^1-\(1\)-1 .+：主な取組と実施時期$/ });
  await expect(schedule).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(schedule).toHaveCount(0);

  // the detail panel closes and opens again on the row under the cursor
  await page.getByRole('button', { name: '詳細を閉じる' }).click();
  await expect(page.locator('.workspace.with-detail')).toHaveCount(0);
  await toolbar.getByRole('button', { name: '詳細・履歴' }).click();
  await expect(page.getByRole('complementary', { name: '改革項目 1-(1)-1 の詳細' })).toBeVisible();
  await expect(page.locator('.workspace.with-detail')).toHaveCount(1);
});

test('keys that move the cursor bring its cell into view: Ctrl+End, Ctrl+Home, PageDown, Enter out of the editor, an arrow key after a scroll away', async ({
  page,
}) => {
  await open(page);
  const scroller = page.locator('.grid-scroll');
  /**
   * The cursor's row lies wholly inside the scroller's view, under the header;
   * on an item's row (a heading row has no cells) its cell does across too.
   */
  const expectInView = async () =>
    expect(async () => {
      const [view, row, header] = await Promise.all([
        scroller.boundingBox(),
        page.locator('.grid-row.active').boundingBox({ timeout: 500 }),
        page.locator('.grid-header').boundingBox(),
      ]);
      expect(row!.y).toBeGreaterThanOrEqual(header!.y + header!.height - 1);
      expect(row!.y + row!.height).toBeLessThanOrEqual(view!.y + view!.height + 1);
      const active = page.locator('.grid-cell.active');
      if ((await active.count()) === 0) return;
      const box = (await active.boundingBox({ timeout: 500 }))!;
      expect(box.x).toBeGreaterThanOrEqual(view!.x - 1);
      expect(box.x + box.width).toBeLessThanOrEqual(view!.x + view!.width + 1);
    }).toPass({ intervals: [50], timeout: 5_000 });

  await cell(page, 1, 'name').click();
  await page.keyboard.press('Control+End');
  await expectInView();
  expect(await scroller.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
  await page.keyboard.press('Control+Home');
  await expectInView();
  expect(await scroller.evaluate((el) => el.scrollTop)).toBe(0);
  for (let k = 0; k < 3; k++) {
    await page.keyboard.press('PageDown');
    await expectInView();
  }
  const afterPages = await scroller.evaluate((el) => el.scrollTop);
  expect(afterPages).toBeGreaterThan(0);
  // Enter out of the editor moves below, past the last row in view: the grid
  // follows (F2 then Enter leaves each name as it was)
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('.grid-cell.active')).toHaveAttribute('data-col', 'name');
  for (let k = 0; k < 12; k++) {
    if ((await page.locator('.grid-row.active.group').count()) > 0) {
      await page.keyboard.press('ArrowDown'); // a heading row has nothing to edit
      continue;
    }
    await page.keyboard.press('F2');
    await expect(input(page)).toHaveClass(/editing/);
    await page.keyboard.press('Enter');
    await expect(input(page)).not.toHaveClass(/editing/);
  }
  await expectInView();
  expect(await scroller.evaluate((el) => el.scrollTop)).toBeGreaterThan(afterPages);
  // scrolled away with the wheel, an arrow key brings the cursor back
  await scroller.evaluate((el) => (el.scrollTop = 0));
  await page.keyboard.press('ArrowRight');
  await expectInView();
  expect(await scroller.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
  // an arrow key at the edge moves nothing yet still shows the cursor
  await page.keyboard.press('Control+ArrowLeft');
  await scroller.evaluate((el) => (el.scrollTop = 0));
  await page.keyboard.press('ArrowLeft');
  await expectInView();
});
