import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { callApi, openAtFiscalYear, startHost } from './host';
import type { RunningHost } from './host';

/**
 * The 照会・回収 cycle through the screen: export a section's workbook,
 * answer it (as the section would, in a spreadsheet program), drop it back
 * in, check the preview (a conflict starts unticked), import, see the answer
 * in the PDCA grid and the history, and undo the import.
 */
let host: RunningHost;
test.beforeAll(async () => {
  host = await startHost();
});
test.afterAll(async () => {
  await host.stop();
});

const api = <T>(page: Page, channel: string, data: unknown) =>
  callApi<T>(page, host, channel, data);

async function answer(
  path: string,
  edits: Record<string, Record<string, string | number>>,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.getWorksheet('進捗管理表')!;
  const cols = new Map<string, number>();
  ws.getRow(4).eachCell((c, i) => cols.set(c.text, i));
  for (let r = 5; r <= ws.rowCount; r++) {
    const e = edits[ws.getCell(r, 2).text];
    if (e) for (const [h, v] of Object.entries(e)) ws.getCell(r, cols.get(h)!).value = v;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

test('export a section workbook, import the answer with a conflict, then undo the import', async ({
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
  await page
    .getByRole('navigation', { name: 'メインメニュー' })
    .getByRole('button', { name: 'Excel 照会・回収' })
    .click();
  await expect(
    page.getByRole('heading', { name: /Excel 照会・回収\s*令和6年度\s*実績/ }),
  ).toBeVisible();

  // only 人事行政課 — once the sections have arrived (unticking all before they
  // load would be undone by the load, which ticks every section of a new round)
  await expect(page.getByRole('checkbox', { name: '人事行政課を出力する' })).toBeVisible();
  await page.getByRole('checkbox', { name: 'すべて選ぶ' }).uncheck();
  await page.getByRole('checkbox', { name: '人事行政課を出力する' }).check();
  await page
    .getByLabel('問合せ先（記入要領に載ります）')
    .fill('総務部 人事行政課 行政改革係（内線 1234）');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: '1件をダウンロード' }).click();
  const dl = await downloading;
  expect(dl.suggestedFilename()).toBe('令和6年度_実績_人事行政課_進捗管理表.xlsx');
  const saved = test.info().outputPath('out.xlsx');
  await dl.saveAs(saved);
  await expect(page.getByRole('status').filter({ hasText: '1件を出力しました' })).toBeVisible();

  // meanwhile the 事務局 writes 1-(1)-1's result in the app
  const records = await api<{ id: number; itemId: number }[]>(page, 'pdca.records.list', {
    roundId: round!.id,
  });
  const r1 = records.find((r) => r.itemId === 1)!;
  await api(page, 'pdca.records.update', {
    changes: [{ recordId: r1.id, patch: { resultText: '事務局の記入' } }],
  });

  const back = await answer(saved, {
    '1-(1)-1': { '取組実績（D）': '課の回答', 自己評価: 'A 計画どおり' },
    '1-(1)-2': { '取組実績（D）': '押印を30手続で廃止した', '効果額 実績 歳出削減（千円）': 1500 },
  });
  const answerPath = test.info().outputPath('令和6年度_実績_人事行政課_回答.xlsx');
  fs.writeFileSync(answerPath, back);
  await page.getByLabel('返送された照会ファイルを選ぶ').setInputFiles(answerPath);

  const preview = page.getByRole('article', { name: /令和6年度_実績_人事行政課_回答.xlsxの確認/ });
  await expect(preview).toBeVisible();
  const conflict = preview.getByRole('checkbox', { name: '1-(1)-1 取組実績（D）を取り込む' });
  await expect(conflict).not.toBeChecked();
  await expect(
    preview.getByRole('row', { name: /取組実績（D）.*事務局の記入.*課の回答.*衝突/ }),
  ).toBeVisible();
  await expect(
    preview.getByRole('checkbox', { name: '1-(1)-2 取組実績（D）を取り込む' }),
  ).toBeChecked();
  await preview.getByRole('button', { name: '選んだ 3欄を取り込む' }).click();
  await expect(page.locator('.notice').last()).toContainText('3欄を反映');

  const after = await api<
    { itemId: number; resultText: string; savingActual: number | null; status: string }[]
  >(page, 'pdca.records.list', { roundId: round!.id });
  const get = (id: number) => after.find((r) => r.itemId === id)!;
  expect(get(1).resultText).toBe('事務局の記入');
  expect(get(2)).toMatchObject({
    resultText: '押印を30手続で廃止した',
    savingActual: 1_500_000,
    status: 'answered',
  });
  await expect(page.getByRole('status').filter({ hasText: /回答状況：\d+／37項目/ })).toBeVisible();

  // history and undo
  const row = page.getByRole('row', { name: /令和6年度_実績_人事行政課_回答.xlsx/ });
  await expect(row).toContainText('3件');
  await row.getByRole('button', { name: '取込を取り消す' }).click();
  await expect(page.locator('.notice').last()).toContainText('取込を取り消しました');
  const undone = await api<{ itemId: number; resultText: string; status: string }[]>(
    page,
    'pdca.records.list',
    {
      roundId: round!.id,
    },
  );
  expect(undone.find((r) => r.itemId === 2)).toMatchObject({
    resultText: '',
    status: 'unrequested',
  });
});

test('a file that is not a returned workbook is refused with what to do, nothing written', async ({
  page,
}) => {
  await openAtFiscalYear(page, host, 2024);
  await page
    .getByRole('navigation', { name: 'メインメニュー' })
    .getByRole('button', { name: 'Excel 照会・回収' })
    .click();
  const csv = test.info().outputPath('回答.csv');
  fs.writeFileSync(csv, 'No.,改革項目\r\n1-(1)-1,x\r\n');
  await page.getByLabel('返送された照会ファイルを選ぶ').setInputFiles(csv);
  const preview = page.getByRole('article', { name: /回答.csvの確認/ });
  await expect(preview.getByRole('alert')).toContainText('CSV（文字だけのファイル）です');
  await expect(preview.getByRole('button', { name: /取り込む/ })).toHaveCount(0);
});

test("another city's plan workbook comes in through the column mapping with a live preview", async ({
  page,
}) => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('行革プラン');
  ws.addRow(['木津川市行財政改革推進計画']);
  ws.addRow(['重点', '分野', '番号', '取組項目', '取組内容', '担当', 'R6', 'R7', 'R8', '備考']);
  ws.addRow([
    '1 行政運営の効率化',
    '(1) デジタル化',
    'R1-1',
    '電子申請の拡充',
    '申請手続を電子化する',
    '総務部\n情報政策課',
    '○',
    '○',
    '',
    '',
  ]);
  ws.addRow([
    '',
    '',
    'R1-2',
    'ペーパーレス会議',
    '会議資料を電子化',
    '総務部／総務課',
    '',
    '検討',
    '○',
    '',
  ]);
  ws.addRow(['', '', '', '', '取組名がない行', '', '', '', '', '']);
  const file = test.info().outputPath('kizugawa.xlsx');
  await wb.xlsx.writeFile(file);

  await page.goto(host.url);
  await page.locator('[data-row-key="i1"]').waitFor();
  await page
    .getByRole('navigation', { name: 'メインメニュー' })
    .getByRole('button', { name: '計画の選択' })
    .click();
  await page.getByRole('button', { name: '計画を Excel から取り込む…' }).click();
  const dialog = page.getByRole('dialog', { name: '計画を Excel から取り込む' });
  await dialog.getByLabel('取り込む計画の Excel ファイル').setInputFiles(file);
  await expect(dialog.getByRole('status')).toContainText('改革項目 2件を読み取りました');
  await expect(dialog.locator('.problems.warnings')).toContainText(
    '5行目：改革項目名が空欄のため読み飛ばしました',
  );
  await expect(dialog.locator('.problems.warnings')).toContainText('J列「備考」');
  await dialog.getByLabel('自治体名').fill('木津川市');
  await dialog.getByLabel('この対応付けを保存する名前（任意）').fill('木津川市の様式');
  await dialog.getByRole('button', { name: '2項目を新しい計画として取り込む' }).click();
  await expect(page.locator('.notice').last()).toContainText('取り込みました');
  await expect(page.getByRole('grid')).toContainText('電子申請の拡充');
  await expect(page.getByRole('grid')).toContainText('ペーパーレス会議');
});

