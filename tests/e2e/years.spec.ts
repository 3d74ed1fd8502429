import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { callApi, openAtFiscalYear, startHost } from './host';
import type { RunningHost } from './host';

/**
 * Years through the screens: a 機構改革 from 令和7年度 leaves 令和6年度 as it
 * was (grid, 未回答一覧, dashboard, reports, six workbooks); an item added
 * mid-plan joins the open round only; a return with blank rows and a
 * supporting section's row makes only the answered lead rows 回答済; the
 * year is closed and stays closed. Each test has its own store.
 */
let host: RunningHost;
test.beforeEach(async () => {
  host = await startHost();
});
test.afterEach(async () => {
  await host.stop();
});

const menu = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('button', { name });

const api = <T>(page: Page, channel: string, data: unknown) =>
  callApi<T>(page, host, channel, data);

async function openAt(page: Page, fy: number) {
  await openAtFiscalYear(page, host, fy);
}

test('a section renamed from 令和7年度: 令和6年度 keeps 人事行政課 everywhere and still goes out to six sections', async ({
  page,
}) => {
  await openAt(page, 2024);
  await api(page, 'pdca.rounds.open', { planId: 1, fiscalYear: 2024 });
  await api(page, 'pdca.rounds.open', { planId: 1, fiscalYear: 2025 });

  // the rename, as staff do it
  await menu(page, '部・課').click();
  await page
    .getByRole('row', { name: /人事行政課/ })
    .getByRole('button', { name: '名称変更' })
    .click();
  const dialog = page.getByRole('dialog', { name: '「人事行政課」の名称変更' });
  await dialog.getByLabel('新しい名称').fill('行政経営課');
  await dialog.getByLabel('変更が効力を持つ年度').selectOption({ label: '令和7年度' });
  await dialog.getByRole('button', { name: '決定' }).click();
  await expect(page.getByRole('row', { name: /行政経営課/ })).toBeVisible();

  // PDCA grid of 令和6年度: the 担当課 column and the filter say 人事行政課
  await menu(page, 'PDCA進捗管理').click();
  await expect(page.getByRole('heading', { name: /PDCA進捗管理\s*令和6年度/ })).toBeVisible();
  const grid = page.getByRole('grid');
  await expect(
    grid.locator('[data-row-key^="r"]').filter({ hasText: '行政手続の簡素化' }),
  ).toContainText('人事行政課');
  await expect(grid).not.toContainText('行政経営課');
  await expect(
    page.getByRole('search').getByLabel('担当課').locator('option', { hasText: '人事行政課' }),
  ).toHaveCount(1);

  // 未回答一覧
  await page.getByRole('button', { name: '未回答一覧' }).click();
  const un = page.getByRole('dialog', { name: /未回答一覧/ });
  await expect(un).toContainText('人事行政課');
  await expect(un).not.toContainText('行政経営課');
  await un.getByRole('button', { name: '閉じる' }).first().click();

  // dashboard
  await menu(page, 'ダッシュボード').click();
  await expect(page.getByRole('main')).toContainText('人事行政課');
  await expect(page.getByRole('main')).not.toContainText('行政経営課');

  // 照会 export: six sections, 人事行政課 with its file name
  await menu(page, 'Excel 照会・回収').click();
  const targets = page.locator('table.export-targets tbody tr');
  await expect(targets).toHaveCount(6);
  await expect(page.locator('table.export-targets')).toContainText(
    '令和6年度_実績_人事行政課_進捗管理表.xlsx',
  );
  await expect(page.locator('table.export-targets')).not.toContainText('行政経営課');
  await page.getByLabel('問合せ先（記入要領に載ります）').fill('人事行政課 行政改革係');
  const files: string[] = [];
  page.on('download', (d) => files.push(d.suggestedFilename()));
  await page.getByRole('button', { name: '6件をダウンロード' }).click();
  await expect(page.getByRole('status').filter({ hasText: '6件を出力しました' })).toBeVisible();
  await expect.poll(() => files.length).toBe(6);
  expect(files).toContain('令和6年度_実績_人事行政課_進捗管理表.xlsx');

  // 令和7年度 goes to 行政経営課
  const r7 = await api<{ id: number }[]>(page, 'pdca.rounds.list', { planId: 1, fiscalYear: 2025 });
  const t7 = await api<{ name: string }[]>(page, 'exchange.exportTargets', {
    roundId: r7[0]!.id,
    scope: 'section',
  });
  expect(t7.map((t) => t.name)).toContain('行政経営課');
  expect(t7.map((t) => t.name)).not.toContain('人事行政課');
});

