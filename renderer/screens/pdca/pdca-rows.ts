import type { ReformItem } from '../../../shared/domain/item';
import type { Kpi, PdcaRecord, ScaleLevel } from '../../../shared/domain/pdca';
import type { PlanDetail } from '../../../shared/domain/plan';
import { normalizeForSearch } from '../../../shared/search';
import type { GridRow } from '../../grid/DataGrid';
import type { PdcaFilter } from '../../stores/pdca-store';
import { outlineRows } from '../plan-grid/rows';

/** One line of the PDCA grid: an item with its record of the round and its KPIs. */
export interface PdcaRow {
  item: ReformItem;
  record: PdcaRecord;
  kpis: Kpi[];
  /** 担当課 as shown (lead sections, or 関係部課). */
  lead: string;
}

const EMPTY: Kpi[] = [];

/** Row objects keep their identity while item, record and KPIs do, so unchanged rows skip re-rendering. */
const cache = new WeakMap<PdcaRecord, { item: ReformItem; kpis: Kpi[]; row: GridRow<PdcaRow> }>();

function rowOf(item: ReformItem, record: PdcaRecord, kpis: Kpi[]): GridRow<PdcaRow> {
  const hit = cache.get(record);
  if (hit && hit.item === item && hit.kpis === kpis) return hit.row;
  const lead =
    item.assignments
      .filter((a) => a.role === 'lead')
      .map((a) => a.sectionName)
      .join('、') || (item.involvesRelatedSections ? '関係部課' : '');
  const row: GridRow<PdcaRow> = {
    kind: 'data',
    key: `r${record.id}`,
    data: { item, record, kpis, lead },
  };
  cache.set(record, { item, kpis, row });
  return row;
}

/** KPIs grouped per item, with stable arrays so rows can be cached. */
export function kpisByItem(kpis: readonly Kpi[]): Map<number, Kpi[]> {
  const out = new Map<number, Kpi[]>();
  for (const k of kpis) {
    const l = out.get(k.itemId);
    if (l) l.push(k);
    else out.set(k.itemId, [k]);
  }
  return out;
}

export function buildPdcaRows(
  plan: PlanDetail,
  items: readonly ReformItem[],
  records: readonly PdcaRecord[],
  kpis: Map<number, Kpi[]>,
  filter: PdcaFilter,
  levels: readonly ScaleLevel[],
  collapsed: ReadonlySet<string>,
): { rows: GridRow<PdcaRow>[]; matching: number; total: number } {
  const byItem = new Map(records.map((r) => [r.itemId, r]));
  const words = normalizeForSearch(filter.query).split(' ').filter(Boolean);
  const only = filter.itemIds ? new Set(filter.itemIds) : null;
  const filtering =
    only !== null ||
    words.length > 0 ||
    filter.sectionId != null ||
    filter.status != null ||
    filter.evaluationId != null ||
    filter.directionId != null;
  const levelLabel = new Map(levels.map((l) => [l.id, l.label]));
  const list: PdcaRow[] = [];
  let total = 0;
  for (const item of items) {
    const record = byItem.get(item.id);
    if (!record) continue;
    total++;
    if (only && !only.has(item.id)) continue;
    if (filter.sectionId != null && !item.assignments.some((a) => a.orgUnitId === filter.sectionId))
      continue;
    if (filter.status != null && record.status !== filter.status) continue;
    if (filter.evaluationId != null && (record.evaluationId ?? 0) !== filter.evaluationId) continue;
    if (filter.directionId != null && (record.directionId ?? 0) !== filter.directionId) continue;
    const row = rowOf(item, record, kpis.get(item.id) ?? EMPTY);
    if (words.length > 0) {
      const h = normalizeForSearch(
        [
          item.code,
          item.name,
          row.kind === 'data' ? row.data.lead : '',
          record.planText,
          record.resultText,
          record.evaluationReason,
          record.issuesText,
          levelLabel.get(record.evaluationId ?? 0) ?? '',
        ].join(' '),
      );
      if (!words.every((w) => h.includes(w))) continue;
    }
    if (row.kind === 'data') list.push(row.data);
  }
  const rows = outlineRows(
    plan,
    list,
    (r) => r.item.areaId,
    (r) => rowOf(r.item, r.record, r.kpis),
    { node: { kind: 'plan' }, filtering, collapsed },
  );
  return { rows, matching: list.length, total };
}