/** The plan import dialog with a file chosen, from whichever screen an earlier test left open. */
async function openPlanImport(page: Page, file: string) {
  await page.goto(host.url);
  const menu = page.getByRole('navigation', { name: 'メインメニュー' });
  await menu.getByRole('button', { name: '計画の選択' }).click();
  await page.getByRole('button', { name: '計画を Excel から取り込む…' }).click();
  const dialog = page.getByRole('dialog', { name: '計画を Excel から取り込む' });
  await dialog.getByLabel('取り込む計画の Excel ファイル').setInputFiles(file);
  return dialog;
}

test('the column mapping guesses 番号 / 取組事項 / 取組内容 / 担当課 as a person would, and knows a saved layout again', async ({
  page,
}) => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('実施計画');
  ws.addRow(['宮古島市行政改革実施計画']);
  ws.addRow([]);
  ws.addRow(['番号', '取組事項', '取組内容', '担当課']);
  ws.addRow([1, '窓口業務の見直し', '①窓口の一本化\n②案内の改善', '人事行政課']);
  ws.addRow([2, '公共施設の再編', '施設の統廃合を進める', '財政課']);
  ws.addRow([3, '補助金の見直し', '補助金を精査する', '財政課']);
  const file = test.info().outputPath('miyakojima.xlsx');
  await wb.xlsx.writeFile(file);

  const dialog = await openPlanImport(page, file);
  await expect(dialog.getByLabel('見出しの行')).toHaveValue('3');
  await expect(dialog.getByLabel('No.（番号）')).toHaveValue('1');
  await expect(dialog.getByLabel('改革項目（必須）')).toHaveValue('2');
  await expect(dialog.getByLabel('主な取組（①②）')).toHaveValue('3');
  await expect(dialog.getByLabel('実施担当（部・課）')).toHaveValue('4');
  await expect(dialog.getByRole('combobox', { name: /^重点項目(?!の上)/ })).toHaveValue('');
  await expect(dialog.getByRole('status')).toContainText('改革項目 3件を読み取りました');
  const preview = dialog.getByRole('region', { name: '読み取り結果' });
  await expect(preview.getByRole('row', { name: /窓口業務の見直し/ })).toContainText(
    '総務部 人事行政課',
  );
  await expect(dialog.locator('.problems.warnings')).toContainText('人事行政課→総務部');
  await dialog.getByLabel('自治体名').fill('宮古島市');
  await dialog.getByLabel('この対応付けを保存する名前（任意）').fill('宮古島市の様式');
  await dialog.getByRole('button', { name: '3項目を新しい計画として取り込む' }).click();
  await expect(page.getByRole('grid')).toContainText('公共施設の再編');

  const again = await openPlanImport(page, file);
  await expect(again.getByRole('note')).toContainText('保存した対応付け「宮古島市の様式」');
  await expect(again.getByLabel('自治体名')).toHaveValue('宮古島市');
  await again.getByRole('button', { name: '閉じる' }).last().click();
  await expect(again).toHaveCount(0);
});

