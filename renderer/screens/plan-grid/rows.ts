import { groupHeading, priorityHeading } from '../../../shared/domain/headings';
import type { ReformItem } from '../../../shared/domain/item';
import type { PlanDetail } from '../../../shared/domain/plan';
import { formatInitiatives } from '../../../shared/initiative-text';
import { normalizeForSearch } from '../../../shared/search';
import type { GridRow } from '../../grid/DataGrid';
import { replaceAt, replacedSince } from '../../grid/replaced';
import type { ItemFilter, PlanNode } from '../../stores/plan-store';

export const priorityKey = (id: number) => `p${id}`;
export const areaKey = (id: number) => `a${id}`;
export const groupKey = (id: number) => `g${id}`;

const searchText = new WeakMap<ReformItem, string>();
/** One row object per item revision, so unchanged rows keep their identity and skip re-rendering. */
const dataRows = new WeakMap<ReformItem, GridRow<ReformItem>>();

function dataRow(item: ReformItem): GridRow<ReformItem> {
  let row = dataRows.get(item);
  if (!row) {
    row = { kind: 'data', key: `i${item.id}`, data: item };
    dataRows.set(item, row);
  }
  return row;
}

/** Everything a search can match in an item, normalised once per item revision. */
function haystack(item: ReformItem): string {
  let h = searchText.get(item);
  if (h === undefined) {
    h = normalizeForSearch(
      [
        item.code,
        item.name,
        item.promotion,
        formatInitiatives(item.initiatives),
        ...item.assignments.map((a) => `${a.departmentName ?? ''} ${a.sectionName}`),
        item.involvesRelatedSections ? '関係部課' : '',
      ].join(' '),
    );
    searchText.set(item, h);
  }
  return h;
}

/** A filter prepared once per render: the query is normalised once, not once per item. */
function compileFilter(
  node: PlanNode,
  f: ItemFilter,
  plan?: PlanDetail,
): ((item: ReformItem) => boolean) | null {
  const words = normalizeForSearch(f.query).split(' ').filter(Boolean);
  if (node.kind === 'plan' && f.continued === 'all' && f.sectionId == null && words.length === 0)
    return null;
  const inGroup =
    node.kind === 'group'
      ? new Set(plan?.priorities.filter((p) => p.groupId === node.id).map((p) => p.id))
      : null;
  return (item) => {
    if (inGroup && !inGroup.has(item.priorityId)) return false;
    if (node.kind === 'priority' && item.priorityId !== node.id) return false;
    if (node.kind === 'area' && item.areaId !== node.id) return false;
    if (f.continued === 'yes' && !item.isContinued) return false;
    if (f.continued === 'no' && item.isContinued) return false;
    if (f.sectionId != null && !item.assignments.some((a) => a.orgUnitId === f.sectionId))
      return false;
    if (words.length > 0) {
      const h = haystack(item);
      if (!words.every((w) => h.includes(w))) return false;
    }
    return true;
  };
}

export function matchesFilter(
  item: ReformItem,
  node: PlanNode,
  f: ItemFilter,
  plan?: PlanDetail,
): boolean {
  return compileFilter(node, f, plan)?.(item) ?? true;
}

export interface BuiltRows {
  rows: GridRow<ReformItem>[];
  matching: number;
}

/**
 * Items grouped under 重点項目 and 取組分野 heading rows, with the counts of
 * matching items; collapsed headings hide their rows. Headings with no
 * matching item are left out while a filter is on.
 */
