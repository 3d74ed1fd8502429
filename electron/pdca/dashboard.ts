import type { Dashboard, EvaluationBreakdown, RecordStatus } from '../../shared/domain/pdca';
import { RECORD_STATUSES } from '../../shared/domain/pdca';
import { achievementRate, cumulative, sharesOf } from '../../shared/pdca-math';
import type { Db } from '../db/open-store';
import { requirePlan } from '../plans/plan-queries';
import { getPdcaSettings } from './settings';

/**
 * Items of the plan that are deleted themselves or under a deleted 分野 or
 * 重点項目: few, so excluding them is cheaper than joining every record to the outline.
 */
const DEAD_ITEMS = `
  SELECT i.id FROM reform_items i JOIN areas a ON a.id = i.area_id JOIN priorities p ON p.id = a.priority_id
  WHERE i.plan_id = @planId AND (i.deleted_at IS NOT NULL OR a.deleted_at IS NOT NULL OR p.deleted_at IS NOT NULL)`;

/** The round a year is judged by: the given one, else the year's last round. */
function pickRound(db: Db, planId: number, fy: number, roundId: number | null) {
  const sql = roundId
    ? 'SELECT id, name FROM pdca_rounds WHERE id = ? AND plan_id = ? AND fiscal_year = ?'
    : 'SELECT id, name FROM pdca_rounds WHERE ? IS NULL AND plan_id = ? AND fiscal_year = ? ORDER BY sort_order DESC LIMIT 1';
  return db.prepare(sql).get(roundId, planId, fy) as { id: number; name: string } | undefined;
}

