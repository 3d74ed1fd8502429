import ExcelJS from 'exceljs';
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
  rows: Cell[][];
}

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
  const headers = [
    '重点項目',
    '取組分野',
    'No.',
    '改革項目',
    '担当課',
    '取組実績',
    settings.axisLabels.progress,
    settings.axisLabels.evaluation,
    '評価の理由',
    '課題・改善策',
    settings.axisLabels.direction,
    `効果額 計画（${unit}）`,
    `効果額 実績 歳入増（${unit}）`,
    `効果額 実績 歳出削減（${unit}）`,
    '指標',
    '目標値',
    '実績値',
    '達成率（%）',
  ];
  const numeric = headers.map((_, i) => i >= 11 && i !== 14);
  return {
    headers,
    numeric,
    rows: rows.map((r) => {
      const k = kpis.get(r.id)?.[0];
      const v = k?.values.find((x) => x.fiscalYear === fiscalYear);
      const rate = k ? achievementRate(v?.target ?? null, v?.actual ?? null, k.direction) : null;
      const plan =
        r.revenue_plan === null && r.saving_plan === null
          ? null
          : (r.revenue_plan ?? 0) + (r.saving_plan ?? 0);
      return [
        `${r.pn} ${r.priority}`,
        `(${r.an}) ${r.area}`,
        r.code,
        r.name,
        r.lead ?? '',
        r.result_text ?? '',
        level(r.progress_id),
        level(r.evaluation_id),
        r.evaluation_reason ?? '',
        r.issues_text ?? '',
        level(r.direction_id),
        amount(plan),
        amount(r.revenue_actual),
        amount(r.saving_actual),
        k ? `${k.name}（${k.unit}）` : '',
        v?.target ?? null,
        v?.actual ?? null,
        rate === null ? null : roundHalfUp(rate, 1),
      ];
    }),
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
  const wb = new ExcelJS.Workbook();
  wb.creator = '行革デスク';
  const ws = wb.addWorksheet('進捗結果', { views: [{ state: 'frozen', ySplit: 1, xSplit: 4 }] });
  ws.addRow(t.headers);
  for (const r of t.rows) ws.addRow(r);
  const widths = [22, 22, 9, 28, 14, 40, 10, 14, 30, 30, 10, 12, 12, 12, 20, 10, 10, 10];
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).alignment = { wrapText: true, vertical: 'middle' };
  t.numeric.forEach((n, i) => {
    if (n) ws.getColumn(i + 1).numFmt = i === 17 ? '0.0' : '#,##0.###;"▲"#,##0.###;0';
  });
  ws.autoFilter = {
    from: { row: 1, column: 1 },
    to: { row: t.rows.length + 1, column: t.headers.length },
  };
  ws.pageSetup = {
    paperSize: 8 as ExcelJS.PaperSize,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
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
  ]);
  for (const b of [d.total, ...d.byPriority]) {
    sum.addRow([
      b.label,
      ...levels.flatMap((l) => [b.counts[String(l.id)] ?? 0, b.percents[String(l.id)] ?? 0]),
      b.evaluated,
      b.excluded,
      b.unevaluated,
    ]);
  }
  sum.getColumn(1).width = 36;
  sum.getRow(2).font = { bold: true };

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