export function buildRows(
  plan: PlanDetail,
  items: readonly ReformItem[],
  node: PlanNode,
  f: ItemFilter,
  collapsed: ReadonlySet<string>,
): BuiltRows {
  const test = compileFilter(node, f, plan);
  const list = test ? items.filter(test) : items;
  const byId = hasReposts(plan) ? new Map(items.map((i) => [i.id, i])) : null;
  return {
    rows: outlineRows(plan, list, (i) => i.areaId, dataRow, {
      node,
      filtering: test !== null,
      collapsed,
      // 再掲: the item again under this heading, marked, the same item to edit.
      extra: byId
        ? (a) =>
            a.repostedItemIds.flatMap((id) => {
              const item = byId.get(id);
              if (!item || (test && !textMatches(item, f))) return [];
              return [repostRow(item, a.id)];
            })
        : undefined,
    }),
    matching: list.length,
  };
}

export const hasReposts = (plan: PlanDetail) =>
  plan.priorities.some((p) => p.areas.some((a) => a.repostedItemIds.length > 0));

const repostRows = new WeakMap<ReformItem, Map<number, GridRow<ReformItem>>>();

/** The row of an item shown again (再掲) under another 分野: its number marked （再掲）. */
function repostRow(item: ReformItem, areaId: number): GridRow<ReformItem> {
  let m = repostRows.get(item);
  if (!m) repostRows.set(item, (m = new Map()));
  let row = m.get(areaId);
  if (!row) {
    row = {
      kind: 'data',
      key: `r${areaId}-${item.id}`,
      data: { ...item, code: `${item.code}（再掲）` },
    };
    m.set(areaId, row);
  }
  return row;
}

/** A 再掲 row follows the search and section filters, not the heading chosen. */
function textMatches(item: ReformItem, f: ItemFilter): boolean {
  return matchesFilter(item, { kind: 'plan' }, f);
}

/** The grouping of any per-item rows (改革項目, PDCA records) under the plan's outline. */
export function outlineRows<T>(
  plan: PlanDetail,
  list: readonly T[],
  areaOf: (entry: T) => number,
  rowOf: (entry: T) => GridRow<T>,
  opts: {
    node: PlanNode;
    filtering: boolean;
    collapsed: ReadonlySet<string>;
    /** Rows shown under a 分野 after its own (再掲). */
    extra?: ((area: PlanDetail['priorities'][number]['areas'][number]) => GridRow<T>[]) | undefined;
  },
): GridRow<T>[] {
  const { node, filtering, collapsed, extra } = opts;
  const byArea = new Map<number, T[]>();
  for (const it of list) {
    const area = areaOf(it);
    const l = byArea.get(area);
    if (l) l.push(it);
    else byArea.set(area, [it]);
  }
  const rows: GridRow<T>[] = [];
  // 基本目標 rows above their 重点項目, in plans of three heading levels.
  const groups = plan.headingLevels === 3 ? new Map(plan.groups.map((g) => [g.id, g])) : null;
  let openGroup: number | null = null;
  let groupCollapsed = false;
  for (const p of plan.priorities) {
    if (node.kind === 'group' && p.groupId !== node.id) continue;
    if (node.kind === 'priority' && node.id !== p.id) continue;
    const g = groups && p.groupId != null ? groups.get(p.groupId) : undefined;
    if (g && g.id !== openGroup && (node.kind === 'plan' || node.kind === 'group')) {
      openGroup = g.id;
      const gk = groupKey(g.id);
      const under = plan.priorities.filter((x) => x.groupId === g.id);
      const n = under.reduce(
        (sum, x) => sum + x.areas.reduce((m, a) => m + (byArea.get(a.id)?.length ?? 0), 0),
        0,
      );
      groupCollapsed = collapsed.has(gk);
      if (!filtering || n > 0)
        rows.push({
          kind: 'group',
          key: gk,
          level: 0,
          label: groupHeading(plan.headingNames, g),
          count: n,
          collapsed: groupCollapsed,
        });
    }
    if (g && groupCollapsed) continue;
    const areas = p.areas.filter((a) => node.kind !== 'area' || node.id === a.id);
    const count = areas.reduce((n, a) => n + (byArea.get(a.id)?.length ?? 0), 0);
    if (filtering && count === 0) continue;
    const pk = priorityKey(p.id);
    // A plan shows only the heading levels it has.
    if (plan.headingLevels > 0) {
      rows.push({
        kind: 'group',
        key: pk,
        level: 1,
        label: priorityHeading(plan.headingNames, p),
        count,
        collapsed: collapsed.has(pk),
      });
      if (collapsed.has(pk)) continue;
    }
    for (const a of areas) {
      const entries = byArea.get(a.id) ?? [];
      const more = extra?.(a) ?? [];
      if (filtering && entries.length === 0 && more.length === 0) continue;
      const ak = areaKey(a.id);
      if (plan.headingLevels < 2) {
        for (const e of entries) rows.push(rowOf(e));
        rows.push(...more);
        continue;
      }
      rows.push({
        kind: 'group',
        key: ak,
        level: 2,
        label: `(${a.number}) ${a.title}`,
        count: entries.length,
        collapsed: collapsed.has(ak),
      });
      if (collapsed.has(ak)) continue;
      for (const e of entries) rows.push(rowOf(e));
      rows.push(...more);
    }
  }
  return rows;
}

