import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { callApi, startHost } from './host';
import type { RunningHost } from './host';

/**
 * One undo for the whole app, on the server: a cell edit, a bulk status
 * change, a move, a section rename and an import, each taken back by Ctrl+Z
 * in reverse order and put again by Ctrl+Y; an undo that a later change
 * makes impossible says why.
 */
let host: RunningHost;
test.beforeEach(async () => {
  host = await startHost();
});
test.afterEach(async () => {
  await host.stop();
});

const api = <T>(page: Page, channel: string, data: unknown) =>
  callApi<T>(page, host, channel, data);
const nav = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('button', { name });
const notice = (page: Page) => page.locator('.notice').last();
const cell = (page: Page, key: string, col: string) =>
  page.locator(`[data-row-key="${key}"] [data-col="${col}"]`);

interface State {
  name1: string;
  statuses: string[];
  order: number[];
  section: string | undefined;
  answer: string;
}
async function state(page: Page, roundId: number): Promise<State> {
  const items = await api<{ id: number; name: string; areaId: number }[]>(page, 'items.list', {
    planId: 1,
  });
  const records = await api<{ itemId: number; status: string; resultText: string }[]>(
    page,
    'pdca.records.list',
    { roundId },
  );
  const org = await api<{ id: number; name: string }[]>(page, 'org.list', { fiscalYear: 2024 });
  return {
    name1: items.find((i) => i.id === 1)!.name,
    statuses: [...new Set(records.map((r) => r.status))].sort(),
    order: items.filter((i) => i.areaId === 1).map((i) => i.id),
    section: org.find((u) => u.id === 7 || /税務/.test(u.name))?.name,
    answer: records.find((r) => r.itemId === 2)!.resultText,
  };
}

