import type ExcelJS from 'exceljs';
import { excel } from '../xlsx/exceljs';
import { formatDateJa, formatFiscalYear } from '../../shared/fiscal-year';
import { levelText } from '../../shared/pdca-levels';
import { achievementRate, amountUnitLabel, roundHalfUp } from '../../shared/pdca-math';
import type { Db } from '../db/open-store';
import type { Kpi } from '../../shared/domain/pdca';
import type { ReportData } from '../../shared/reports/build';
import { requirePlan } from '../plans/plan-queries';
import { reportData } from '../reports/report-data';
import { listCorrections } from '../year-close/year-close';
import { safeFileName } from '../inquiry/round-columns';
import { printScale } from '../xlsx/print-scale';

/**
 * The year's results as a city publishes them: one row per 改革項目 from each
 * item's year-end record. CSV for the web site (UTF-8 with BOM so Japanese
 * Excel reads it, CRLF, cells that would start a formula made harmless), and a
 * tidy xlsx with the evaluation breakdown beside it.
 */
type Cell = string | number | null;

interface Table {
  headers: string[];
  /** Which columns hold numbers (written as numbers, never quoted as text). */
  numeric: boolean[];
  /** Number format of each numeric column in the workbook. */
  formats: (string | null)[];
  widths: number[];
  rows: Cell[][];
}

const AMOUNT_FORMAT = '#,##0.###;"▲"#,##0.###;0';

/**
 * The table from the year's report data: the items of that year with the
 * sections they had then, read from the snapshot when the year is closed.
 */
