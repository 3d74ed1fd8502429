import ExcelJS from 'exceljs';
import { formatFiscalYear } from '../../shared/fiscal-year';
import { levelText } from '../../shared/pdca-levels';
import { achievementRate, amountUnitLabel, roundHalfUp } from '../../shared/pdca-math';
import type { Db } from '../db/open-store';
import { itemCode } from '../items/item-queries';
import { dashboard } from '../pdca/dashboard';
import { listKpis } from '../pdca/kpis';
import { getPdcaSettings } from '../pdca/settings';
import { requirePlan } from '../plans/plan-queries';
import { safeFileName } from './round-columns';

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

function resultTable(db: Db, planId: number, fiscalYear: number): Table {
  const settings = getPdcaSettings(db, planId, false);
  const unit = amountUnitLabel(settings.amountUnit);
  const scale = settings.amountUnit === 'thousand' ? 1000 : 1;
  const level = (id: number | null) => levelText(settings.levels.find((l) => l.id === id));
  const kpis = new Map<number, ReturnType<typeof listKpis>>();
  for (const k of listKpis(db, { planId })) kpis.set(k.itemId, [...(kpis.get(k.itemId) ?? []), k]);
  const rows = db
    .prepare(
      `SELECT i.id, i.number, i.name, a.number AS an, a.title AS area, p.number AS pn, p.title AS priority,
         (SELECT group_concat(s.name, '・') FROM item_assignments ia JOIN org_units s ON s.id = ia.org_unit_id
          WHERE ia.item_id = i.id AND ia.role = 'lead') AS lead,
         r.result_text, r.progress_id, r.evaluation_id, r.evaluation_reason, r.issues_text, r.direction_id,
         r.revenue_plan, r.saving_plan, r.revenue_actual, r.saving_actual
       FROM reform_items i
       JOIN areas a ON a.id = i.area_id AND a.deleted_at IS NULL
       JOIN priorities p ON p.id = a.priority_id AND p.deleted_at IS NULL
       LEFT JOIN pdca_records r ON r.item_id = i.id AND r.round_id = (
         SELECT o.id FROM pdca_rounds o WHERE o.plan_id = i.plan_id AND o.fiscal_year = @fy ORDER BY o.sort_order DESC LIMIT 1)
       WHERE i.plan_id = @planId AND i.deleted_at IS NULL
       ORDER BY p.sort_order, a.sort_order, i.sort_order`,
    )
    .all({ planId, fy: fiscalYear }) as {
    id: number;
    number: number;
    name: string;
    an: number;
    area: string;
    pn: number;
    priority: string;
    lead: string | null;
    result_text: string | null;
    progress_id: number | null;
    evaluation_id: number | null;
    evaluation_reason: string | null;
    issues_text: string | null;
    direction_id: number | null;
    revenue_plan: number | null;
    saving_plan: number | null;
    revenue_actual: number | null;
    saving_actual: number | null;
  }[];
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
        itemCode(r.pn, r.an, r.number),
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
  const t = resultTable(db, planId, fiscalYear);
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
  const t = resultTable(db, planId, fiscalYear);
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

  const d = dashboard(db, planId, fiscalYear, null);
  const settings = getPdcaSettings(db, planId, false);
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
  return {
    fileName: safeFileName(`${plan.title}_${formatFiscalYear(fiscalYear)}_進捗結果.xlsx`),
    data: Buffer.from(await wb.xlsx.writeBuffer()),
  };
}
