import { AppError } from '../../shared/errors';
import type { PlanDetail, PlanSummary, Priority } from '../../shared/domain/plan';
import type { Db } from '../db/open-store';
import { stmt } from '../db/statements';

export interface PlanRow {
  id: number;
  title: string;
  municipality: string;
  first_fy: number;
  last_fy: number;
  adopted_on: string | null;
  predecessor_plan_id: number | null;
  source_note: string;
  updated_at: string;
  archived_at: string | null;
  priority_label: string;
  area_label: string;
  group_label: string;
  repost_counting: 'home' | 'every';
  heading_levels: 0 | 1 | 2 | 3;
  number_pattern: string;
}

/** A plan with the number of its live items, for the lists and the detail that show it. */
export interface CountedPlanRow extends PlanRow {
  item_count: number;
}

const PLAN_SELECT = `
  SELECT p.*, (SELECT count(*) FROM reform_items i WHERE i.plan_id = p.id AND i.deleted_at IS NULL) AS item_count
  FROM plans p`;

function toSummary(r: CountedPlanRow): PlanSummary {
  return {
    id: r.id,
    title: r.title,
    municipality: r.municipality,
    firstFy: r.first_fy,
    lastFy: r.last_fy,
    adoptedOn: r.adopted_on,
    predecessorPlanId: r.predecessor_plan_id,
    itemCount: r.item_count,
    updatedAt: r.updated_at,
    archived: r.archived_at != null,
    headingNames: { priority: r.priority_label, area: r.area_label, group: r.group_label },
    headingLevels: r.heading_levels,
    numberPattern: r.number_pattern,
    repostCounting: r.repost_counting,
  };
}

export function listPlans(db: Db): PlanSummary[] {
  return (
    db.prepare(`${PLAN_SELECT} ORDER BY p.first_fy DESC, p.id DESC`).all() as CountedPlanRow[]
  ).map(toSummary);
}

const NOT_FOUND =
  '指定された計画が見つかりません。削除された可能性があります。計画一覧から選び直してください。';

/**
 * The plan's own row. Most callers (every export, the dashboard, each save)
 * need its names and years, not its item count, which reads every item of
 * the plan (0.4 ms at 2,000 items, once per workbook of an export).
 */
export function requirePlan(db: Db, planId: number): PlanRow {
  const row = stmt(db, 'SELECT p.* FROM plans p WHERE p.id = ?').get(planId) as PlanRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', NOT_FOUND);
  return row;
}

/** The plan's row with the number of its live items. */
export function requireCountedPlan(db: Db, planId: number): CountedPlanRow {
  const row = stmt(db, `${PLAN_SELECT} WHERE p.id = ?`).get(planId) as CountedPlanRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', NOT_FOUND);
  return row;
}

export function getPlanDetail(db: Db, planId: number): PlanDetail {
  const plan = requireCountedPlan(db, planId);
  const priorities = db
    .prepare(
      'SELECT id, plan_id, number, title, lead_text, group_id FROM priorities WHERE plan_id = ? AND deleted_at IS NULL ORDER BY sort_order, number',
    )
    .all(planId) as {
    id: number;
    group_id: number | null;
    plan_id: number;
    number: number;
    title: string;
    lead_text: string;
  }[];
  const areas = db
    .prepare(
      `SELECT a.id, a.priority_id, a.number, a.title, a.lead_text,
         (SELECT count(*) FROM reform_items i WHERE i.area_id = a.id AND i.deleted_at IS NULL) AS item_count
       FROM areas a JOIN priorities p ON p.id = a.priority_id
       WHERE p.plan_id = ? AND a.deleted_at IS NULL AND p.deleted_at IS NULL ORDER BY p.sort_order, a.sort_order, a.number`,
    )
    .all(planId) as {
    id: number;
    priority_id: number;
    number: number;
    title: string;
    lead_text: string;
    item_count: number;
  }[];
  const reposts = new Map<number, number[]>();
  for (const r of db
    .prepare(
      `SELECT rp.area_id, rp.item_id FROM item_reposts rp
         JOIN reform_items i ON i.id = rp.item_id AND i.deleted_at IS NULL
        WHERE i.plan_id = ? ORDER BY rp.area_id, rp.sort_order`,
    )
    .all(planId) as { area_id: number; item_id: number }[])
    reposts.set(r.area_id, [...(reposts.get(r.area_id) ?? []), r.item_id]);
  const groups = db
    .prepare(
      'SELECT id, number, title FROM heading_groups WHERE plan_id = ? ORDER BY sort_order, number',
    )
    .all(planId) as { id: number; number: number; title: string }[];
  const tree: Priority[] = priorities.map((p) => ({
    id: p.id,
    groupId: p.group_id,
    planId: p.plan_id,
    number: p.number,
    title: p.title,
    leadText: p.lead_text,
    areas: areas
      .filter((a) => a.priority_id === p.id)
      .map((a) => ({
        id: a.id,
        priorityId: a.priority_id,
        number: a.number,
        title: a.title,
        leadText: a.lead_text,
        itemCount: a.item_count,
        repostedItemIds: reposts.get(a.id) ?? [],
      })),
  }));
  const phases = (
    db
      .prepare(
        'SELECT id, code, label, sort_order FROM schedule_phases WHERE plan_id = ? ORDER BY sort_order',
      )
      .all(planId) as { id: number; code: string; label: string; sort_order: number }[]
  ).map((r) => ({ id: r.id, code: r.code, label: r.label, sortOrder: r.sort_order }));
  const glossary = db
    .prepare(
      'SELECT id, term, description FROM glossary_terms WHERE plan_id = ? ORDER BY sort_order',
    )
    .all(planId) as { id: number; term: string; description: string }[];
  return {
    ...toSummary(plan),
    groups,
    priorities: tree,
    phases,
    glossary,
    sourceNote: plan.source_note,
  };
}