test('a city’s past evaluations come in with its plan, as closed years, through the same dialog', async ({
  page,
}) => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('取組一覧');
  ws.addRow(['基本方針', '番号', '取組項目', '担当課', 'R元評価', 'R2評価']);
  ws.addRow(['1 効率的な行政運営', 1, '事務の見直し', '総務課', 'A', 'S']);
  ws.addRow(['', 2, '電子申請', '総務課', 'B', 'A']);
  ws.addRow(['2 財政の健全化', 3, '使用料の見直し', '財政課', '－', 'A']);
  ws.addRow(['', 'R2-1', '新しい取組', '財政課', '', 'B']);
  ws.addRow(['', '1（再掲）', '事務の見直し（再掲）', '総務課', '', '']);
  const file = test.info().outputPath('kizugawa-history.xlsx');
  await wb.xlsx.writeFile(file);

  const dialog = await openPlanImport(page, file);
  await expect(dialog.getByLabel('E列「R元評価」の年度')).toHaveValue('2019');
  await expect(dialog.getByLabel('F列の項目')).toHaveValue('evaluation');
  await dialog.getByLabel('評価・進捗の区分（自治体の型）').selectOption('kizugawa');
  await dialog.getByLabel('終了年度').selectOption('2023');
  await dialog.getByLabel('自治体名').fill('木津川市');
  // 基本方針 only: one heading level, named as the sheet names it
  await expect(dialog.getByRole('status')).toContainText(
    '基本方針 2・改革項目 4件を読み取りました',
  );
  const years = dialog.getByRole('list', { name: '過去の年度' });
  await expect(years).toContainText('令和元年度：評価（3項目） 評価 A 1・B 1・－ 1');
  await expect(years).toContainText('令和2年度：評価（4項目）');
  await page.screenshot({ path: test.info().outputPath('history-import.png') });
  await dialog.getByRole('button', { name: '4項目を新しい計画として取り込む' }).click();
  await expect(page.getByRole('grid')).toContainText('新しい取組');
  // the city's numbers, and no 取組分野 heading row
  await expect(page.getByRole('grid')).toContainText('R2-1');
  await expect(page.getByRole('grid')).not.toContainText('（取組分野なし）');
  await expect(page.getByRole('grid')).toContainText('基本方針1　効率的な行政運営');
  // listed again under 基本方針2, marked, the same item
  await expect(page.getByRole('grid')).toContainText('1（再掲）');
  await expect(page.getByRole('grid').getByRole('row', { name: /事務の見直し/ })).toHaveCount(2);
  await page.screenshot({ path: test.info().outputPath('history-grid.png') });
  const plans = await api<{ id: number; municipality: string }[]>(page, 'plans.list', {});
  const planId = Math.max(...plans.filter((p) => p.municipality === '木津川市').map((p) => p.id));
  const state = await api<{ fiscalYear: number; closed: boolean }[]>(page, 'years.list', {
    planId,
  });
  expect(state.filter((y) => y.closed).map((y) => y.fiscalYear)).toEqual([2019, 2020]);
});

