import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { startHost } from './host';
import type { RunningHost } from './host';

let host: RunningHost;
test.beforeAll(async () => {
  host = await startHost();
});
test.afterAll(async () => {
  await host.stop();
});

function collectProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('request', (r) => {
    if (!r.url().startsWith(host.origin) && !r.url().startsWith('data:'))
      problems.push(`remote request: ${r.url()}`);
  });
  return problems;
}

test('shows the 二本松市 sample plan on first start', async ({ page }) => {
  const problems = collectProblems(page);
  await page.goto(host.url);
  await expect(
    page.getByRole('heading', { name: /二本松市市政改革推進行動計画\s+全改革項目/ }),
  ).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: '37項目' })).toBeVisible();
  const tree = page.getByRole('tree', { name: '重点項目と取組分野' });
  await expect(tree.getByRole('treeitem')).toHaveCount(1 + 3 + 9);
  const grid = page.getByRole('grid', { name: /全改革項目/ });
  await expect(grid).toHaveAttribute('aria-rowcount', String(1 + 37 + 3 + 9));
  await expect(
    grid.getByRole('gridcell', { name: 'キャッシュレス決済の導入', exact: true }),
  ).toBeVisible();
  // the token is taken out of the address bar once read
  expect(new URL(page.url()).hash).toBe('');
  expect(problems).toEqual([]);
});

test('navigates 重点項目 and 取組分野 from the keyboard', async ({ page }) => {
  await page.goto(host.url);
  const tree = page.getByRole('tree', { name: '重点項目と取組分野' });
  await tree.getByRole('treeitem', { name: /計画全体/ }).focus();
  await page.keyboard.press('ArrowDown'); // 重点項目1
  await page.keyboard.press('ArrowDown'); // (1)
  await page.keyboard.press('ArrowDown'); // (2) ICT
  await page.keyboard.press('Enter');
  await expect(
    page.getByRole('heading', { name: /\(2\) ICT利活用による業務効率化/ }),
  ).toBeVisible();
  await expect(page.locator('[data-row-key^="i"]')).toHaveCount(4);
  await expect(page.getByRole('status').filter({ hasText: '4項目（全37項目中）' })).toBeVisible();
  await expect(tree.getByRole('treeitem', { selected: true })).toContainText('ICT利活用');
  // collapse 重点項目1 with ArrowLeft from its child, then ArrowLeft again
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(tree.getByRole('treeitem', { name: /重点項目1/ })).toHaveAttribute(
    'aria-expanded',
    'false',
  );
  await expect(tree.getByRole('treeitem')).toHaveCount(1 + 3 + 6);
});

test('opens an item, edits it, and the change survives a reload and a restart', async ({
  page,
}) => {
  await page.goto(host.url);
  await page.locator('[data-row-key="i2"] [data-col="promotion"]').click();
  const detail = page.getByRole('complementary', { name: /改革項目 1-\(1\)-2 の詳細/ });
  await expect(detail).toBeVisible();
  await expect(detail.getByText('総務部　人事行政課　関係部課')).toBeVisible();
  await detail.getByRole('button', { name: '編集' }).click();
  await detail.getByLabel('改革項目名').fill('押印・署名の見直し');
  await detail.getByLabel('推進内容').fill('申請書類等への押印を原則廃止する。');
  await detail.getByRole('button', { name: '保存' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: '「押印・署名の見直し」を保存しました。' }),
  ).toBeVisible();
  const history = detail.getByRole('region', { name: '変更履歴' });
  await expect(history).toContainText('改革項目名：押印の見直し → 押印・署名の見直し');
  await expect(history).toContainText('推進内容：');
  // when (和暦), who and from where, each its own word
  const meta = history.locator('.history-meta').first();
  await expect(meta.locator('time')).toHaveText(/^令和\d+年\d+月\d+日 \d\d:\d\d$/);
  await expect(meta.locator('.history-source')).toHaveText('画面');
  expect(await meta.innerText()).not.toMatch(/\S画面/);

  await page.reload();
  await expect(
    page.getByRole('gridcell', { name: '押印・署名の見直し', exact: true }),
  ).toBeVisible();

  const storePath = host.storePath;
  await host.stop();
  host = await startHost(storePath);
  await page.goto(host.url);
  await expect(
    page.getByRole('gridcell', { name: '押印・署名の見直し', exact: true }),
  ).toBeVisible();
  await expect(page.locator('[data-row-key="i2"] [data-col="promotion"]')).toHaveText(
    '申請書類等への押印を原則廃止する。',
  );
});