test('Ctrl+Z takes back exactly the newest operation, whatever screen it was made on; Ctrl+Y puts it again', async ({
  page,
}) => {
  await page.goto(host.url);
  await page.locator('[data-row-key="i1"]').waitFor();
  const [round] = await api<{ id: number }[]>(page, 'pdca.rounds.open', {
    planId: 1,
    fiscalYear: 2024,
  });
  await page.evaluate(() => localStorage.setItem('gyokaku.pdca.fiscalYear', '2024'));
  await page.reload();
  await page.locator('[data-row-key="i1"]').waitFor();
  const states: State[] = [await state(page, round!.id)];

  // 1. a cell edit in the 改革項目 grid
  await cell(page, 'i1', 'name').click();
  await page.keyboard.type('取り消される名前');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await state(page, round!.id)).name1).toBe('取り消される名前');
  states.push(await state(page, round!.id));

  // 2. a bulk status change in the PDCA grid
  await nav(page, 'PDCA進捗管理').click();
  await page.getByRole('combobox', { name: '変更後の状況' }).selectOption({ label: '依頼中' });
  await page.getByRole('button', { name: /表示中の37項目すべてに/ }).click();
  await page
    .getByRole('dialog', { name: '状況を「依頼中」にする' })
    .getByRole('button', { name: '37件を「依頼中」にする' })
    .click();
  await expect(notice(page)).toContainText('37件を「依頼中」にしました');
  states.push(await state(page, round!.id));

  // 3. a move in the 改革項目 grid, from the keyboard (Alt+Shift+↓)
  await nav(page, '改革項目').click();
  await cell(page, 'i1', 'promotion').click();
  await page.keyboard.press('Alt+Shift+ArrowDown');
  await expect(page.getByRole('status').filter({ hasText: 'を下へ移動しました' })).toBeVisible();
  await expect
    .poll(async () => (await state(page, round!.id)).order)
    .not.toEqual(states[states.length - 1]!.order);
  states.push(await state(page, round!.id));

  // 4. a section renamed
  await nav(page, '部・課').click();
  await page
    .getByRole('row', { name: /税務課/ })
    .getByRole('button', { name: '名称変更' })
    .click();
  const dialog = page.getByRole('dialog', { name: '「税務課」の名称変更' });
  await dialog.getByLabel('新しい名称').fill('税務収納課');
  await dialog.getByLabel('変更が効力を持つ年度').selectOption({ label: '令和6年度' });
  await dialog.getByRole('button', { name: '決定' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: '「税務収納課」にしました' }),
  ).toBeVisible();
  states.push(await state(page, round!.id));

  // 5. a return imported through the Excel screen
  const targets = await api<{ orgUnitId: number; name: string }[]>(page, 'exchange.exportTargets', {
    roundId: round!.id,
    scope: 'section',
  });
  const target = targets.find((t) => t.name === '人事行政課')!;
  const exported = await api<{ data: Uint8Array }>(page, 'exchange.exportWorkbook', {
    roundId: round!.id,
    orgUnitId: target.orgUnitId,
    scope: 'section',
    contact: '内線1',
  });
  const bytes = Buffer.from(exported.data);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('進捗管理表')!;
  const cols = new Map<string, number>();
  ws.getRow(4).eachCell((c, i) => cols.set(c.text, i));
  for (let r = 5; r <= ws.rowCount; r++)
    if (ws.getCell(r, 2).text === '1-(1)-2')
      ws.getCell(r, cols.get('取組実績（D）')!).value = '課からの回答';
  const answerPath = test.info().outputPath('令和6年度_実績_人事行政課_回答.xlsx');
  fs.writeFileSync(answerPath, Buffer.from(await wb.xlsx.writeBuffer()));
  await nav(page, 'Excel 照会・回収').click();
  await page.getByLabel('返送された照会ファイルを選ぶ').setInputFiles(answerPath);
  const preview = page.getByRole('article', { name: /回答.xlsxの確認/ });
  await preview.getByRole('button', { name: /欄を取り込む/ }).click();
  await expect.poll(async () => (await state(page, round!.id)).answer).toBe('課からの回答');
  states.push(await state(page, round!.id));
  expect(new Set(states.map((s) => JSON.stringify(s))).size).toBe(6);

  // Ctrl+Z five times: each takes back exactly the newest, in reverse order
  const labels = ['の取込', '名称変更', 'を下へ移動', '件の状況を変更', ''];
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  for (let k = 5; k >= 1; k--) {
    await page.keyboard.press('Control+z');
    await expect(notice(page)).toContainText(`元に戻しました：`);
    await expect(notice(page)).toContainText(labels[5 - k]!);
    await expect.poll(async () => state(page, round!.id)).toEqual(states[k - 1]);
  }
  // Ctrl+Y five times: each puts the next one again
  for (let k = 1; k <= 5; k++) {
    await page.keyboard.press('Control+y');
    await expect(notice(page)).toContainText('やり直しました：');
    await expect.poll(async () => state(page, round!.id)).toEqual(states[k]);
  }
  await page.screenshot({ path: 'docs/screenshots/undo.png' });
});

test('an undo made impossible by a later change says why, and changes nothing', async ({
  page,
}) => {
  await page.goto(host.url);
  await page.locator('[data-row-key="i1"]').waitFor();
  await cell(page, 'i3', 'name').click();
  await page.keyboard.type('田中の入力');
  await page.keyboard.press('Enter');
  await expect
    .poll(async () => (await api<{ name: string }>(page, 'items.get', { itemId: 3 })).name)
    .toBe('田中の入力');
  // someone else changes the same item afterwards
  await api(page, 'items.update', { itemId: 3, patch: { name: '別の人の入力' } });
  await page.keyboard.press('Control+z');
  await expect(notice(page)).toContainText('元に戻せません');
  await expect(notice(page)).toContainText('同じところが変更されているため');
  expect((await api<{ name: string }>(page, 'items.get', { itemId: 3 })).name).toBe('別の人の入力');
});
