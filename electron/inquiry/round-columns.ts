import type { Kpi, PdcaRecord, PdcaSettings, ScaleAxis } from '../../shared/domain/pdca';
import { amountUnitLabel } from '../../shared/pdca-math';

/**
 * The columns of the 進捗管理表 sent to sections. The header text is what the
 * import matches on (so sorted, moved or re-styled columns still read), and
 * it is written into the hidden _meta sheet with each column's key.
 */
export type ColumnKind = 'id' | 'fixed' | 'text' | 'level' | 'amount' | 'kpiFixed' | 'kpiActual';

export interface ReturnColumn {
  key: string;
  header: string;
  width: number;
  kind: ColumnKind;
  /** Sections write here (unlocked and tinted). */
  input: boolean;
  axis?: ScaleAxis;
  /** KPI slot (0, 1, …) for KPI columns. */
  kpi?: number;
}

export const ROUND_SHEET = '進捗管理表';
export const GUIDE_SHEET = '記入要領';
export const LISTS_SHEET = '_lists';
export const META_SHEET = '_meta';
export const META_MARK = 'gyokaku-desk/round-return@1';
export const HEADER_ROW = 4;
export const FIRST_DATA_ROW = 5;
/** KPI columns at least (a layout sections know), more when an item has more KPIs. */
export const KPI_SLOTS = 2;

/** ①②③… for KPI slots, (21) beyond ⑳. */
export function kpiMark(k: number): string {
  return k < 20 ? String.fromCodePoint(0x2460 + k) : `(${k + 1})`;
}

export function roundColumns(settings: PdcaSettings, kpiSlots = KPI_SLOTS): ReturnColumn[] {
  const unit = amountUnitLabel(settings.amountUnit);
  const l = settings.axisLabels;
  const cols: ReturnColumn[] = [
    { key: 'id', header: '管理番号', width: 9, kind: 'id', input: false },
    { key: 'code', header: 'No.', width: 9, kind: 'fixed', input: false },
    { key: 'name', header: '改革項目', width: 26, kind: 'fixed', input: false },
    { key: 'role', header: '担当', width: 8, kind: 'fixed', input: false },
    { key: 'planText', header: '取組予定・年度目標（P）', width: 34, kind: 'text', input: true },
    { key: 'resultText', header: '取組実績（D）', width: 40, kind: 'text', input: true },
    {
      key: 'progressId',
      header: `${l.progress}（C）`,
      width: 12,
      kind: 'level',
      input: true,
      axis: 'progress',
    },
  ];
  if (l.progress2 !== null) {
    cols.push({
      key: 'progress2Id',
      header: l.progress2,
      width: 12,
      kind: 'level',
      input: true,
      axis: 'progress2',
    });
  }
  cols.push(
    {
      key: 'evaluationId',
      header: l.evaluation,
      width: 16,
      kind: 'level',
      input: true,
      axis: 'evaluation',
    },
    { key: 'evaluationReason', header: '評価の理由', width: 30, kind: 'text', input: true },
    { key: 'issuesText', header: '課題・改善策（A）', width: 30, kind: 'text', input: true },
    {
      key: 'directionId',
      header: l.direction,
      width: 12,
      kind: 'level',
      input: true,
      axis: 'direction',
    },
    {
      key: 'revenuePlan',
      header: `効果額 計画 歳入増（${unit}）`,
      width: 13,
      kind: 'amount',
      input: true,
    },
    {
      key: 'savingPlan',
      header: `効果額 計画 歳出削減（${unit}）`,
      width: 13,
      kind: 'amount',
      input: true,
    },
    {
      key: 'revenueActual',
      header: `効果額 実績 歳入増（${unit}）`,
      width: 13,
      kind: 'amount',
      input: true,
    },
    {
      key: 'savingActual',
      header: `効果額 実績 歳出削減（${unit}）`,
      width: 13,
      kind: 'amount',
      input: true,
    },
  );
  for (let k = 0; k < Math.max(KPI_SLOTS, kpiSlots); k++) {
    const n = kpiMark(k);
    cols.push(
      { key: `kpi${k}Name`, header: `指標${n}`, width: 18, kind: 'kpiFixed', input: false, kpi: k },
      {
        key: `kpi${k}Target`,
        header: `指標${n} 目標値`,
        width: 11,
        kind: 'kpiFixed',
        input: false,
        kpi: k,
      },
      {
        key: `kpi${k}Actual`,
        header: `指標${n} 実績値`,
        width: 11,
        kind: 'kpiActual',
        input: true,
        kpi: k,
      },
    );
  }
  return cols;
}

/** The values a section can change, as exported: the base of the three-way comparison. */
export interface RecordSnapshot {
  planText: string;
  resultText: string;
  progressId: number | null;
  progress2Id: number | null;
  evaluationId: number | null;
  evaluationReason: string;
  issuesText: string;
  directionId: number | null;
  revenuePlan: number | null;
  savingPlan: number | null;
  revenueActual: number | null;
  savingActual: number | null;
  /** KPI id and actual of the round's year, per slot. */
  kpis: { kpiId: number; name: string; target: number | null; actual: number | null }[];
  /** A supporting section's row, sent for reference: never imported. */
  reference?: true;
}

export function snapshotOf(
  record: PdcaRecord,
  kpis: readonly Kpi[],
  fiscalYear: number,
): RecordSnapshot {
  return {
    planText: record.planText,
    resultText: record.resultText,
    progressId: record.progressId,
    progress2Id: record.progress2Id,
    evaluationId: record.evaluationId,
    evaluationReason: record.evaluationReason,
    issuesText: record.issuesText,
    directionId: record.directionId,
    revenuePlan: record.revenuePlan,
    savingPlan: record.savingPlan,
    revenueActual: record.revenueActual,
    savingActual: record.savingActual,
    kpis: kpis.map((k) => {
      const v = k.values.find((x) => x.fiscalYear === fiscalYear);
      return { kpiId: k.id, name: k.name, target: v?.target ?? null, actual: v?.actual ?? null };
    }),
  };
}

/** File names staff recognise; characters Windows refuses become ＿. */
export function safeFileName(name: string): string {
  // Control characters are exactly what must not reach a file name.
  // eslint-disable-next-line no-control-regex
  return name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '＿').slice(0, 150);
}
