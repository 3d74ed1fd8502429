import type { HeadingNames } from './domain/headings';
import { DEFAULT_HEADING_NAMES, priorityHeading } from './domain/headings';
import type {
  Dashboard,
  EvaluationBreakdown,
  PdcaSettings,
  RecordStatus,
  StatusAxisBreakdown,
} from './domain/pdca';
import { RECORD_STATUSES } from './domain/pdca';
import { achievementRate, cumulative, sharesOf } from './pdca-math';
import type { ReportData } from './reports/build';

/**
 * A year's figures computed from the year's data alone (items as of the year,
 * records, scales, KPIs), with no store behind them. A closed year's
 * dashboard is computed here from its snapshot, so its numbers depend on
 * nothing that can change later; the live dashboard produces the same numbers
 * from the store (tested at every close).
 */

export class Breakdown {
  readonly counts: Record<string, number> = {};
  readonly itemsByLevel: Record<string, number[]> = {};
  excluded = 0;
  unevaluated = 0;
  constructor(
    readonly key: string,
    readonly label: string,
    levelIds: readonly number[],
  ) {
    for (const id of levelIds) {
      this.counts[id] = 0;
      this.itemsByLevel[id] = [];
    }
  }
  /** One item, or (itemId null) `n` items counted in SQL whose ids are not needed. */
  add(itemId: number | null, levelId: number | null, excluded: boolean, n = 1): void {
    if (levelId == null) this.unevaluated += n;
    else if (excluded) this.excluded += n;
    else {
      this.counts[levelId] = (this.counts[levelId] ?? 0) + n;
      if (itemId !== null) (this.itemsByLevel[levelId] ??= []).push(itemId);
    }
  }
  done(): EvaluationBreakdown {
    const evaluated = Object.values(this.counts).reduce((a, b) => a + b, 0);
    return {
      key: this.key,
      label: this.label,
      counts: this.counts,
      percents: sharesOf(this.counts, evaluated),
      evaluated,
      excluded: this.excluded,
      unevaluated: this.unevaluated,
      itemsByLevel: this.itemsByLevel,
    };
  }
}

/** The label of the 担当課別 row an item counts under: its first 主担当 that year. */
export function leadSectionLabel(
  assignments: readonly { role: string; sectionName: string }[],
): string {
  return assignments.find((a) => a.role === 'lead')?.sectionName ?? '関係部課';
}

export function priorityLabel(
  p: { number: number; title: string },
  names: HeadingNames = DEFAULT_HEADING_NAMES,
): string {
  return priorityHeading(names, p);
}

/**
 * Counts on the status axes besides the evaluation (進捗状況, and the second
 * axis — 着手の状況 / 達成度 — where a plan uses one), per 重点項目 and in
 * total, the way the evaluation is counted (no level is 対象外 there).
 */
export function statusAxes(
  settings: Pick<PdcaSettings, 'axisLabels' | 'levels'>,
  priorities: readonly { id: number; number: number; title: string }[],
  names: HeadingNames,
  rows: readonly {
    /** null for a group of `n` records counted in SQL. */
    itemId: number | null;
    priorityId: number;
    progressId: number | null;
    progress2Id: number | null;
    n?: number;
    /** A 再掲 counted again under another heading: not again in the total. */
    headingOnly?: boolean;
  }[],
): StatusAxisBreakdown[] {
  const out: StatusAxisBreakdown[] = [];
  for (const axis of ['progress', 'progress2'] as const) {
    const label = settings.axisLabels[axis];
    const levelIds = settings.levels.filter((l) => l.axis === axis).map((l) => l.id);
    if (label === null || levelIds.length === 0) continue;
    const total = new Breakdown('total', '計画全体', levelIds);
    const byPriority = new Map(
      priorities.map((p) => [p.id, new Breakdown(`p${p.id}`, priorityLabel(p, names), levelIds)]),
    );
    for (const r of rows) {
      const id = axis === 'progress' ? r.progressId : r.progress2Id;
      if (!r.headingOnly) total.add(r.itemId, id, false, r.n);
      byPriority.get(r.priorityId)?.add(r.itemId, id, false, r.n);
    }
    out.push({
      axis,
      label,
      total: total.done(),
      byPriority: [...byPriority.values()].map((b) => b.done()),
    });
  }
  return out;
}

/** 再掲 listings (item, heading) of a plan that counts 再掲 under every heading it is listed in. */
export function planReposts(plan: {
  repostCounting?: 'home' | 'every';
  priorities: readonly { id: number; areas: readonly { repostedItemIds?: readonly number[] }[] }[];
}): { itemId: number; priorityId: number }[] {
  if (plan.repostCounting !== 'every') return [];
  return plan.priorities.flatMap((p) =>
    p.areas.flatMap((a) =>
      (a.repostedItemIds ?? []).map((itemId) => ({ itemId, priorityId: p.id })),
    ),
  );
}

/** The headings besides its own that each 再掲 item is counted under, from its listings. */
export function repostHeadings(
  listings: readonly { itemId: number; priorityId: number }[],
  priorityOf: ReadonlyMap<number, number>,
): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const { itemId, priorityId } of listings) {
    const own = priorityOf.get(itemId);
    if (own === undefined || own === priorityId) continue;
    const list = out.get(itemId) ?? [];
    if (!list.includes(priorityId)) list.push(priorityId);
    out.set(itemId, list);
  }
  return out;
}

export interface YearAmounts {
  plan: number;
  revenue: number;
  saving: number;
  /** Evaluation counts per level id (unevaluated left out). */
  counts: Record<string, number>;
}