class Breakdown {
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
  add(itemId: number, levelId: number | null, excluded: boolean): void {
    if (levelId == null) this.unevaluated++;
    else if (excluded) this.excluded++;
    else {
      this.counts[levelId] = (this.counts[levelId] ?? 0) + 1;
      (this.itemsByLevel[levelId] ??= []).push(itemId);
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

/**
 * The dashboard of a year: evaluation counts and shares per 重点項目 and per
 * lead section (対象外 apart), 効果額 per year with 累計 against plan, KPI
 * achievement, and the evaluation trend across the plan's years. Aggregated in
 * SQL where the rows are many (all years), in one pass where ids are needed.
 */
export function dashboard(
  db: Db,
  planId: number,
  fiscalYear: number,
  roundId: number | null,
): Dashboard {
  const plan = requirePlan(db, planId);
  const settings = getPdcaSettings(db, planId, false);
  const evalLevels = settings.levels.filter((l) => l.axis === 'evaluation' && !l.excluded);
  const excludedIds = new Set(
    settings.levels.filter((l) => l.axis === 'evaluation' && l.excluded).map((l) => l.id),
  );
  const levelIds = evalLevels.map((l) => l.id);
  const round = pickRound(db, planId, fiscalYear, roundId);

  const total = new Breakdown('total', '計画全体', levelIds);
  const byPriority = new Map<number, Breakdown>();
  const bySection = new Map<string, Breakdown>();
  const statusCounts = Object.fromEntries(RECORD_STATUSES.map((s) => [s, 0])) as Record<
    RecordStatus,
    number
  >;
  for (const p of db
    .prepare(
      'SELECT id, number, title FROM priorities WHERE plan_id = ? AND deleted_at IS NULL ORDER BY sort_order',
    )
    .all(planId) as { id: number; number: number; title: string }[]) {
    byPriority.set(p.id, new Breakdown(`p${p.id}`, `重点項目${p.number}　${p.title}`, levelIds));
  }
  if (round) {
    // The first lead section of each item, in one pass rather than a lookup per record.
    const leadOf = new Map<number, string>();
    for (const [itemId, name] of db
      .prepare(
        `SELECT ia.item_id, s.name FROM item_assignments ia
         JOIN reform_items i ON i.id = ia.item_id AND i.plan_id = ?
         JOIN org_units s ON s.id = ia.org_unit_id
         WHERE ia.role = 'lead' ORDER BY ia.item_id, ia.sort_order DESC`,
      )
      .raw()
      .all(planId) as [number, string][])
      leadOf.set(itemId, name);
    const rows = db
      .prepare(
        `SELECT r.item_id, r.evaluation_id, r.status, a.priority_id
         FROM pdca_records r
         JOIN reform_items i ON i.id = r.item_id AND i.deleted_at IS NULL
         JOIN areas a ON a.id = i.area_id AND a.deleted_at IS NULL
         JOIN priorities p ON p.id = a.priority_id AND p.deleted_at IS NULL
         WHERE r.round_id = ?
         ORDER BY p.sort_order, a.sort_order, i.sort_order`,
      )
      .raw()
      .all(round.id) as [number, number | null, RecordStatus, number][];
    for (const [itemId, evalId, status, priorityId] of rows) {
      const section = leadOf.get(itemId) ?? null;
      const excluded = evalId != null && excludedIds.has(evalId);
      total.add(itemId, evalId, excluded);
      byPriority.get(priorityId)?.add(itemId, evalId, excluded);
      const sk = section ?? '関係部課';
      let b = bySection.get(sk);
      if (!b) bySection.set(sk, (b = new Breakdown(`s:${sk}`, sk, levelIds)));
      b.add(itemId, evalId, excluded);
      statusCounts[status]++;
    }
  }

  // 効果額 and the trend use each year's last round.
  const lastRounds = `
    SELECT o.id, o.fiscal_year FROM pdca_rounds o
    WHERE o.plan_id = @planId AND o.sort_order = (
      SELECT max(sort_order) FROM pdca_rounds x WHERE x.plan_id = o.plan_id AND x.fiscal_year = o.fiscal_year)`;
  // One pass over the last rounds: 効果額 sums and evaluation counts per year together.
  const yearRows = db
    .prepare(
      `WITH last AS (${lastRounds})
       SELECT last.fiscal_year AS fy, r.evaluation_id AS level, count(*) AS n,
         coalesce(sum(coalesce(r.revenue_plan, 0) + coalesce(r.saving_plan, 0)), 0) AS plan,
         coalesce(sum(r.revenue_actual), 0) AS revenue,
         coalesce(sum(r.saving_actual), 0) AS saving
       FROM last JOIN pdca_records r ON r.round_id = last.id
       WHERE r.item_id NOT IN (${DEAD_ITEMS})
       GROUP BY last.fiscal_year, r.evaluation_id`,
    )
    .all({ planId }) as {
    fy: number;
    level: number | null;
    n: number;
    plan: number;
    revenue: number;
    saving: number;
  }[];
  const amountRows = new Map<number, { plan: number; revenue: number; saving: number }>();
  for (const r of yearRows) {
    const a = amountRows.get(r.fy) ?? { plan: 0, revenue: 0, saving: 0 };
    a.plan += r.plan;
    a.revenue += r.revenue;
    a.saving += r.saving;
    amountRows.set(r.fy, a);
  }
  const byFy = amountRows;
  const years: number[] = [];
  for (let fy = plan.first_fy; fy <= plan.last_fy; fy++) years.push(fy);
  const plans = years.map((fy) => byFy.get(fy)?.plan ?? 0);
  const actuals = years.map((fy) => (byFy.get(fy)?.revenue ?? 0) + (byFy.get(fy)?.saving ?? 0));
  const cumPlan = cumulative(plans);
  const cumActual = cumulative(actuals);
  const amounts = years.map((fy, i) => ({
    fiscalYear: fy,
    plan: plans[i]!,
    actual: actuals[i]!,
    cumulativePlan: cumPlan[i]!,
    cumulativeActual: cumActual[i]!,
    revenueActual: byFy.get(fy)?.revenue ?? 0,
    savingActual: byFy.get(fy)?.saving ?? 0,
  }));

  const trendRows = yearRows.filter((r) => r.level != null);
  const trend = years.map((fy) => ({
    fiscalYear: fy,
    counts: Object.fromEntries(
      trendRows.filter((r) => r.fy === fy).map((r) => [String(r.level), r.n]),
    ),
  }));

  const kpiRows = db
    .prepare(
      `SELECT k.item_id, k.direction, v.target, v.actual FROM kpis k
       JOIN reform_items i ON i.id = k.item_id AND i.plan_id = @planId
       LEFT JOIN kpi_values v ON v.kpi_id = k.id AND v.fiscal_year = @fiscalYear
       WHERE k.item_id NOT IN (${DEAD_ITEMS})`,
    )
    .raw()
    .all({ planId, fiscalYear }) as [number, 'higher' | 'lower', number | null, number | null][];
  const bands: Record<string, number[]> = { achieved: [], near: [], behind: [], none: [] };
  let withActual = 0;
  for (const [itemId, direction, target, actual] of kpiRows) {
    const rate = achievementRate(target, actual, direction);
    if (actual !== null) withActual++;
    const band = rate === null ? 'none' : rate >= 100 ? 'achieved' : rate >= 80 ? 'near' : 'behind';
    bands[band]!.push(itemId);
  }

  return {
    planId,
    fiscalYear,
    roundId: round?.id ?? null,
    roundName: round?.name ?? null,
    total: total.done(),
    byPriority: [...byPriority.values()].map((b) => b.done()),
    bySection: [...bySection.values()].map((b) => b.done()),
    amounts,
    kpi: { count: kpiRows.length, withActual, achieved: bands.achieved!.length, bands },
    trend,
    statusCounts,
  };
}