test('an item added mid-plan asks its first year, joins the open round and leaves the closed year alone', async ({
  page,
}) => {
  await openAt(page, 2024);
  // 令和5年度 answered, 確定 and closed through the screen's API; 令和6年度 open
  const [r5] = await api<{ id: number }[]>(page, 'pdca.rounds.open', {
    planId: 1,
    fiscalYear: 2023,
  });
  const recs = await api<{ id: number }[]>(page, 'pdca.records.list', { roundId: r5!.id });
  const ids = recs.map((r) => r.id);
  await api(page, 'pdca.records.setStatus', {
    recordIds: ids,
    status: 'final',
    confirmEmptyIds: ids,
  });
  await api(page, 'years.close', { planId: 1, fiscalYear: 2023 });
  await api(page, 'pdca.rounds.open', { planId: 1, fiscalYear: 2024 });
  await page.reload();
  await page.locator('[data-row-key="i1"]').waitFor();

  await page.locator('[data-row-key="i1"]').click();
  await page
    .getByRole('toolbar', { name: '改革項目の操作' })
    .getByRole('button', { name: '改革項目を追加' })
    .click();
  const ask = page.getByRole('dialog', { name: '改革項目の追加' });
  const year = ask.getByLabel(/追加年度/);
  await expect(year).toHaveValue('2024');
  await expect(year.locator('option', { hasText: '令和5年度（締め済み）' })).toBeDisabled();
  await ask.getByRole('button', { name: '追加する' }).click();
  await expect(page.locator('.notice').last()).toContainText('改革項目を追加しました');

  await menu(page, 'PDCA進捗管理').click();
  await expect(page.getByRole('status').filter({ hasText: /^38項目$/ })).toBeVisible();
  await expect(page.getByRole('grid')).toContainText('新しい改革項目');
  await page.getByRole('button', { name: '未回答一覧' }).click();
  await expect(page.getByRole('dialog', { name: /未回答一覧/ })).toContainText('新しい改革項目');
  await page
    .getByRole('dialog', { name: /未回答一覧/ })
    .getByRole('button', { name: '閉じる' })
    .first()
    .click();

  // 令和5年度: still 37 items, closed
  await page.getByRole('combobox', { name: '年度', exact: true }).selectOption('2023');
  await expect(page.getByRole('status').filter({ hasText: /^37項目$/ })).toBeVisible();
  await expect(page.getByText('令和5年度は締めています')).toBeVisible();
  await menu(page, 'ダッシュボード').click();
  await expect(page.getByText('締め済み')).toBeVisible();
});

test('a return with blank rows and a supporting row: only the answered lead rows become 回答済; bulk 確定 asks first', async ({
  page,
}) => {
  await openAt(page, 2025);
  const [round] = await api<{ id: number }[]>(page, 'pdca.rounds.open', {
    planId: 1,
    fiscalYear: 2025,
  });
  await page.reload();
  await page.locator('[data-row-key="i1"]').waitFor();
  await menu(page, 'Excel 照会・回収').click();
  await expect(page.getByRole('region', { name: '回答する課がない改革項目' })).toContainText('5件');
  await page.getByRole('checkbox', { name: 'すべて選ぶ' }).uncheck();
  await page.getByRole('checkbox', { name: '人事行政課を出力する' }).check();
  await page.getByLabel('問合せ先（記入要領に載ります）').fill('人事行政課');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: '1件をダウンロード' }).click();
  const saved = test.info().outputPath('out.xlsx');
  await (await downloading).saveAs(saved);

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(saved);
  const ws = wb.getWorksheet('進捗管理表')!;
  const cols = new Map<string, number>();
  ws.getRow(4).eachCell((c, i) => cols.set(c.text, i));
  const rowOf = (code: string) => {
    for (let r = 5; r <= ws.rowCount; r++) if (ws.getCell(r, 2).text === code) return r;
    throw new Error(code);
  };
  ws.getCell(rowOf('1-(1)-1'), cols.get('取組実績（D）')!).value = '手続を20件追加';
  ws.getCell(rowOf('1-(1)-1'), cols.get('自己評価')!).value = 'S 計画以上';
  ws.getCell(rowOf('1-(1)-2'), cols.get('自己評価')!).value = 'A 計画どおり';
  ws.getCell(rowOf('1-(1)-4'), cols.get('取組実績（D）')!).value = '支援課の書き込み';
  ws.spliceRows(rowOf('1-(1)-3'), 0, [], []); // blank rows in the middle
  const back = test.info().outputPath('令和7年度_人事行政課_回答.xlsx');
  fs.writeFileSync(back, Buffer.from(await wb.xlsx.writeBuffer()));
  await page.getByLabel('返送された照会ファイルを選ぶ').setInputFiles(back);
  const preview = page.getByRole('article', { name: /人事行政課_回答.xlsxの確認/ });
  await expect(preview).toContainText('支援課として参考に送った行');
  await preview.getByRole('button', { name: '選んだ 3欄を取り込む' }).click();
  await expect(page.locator('.notice').last()).toContainText('3欄を反映');

  const records = await api<{ itemId: number; status: string }[]>(page, 'pdca.records.list', {
    roundId: round!.id,
  });
  expect(records.filter((r) => r.status === 'answered').map((r) => r.itemId)).toEqual([1, 2]);

  await menu(page, 'PDCA進捗管理').click();
  await page.getByRole('button', { name: '未回答一覧' }).click();
  const un = page.getByRole('dialog', { name: /未回答一覧/ });
  await expect(un).toContainText('財政課');
  await un.getByRole('button', { name: '閉じる' }).first().click();

  // bulk 確定: counts by status, blank records listed and left out unless ticked
  await page.getByLabel('変更後の状況').selectOption({ label: '確定' });
  await page.getByRole('button', { name: /表示中の37項目すべてに/ }).click();
  const confirm = page.getByRole('dialog', { name: '状況を「確定」にする' });
  await expect(confirm.getByRole('table', { name: 'いまの状況ごとの件数' })).toContainText(
    '回答済2件',
  );
  await expect(confirm).toContainText('空欄の記録 36件');
  await confirm.getByRole('button', { name: '1件を「確定」にする' }).click();
  await expect(page.locator('.notice').last()).toContainText('1件を「確定」にしました');
  await expect(page.getByLabel('変更後の状況')).toHaveValue('');
});
