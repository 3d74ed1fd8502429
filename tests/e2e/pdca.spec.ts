import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { formatTsv } from '../../shared/tsv';
import { startHost } from './host';
import { imeStart } from './ime';
import type { RunningHost } from './host';

/**
 * The PDCA cycle as the 事務局 runs it: a year's round is opened, records are
 * entered through the grid (typing, IME, TSV paste), moved through the
 * statuses to 確定, the dashboard follows, and a locked record refuses edits.
 */
// Each test on a store of its own: any one of them runs alone, in any order.
let host: RunningHost;
test.beforeEach(async () => {
  host = await startHost();
});
test.afterEach(async () => {
  await host.stop();
});

const FY = '令和6年度';
const cell = (page: Page, recordId: number, col: string) =>
  page.locator(`[data-row-key="r${recordId}"] [data-col="${col}"]`);
const input = (page: Page) => page.getByTestId('grid-input');
const nav = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('button', { name });

async function api<T>(
  page: Page,
  channel: string,
  data: unknown,
): Promise<{ ok: boolean; value: T; error?: { code: string; message: string } }> {
  const res = await page.request.post(`${host.origin}/api/${channel}`, {
    headers: { 'x-gyokaku-token': host.token },
    data,
  });
  return (await res.json()) as { ok: boolean; value: T; error?: { code: string; message: string } };
}
interface Rec {
  id: number;
  itemId: number;
  resultText: string;
  evaluationId: number | null;
  evaluationReason: string;
  revenueActual: number | null;
  status: string;
}
async function records(page: Page): Promise<Rec[]> {
  const rounds = await api<{ id: number; fiscalYear: number }[]>(page, 'pdca.rounds.list', {
    planId: 1,
    fiscalYear: 2024,
  });
  return (await api<Rec[]>(page, 'pdca.records.list', { roundId: rounds.value[0]!.id })).value;
}

/**
 * 令和6年度 opened, and the evaluations the first test enters through the
 * grid: A for 1-(1)-1, S, B and 対象外 for the next three.
 */
async function seedYear(page: Page, withEvaluations: boolean) {
  const rounds = await api<{ id: number }[]>(page, 'pdca.rounds.open', {
    planId: 1,
    fiscalYear: 2024,
  });
  expect(rounds.ok).toBe(true);
  if (!withEvaluations) return;
  const settings = await api<{ levels: { id: number; axis: string; code: string }[] }>(
    page,
    'pdca.settings.get',
    { planId: 1 },
  );
  const level = (code: string) =>
    settings.value.levels.find((l) => l.axis === 'evaluation' && l.code === code)!.id;
  const set = await api(page, 'pdca.records.update', {
    changes: [
      { recordId: 1, patch: { evaluationId: level('A') } },
      { recordId: 3, patch: { evaluationId: level('S') } },
      { recordId: 4, patch: { evaluationId: level('B') } },
      { recordId: 5, patch: { evaluationId: level('－') } },
    ],
  });
  expect(set.ok).toBe(true);
}

async function openPdca(page: Page) {
  await page.goto(host.url);
  await page.locator('[data-row-key="i1"]').waitFor();
  await nav(page, 'PDCA進捗管理').click();
  await page.getByRole('combobox', { name: '年度' }).selectOption({ label: FY });
}