function resultTable(data: ReportData, fiscalYear: number): Table {
  const settings = data.settings;
  const unit = amountUnitLabel(settings.amountUnit);
  const scale = settings.amountUnit === 'thousand' ? 1000 : 1;
  const level = (id: number | null) => levelText(settings.levels.find((l) => l.id === id));
  const kpis = new Map<number, Kpi[]>();
  for (const k of data.kpis) kpis.set(k.itemId, [...(kpis.get(k.itemId) ?? []), k]);
  const recordOf = new Map(data.records.map((r) => [r.itemId, r]));
  const priorities = new Map(data.plan.priorities.map((p) => [p.id, p]));
  const rows = data.items.map((i) => {
    const p = priorities.get(i.priorityId);
    const a = p?.areas.find((x) => x.id === i.areaId);
    const r = recordOf.get(i.id);
    const lead = i.assignments.filter((x) => x.role === 'lead').map((x) => x.sectionName);
    return {
      id: i.id,
      code: i.code,
      name: i.name,
      an: a?.number ?? 0,
      area: a?.title ?? '',
      pn: p?.number ?? 0,
      priority: p?.title ?? '',
      lead: lead.length > 0 ? lead.join('・') : null,
      result_text: r?.resultText ?? null,
      progress_id: r?.progressId ?? null,
      progress2_id: r?.progress2Id ?? null,
      evaluation_id: r?.evaluationId ?? null,
      evaluation_reason: r?.evaluationReason ?? null,
      issues_text: r?.issuesText ?? null,
      direction_id: r?.directionId ?? null,
      revenue_plan: r?.revenuePlan ?? null,
      saving_plan: r?.savingPlan ?? null,
      revenue_actual: r?.revenueActual ?? null,
      saving_actual: r?.savingActual ?? null,
    };
  });
  const amount = (yen: number | null) => (yen === null ? null : roundHalfUp(yen / scale, 3));
  const names = data.plan.headingNames;
  type Row = (typeof rows)[number];
  const kpiOf = (r: Row) => {
    const k = kpis.get(r.id)?.[0];
    const v = k?.values.find((x) => x.fiscalYear === fiscalYear);
    return { k, v };
  };
  // Every axis the plan collects is published, the second status axis included.
  const columns: { header: string; width: number; numeric?: string; value: (r: Row) => Cell }[] = [
    { header: names.priority, width: 22, value: (r) => `${r.pn} ${r.priority}` },
    { header: names.area, width: 22, value: (r) => `(${r.an}) ${r.area}` },
    { header: 'No.', width: 9, value: (r) => r.code },
    { header: '改革項目', width: 28, value: (r) => r.name },
    { header: '担当課', width: 14, value: (r) => r.lead ?? '' },
    { header: '取組実績', width: 40, value: (r) => r.result_text ?? '' },
    { header: settings.axisLabels.progress, width: 10, value: (r) => level(r.progress_id) },
    ...(settings.axisLabels.progress2 === null
      ? []
      : [
          {
            header: settings.axisLabels.progress2,
            width: 10,
            value: (r: Row) => level(r.progress2_id),
          },
        ]),
    { header: settings.axisLabels.evaluation, width: 14, value: (r) => level(r.evaluation_id) },
    { header: '評価の理由', width: 30, value: (r) => r.evaluation_reason ?? '' },
    { header: '課題・改善策', width: 30, value: (r) => r.issues_text ?? '' },
    { header: settings.axisLabels.direction, width: 10, value: (r) => level(r.direction_id) },
    {
      header: `効果額 計画（${unit}）`,
      width: 12,
      numeric: AMOUNT_FORMAT,
      value: (r) =>
        amount(
          r.revenue_plan === null && r.saving_plan === null
            ? null
            : (r.revenue_plan ?? 0) + (r.saving_plan ?? 0),
        ),
    },
    {
      header: `効果額 実績 歳入増（${unit}）`,
      width: 12,
      numeric: AMOUNT_FORMAT,
      value: (r) => amount(r.revenue_actual),
    },
    {
      header: `効果額 実績 歳出削減（${unit}）`,
      width: 12,
      numeric: AMOUNT_FORMAT,
      value: (r) => amount(r.saving_actual),
    },
    {
      header: '指標',
      width: 20,
      value: (r) => {
        const { k } = kpiOf(r);
        return k ? `${k.name}（${k.unit}）` : '';
      },
    },
    {
      header: '目標値',
      width: 10,
      numeric: AMOUNT_FORMAT,
      value: (r) => kpiOf(r).v?.target ?? null,
    },
    {
      header: '実績値',
      width: 10,
      numeric: AMOUNT_FORMAT,
      value: (r) => kpiOf(r).v?.actual ?? null,
    },
    {
      header: '達成率（%）',
      width: 10,
      numeric: '0.0',
      value: (r) => {
        const { k, v } = kpiOf(r);
        const rate = k ? achievementRate(v?.target ?? null, v?.actual ?? null, k.direction) : null;
        return rate === null ? null : roundHalfUp(rate, 1);
      },
    },
  ];
  return {
    headers: columns.map((c) => c.header),
    numeric: columns.map((c) => c.numeric !== undefined),
    formats: columns.map((c) => c.numeric ?? null),
    widths: columns.map((c) => c.width),
    rows: rows.map((r) => columns.map((c) => c.value(r))),
  };
}

/** A text cell that a spreadsheet would run as a formula is prefixed with '. */
function csvText(v: string): string {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function publicationCsv(
  db: Db,
  planId: number,
  fiscalYear: number,
): { fileName: string; data: Buffer } {
  const plan = requirePlan(db, planId);
  const t = resultTable(reportData(db, planId, fiscalYear, null), fiscalYear);
  const lines = [t.headers.map(csvText).join(',')];
  for (const row of t.rows) {
    lines.push(
      row
        .map((c, i) =>
          c === null ? '' : t.numeric[i] && typeof c === 'number' ? String(c) : csvText(String(c)),
        )
        .join(','),
    );
  }
  const body = lines.join('\r\n') + '\r\n';
  return {
    fileName: safeFileName(`${plan.title}_${formatFiscalYear(fiscalYear)}_進捗結果.csv`),
    data: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body, 'utf8')]),
  };
}

