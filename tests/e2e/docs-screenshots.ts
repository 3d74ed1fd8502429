import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { chromium } from '@playwright/test';
import config from '../../playwright.config';
import { startHost } from './host';
import { decodeFrame, FRAME_TYPE } from '../../shared/binary-frame';
import { DEFAULT_PAGE } from '../../shared/reports/model';
import { libreOfficePdf } from '../interop/lo-convert';

/**
 * `npm run docs:screenshots`: the screens the README shows, taken from the
 * browser host on a fresh store with the sample plan.
 */
const out = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'docs',
  'screenshots',
);
/** Three years of plausible answers through the API, as the grid would save them. */
async function seedPdca(h: Awaited<ReturnType<typeof startHost>>) {
  const api = async <T>(channel: string, data: unknown): Promise<T> => {
    const res = await fetch(`${h.origin}/api/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-gyokaku-token': h.token },
      body: JSON.stringify(data),
    });
    const env = (await res.json()) as { ok: boolean; value: T; error?: { message: string } };
    if (!env.ok) throw new Error(`${channel}: ${env.error?.message}`);
    return env.value;
  };
  type Level = { id: number; axis: string; code: string };
  const settings = await api<{ levels: Level[] }>('pdca.settings.get', { planId: 1 });
  const lv = (axis: string, code: string) =>
    settings.levels.find((l) => l.axis === axis && l.code === code)!.id;
  const pattern = ['A', 'A', 'S', 'B', 'A', 'C', 'A', 'B', 'A', 'S', 'A', '－'];
  const results = [
    '電子申請の対象手続を拡大し、年間の申請件数が増加した。',
    '関係課と協議を行い、押印を廃止する手続を整理した。',
    '窓口にキャッシュレス決済端末を導入した。',
    '入札参加資格の電子申請に向けた調整を行った。',
  ];
  for (const fy of [2022, 2023, 2024]) {
    const [round] = await api<{ id: number }[]>('pdca.rounds.open', { planId: 1, fiscalYear: fy });
    const records = await api<{ id: number; itemId: number }[]>('pdca.records.list', {
      roundId: round!.id,
    });
    await api('pdca.records.update', {
      changes: records.map((r, i) => {
        const code = pattern[(i + fy) % pattern.length]!;
        return {
          recordId: r.id,
          patch: {
            planText: '年度目標：手続の見直しと周知を進める。',
            resultText: results[i % results.length],
            progressId: lv('progress', i % 5 === 0 ? '完' : '中'),
            evaluationId: lv('evaluation', code),
            evaluationReason:
              code === 'S'
                ? '目標を前倒しで達成した。'
                : code === 'A'
                  ? '計画どおり実施した。'
                  : code === '－'
                    ? '今年度は取組の対象外。'
                    : '関係機関との調整に時間を要した。',
            directionId: lv('direction', i % 7 === 0 ? '拡充' : '継続'),
            savingPlan: (i % 4) * 500_000,
            savingActual: (i % 4) * 450_000 + (fy - 2022) * 120_000,
            revenueActual: i % 6 === 0 ? 800_000 : null,
          },
        };
      }),
    });
    await api('pdca.records.setStatus', {
      recordIds: records.map((r) => r.id).slice(0, fy === 2024 ? 20 : records.length),
      status: 'final',
    });
  }
  await api('kpis.save', {
    itemId: 4,
    kpis: [
      {
        name: '電子申請件数',
        unit: '件',
        direction: 'higher',
        progressMethod: 'cumulative',
        baseFy: 2020,
        baseValue: 0,
        finalTarget: 3000,
        values: [
          { fiscalYear: 2022, target: 500, actual: 420 },
          { fiscalYear: 2023, target: 600, actual: 640 },
          { fiscalYear: 2024, target: 700, actual: 760 },
        ],
      },
    ],
  });
}

const host = await startHost();
const browser = await chromium.launch(config.use!.launchOptions);
try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 950 }, locale: 'ja-JP' });
  await page.goto(host.url);
  await page.locator('[data-row-key="i1"]').waitFor();
  await page.getByRole('button', { name: '詳細・履歴' }).click();
  await page.screenshot({ path: path.join(out, 'main.png') });
  // the year columns, scrolled into view, with the active cell on a schedule
  await page.locator('.grid-scroll').evaluate((el) => (el.scrollLeft = 420));
  await page.locator('[data-row-key="i7"] [data-col="fy2023"]').click();
  await page.screenshot({ path: path.join(out, 'grid-schedule.png') });
  await page.keyboard.press('F2');
  await page.getByRole('dialog').waitFor();
  await page.screenshot({ path: path.join(out, 'schedule-editor.png') });
  await page.keyboard.press('Escape');
  await page.locator('.grid-scroll').evaluate((el) => (el.scrollLeft = 0));
  await page.getByRole('button', { name: '詳細・履歴' }).click();
  await page.locator('[data-row-key="i3"] [data-col="promotion"]').click();
  await page.getByRole('complementary').waitFor();
  await page.screenshot({ path: path.join(out, 'item-detail.png') });
  await page
    .getByRole('navigation', { name: 'メインメニュー' })
    .getByRole('button', { name: '部・課' })
    .click();
  await page.getByRole('heading', { name: '部・課' }).waitFor();
  await page.screenshot({ path: path.join(out, 'sections.png') });

  // PDCA: a year's records as a section would have answered them
  await seedPdca(host);
  await page.evaluate(() => localStorage.setItem('gyokaku.pdca.fiscalYear', '2024'));
  await page.reload();
  await page.locator('[data-row-key="i1"]').waitFor();
  await page
    .getByRole('navigation', { name: 'メインメニュー' })
    .getByRole('button', { name: 'PDCA進捗管理' })
    .click();
  await page.locator('[data-row-key^="r"]').nth(3).locator('[data-col="evaluationId"]').click();
  await page
    .getByRole('complementary', { name: /の進捗の詳細/ })
    .getByText('指標（KPI）')
    .waitFor();
  await page.screenshot({ path: path.join(out, 'pdca-grid.png') });
  await page
    .getByRole('navigation', { name: 'メインメニュー' })
    .getByRole('button', { name: 'ダッシュボード' })
    .click();
  await page.locator('.dash-card').first().waitFor();
  await page.setViewportSize({ width: 1600, height: 2400 });
  await page.screenshot({ path: path.join(out, 'dashboard.png'), fullPage: true });
  await page.setViewportSize({ width: 1600, height: 950 });
  await page
    .getByRole('navigation', { name: 'メインメニュー' })
    .getByRole('button', { name: '評価基準・照会回' })
    .click();
  await page.getByRole('heading', { name: /自己評価の段階/ }).waitFor();
  await page.screenshot({ path: path.join(out, 'pdca-settings.png') });
  // Another city's plan with its past years, through the column mapping
  const city = new ExcelJS.Workbook();
  const cs = city.addWorksheet('進捗状況');
  cs.addRow(['第3次行財政改革行動計画　進捗状況']);
  cs.addRow([]);
  cs.addRow([
    '基本目標',
    '重点改革項目',
    '取組分野',
    'No.',
    '行動計画項目',
    '所管課',
    'R元評価',
    'R2評価',
  ]);
  const cityRows: (string | number)[][] = [
    [
      '1 協働によるまちづくり',
      '1 協働の市政の推進',
      '(1) 市民活動',
      1,
      '市民活動の支援',
      '市民協働課',
      'A',
      'A',
    ],
    ['', '', '', 2, '協働事業提案制度', '市民協働課', 'B', 'C'],
    ['', '', '(2) 広域連携', 'R1-1', '近隣市との連携', '学研企画課', '－', 'A'],
    [
      '2 持続可能な行財政',
      '2 行財政運営体制の確立',
      '(1) 人事',
      3,
      '定員の適正化',
      '人事秘書課',
      'A',
      'B',
    ],
    ['', '', '', '1（再掲）', '市民活動の支援（再掲）', '市民協働課', '', ''],
    ['', '', '(2) 事務', 'R2-1', '電子決裁の導入', '総務課', '', 'S'],
  ];
  for (const r of cityRows) cs.addRow(r);
  const cityFile = path.join(os.tmpdir(), 'kizugawa-progress.xlsx');
  await city.xlsx.writeFile(cityFile);
  // in a page of its own: the main page keeps the sample plan open
  const other = await browser.newPage({ viewport: { width: 1600, height: 950 }, locale: 'ja-JP' });
  await other.goto(host.url);
  await other.locator('[data-row-key="i1"]').waitFor();
  await other
    .getByRole('navigation', { name: 'メインメニュー' })
    .getByRole('button', { name: '計画の選択' })
    .click();
  await other.getByRole('button', { name: '計画を Excel から取り込む…' }).click();
  const mapping = other.getByRole('dialog', { name: '計画を Excel から取り込む' });
  await mapping.getByLabel('取り込む計画の Excel ファイル').setInputFiles(cityFile);
  await mapping.getByLabel('評価・進捗の区分（自治体の型）').selectOption('kizugawa');
  await mapping.getByLabel('開始年度').selectOption('2018');
  await mapping.getByLabel('終了年度').selectOption('2022');
  await mapping.getByLabel('自治体名').fill('木津川市');
  await mapping.getByRole('list', { name: '過去の年度' }).waitFor();
  await other.screenshot({ path: path.join(out, 'plan-import-history.png'), fullPage: true });
  await mapping.getByRole('button', { name: /項目を新しい計画として取り込む/ }).click();
  await other.getByRole('row', { name: /電子決裁の導入/ }).waitFor();
  await other.screenshot({ path: path.join(out, 'plan-four-levels.png') });
  await other.close();

  // The 照会 workbook as LibreOffice prints it: 記入要領 and the 進捗管理表.
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gyokaku-shots-'));
  const call = async <T>(channel: string, data: unknown): Promise<T> => {
    const res = await fetch(`${host.origin}/api/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-gyokaku-token': host.token },
      body: JSON.stringify(data),
    });
    // files come back as a binary frame
    const env = (
      (res.headers.get('content-type') ?? '').startsWith(FRAME_TYPE)
        ? decodeFrame(new Uint8Array(await res.arrayBuffer()))
        : await res.json()
    ) as { ok: boolean; value: T; error?: { message: string } };
    if (!env.ok) throw new Error(`${channel}: ${env.error?.message}`);
    return env.value;
  };
  const [round2025] = await call<{ id: number }[]>('pdca.rounds.open', {
    planId: 1,
    fiscalYear: 2025,
  });
  // The year's targets are set in spring; the workbook goes out with them filled in.
  const targets2025 = await call<{ id: number; itemId: number }[]>('pdca.records.list', {
    roundId: round2025!.id,
  });
  await call('pdca.records.update', {
    changes: targets2025.map((r, i) => ({
      recordId: r.id,
      patch: {
        planText: [
          '対象手続を拡大し、申請件数を前年度から2割増やす。',
          '押印が必要な手続をすべて洗い出し、見直す。',
          '窓口での支払方法を増やす。',
        ][i % 3],
        savingPlan: (i % 4) * 250_000,
      },
    })),
  });
  const target = (
    await call<{ orgUnitId: number; name: string }[]>('exchange.exportTargets', {
      roundId: round2025!.id,
      scope: 'section',
    })
  ).find((t) => t.name === '人事行政課')!;
  const exported = await call<{ fileName: string; data: Uint8Array }>('exchange.exportWorkbook', {
    roundId: round2025!.id,
    orgUnitId: target.orgUnitId,
    scope: 'section',
    contact: '総務部 人事行政課 行政改革係（内線 1234）',
  });
  const xlsx = path.join(tmp, 'book.xlsx');
  fs.writeFileSync(xlsx, Buffer.from(exported.data));
  execFileSync(
    'soffice',
    [
      '--headless',
      '--norestore',
      `-env:UserInstallation=file://${tmp}/lo`,
      '--convert-to',
      'pdf',
      '--outdir',
      tmp,
      xlsx,
    ],
    { stdio: 'ignore' },
  );
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    '60',
    '-f',
    '1',
    '-l',
    '1',
    path.join(tmp, 'book.pdf'),
    path.join(tmp, 'guide'),
  ]);
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    '70',
    '-f',
    '2',
    '-l',
    '2',
    path.join(tmp, 'book.pdf'),
    path.join(tmp, 'sheet'),
  ]);
  const first = (prefix: string) =>
    path.join(
      tmp,
      fs.readdirSync(tmp).find((f) => f.startsWith(prefix) && f.endsWith('.png'))!,
    );
  fs.copyFileSync(first('guide'), path.join(out, 'exchange-guide.png'));
  fs.copyFileSync(first('sheet'), path.join(out, 'exchange-workbook.png'));

  // The section's answer back in: the preview with a change, a conflict and an ignored field.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(exported.data) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('進捗管理表')!;
  const cols = new Map<string, number>();
  ws.getRow(4).eachCell((c, i) => cols.set(c.text, i));
  const rowOf = (code: string) => {
    for (let r = 5; r <= ws.rowCount; r++) if (ws.getCell(r, 2).text === code) return r;
    throw new Error(code);
  };
  ws.getCell(rowOf('1-(1)-1'), cols.get('取組実績（D）')!).value =
    '電子申請の対象を42手続に広げ、年間の申請件数は1,850件となった。';
  ws.getCell(rowOf('1-(1)-1'), cols.get('自己評価')!).value = 'A 計画どおり';
  ws.getCell(rowOf('1-(1)-2'), cols.get('取組実績（D）')!).value =
    '押印を求める手続を見直し、126手続で押印を廃止した。';
  ws.getCell(rowOf('1-(1)-2'), cols.get('効果額 実績 歳出削減（千円）')!).value = 320;
  ws.getCell(rowOf('1-(1)-3'), cols.get('改革項目')!).value =
    'キャッシュレス決済の導入（名称を変更）';
  const answer = path.join(tmp, '令和7年度_実績_人事行政課_進捗管理表（回答）.xlsx');
  await wb.xlsx.writeFile(answer);
  const recs = await call<{ id: number; itemId: number }[]>('pdca.records.list', {
    roundId: round2025!.id,
  });
  await call('pdca.records.update', {
    changes: [
      {
        recordId: recs.find((r) => r.itemId === 1)!.id,
        patch: { resultText: '事務局で先に入力した実績（電話で聞き取り）' },
      },
    ],
  });
  await page.evaluate(() => localStorage.setItem('gyokaku.pdca.fiscalYear', '2025'));
  await page.reload();
  await page.locator('[data-row-key="i1"]').waitFor();
  await page
    .getByRole('navigation', { name: 'メインメニュー' })
    .getByRole('button', { name: 'Excel 照会・回収' })
    .click();
  await page.getByLabel('返送された照会ファイルを選ぶ').setInputFiles(answer);
  const preview = page.locator('.import-preview').first();
  await preview.waitFor();
  await page.getByRole('heading', { name: '2. 回答の取込' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(out, 'import-preview.png') });

  // 委員会資料: the first page of each report as it prints.
  const { id: meetingId } = await call<{ id: number }>('meetings.save', {
    planId: 1,
    fiscalYear: 2024,
    kind: 'committee',
    name: '第2回行政改革推進委員会',
    heldOn: '2024-11-20',
  });
  for (const [itemId, body, response] of [
    [
      1,
      'オンライン化の進み具合を市民に分かりやすく示してほしい。',
      '申請件数の推移を市ウェブサイトで公表する。',
    ],
    [
      3,
      'キャッシュレス決済の利用状況を検証してほしい。',
      '決済方法別の件数を集計し、次年度の計画に反映する。',
    ],
    [
      14,
      '評価結果を予算編成に活用すべきである。',
      '評価結果を予算要求の資料に添付する運用とする。',
    ],
  ] as const) {
    await call('opinions.save', { meetingId, itemId, body, response });
  }
  await page.evaluate(() => localStorage.setItem('gyokaku.pdca.fiscalYear', '2024'));
  await page.reload();
  await page.locator('[data-row-key="i1"]').waitFor();
  await page
    .getByRole('navigation', { name: 'メインメニュー' })
    .getByRole('button', { name: '委員会資料' })
    .click();
  await page.getByLabel('資料番号').fill('資料2');
  await page.getByLabel('会議名').fill('第2回行政改革推進委員会');
  await page.getByLabel('開催日').fill('令和6年11月20日');
  /** A PDF's first page as a PNG in docs/screenshots. */
  const firstPage = (pdf: string, png: string) => {
    const prefix = path.join(tmp, png.replace(/\.png$/, ''));
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '50',
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      pdf,
      prefix,
    ]);
    fs.copyFileSync(`${prefix}.png`, path.join(out, png));
  };
  for (const [title, name] of [
    ['進捗状況一覧', 'progress'],
    ['計画書', 'plan'],
    ['個票', 'item'],
    ['総括表', 'summary'],
    ['意見一覧表', 'opinions'],
  ] as const) {
    await page.getByRole('radio', { name: title }).check();
    await page.getByRole('article', { name: `${title}のプレビュー` }).waitFor();
    if (name === 'progress') await page.screenshot({ path: path.join(out, 'reports.png') });
    const pdf = path.join(tmp, `${name}.pdf`);
    await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
    firstPage(pdf, `report-${name}.png`);
    // the same report as a print-ready workbook, printed by LibreOffice
    const book = await call<{ fileName: string; data: Uint8Array }>('reports.xlsx', {
      kind: name,
      planId: 1,
      fiscalYear: 2024,
      roundId: null,
      ...DEFAULT_PAGE[name],
      documentNo: '資料2',
      meeting: '第2回行政改革推進委員会',
      meetingDate: '令和6年11月20日',
    });
    const bookDir = path.join(tmp, `wb-${name}`);
    fs.mkdirSync(bookDir, { recursive: true });
    const bookPdf = libreOfficePdf(Buffer.from(book.data), bookDir);
    firstPage(bookPdf, `workbook-${name}.png`);
  }
  // Years: 令和5年度 closed (all its records 確定), one correction, the 訂正一覧.
  await call('years.close', { planId: 1, fiscalYear: 2023 });
  const r5 = await call<{ id: number; itemId: number }[]>('pdca.records.list', {
    roundId: (await call<{ id: number }[]>('pdca.rounds.list', { planId: 1, fiscalYear: 2023 }))[0]!
      .id,
  });
  await call('years.correctRecord', {
    recordId: r5.find((r) => r.itemId === 2)!.id,
    patch: { resultText: '関係課と協議を行い、42手続の押印を廃止した。' },
    reason: '委員会資料の作成後、担当課から件数の記載漏れの連絡があったため',
  });
  await page.evaluate(() => localStorage.setItem('gyokaku.pdca.fiscalYear', '2023'));
  await page.reload();
  await page.locator('[data-row-key="i1"]').waitFor();
  await page
    .getByRole('navigation', { name: 'メインメニュー' })
    .getByRole('button', { name: 'PDCA進捗管理' })
    .click();
  await page.locator('[data-row-key^="r"]').nth(1).locator('[data-col="code"]').click();
  await page.getByText('令和5年度は締めています').waitFor();
  await page.screenshot({ path: path.join(out, 'year-closed.png') });
  await page.getByRole('button', { name: /訂正・訂正一覧/ }).click();
  await page.getByRole('table', { name: '訂正一覧' }).waitFor();
  await page.screenshot({ path: path.join(out, 'corrections.png') });
  await page.keyboard.press('Escape');
  // 令和6年度: the confirmation before a bulk 確定
  await page.getByRole('combobox', { name: '年度', exact: true }).selectOption('2024');
  await page.getByLabel('変更後の状況').selectOption({ label: '確定' });
  await page.getByRole('button', { name: /表示中の37項目すべてに/ }).click();
  await page.getByRole('dialog', { name: '状況を「確定」にする' }).waitFor();
  await page.screenshot({ path: path.join(out, 'status-confirm.png') });
  await page.keyboard.press('Escape');
  // 照会: the items no section answers, listed before the workbooks go out
  await page
    .getByRole('navigation', { name: 'メインメニュー' })
    .getByRole('button', { name: 'Excel 照会・回収' })
    .click();
  await page.getByRole('region', { name: '回答する課がない改革項目' }).waitFor();
  await page.getByRole('region', { name: '回答する課がない改革項目' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(out, 'export-unassigned.png') });
  // 追加年度 asked mid-plan
  await page
    .getByRole('navigation', { name: 'メインメニュー' })
    .getByRole('button', { name: '改革項目' })
    .click();
  await page.locator('[data-row-key="i5"] [data-col="name"]').click();
  await page
    .getByRole('toolbar', { name: '改革項目の操作' })
    .getByRole('button', { name: '改革項目を追加' })
    .click();
  await page.getByRole('dialog', { name: '改革項目の追加' }).waitFor();
  await page.screenshot({ path: path.join(out, 'add-item-year.png') });
  await page.keyboard.press('Escape');
  // バックアップ
  await call('backups.create', {});
  await page
    .getByRole('navigation', { name: 'メインメニュー' })
    .getByRole('button', { name: 'バックアップ' })
    .click();
  await page.getByRole('table', { name: 'バックアップの一覧' }).waitFor();
  await page.screenshot({ path: path.join(out, 'backups.png') });
  console.log(`screenshots written to ${out}`);
} finally {
  await browser.close();
  await host.stop();
}
