import type { Dashboard, PdcaSettings, RecordStatus } from '../../shared/domain/pdca';
import { RECORD_STATUSES } from '../../shared/domain/pdca';
import type { YearAmounts } from '../../shared/year-figures';
import {
  amountsAndTrend,
  repostHeadings,
  Breakdown,
  kpiBands,
  leadSectionLabel,
  priorityLabel,
  statusAxes,
} from '../../shared/year-figures';
import type { Db } from '../db/open-store';
import type { PlanRow } from '../plans/plan-queries';
import { requirePlan } from '../plans/plan-queries';
import { assignmentInForce, itemInYear } from '../years/in-force';
import type { YearFigures } from '../years/snapshot-read';
import { closedYearCounts, closedYearFigures, closedYearTotals } from '../years/snapshot-read';
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

/** The heading counters of a year: one per live 重点項目, in outline order. */
function headings(db: Db, plan: PlanRow, levelIds: number[]) {
  const names = { priority: plan.priority_label, area: plan.area_label, group: plan.group_label };
  const priorities = db
    .prepare(
      'SELECT id, number, title FROM priorities WHERE plan_id = ? AND deleted_at IS NULL ORDER BY sort_order',
    )
    .all(plan.id) as { id: number; number: number; title: string }[];
  const byPriority = new Map<number, Breakdown>();
  // A plain list of items has no headings to break down by.
  if (plan.heading_levels > 0)
    for (const p of priorities)
      byPriority.set(p.id, new Breakdown(`p${p.id}`, priorityLabel(p, names), levelIds));
  // Status axes break down by the same headings.
  return { names, priorities: plan.heading_levels > 0 ? priorities : [], byPriority };
}

function evaluationLevels(settings: PdcaSettings) {
  const evaluation = settings.levels.filter((l) => l.axis === 'evaluation');
  return {
    levelIds: evaluation.filter((l) => !l.excluded).map((l) => l.id),
    excludedIds: new Set(evaluation.filter((l) => l.excluded).map((l) => l.id)),
  };
}

/** 再掲 items and the other headings they count under, for plans that count them there. */
function repostsUnder(db: Db, plan: PlanRow): Map<number, number[]> {
  if (plan.repost_counting !== 'every') return new Map();
  const rows = db
    .prepare(
      `SELECT rp.item_id, ra.priority_id AS listed, a.priority_id AS own FROM item_reposts rp
         JOIN areas ra ON ra.id = rp.area_id AND ra.deleted_at IS NULL
         JOIN reform_items i ON i.id = rp.item_id AND i.deleted_at IS NULL
         JOIN areas a ON a.id = i.area_id
        WHERE i.plan_id = ? ORDER BY rp.item_id, ra.priority_id`,
    )
    .all(plan.id) as { item_id: number; listed: number; own: number }[];
  return repostHeadings(
    rows.map((r) => ({ itemId: r.item_id, priorityId: r.listed })),
    new Map(rows.map((r) => [r.item_id, r.own])),
  );
}

/** The live records of a round whose items belong to the year, in outline order. */
const YEAR_RECORDS = `
  FROM pdca_records r
  JOIN reform_items i ON i.id = r.item_id AND i.deleted_at IS NULL
  JOIN areas a ON a.id = i.area_id AND a.deleted_at IS NULL
  JOIN priorities p ON p.id = a.priority_id AND p.deleted_at IS NULL
  WHERE r.round_id = @round AND ${itemInYear('i', '@fy')}`;

/**
 * The year's own counts (evaluation, status axes, record statuses) from its
 * round's records, each count with the ids of its items for the click-through.
 */