export async function publicationXlsx(
  db: Db,
  planId: number,
  fiscalYear: number,
): Promise<{ fileName: string; data: Buffer }> {
  const plan = requirePlan(db, planId);
  const data = reportData(db, planId, fiscalYear, null);
  const t = resultTable(data, fiscalYear);
  const wb = new (await excel()).Workbook();
  wb.creator = '行革デスク';
  const ws = wb.addWorksheet('進捗結果', { views: [{ state: 'frozen', ySplit: 1, xSplit: 4 }] });
  ws.addRow(t.headers);
  for (const r of t.rows) ws.addRow(r);
  t.widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).alignment = { wrapText: true, vertical: 'middle' };
  t.formats.forEach((f, i) => {
    if (f) ws.getColumn(i + 1).numFmt = f;
  });
  ws.autoFilter = {
    from: { row: 1, column: 1 },
    to: { row: t.rows.length + 1, column: t.headers.length },
  };
  ws.pageSetup = {
    paperSize: 8 as ExcelJS.PaperSize,
    orientation: 'landscape',
    scale: printScale(
      t.widths.reduce((a, b) => a + b, 0),
      'A3',
      'landscape',
      0.7,
    ),
    printTitlesRow: '1:1',
  };

  const d = data.dashboard;
  const settings = data.settings;
  const levels = settings.levels.filter((l) => l.axis === 'evaluation' && !l.excluded);
  const sum = wb.addWorksheet('評価の内訳');
  sum.addRow([
    `${plan.title}　${formatFiscalYear(fiscalYear)}　${settings.axisLabels.evaluation}の内訳（割合は評価した項目に対する割合、段階ごとに四捨五入）`,
  ]);
  sum.addRow([
    '区分',
    ...levels.flatMap((l) => [`${levelText(l)}（件）`, `${levelText(l)}（%）`]),
    '評価計',
    '対象外',
    '未評価',
    '全体',
  ]).font = { bold: true };
  for (const b of [d.total, ...d.byPriority]) {
    sum.addRow([
      b.label,
      ...levels.flatMap((l) => [b.counts[String(l.id)] ?? 0, b.percents[String(l.id)] ?? 0]),
      b.evaluated,
      b.excluded,
      b.unevaluated,
      b.evaluated + b.excluded + b.unevaluated,
    ]);
  }
  // every status axis the plan collects, below the evaluation
  for (const a of d.statusAxes) {
    const axisLevels = settings.levels.filter((l) => l.axis === a.axis);
    sum.addRow([]);
    sum.addRow([`${a.label}の内訳`]).font = { bold: true };
    sum.addRow([
      '区分',
      ...axisLevels.flatMap((l) => [`${levelText(l)}（件）`, `${levelText(l)}（%）`]),
      '記入計',
      '未記入',
      '全体',
    ]).font = { bold: true };
    for (const b of [a.total, ...a.byPriority])
      sum.addRow([
        b.label,
        ...axisLevels.flatMap((l) => [b.counts[String(l.id)] ?? 0, b.percents[String(l.id)] ?? 0]),
        b.evaluated,
        b.unevaluated,
        b.evaluated + b.unevaluated,
      ]);
  }
  sum.getColumn(1).width = 36;

  // Cities publish their corrections openly, beside the results.
  const corrections = listCorrections(db, planId, fiscalYear);
  if (corrections.length > 0) {
    const c = wb.addWorksheet('訂正一覧');
    c.addRow([`${plan.title}　${formatFiscalYear(fiscalYear)}　訂正一覧`]);
    c.addRow(['訂正日', 'No.', '改革項目', '訂正した欄', '訂正前', '訂正後', '理由']);
    for (const x of corrections)
      c.addRow([
        formatDateJa(new Date(x.correctedAt)),
        x.itemCode,
        x.itemName,
        x.fieldLabel,
        x.oldText,
        x.newText,
        x.reason,
      ]);
    [14, 9, 28, 20, 30, 30, 36].forEach((w, i) => (c.getColumn(i + 1).width = w));
    c.getRow(2).font = { bold: true };
    c.eachRow((row) => (row.alignment = { vertical: 'top', wrapText: true }));
  }
  return {
    fileName: safeFileName(`${plan.title}_${formatFiscalYear(fiscalYear)}_進捗結果.xlsx`),
    data: Buffer.from(await wb.xlsx.writeBuffer()),
  };
}