type RowInputs = [PlanDetail, readonly ReformItem[], PlanNode, ItemFilter, ReadonlySet<string>];

/**
 * buildRows that remembers its last answer. When the items changed in place
 * (an edit, a paste) and every changed item stays under the same heading and
 * in or out of the filter, the rows are the previous ones with the changed
 * items' rows replaced: a typed cell costs the same at 10,000 items as at 100.
 * Anything else (an item moved, added, filtered out) builds the rows anew.
 */
export function rowBuilder(): (...inputs: RowInputs) => BuiltRows {
  let last: { inputs: RowInputs; built: BuiltRows; rowOf: Map<number, number> | null } | null =
    null;
  return (...inputs) => {
    const patched = last && patchRows(last, inputs);
    const built = patched ?? buildRows(...inputs);
    last = { inputs, built, rowOf: patched && last ? last.rowOf : null };
    return built;
  };
}

function patchRows(
  last: { inputs: RowInputs; built: BuiltRows; rowOf: Map<number, number> | null },
  [plan, items, node, f, collapsed]: RowInputs,
): BuiltRows | null {
  const [plan0, items0, node0, f0, collapsed0] = last.inputs;
  if (plan !== plan0 || node !== node0 || f !== f0 || collapsed !== collapsed0) return null;
  // An item shown twice (再掲) has two rows to replace: built anew.
  if (hasReposts(plan)) return null;
  if (items.length !== items0.length) return null;
  const test = compileFilter(node, f, plan);
  const replacedRows: [number, GridRow<ReformItem>][] = [];
  const check = (i: number): boolean => {
    const before = items0[i]!;
    const after = items[i]!;
    if (before === after) return true;
    if (
      before.id !== after.id ||
      before.areaId !== after.areaId ||
      before.priorityId !== after.priorityId
    )
      return false;
    const shown = test ? test(after) : true;
    if (shown !== (test ? test(before) : true)) return false;
    if (!shown) return true;
    last.rowOf ??= dataRowPositions(last.built.rows);
    const at = last.rowOf.get(after.id);
    // undefined: under a collapsed heading
    if (at !== undefined) replacedRows.push([at, dataRow(after)]);
    return true;
  };
  // The places the store replaced, when it says; otherwise every item is compared.
  const changed = replacedSince(items, items0);
  if (changed) {
    for (const i of changed) if (!check(i)) return null;
  } else {
    for (let i = 0; i < items.length; i++) if (!check(i)) return null;
  }
  return replacedRows.length > 0
    ? { rows: replaceAt(last.built.rows, replacedRows), matching: last.built.matching }
    : last.built;
}

function dataRowPositions(rows: readonly GridRow<ReformItem>[]): Map<number, number> {
  const m = new Map<number, number>();
  rows.forEach((r, i) => {
    if (r.kind === 'data') m.set(r.data.id, i);
  });
  return m;
}
