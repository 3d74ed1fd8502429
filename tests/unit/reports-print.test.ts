import { describe, expect, it } from 'vitest';
import { reportData } from '../../electron/reports/report-data';
import { reportWorkbook } from '../../electron/reports/report-xlsx';
import { columnGrid, spanWidth } from '../../electron/reports/sheet-grid';
import { linesNeeded, splitForRows, visualLines } from '../../electron/xlsx/text-fit';
import { buildReport } from '../../shared/reports/build';
import type { ReportKind, ReportOptions } from '../../shared/reports/model';
import { DEFAULT_PAGE, REPORT_KINDS } from '../../shared/reports/model';
import { furniture, missingTexts, pageProblems, readPdf, reportTexts } from '../interop/pdf-text';
import { libreOfficePdf } from '../interop/lo-convert';
import { ok } from './exchange/helpers';
import { sampleStore, tempDir } from './helpers';
import { reportOpts } from '../support/report-options';

/**
 * Print-ready workbooks as a city prints them: LibreOffice (not our code)
 * prints each to PDF, and every sentence of the texts in the selection must
 * be on paper — a 4,000-character answer included — with no blank page.
 */
const LONG = Array.from(
  { length: 142 },
  (_, i) =>
    `申請手続のオンライン化を進め、窓口の待ち時間を短縮する取組を計画どおり実施した（${i + 1}）。`,
)
  .join('')
  .slice(0, 4000);
const sentences = (t: string) => t.split('。').filter((s) => s.length > 0);
// A4 portrait whatever the kind, unless a case says otherwise
const opts = (kind: ReportKind, over: Partial<ReportOptions> = {}): ReportOptions =>
  reportOpts(kind, 2025, { paper: 'A4', orientation: 'portrait', ...over });

describe('text fit (pure)', () => {
  it('wide characters take two units; the pieces of a long text join back to it exactly', () => {
    expect(linesNeeded('あ'.repeat(10), 12)).toBe(3); // 9 units a line: 4 wide characters
    expect(linesNeeded('あ'.repeat(10), 24)).toBe(1);
    expect(linesNeeded('a'.repeat(9), 12)).toBe(1);
    const pieces = splitForRows(LONG, 40);
    expect(pieces.join('')).toBe(LONG);
    expect(pieces.length).toBeGreaterThan(1);
    for (const p of pieces)
      expect(visualLines(p.replace(/\n$/, ''), 40).length).toBeLessThanOrEqual(26);
    // cut at sentence ends: every sentence whole in one piece
    for (const s of sentences(LONG).slice(0, -1))
      expect(pieces.some((p) => p.includes(`${s}。`))).toBe(true);
  });
});

/** A year as a 事務局 closes it: every record answered, one 4,000-character answer, KPIs, opinions. */
async function fullYear() {
  const s = sampleStore();
  const [round] = await ok(s.handlers, 'pdca.rounds.open', { planId: 1, fiscalYear: 2025 });
  const settings = await ok(s.handlers, 'pdca.settings.get', { planId: 1 });
  const lv = (axis: string, k: number) => settings.levels.filter((l) => l.axis === axis)[k]!.id;
  const records = await ok(s.handlers, 'pdca.records.list', { roundId: round!.id });
  await ok(s.handlers, 'pdca.records.update', {
    changes: records.map((r, k) => ({
      recordId: r.id,
      patch: {
        planText: `年度目標：手続の見直しを進める（${k + 1}）。`,
        resultText:
          k === 0 ? LONG : `取組を実施した（${k + 1}）。関係課と調整し、計画どおり進めた。`,
        progressId: lv('progress', k % 3),
        evaluationId: lv('evaluation', k % 4),
        evaluationReason: `計画に沿って実施したため（${k + 1}）。`,
        issuesText: `次年度は対象を広げる（${k + 1}）。`,
        directionId: lv('direction', k % 2),
        savingPlan: 500_000,
        savingActual: (k % 5) * 120_000,
      },
    })),
  });
  await ok(s.handlers, 'kpis.save', {
    itemId: 1,
    kpis: [
      {
        name: '電子申請件数',
        unit: '件',
        direction: 'higher',
        progressMethod: 'cumulative',
        baseFy: 2020,
        baseValue: 120,
        finalTarget: 3000,
        values: [
          { fiscalYear: 2023, target: 600, actual: 640 },
          { fiscalYear: 2025, target: 900, actual: 870 },
        ],
      },
    ],
  });
  const { id: meetingId } = await ok(s.handlers, 'meetings.save', {
    planId: 1,
    fiscalYear: 2025,
    kind: 'committee',
    name: '第2回行政改革推進委員会',
    heldOn: '2025-11-20',
  });
  for (const itemId of [1, 3, 12])
    await ok(s.handlers, 'opinions.save', {
      meetingId,
      itemId,
      body: `市民への周知を強化してほしい（${itemId}）。`,
      response: `広報紙とウェブサイトで周知する（${itemId}）。`,
    });
  return { s, roundId: round!.id };
}