function yearCounts(
  db: Db,
  plan: PlanRow,
  settings: PdcaSettings,
  fiscalYear: number,
  roundId: number | null,
) {
  const { levelIds, excludedIds } = evaluationLevels(settings);
  const { names, priorities, byPriority } = headings(db, plan, levelIds);
  const round = pickRound(db, plan.id, fiscalYear, roundId);
  const total = new Breakdown('total', '計画全体', levelIds);
  const bySection = new Map<string, Breakdown>();
  const statusCounts = Object.fromEntries(RECORD_STATUSES.map((s) => [s, 0])) as Record<
    RecordStatus,
    number
  >;
  const axisRows: {
    itemId: number;
    priorityId: number;
    progressId: number | null;
    progress2Id: number | null;
    headingOnly?: boolean;
  }[] = [];
  if (round) {
    // Each record with its item's first lead section in force that year,
    // looked up per record as SQLite emits the sorted rows.
    const rows = db
      .prepare(
        `SELECT r.item_id, r.evaluation_id, r.status, a.priority_id, r.progress_id, r.progress2_id,
           (SELECT s.name FROM item_assignments ia JOIN org_units s ON s.id = ia.org_unit_id
            WHERE ia.item_id = r.item_id AND ia.role = 'lead' AND ${assignmentInForce('ia', '@fy')}
            ORDER BY ia.sort_order LIMIT 1)
         ${YEAR_RECORDS}
         ORDER BY p.sort_order, a.sort_order, i.sort_order`,
      )
      .raw()
      .all({ round: round.id, fy: fiscalYear }) as [
      number,
      number | null,
      RecordStatus,
      number,
      number | null,
      number | null,
      string | null,
    ][];
    const also = repostsUnder(db, plan);
    for (const [itemId, evalId, status, priorityId, progressId, progress2Id, lead] of rows) {
      const excluded = evalId != null && excludedIds.has(evalId);
      total.add(itemId, evalId, excluded);
      byPriority.get(priorityId)?.add(itemId, evalId, excluded);
      for (const q of also.get(itemId) ?? []) {
        byPriority.get(q)?.add(itemId, evalId, excluded);
        axisRows.push({ itemId, priorityId: q, progressId, progress2Id, headingOnly: true });
      }
      const sk = lead ?? leadSectionLabel([]);
      let b = bySection.get(sk);
      if (!b) bySection.set(sk, (b = new Breakdown(`s:${sk}`, sk, levelIds)));
      b.add(itemId, evalId, excluded);
      statusCounts[status]++;
      axisRows.push({ itemId, priorityId, progressId, progress2Id });
    }
  }
  return {
    round,
    total: total.done(),
    byPriority: [...byPriority.values()].map((b) => b.done()),
    bySection: [...bySection.values()].map((b) => b.done()),
    statusCounts,
    statusAxes: statusAxes(settings, priorities, names, axisRows),
  };
}

/**
 * The year before, for 増減: as it was closed, or as it stands; null before
 * the plan or without a round. Only its counts are shown, so it is counted in
 * SQL and carries no item ids.
 */
function previousYear(
  db: Db,
  plan: PlanRow,
  settings: PdcaSettings,
  fiscalYear: number,
): Dashboard['previous'] {
  const fy = fiscalYear - 1;
  if (fy < plan.first_fy) return null;
  const closed = closedYearCounts(db, plan.id, fy);
  if (closed) return { fiscalYear: fy, ...closed };
  const round = pickRound(db, plan.id, fy, null);
  if (!round) return null;
  const { levelIds, excludedIds } = evaluationLevels(settings);
  const { names, priorities, byPriority } = headings(db, plan, levelIds);
  const total = new Breakdown('total', '計画全体', levelIds);
  const groups = db
    .prepare(
      `SELECT a.priority_id, r.evaluation_id, r.progress_id, r.progress2_id, count(*)
       ${YEAR_RECORDS}
       GROUP BY a.priority_id, r.evaluation_id, r.progress_id, r.progress2_id`,
    )
    .raw()
    .all({ round: round.id, fy }) as [
    number,
    number | null,
    number | null,
    number | null,
    number,
  ][];
  for (const [priorityId, evalId, , , n] of groups) {
    const excluded = evalId != null && excludedIds.has(evalId);
    total.add(null, evalId, excluded, n);
    byPriority.get(priorityId)?.add(null, evalId, excluded, n);
  }
  // 再掲 counted again under the other headings they are listed in.
  const also = repostsUnder(db, plan);
  const again: { priorityId: number; progressId: number | null; progress2Id: number | null }[] = [];
  if (also.size > 0) {
    const one = db.prepare(
      `SELECT r.evaluation_id, r.progress_id, r.progress2_id ${YEAR_RECORDS} AND r.item_id = @item`,
    );
    for (const [itemId, qs] of also) {
      const r = one.get({ round: round.id, fy, item: itemId }) as
        | { evaluation_id: number | null; progress_id: number | null; progress2_id: number | null }
        | undefined;
      if (!r) continue;
      const excluded = r.evaluation_id != null && excludedIds.has(r.evaluation_id);
      for (const q of qs) {
        byPriority.get(q)?.add(null, r.evaluation_id, excluded);
        again.push({ priorityId: q, progressId: r.progress_id, progress2Id: r.progress2_id });
      }
    }
  }
  return {
    fiscalYear: fy,
    roundName: round.name,
    total: total.done(),
    byPriority: [...byPriority.values()].map((b) => b.done()),
    statusAxes: statusAxes(settings, priorities, names, [
      ...groups.map(([priorityId, , progressId, progress2Id, n]) => ({
        itemId: null,
        priorityId,
        progressId,
        progress2Id,
        n,
      })),
      ...again.map((a) => ({ ...a, itemId: null, headingOnly: true })),
    ]),
  };
}