test('tells the user what went wrong when a save is refused', async ({ page }) => {
  await page.goto(host.url);
  await page.locator('[data-row-key="i3"] [data-col="promotion"]').click();
  const detail = page.getByRole('complementary', { name: /1-\(1\)-3/ });
  await detail.getByRole('button', { name: '編集' }).click();
  // another window changes the same item meanwhile
  const other = await page.request.post(`${host.origin}/api/items.update`, {
    headers: { 'x-gyokaku-token': host.token },
    data: { itemId: 3, patch: { promotion: '別の画面での変更' } },
  });
  expect(other.status()).toBe(200);
  await detail.getByLabel('推進内容').fill('古い画面からの変更');
  await detail.getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('alert')).toContainText('最新の内容を読み込み直してから');
});

test('the about box shows the store and lets the user set the display name', async ({ page }) => {
  await page.goto(host.url);
  await page.getByRole('button', { name: 'このアプリについて' }).click();
  const dialog = page.getByRole('dialog', { name: '行革デスクについて' });
  await expect(dialog).toContainText(host.storePath);
  await expect(dialog).toContainText('ブラウザ版');
  await dialog.getByLabel('変更履歴に記録する表示名').fill('人事行政課 山田');
  await dialog.getByRole('button', { name: '表示名を保存' }).click();
  await expect(page.getByRole('banner')).toContainText('人事行政課 山田');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test("a typed cell is saved over the page's socket, not a request, and reads back the same", async ({
  page,
}) => {
  const sockets: string[] = [];
  const sent: string[] = [];
  page.on('websocket', (ws) => {
    sockets.push(ws.url());
    ws.on('framesent', (f) => sent.push(String(f.payload)));
  });
  const saveRequests: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/items.')) saveRequests.push(r.url());
  });
  const opened = page.waitForEvent('websocket');
  await page.goto(host.url);
  // the socket is made once the page is idle after its start, and is open
  // well before the second of two edits
  await opened;
  const stored = async (itemId: number) => {
    const res = await page.request.post(`${host.origin}/api/items.get`, {
      headers: { 'x-gyokaku-token': host.token },
      data: { itemId },
    });
    return ((await res.json()) as { value: { name: string } }).value.name;
  };
  const type = async (itemId: number, text: string) => {
    const name = page.locator(`[data-row-key="i${itemId}"] [data-col="name"]`);
    await name.click();
    await page.keyboard.type(text);
    await page.keyboard.press('Enter');
    await expect(name).toHaveText(text);
    await expect.poll(() => stored(itemId)).toBe(text);
  };
  await type(3, '最初に保存した名前');
  const httpBefore = saveRequests.length;
  await type(4, 'ソケットで保存した名前');
  expect(sockets).toEqual([`${host.origin.replace('http', 'ws')}/api/socket`]);
  expect(sent.some((m) => m.includes('"items.updateMany"') && m.includes('"itemId":4'))).toBe(true);
  expect(saveRequests.slice(httpBefore)).toEqual([]);
});

test('the API refuses calls without the token, from another origin, and the page carries a CSP', async ({
  page,
  request,
}) => {
  const noToken = await request.post(`${host.origin}/api/plans.list`, { data: {} });
  expect(noToken.status()).toBe(401);
  const foreign = await request.post(`${host.origin}/api/plans.list`, {
    headers: { 'x-gyokaku-token': host.token, Origin: 'http://evil.example' },
    data: {},
  });
  expect(foreign.status()).toBe(403);
  const res = await page.goto(host.url);
  expect(res!.headers()['content-security-policy']).toContain("default-src 'none'");
  await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute(
    'content',
    /script-src 'self'/,
  );
  // an inline script is blocked by the CSP
  const ran = await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__inline = 1';
    document.body.appendChild(s);
    return (window as unknown as { __inline?: number }).__inline === 1;
  });
  expect(ran).toBe(false);
});

test('a page opened without the token explains how to open the app', async ({ page }) => {
  await page.goto(host.origin + '/');
  await expect(page.getByRole('alert')).toContainText('起動したときに表示されたアドレス');
});