/** 効果額 sums and evaluation counts of one round's records. */
export function roundTotals(
  records: readonly {
    evaluationId: number | null;
    revenuePlan: number | null;
    savingPlan: number | null;
    revenueActual: number | null;
    savingActual: number | null;
  }[],
): YearAmounts {
  const out: YearAmounts = { plan: 0, revenue: 0, saving: 0, counts: {} };
  for (const r of records) {
    out.plan += (r.revenuePlan ?? 0) + (r.savingPlan ?? 0);
    out.revenue += r.revenueActual ?? 0;
    out.saving += r.savingActual ?? 0;
    if (r.evaluationId != null) out.counts[r.evaluationId] = (out.counts[r.evaluationId] ?? 0) + 1;
  }
  return out;
}

/** The cross-year part of the dashboard from each year's totals. */
export function amountsAndTrend(
  years: readonly number[],
  totals: ReadonlyMap<number, YearAmounts>,
): Pick<Dashboard, 'amounts' | 'trend'> {
  const plans = years.map((fy) => totals.get(fy)?.plan ?? 0);
  const actuals = years.map((fy) => (totals.get(fy)?.revenue ?? 0) + (totals.get(fy)?.saving ?? 0));
  const cumPlan = cumulative(plans);
  const cumActual = cumulative(actuals);
  return {
    amounts: years.map((fy, i) => ({
      fiscalYear: fy,
      plan: plans[i]!,
      actual: actuals[i]!,
      cumulativePlan: cumPlan[i]!,
      cumulativeActual: cumActual[i]!,
      revenueActual: totals.get(fy)?.revenue ?? 0,
      savingActual: totals.get(fy)?.saving ?? 0,
    })),
    trend: years.map((fy) => ({ fiscalYear: fy, counts: { ...(totals.get(fy)?.counts ?? {}) } })),
  };
}

export function kpiBands(
  kpis: readonly {
    itemId: number;
    direction: 'higher' | 'lower';
    target: number | null;
    actual: number | null;
  }[],
): Dashboard['kpi'] {
  const bands: Record<string, number[]> = { achieved: [], near: [], behind: [], none: [] };
  let withActual = 0;
  for (const k of kpis) {
    const rate = achievementRate(k.target, k.actual, k.direction);
    if (k.actual !== null) withActual++;
    const band = rate === null ? 'none' : rate >= 100 ? 'achieved' : rate >= 80 ? 'near' : 'behind';
    bands[band]!.push(k.itemId);
  }
  return { count: kpis.length, withActual, achieved: bands.achieved!.length, bands };
}

/**
 * The one-year part of the dashboard (evaluation breakdowns, statuses, KPI
 * bands) from a year's report data.
 */
export function yearDashboard(
  data: Pick<ReportData, 'plan' | 'settings' | 'items' | 'records' | 'kpis'>,
  fiscalYear: number,
): Pick<Dashboard, 'total' | 'byPriority' | 'bySection' | 'kpi' | 'statusCounts' | 'statusAxes'> {
  const levels = data.settings.levels.filter((l) => l.axis === 'evaluation');
  const levelIds = levels.filter((l) => !l.excluded).map((l) => l.id);
  const excludedIds = new Set(levels.filter((l) => l.excluded).map((l) => l.id));
  const total = new Breakdown('total', '計画全体', levelIds);
  const byPriority = new Map<number, Breakdown>();
  if (data.plan.headingLevels > 0)
    for (const p of data.plan.priorities)
      byPriority.set(
        p.id,
        new Breakdown(`p${p.id}`, priorityLabel(p, data.plan.headingNames), levelIds),
      );
  const bySection = new Map<string, Breakdown>();
  const statusCounts = Object.fromEntries(RECORD_STATUSES.map((s) => [s, 0])) as Record<
    RecordStatus,
    number
  >;
  const recordOf = new Map(data.records.map((r) => [r.itemId, r]));
  const also = repostHeadings(
    planReposts(data.plan),
    new Map(data.items.map((i) => [i.id, i.priorityId])),
  );
  for (const item of data.items) {
    const r = recordOf.get(item.id);
    if (!r) continue;
    const evalId = r.evaluationId;
    const excluded = evalId != null && excludedIds.has(evalId);
    total.add(item.id, evalId, excluded);
    byPriority.get(item.priorityId)?.add(item.id, evalId, excluded);
    for (const q of also.get(item.id) ?? []) byPriority.get(q)?.add(item.id, evalId, excluded);
    const sk = leadSectionLabel(item.assignments);
    let b = bySection.get(sk);
    if (!b) bySection.set(sk, (b = new Breakdown(`s:${sk}`, sk, levelIds)));
    b.add(item.id, evalId, excluded);
    statusCounts[r.status]++;
  }
  const itemIds = new Set(data.items.map((i) => i.id));
  const kpi = kpiBands(
    data.kpis
      .filter((k) => itemIds.has(k.itemId))
      .map((k) => {
        const v = k.values.find((x) => x.fiscalYear === fiscalYear);
        return {
          itemId: k.itemId,
          direction: k.direction,
          target: v?.target ?? null,
          actual: v?.actual ?? null,
        };
      }),
  );
  const inYear = new Set(data.items.map((i) => i.id));
  const priorityOf = new Map(data.items.map((i) => [i.id, i.priorityId]));
  return {
    total: total.done(),
    byPriority: [...byPriority.values()].map((b) => b.done()),
    bySection: [...bySection.values()].map((b) => b.done()),
    kpi,
    statusCounts,
    statusAxes: statusAxes(
      data.settings,
      data.plan.headingLevels > 0 ? data.plan.priorities : [],
      data.plan.headingNames,
      data.records
        .filter((r) => inYear.has(r.itemId))
        .flatMap((r) => [
          { ...r, priorityId: priorityOf.get(r.itemId)! },
          ...(also.get(r.itemId) ?? []).map((q) => ({ ...r, priorityId: q, headingOnly: true })),
        ]),
    ),
  };
}