/** An open year's own figures: its counts from the store and its KPI bands. */
function liveYearFigures(
  db: Db,
  plan: PlanRow,
  settings: PdcaSettings,
  fiscalYear: number,
  roundId: number | null,
): YearFigures {
  const { round, ...year } = yearCounts(db, plan, settings, fiscalYear, roundId);
  // The bands list item ids for the click-through; their order does not matter.
  // (CROSS JOIN: from the KPIs to their items, not from every item of the plan.)
  const kpiRows = db
    .prepare(
      `SELECT k.item_id, k.direction, v.target, v.actual FROM kpis k
       CROSS JOIN reform_items i ON i.id = k.item_id
       LEFT JOIN kpi_values v ON v.kpi_id = k.id AND v.fiscal_year = @fiscalYear
       WHERE i.plan_id = @planId AND k.item_id NOT IN (${DEAD_ITEMS}) AND ${itemInYear('i', '@fiscalYear')}`,
    )
    .raw()
    .all({ planId: plan.id, fiscalYear }) as [
    number,
    'higher' | 'lower',
    number | null,
    number | null,
  ][];
  return {
    roundId: round?.id ?? null,
    roundName: round?.name ?? null,
    ...year,
    kpi: kpiBands(
      kpiRows.map(([itemId, direction, target, actual]) => ({ itemId, direction, target, actual })),
    ),
  };
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

  // 効果額 and the trend use each year's last round.
  const lastRounds = `
    SELECT o.id, o.fiscal_year FROM pdca_rounds o
    WHERE o.plan_id = @planId AND o.sort_order = (
      SELECT max(sort_order) FROM pdca_rounds x WHERE x.plan_id = o.plan_id AND x.fiscal_year = o.fiscal_year)`;
  // One pass over the last rounds: 効果額 sums and evaluation counts per year
  // together. Records of items outside a year (added later, ended earlier) are
  // few: they are summed apart and taken off (CROSS JOIN keeps SQLite going from
  // those few items to their records, not from every record), rather than every record joined
  // to its item.
  const sums = `last.fiscal_year AS fy, r.evaluation_id AS level, count(*) AS n,
         coalesce(sum(coalesce(r.revenue_plan, 0) + coalesce(r.saving_plan, 0)), 0) AS plan,
         coalesce(sum(r.revenue_actual), 0) AS revenue,
         coalesce(sum(r.saving_actual), 0) AS saving`;
  type YearRow = {
    fy: number;
    level: number | null;
    n: number;
    plan: number;
    revenue: number;
    saving: number;
  };
  const yearRows = db
    .prepare(
      `WITH last AS (${lastRounds})
       SELECT ${sums}
       FROM last JOIN pdca_records r ON r.round_id = last.id
       WHERE r.item_id NOT IN (${DEAD_ITEMS})
       GROUP BY last.fiscal_year, r.evaluation_id`,
    )
    .all({ planId }) as YearRow[];
  const outOfYear = db
    .prepare(
      `WITH last AS (${lastRounds})
       SELECT ${sums}
       FROM reform_items i CROSS JOIN pdca_records r ON r.item_id = i.id JOIN last ON last.id = r.round_id
       WHERE i.plan_id = @planId AND (i.start_fy IS NOT NULL OR i.end_fy IS NOT NULL)
         AND NOT (${itemInYear('i', 'last.fiscal_year')}) AND i.id NOT IN (${DEAD_ITEMS})
       GROUP BY last.fiscal_year, r.evaluation_id`,
    )
    .all({ planId }) as YearRow[];
  for (const o of outOfYear)
    yearRows.push({ ...o, n: -o.n, plan: -o.plan, revenue: -o.revenue, saving: -o.saving });
  // Closed years count as they were closed, wherever they are shown.
  const totals = new Map<number, YearAmounts>();
  for (const r of yearRows) {
    const t = totals.get(r.fy) ?? { plan: 0, revenue: 0, saving: 0, counts: {} };
    t.plan += r.plan;
    t.revenue += r.revenue;
    t.saving += r.saving;
    if (r.level != null) t.counts[r.level] = (t.counts[r.level] ?? 0) + r.n;
    totals.set(r.fy, t);
  }
  for (const t of totals.values())
    for (const [k, n] of Object.entries(t.counts)) if (n === 0) delete t.counts[k];
  for (const [fy, t] of closedYearTotals(db, planId)) totals.set(fy, t);
  const years: number[] = [];
  for (let fy = plan.first_fy; fy <= plan.last_fy; fy++) years.push(fy);
  const { amounts, trend } = amountsAndTrend(years, totals);

  return {
    planId,
    fiscalYear,
    // A closed year's own figures are its snapshot's, whatever changed since.
    ...(closedYearFigures(db, planId, fiscalYear, roundId) ??
      liveYearFigures(db, plan, settings, fiscalYear, roundId)),
    amounts,
    trend,
    previous: previousYear(db, plan, settings, fiscalYear),
  };
}