test('opens 令和6年度 and enters a year of records through the grid, with IME and TSV paste', async ({
  page,
}) => {
  await openPdca(page);
  await page.getByRole('button', { name: `${FY}の照会回を作成` }).click();
  await expect(page.getByRole('grid', { name: `${FY} 実績の進捗管理表` })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: '37項目' })).toBeVisible();

  // typed: 取組実績 then Tab to 進捗状況 and 自己評価
  await cell(page, 1, 'resultText').click();
  await page.keyboard.type('申請手続のオンライン化を12件実施');
  await page.keyboard.press('Tab');
  await page.keyboard.type('完');
  await page.keyboard.press('Tab');
  await page.keyboard.type('A');
  await page.keyboard.press('Enter');
  await expect(cell(page, 1, 'evaluationId')).toContainText('A 計画どおり');

  // IME: the composition survives Enter while composing and is saved
  await cell(page, 2, 'evaluationReason').click();
  const ime = await imeStart(page, 'けいかくどおり');
  await expect(input(page)).toHaveClass(/editing/);
  // Enter pressed to confirm the conversion arrives as keyCode 229 while composing
  await ime.confirm('計画どおり進んだ');
  await expect(input(page)).toHaveClass(/editing/);
  await page.keyboard.press('Enter');
  await expect(cell(page, 2, 'evaluationReason')).toHaveText('計画どおり進んだ');

  // a 3×2 block pasted from Excel: 自己評価 and 評価の理由 for records 3–5
  await cell(page, 3, 'evaluationId').click();
  await page
    .context()
    .grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.origin });
  await page.evaluate(
    (t) => navigator.clipboard.writeText(t),
    formatTsv([
      ['S', '前倒しで導入'],
      ['B', '調整に時間を要した'],
      ['－', '今年度は対象外'],
    ]),
  );
  await page.keyboard.press('Control+V');
  await expect(cell(page, 5, 'evaluationReason')).toHaveText('今年度は対象外');

  // 効果額 in 千円 with ▲
  await page.locator('.grid-scroll').evaluate((el) => (el.scrollLeft = 1200));
  await cell(page, 1, 'revenueActual').click();
  await page.keyboard.type('1,500');
  await page.keyboard.press('Enter');
  await expect(cell(page, 1, 'revenueActual')).toHaveText('1,500');
  await cell(page, 2, 'savingActual').click();
  await page.keyboard.type('▲200');
  await page.keyboard.press('Enter');
  await expect(cell(page, 2, 'savingActual')).toHaveText('▲200');

  // bad input is refused with a Japanese message and nothing is saved
  await cell(page, 3, 'savingActual').click();
  await page.keyboard.type('たくさん');
  await page.keyboard.press('Enter');
  await expect(page.locator('.notice-error')).toContainText('数値として読めません');

  const saved = await records(page);
  const byId = new Map(saved.map((r) => [r.id, r]));
  expect(byId.get(1)).toMatchObject({
    resultText: '申請手続のオンライン化を12件実施',
    revenueActual: 1_500_000,
  });
  expect(byId.get(2)!.evaluationReason).toBe('計画どおり進んだ');
  expect(byId.get(3)!.evaluationReason).toBe('前倒しで導入');
  expect(byId.get(4)!.evaluationReason).toBe('調整に時間を要した');
  expect(byId.get(3)!.evaluationId).not.toBeNull();

  // undo takes back the paste as one step; redo restores it
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: '元に戻す' }).click();
  await expect(cell(page, 2, 'savingActual')).toHaveText('');
  await page.getByRole('button', { name: 'やり直す' }).click();
  await expect(cell(page, 2, 'savingActual')).toHaveText('▲200');
});

test('the dashboard counts the evaluations and changes with the records', async ({ page }) => {
  await page.goto(host.url);
  await seedYear(page, true);
  await openPdca(page);
  await nav(page, 'ダッシュボード').click();
  const card = page.locator('.dash-card').filter({ hasText: '評価した項目' });
  // S, A, B evaluated; 対象外 apart
  await expect(card).toContainText('3件');
  await expect(card).toContainText('対象外 1件');
  const total = page.locator('.dash-table').first();
  await expect(total.getByRole('row', { name: /計画全体/ })).toContainText('33.3%');

  await nav(page, 'PDCA進捗管理').click();
  await cell(page, 6, 'evaluationId').click();
  await page.keyboard.type('A');
  await page.keyboard.press('Enter');
  await expect(cell(page, 6, 'evaluationId')).toContainText('A 計画どおり');
  await nav(page, 'ダッシュボード').click();
  await expect(card).toContainText('4件');
  await expect(total.getByRole('row', { name: /計画全体/ })).toContainText('50.0%');

  // a number leads to the items behind it
  await total.getByRole('button', { name: /計画全体 A 計画どおり 2件/ }).click();
  await expect(page.locator('.filter-chip')).toContainText('（2件）');
  await expect(page.getByRole('status').filter({ hasText: '2項目（全37項目中）' })).toBeVisible();
});

test('records move through the statuses to 確定; a locked record refuses edits until unlocked with a reason', async ({
  page,
}) => {
  await page.goto(host.url);
  await seedYear(page, false);
  await openPdca(page);
  const round = page.getByRole('button', { name: /実績/ }).first();
  for (const status of ['依頼中', '回答済', '確認済', '確定']) {
    await page.getByRole('combobox', { name: '変更後の状況' }).selectOption({ label: status });
    await page.getByRole('button', { name: /表示中の37項目すべてに/ }).click();
    // a bulk change is confirmed first, with the counts; blank records are left out unless ticked
    const confirm = page.getByRole('dialog', { name: `状況を「${status}」にする` });
    if (status === '確定') {
      await expect(confirm.getByRole('group', { name: /空欄の記録/ })).toBeVisible();
      await confirm.getByRole('checkbox', { name: /空欄のまま、これらも確定する/ }).check();
    }
    await confirm.getByRole('button', { name: `37件を「${status}」にする` }).click();
    await expect(page.locator('.notice').last()).toContainText(`37件を「${status}」にしました`);
    // the choice resets after use
    await expect(page.getByRole('combobox', { name: '変更後の状況' })).toHaveValue('');
  }
  await expect(round).toContainText('確定 37');
  await expect(cell(page, 1, 'status')).toHaveText('確定');

  // the grid refuses an edit of a locked record
  await cell(page, 1, 'resultText').click();
  await page.keyboard.type('書き換え');
  await expect(page.locator('.notice-error').last()).toContainText('確定済みのため変更できません');
  await expect(page.locator('.notice-error')).toHaveCount(1);
  // and so does the API, whatever the client
  const rec = (await records(page)).find((r) => r.id === 1)!;
  const refused = await api(page, 'pdca.records.update', {
    changes: [{ recordId: 1, patch: { resultText: 'x' } }],
  });
  expect(refused.ok).toBe(false);
  expect(refused.error!.code).toBe('LOCKED');
  expect((await records(page)).find((r) => r.id === 1)!.resultText).toBe(rec.resultText);

  // the dashboard shows everything 確定
  await nav(page, 'ダッシュボード').click();
  await expect(page.locator('.dash-card').filter({ hasText: '回答・確定の状況' })).toContainText(
    '確定 37／37件',
  );

  // unlocking one needs a reason, then it can be edited again
  await nav(page, 'PDCA進捗管理').click();
  await cell(page, 1, 'code').click();
  await page.getByRole('button', { name: '確定を解除…' }).click();
  const dialog = page.getByRole('dialog', { name: /状況を「確認済」にする/ });
  await dialog.getByRole('textbox').fill('委員会の意見を受けて実績を訂正するため');
  await dialog.getByRole('button', { name: '1件を「確認済」にする' }).click();
  await expect(cell(page, 1, 'status')).toHaveText('確認済');
  await cell(page, 1, 'resultText').click();
  await page.keyboard.press('F2');
  await page.keyboard.type('（訂正）');
  await page.keyboard.press('Enter');
  await expect(cell(page, 1, 'resultText')).toContainText('（訂正）');
  await cell(page, 1, 'code').click();
  const panel = page.getByRole('complementary', { name: /1-\(1\)-1 の進捗の詳細/ });
  await expect(
    panel.getByText(/確定解除の理由：.*委員会の意見を受けて実績を訂正するため/),
  ).toBeVisible();
  await expect(panel.getByText(/取組実績：.*（訂正）/)).toBeVisible();
});

