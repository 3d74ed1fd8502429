import { DEFAULT_HEADING_NAMES, DEFAULT_NUMBER_PATTERN } from '../../shared/domain/headings';
import type { Dashboard, EvaluationBreakdown } from '../../shared/domain/pdca';
import type { ReportData } from '../../shared/reports/build';
import type { YearAmounts } from '../../shared/year-figures';
import { yearDashboard } from '../../shared/year-figures';
import type { Db } from '../db/open-store';
import { stmt } from '../db/statements';

/**
 * A closed year as it was closed: every round's report data, frozen. Every
 * view of a closed year reads from here, so later changes to structure,
 * sections, scales or items cannot reach it; only a 訂正 changes it.
 */
export interface YearSnapshot {
  version: 1;
  fiscalYear: number;
  rounds: { roundId: number; roundName: string; data: ReportData }[];
}

const cache = new WeakMap<Db, Map<string, { stamp: string; snap: YearSnapshot }>>();

export function readSnapshot(db: Db, planId: number, fiscalYear: number): YearSnapshot | null {
  const head = stmt(
    db,
    'SELECT revision, closed_at FROM year_closes WHERE plan_id = ? AND fiscal_year = ?',
  ).get(planId, fiscalYear) as { revision: number; closed_at: string } | undefined;
  if (!head) return null;
  let byKey = cache.get(db);
  if (!byKey) cache.set(db, (byKey = new Map()));
  const key = `${planId}:${fiscalYear}`;
  const hit = byKey.get(key);
  // A reopened and closed-again year starts at revision 1 again: the close time tells them apart.
  const stamp = `${head.closed_at}#${head.revision}`;
  if (hit && hit.stamp === stamp) return hit.snap;
  const text = stmt(db, 'SELECT snapshot FROM year_closes WHERE plan_id = ? AND fiscal_year = ?')
    .pluck()
    .get(planId, fiscalYear) as string;
  const snap = withDefaults(JSON.parse(text) as YearSnapshot);
  byKey.set(key, { stamp, snap });
  return snap;
}

/**
 * A year closed before a plan had its shape fields reads as the plan was
 * then: two heading levels, 1-(1)-1 numbers, no 再掲.
 */
function withDefaults(snap: YearSnapshot): YearSnapshot {
  for (const r of snap.rounds) {
    const plan = r.data.plan as Partial<typeof r.data.plan> & typeof r.data.plan;
    plan.headingLevels ??= 2;
    plan.numberPattern ??= DEFAULT_NUMBER_PATTERN;
    plan.headingNames ??= DEFAULT_HEADING_NAMES;
    plan.headingNames.group ??= DEFAULT_HEADING_NAMES.group;
    plan.groups ??= [];
    for (const p of plan.priorities) {
      p.groupId ??= null;
      for (const a of p.areas) a.repostedItemIds ??= [];
    }
  }
  return snap;
}

/** The round of a snapshot a view asks for: by id, else the year's last. */
export function snapshotRound(snap: YearSnapshot, roundId: number | null) {
  return roundId == null
    ? snap.rounds[snap.rounds.length - 1]
    : snap.rounds.find((r) => r.roundId === roundId);
}

/** Each closed year's totals (効果額 and evaluation counts of its last round). */
export function closedYearTotals(db: Db, planId: number): Map<number, YearAmounts> {
  const rows = stmt(db, 'SELECT fiscal_year, totals FROM year_closes WHERE plan_id = ?')
    .raw()
    .all(planId) as [number, string][];
  return new Map(rows.map(([fy, t]) => [fy, JSON.parse(t) as YearAmounts]));
}

/** The figures of one year of the dashboard (the across-years part and 増減 aside). */
export type YearFigures = Omit<
  Dashboard,
  'planId' | 'fiscalYear' | 'amounts' | 'trend' | 'previous'
>;

/** A closed year's counts for 増減, from its snapshot's last round (counts only, as the live year before). */
export function closedYearCounts(
  db: Db,
  planId: number,
  fiscalYear: number,
): Omit<NonNullable<Dashboard['previous']>, 'fiscalYear'> | null {
  const snap = readSnapshot(db, planId, fiscalYear);
  const r = snap ? snapshotRound(snap, null) : null;
  if (!r) return null;
  const d = yearDashboard(r.data, fiscalYear);
  return {
    roundName: r.roundName,
    total: countsOnly(d.total),
    byPriority: d.byPriority.map(countsOnly),
    statusAxes: d.statusAxes.map((a) => ({
      ...a,
      total: countsOnly(a.total),
      byPriority: a.byPriority.map(countsOnly),
    })),
  };
}

function countsOnly(b: EvaluationBreakdown): EvaluationBreakdown {
  return { ...b, itemsByLevel: Object.fromEntries(Object.keys(b.counts).map((k) => [k, []])) };
}

/** A closed year's own figures, from its snapshot; null when the year is open. */
export function closedYearFigures(
  db: Db,
  planId: number,
  fiscalYear: number,
  roundId: number | null,
): YearFigures | null {
  const snap = readSnapshot(db, planId, fiscalYear);
  if (!snap) return null;
  const r = snapshotRound(snap, roundId);
  if (!r) return null;
  return { roundId: r.roundId, roundName: r.roundName, ...yearDashboard(r.data, fiscalYear) };
}