test('a plan of four levels shows its 基本目標 above the 重点項目 in the tree and the grid', async ({
  page,
}) => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('計画');
  ws.addRow(['基本目標', '重点項目', '取組分野', '番号', '改革項目', '担当課']);
  ws.addRow(['1 持続可能な行政', '1 事務の効率化', '(1) デジタル化', 1, '電子申請', '総務課']);
  ws.addRow(['', '2 財政の健全化', '(1) 歳入確保', 2, '未利用地の売却', '管財課']);
  ws.addRow(['2 市民と共に', '3 協働の推進', '(1) 協働', 3, '協働事業', '市民協働課']);
  const file = test.info().outputPath('four-levels.xlsx');
  await wb.xlsx.writeFile(file);

  const dialog = await openPlanImport(page, file);
  await expect(dialog.getByRole('combobox', { name: /^重点項目の上の見出し/ })).toHaveValue('1');
  await expect(dialog.getByRole('status')).toContainText(
    '基本目標 2・重点項目 3・取組分野 3・改革項目 3件を読み取りました',
  );
  await dialog.getByLabel('自治体名').fill('四層市');
  await dialog.getByRole('button', { name: '3項目を新しい計画として取り込む' }).click();
  const grid = page.getByRole('grid');
  await expect(grid.getByRole('row', { name: /基本目標1\s持続可能な行政/ })).toBeVisible();
  await expect(grid.getByRole('row', { name: /基本目標2\s市民と共に/ })).toBeVisible();
  const tree = page.getByRole('tree', { name: '重点項目と取組分野' });
  await tree.getByRole('treeitem', { name: /基本目標2\s市民と共に/ }).click();
  // the 基本目標 chosen: its items only
  await expect(grid).toContainText('協働事業');
  await expect(grid).not.toContainText('電子申請');
  await page.screenshot({ path: test.info().outputPath('four-levels.png') });
  // renamed from the outline buttons, like the headings below it
  await page
    .getByRole('group', { name: '重点項目・取組分野の操作' })
    .getByRole('button', { name: '名称変更' })
    .click();
  const rename = page.getByRole('dialog', { name: '基本目標2の名称変更' });
  await rename.getByLabel('名称').fill('市民との協働');
  await rename.getByLabel('名称').press('Enter');
  await expect(tree.getByRole('treeitem', { name: /基本目標2\s市民との協働/ })).toBeVisible();
  await expect(
    page
      .getByRole('group', { name: '重点項目・取組分野の操作' })
      .getByRole('button', { name: '上へ' }),
  ).toBeDisabled();
});