describe('one column grid for tables of different shapes (pure)', () => {
  it('each table keeps its relative widths over spans of the grid; near boundaries are one', () => {
    const grid = columnGrid(
      [
        [16, 84],
        [30, 6, 6, 6, 6, 6],
        [4, 15, 20, 12, 13, 13, 10],
      ],
      110,
    );
    expect(grid.widths.reduce((a, b) => a + b, 0)).toBe(110);
    expect(Math.min(...grid.widths)).toBeGreaterThanOrEqual(2);
    for (const [t, rel] of [
      [0, [16, 84]],
      [2, [4, 15, 20, 12, 13, 13, 10]],
    ] as const) {
      const spans = grid.spans[t]!;
      // spans tile the grid in order, none empty
      expect(spans[0]![0]).toBe(0);
      expect(spans[spans.length - 1]![1]).toBe(grid.widths.length - 1);
      spans.forEach(([from, to], i) => {
        expect(to).toBeGreaterThanOrEqual(from);
        if (i > 0) expect(from).toBe(spans[i - 1]![1] + 1);
        const sum = rel.reduce((a, b) => a + b, 0);
        // within a snap of its share of the width
        expect(Math.abs(spanWidth(grid, [from, to]) - (rel[i]! / sum) * 110)).toBeLessThan(4);
      });
    }
  });
});

describe('print-ready workbooks through LibreOffice: every text on paper', () => {
  it('all five reports on their usual paper (and the 進捗状況一覧 on A4): every text whole, no blank or heading-only page, no caption at a page foot', async () => {
    const { s, roundId } = await fullYear();
    const data = reportData(s.store.db, 1, 2025, roundId);
    const cases: ReportOptions[] = [
      ...REPORT_KINDS.map((kind) => opts(kind, { roundId, ...DEFAULT_PAGE[kind] })),
      opts('progress', { roundId }),
    ];
    for (const o of cases) {
      const doc = buildReport(data, o);
      const out = await reportWorkbook(doc, o);
      const pdf = readPdf(libreOfficePdf(out.data, tempDir()));
      const label = `${doc.title} ${o.paper} ${o.orientation}`;
      expect(missingTexts(pdf, reportTexts(doc)), `${label}: texts not on paper`).toEqual([]);
      expect(pageProblems(pdf, furniture(doc)), label).toEqual([]);
      if (o.kind === 'item')
        expect(pdf.pages.length, '個票: a page or more per item').toBeGreaterThan(37);
    }
    // the long answer, sentence by sentence, in the 進捗状況一覧 and the 個票
    const doc = buildReport(data, opts('item', { roundId, itemIds: [1] }));
    const pdf = readPdf(libreOfficePdf((await reportWorkbook(doc, opts('item'))).data, tempDir()));
    expect(missingTexts(pdf, sentences(LONG))).toEqual([]);
  }, 600_000);
});