test('a scale cell offers its values with Alt+↓: arrows, type-ahead by symbol, Enter; Esc leaves it as it was', async ({
  page,
}) => {
  await openPdca(page);
  await page.getByRole('button', { name: `${FY}の照会回を作成` }).click();
  await cell(page, 1, 'evaluationId').click();

  await page.keyboard.press('Alt+ArrowDown');
  const list = page.getByRole('listbox', { name: '自己評価の選択肢' });
  await expect(list).toBeFocused();
  const options = await list.getByRole('option').allTextContents();
  expect(options).toContain('A 計画どおり');
  expect(options.at(-1)).toBe('（空欄にする）');
  // by symbol
  await page.keyboard.press('b');
  await expect(list.getByRole('option', { selected: true })).toHaveText(/^B /);
  await page.keyboard.press('Enter');
  await expect(list).toBeHidden();
  await expect(cell(page, 1, 'evaluationId')).toContainText(/^B /);
  await expect(page.getByTestId('grid-input')).toBeFocused();
  await expect
    .poll(async () => (await records(page)).find((r) => r.id === 1)?.evaluationId)
    .not.toBeNull();

  // a symbol again, then the arrows
  await page.keyboard.press('Alt+ArrowDown');
  await page.keyboard.press('a');
  await expect(list.getByRole('option', { selected: true })).toHaveText('A 計画どおり');
  await page.keyboard.press('ArrowUp');
  const above = await list.getByRole('option', { selected: true }).textContent();
  await page.keyboard.press('Enter');
  await expect(cell(page, 1, 'evaluationId')).toHaveText(above!);

  // Esc closes and changes nothing
  await page.keyboard.press('Alt+ArrowDown');
  await page.keyboard.press('End');
  await page.keyboard.press('Escape');
  await expect(list).toBeHidden();
  await expect(cell(page, 1, 'evaluationId')).toHaveText(above!);
});

test('「選んだ項目に」 right after a move acts on the row moved to; the panel follows the cursor', async ({
  page,
}) => {
  await page.goto(host.url);
  await seedYear(page, false);
  await openPdca(page);
  await cell(page, 1, 'code').click();
  await expect(page.getByRole('complementary', { name: /1-\(1\)-1 の進捗の詳細/ })).toBeVisible();
  await page.getByRole('combobox', { name: '変更後の状況' }).selectOption({ label: '依頼中' });

  // record 1 → ↓ to the next row → the button at once
  await cell(page, 1, 'code').click();
  await page.keyboard.press('ArrowDown');
  await page.getByRole('button', { name: '選んだ項目に' }).click();
  const below = (await page.locator('.grid-row.active').getAttribute('data-row-key'))!;
  expect(below).toMatch(/^r\d+$/);
  expect(below).not.toBe('r1');
  const id = Number(below.slice(1));
  await expect(cell(page, id, 'status')).toHaveText('依頼中');
  await expect(cell(page, 1, 'status')).toHaveText('未依頼');
  const rec = (await records(page)).find((r) => r.id === id)!;
  expect(rec.status).toBe('requested');
  expect((await records(page)).find((r) => r.id === 1)!.status).toBe('unrequested');

  // the panel shows the row the cursor rests on
  const code = (await cell(page, id, 'code').textContent())!.trim();
  await expect(
    page.getByRole('complementary', { name: `改革項目 ${code} の進捗の詳細` }),
  ).toBeVisible();
});
