import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { reportData } from '../../electron/reports/report-data';
import { reportWorkbook } from '../../electron/reports/report-xlsx';
import { buildReport } from '../../shared/reports/build';
import type { ReportOptions } from '../../shared/reports/model';
import { DEFAULT_PAGE } from '../../shared/reports/model';
import { ok } from './exchange/helpers';
import { sampleStore } from './helpers';

const opts = (kind: ReportOptions['kind'], extra: Partial<ReportOptions> = {}): ReportOptions => ({
  kind,
  planId: 1,
  fiscalYear: 2025,
  roundId: null,
  priorityIds: [],
  sectionIds: [],
  itemIds: [],
  ...DEFAULT_PAGE[kind],
  documentNo: '資料2',
  meeting: '',
  meetingDate: '',
  marking: '',
  ...extra,
});

describe('committee reports', () => {
  it('select by 重点項目 and section; an empty selection is a message, not an empty page', async () => {
    const { store, handlers } = sampleStore();
    await ok(handlers, 'pdca.rounds.open', { planId: 1, fiscalYear: 2025 });
    const data = reportData(store.db, 1, 2025, null);
    const all = buildReport(data, opts('progress'));
    expect(all.itemNames).toHaveLength(37);
    const p3 = data.plan.priorities[2]!.id;
    expect(buildReport(data, opts('progress', { priorityIds: [p3] })).itemNames).toHaveLength(9);
    const none = buildReport(data, opts('progress', { itemIds: [99999] }));
    expect(none.empty).toContain('選んだ条件に合う改革項目がありません');
    expect(buildReport(data, opts('opinions')).empty).toContain('意見はまだ登録されていません');
  });

  it('a year without rounds says what to do; items with no records still get their 個票', () => {
    const { store } = sampleStore();
    const data = reportData(store.db, 1, 2025, null);
    expect(buildReport(data, opts('progress')).empty).toContain('照会回がまだありません');
    const sheets = buildReport(data, opts('item'));
    expect(sheets.empty).toBeNull();
    expect(JSON.stringify(sheets.blocks)).toContain('この改革項目の記録はまだありません');
    expect(sheets.blocks.filter((b) => b.kind === 'pageBreak')).toHaveLength(36);
  });

  it('an item with 100 initiatives lists them all in the 計画書 and 個票', async () => {
    const { store, handlers } = sampleStore();
    const initiatives = Array.from({ length: 100 }, (_, i) => ({
      label: '',
      text: `取組${i + 1}`,
      points: [],
      spans: [],
    }));
    await ok(handlers, 'items.setInitiatives', { itemId: 1, initiatives });
    const data = reportData(store.db, 1, 2025, null);
    const plan = buildReport(data, opts('plan', { itemIds: [1] }));
    expect(JSON.stringify(plan.blocks)).toContain('取組100');
    const sheet = buildReport(data, opts('item', { itemIds: [1] }));
    const table = sheet.blocks.find(
      (b) => b.kind === 'table' && b.caption === '主な取組と実施時期',
    );
    expect(table?.kind === 'table' && table.rows).toHaveLength(100);
  });

  it('the Excel version: paper, orientation, a fixed print scale, header row repeated, header and footer', async () => {
    const { store, handlers } = sampleStore();
    await ok(handlers, 'pdca.rounds.open', { planId: 1, fiscalYear: 2025 });
    const o = opts('progress', { meeting: '第2回委員会', marking: '取扱注意' });
    const doc = buildReport(reportData(store.db, 1, 2025, null), o);
    const out = await reportWorkbook(doc, o);
    expect(out.fileName).toBe(
      '資料2_進捗状況一覧_二本松市市政改革推進行動計画_令和7年度_実績.xlsx',
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(out.data as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.pageSetup).toMatchObject({ paperSize: 8, orientation: 'landscape' });
    // a scale, not fit to width: LibreOffice leaves out pages of a sheet fit to width
    expect(ws.pageSetup.fitToPage).toBeFalsy();
    expect(ws.pageSetup.scale).toBeGreaterThan(40);
    expect(ws.pageSetup.scale).toBeLessThanOrEqual(100);
    // the 分野 tables became one table under one header row, repeated on every page
    expect(ws.pageSetup.printTitlesRow).toMatch(/^\d+:\d+$/);
    const headerRows: number[] = [];
    ws.eachRow((r, n) => r.getCell(1).text === 'No.' && headerRows.push(n));
    expect(headerRows).toHaveLength(1);
    expect(ws.headerFooter.oddHeader).toContain('取扱注意');
    expect(ws.headerFooter.oddFooter).toContain('&P / &N');
  });
});

describe('個票 holds the whole year', () => {
  it('P, D, C with 進捗状況 and 評価の理由, A with 今後の方向性, 効果額, KPIs with 基準値 and 最終目標, opinions', async () => {
    const { store, handlers } = sampleStore();
    const [round] = await ok(handlers, 'pdca.rounds.open', { planId: 1, fiscalYear: 2025 });
    const settings = await ok(handlers, 'pdca.settings.get', { planId: 1 });
    const lv = (axis: string) => settings.levels.find((l) => l.axis === axis)!;
    const [rec] = await ok(handlers, 'pdca.records.list', { roundId: round!.id });
    await ok(handlers, 'pdca.records.update', {
      changes: [
        {
          recordId: rec!.id,
          patch: {
            planText: '年度目標：電子申請を20手続増やす。',
            resultText: '22手続を電子化した。',
            progressId: lv('progress').id,
            evaluationId: lv('evaluation').id,
            evaluationReason: '目標を上回ったため。',
            issuesText: '利用率が低い。',
            directionId: lv('direction').id,
            savingPlan: 300_000,
            savingActual: 450_000,
          },
        },
      ],
    });
    await ok(handlers, 'kpis.save', {
      itemId: rec!.itemId,
      kpis: [
        {
          name: '電子申請件数',
          unit: '件',
          direction: 'higher',
          progressMethod: 'cumulative',
          baseFy: 2020,
          baseValue: 120,
          finalTarget: 3000,
          values: [{ fiscalYear: 2025, target: 900, actual: 870 }],
        },
      ],
    });
    const { id: meetingId } = await ok(handlers, 'meetings.save', {
      planId: 1,
      fiscalYear: 2025,
      kind: 'committee',
      name: '第1回委員会',
      heldOn: null,
    });
    await ok(handlers, 'opinions.save', {
      meetingId,
      itemId: rec!.itemId,
      body: '周知を強化してほしい。',
      response: '広報紙で周知する。',
    });
    const doc = buildReport(
      reportData(store.db, 1, 2025, null),
      opts('item', { itemIds: [rec!.itemId] }),
    );
    const text = JSON.stringify(doc.blocks);
    for (const expected of [
      '年度目標：電子申請を20手続増やす。',
      '22手続を電子化した。',
      `"axis":"${settings.axisLabels.progress}"`,
      `"text":"${lv('progress').code} ${lv('progress').label}"`,
      '目標を上回ったため。',
      '利用率が低い。',
      `"axis":"${settings.axisLabels.direction}"`,
      '実績 450',
      '計画 300',
      '基準値',
      '120\\n（R2）',
      '最終目標',
      '3,000',
      '900\\n870',
      '96.7%',
      '周知を強化してほしい。',
      '広報紙で周知する。',
    ])
      expect(text, expected).toContain(expected);
  });
});

describe('総括表 totals', () => {
  it('each row adds up: 評価計 + 対象外 + 未評価 = 全体, and 全体 of the plan row is every item', async () => {
    const { store, handlers } = sampleStore();
    const [round] = await ok(handlers, 'pdca.rounds.open', { planId: 1, fiscalYear: 2025 });
    const settings = await ok(handlers, 'pdca.settings.get', { planId: 1 });
    const level = (code: string) =>
      settings.levels.find((l) => l.axis === 'evaluation' && l.code === code)!.id;
    const records = await ok(handlers, 'pdca.records.list', { roundId: round!.id });
    await ok(handlers, 'pdca.records.update', {
      changes: [
        { recordId: records[0]!.id, patch: { evaluationId: level('A') } },
        { recordId: records[1]!.id, patch: { evaluationId: level('B') } },
        { recordId: records[2]!.id, patch: { evaluationId: level('－') } },
      ],
    });
    const o = opts('summary', { roundId: round!.id });
    const doc = buildReport(reportData(store.db, 1, 2025, round!.id), o);
    const tables = doc.blocks.filter(
      (b) => b.kind === 'table' && b.columns.some((c) => c.header === '評価計'),
    );
    expect(tables.length).toBe(2);
    const t = tables[0]!;
    if (t.kind !== 'table') throw new Error('not a table');
    const col = (h: string) => t.columns.findIndex((c) => c.header === h);
    const n = (v: unknown) => Number(String(v).replace('件', ''));
    for (const r of t.rows)
      expect(n(r[col('評価計')]) + n(r[col('対象外')]) + n(r[col('未評価')])).toBe(
        n(r[col('全体')]),
      );
    expect(n(t.rows[0]![col('全体')])).toBe(37);
    expect(n(t.rows[0]![col('評価計')])).toBe(2);
    expect(n(t.rows[0]![col('対象外')])).toBe(1);
  });
});

describe("総括表 in the plan's words, with every status axis and 増減", () => {
  it("labels rows with the plan's heading name, counts the second axis, and shows the change from the previous year; the dashboard and the publication agree", async () => {
    const { store, handlers } = sampleStore();
    const plan = (await ok(handlers, 'plans.list', {})).find((p) => p.id === 1)!;
    await ok(handlers, 'plans.rename', {
      planId: 1,
      title: plan.title,
      headingNames: { priority: '重点改革項目', area: '推進項目' },
    });
    const settings = await ok(handlers, 'pdca.settings.get', { planId: 1 });
    await ok(handlers, 'pdca.settings.update', {
      planId: 1,
      axisLabels: { ...settings.axisLabels, progress: '着手の状況', progress2: '達成度' },
      amountUnit: settings.amountUnit,
      rounds: settings.rounds,
    });
    const withAxis = await ok(handlers, 'pdca.scale.save', {
      planId: 1,
      axis: 'progress2',
      levels: ['未達成', '一部達成', '達成'].map((label, k) => ({
        code: String(k + 1),
        label,
        definition: label,
        color: '#888888',
        defaultPercent: null,
        excluded: false,
      })),
    });
    const lv = (axis: string, k: number) => withAxis.levels.filter((l) => l.axis === axis)[k]!.id;
    // 令和6年度: 2 items A; 令和7年度: 3 items A and 1 B, the second axis on 4 items
    for (const [fy, evals] of [
      [2024, [1, 1]],
      [2025, [1, 1, 1, 2]],
    ] as const) {
      const [round] = await ok(handlers, 'pdca.rounds.open', { planId: 1, fiscalYear: fy });
      const recs = await ok(handlers, 'pdca.records.list', { roundId: round!.id });
      await ok(handlers, 'pdca.records.update', {
        changes: evals.map((e, k) => ({
          recordId: recs[k]!.id,
          patch: {
            evaluationId: lv('evaluation', e),
            progress2Id: fy === 2025 ? lv('progress2', k % 3) : null,
          },
        })),
      });
    }
    const data = reportData(store.db, 1, 2025, null);
    expect(data.dashboard.previous?.fiscalYear).toBe(2024);
    const doc = buildReport(data, opts('summary'));
    const texts = JSON.stringify(doc.blocks);
    expect(texts).toContain('重点改革項目1　');
    expect(texts).not.toContain('"重点項目1');
    expect(texts).toContain('達成度の内訳（重点改革項目別）');
    const axisTable = doc.blocks.find(
      (b) => b.kind === 'table' && b.columns.some((c) => c.header.startsWith('3 達成')),
    );
    expect(axisTable?.kind === 'table' && axisTable.rows[0]).toEqual([
      '計画全体',
      '2件（50.0%）',
      '1件（25.0%）',
      '1件（25.0%）',
      '4件',
      '33件',
      '37件',
    ]);
    // 増減: A went from 2 to 3 (+1), B from 0 to 1; evaluated from 2 to 4
    const change = doc.blocks.find(
      (b) => b.kind === 'table' && b.caption === settings.axisLabels.evaluation,
    );
    if (change?.kind !== 'table') throw new Error('no 増減 table');
    const total = change.rows[0]!;
    const col = (h: RegExp) => change.columns.findIndex((c) => h.test(c.header));
    expect(total[0]).toBe('計画全体');
    expect(String(total[col(/^A /)])).toMatch(/^\+1件\n▲25\.0pt$/);
    expect(String(total[col(/^B /)])).toMatch(/^\+1件\n\+25\.0pt$/);
    expect(total[total.length - 1]).toBe('+2件');
    // the publication carries the second axis and the plan's heading names
    const csv = (
      await ok(handlers, 'exchange.publication', { planId: 1, fiscalYear: 2025, format: 'csv' })
    ).data;
    const head = Buffer.from(csv).toString('utf8').split('\r\n')[0]!;
    expect(head).toContain('重点改革項目');
    expect(head).toContain('推進項目');
    expect(head).toContain('達成度');
  });
});

describe('merged cells of the print-ready workbooks', () => {
  it('are each within one row, never overlap, and read the same in openpyxl as in exceljs', async () => {
    const { store, handlers } = sampleStore();
    await ok(handlers, 'pdca.rounds.open', { planId: 1, fiscalYear: 2025 });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gyokaku-merges-'));
    for (const kind of ['item', 'plan', 'progress'] as const) {
      const o = opts(kind);
      const out = await reportWorkbook(buildReport(reportData(store.db, 1, 2025, null), o), o);
      const file = path.join(dir, `${kind}.xlsx`);
      fs.writeFileSync(file, out.data);
      // openpyxl: another program's reading of the merges
      const py = spawnSync(
        '/usr/bin/python3',
        [
          '-c',
          'import json,sys,openpyxl\nws=openpyxl.load_workbook(sys.argv[1]).worksheets[0]\nprint(json.dumps([[r.min_row,r.min_col,r.max_row,r.max_col] for r in ws.merged_cells.ranges]))',
          file,
        ],
        { encoding: 'utf8' },
      );
      expect(py.status, py.stderr).toBe(0);
      const ranges = JSON.parse(py.stdout) as [number, number, number, number][];
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(out.data as unknown as ArrayBuffer);
      const merges = (wb.worksheets[0]!.model as { merges: string[] }).merges;
      expect(ranges.length, kind).toBe(merges.length);
      if (kind === 'item') expect(ranges.length).toBeGreaterThan(37);
      for (const [top, , bottom] of ranges) expect(bottom).toBe(top);
      const byRow = new Map<number, [number, number][]>();
      for (const [row, left, , right] of ranges)
        byRow.set(row, [...(byRow.get(row) ?? []), [left, right]]);
      for (const spans of byRow.values()) {
        spans.sort((a, b) => a[0] - b[0]);
        spans.slice(1).forEach(([left], i) => expect(left).toBeGreaterThan(spans[i]![1]));
      }
    }
  });
});
