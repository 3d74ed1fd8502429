import { stmt } from '../db/statements';
import { AppError } from '../../shared/errors';
import type { Initiative, ReformItem } from '../../shared/domain/item';
import type { Db } from '../db/open-store';
import { formatItemNumber } from '../../shared/domain/headings';
import { assignmentInForce, itemInYear } from '../years/in-force';

export interface ItemRow {
  id: number;
  plan_id: number;
  area_id: number;
  priority_id: number;
  priority_number: number;
  area_number: number;
  number: number;
  name: string;
  is_continued: number;
  predecessor_item_id: number | null;
  promotion: string;
  involves_related_sections: number;
  sort_order: number;
  start_fy: number | null;
  end_fy: number | null;
  updated_at: string;
  written_number: string | null;
  number_pattern: string;
}

const ITEM_SELECT = `
  SELECT i.*, a.priority_id, a.number AS area_number, p.number AS priority_number,
    pl.number_pattern
  FROM reform_items i
  JOIN areas a ON a.id = i.area_id
  JOIN priorities p ON p.id = a.priority_id
  JOIN plans pl ON pl.id = i.plan_id`;
const LIVE = 'i.deleted_at IS NULL AND a.deleted_at IS NULL AND p.deleted_at IS NULL';

/**
 * What an item's number is made of, as SQL columns (i = reform_items, a =
 * areas, p = priorities), for every query that shows or prints a number.
 */
export const CODE_COLUMNS = `i.number, a.number AS an, p.number AS pn, i.written_number AS written,
  (SELECT pl.number_pattern FROM plans pl WHERE pl.id = i.plan_id) AS pattern`;
export interface CodeParts {
  number: number;
  an: number;
  pn: number;
  written: string | null;
  pattern: string;
}

/** The item's number as its plan prints it (1-(1)-1, 82, R1-1 …). */
export function itemCode(r: CodeParts): string {
  return formatItemNumber(r.pattern, {
    priority: r.pn,
    area: r.an,
    number: r.number,
    written: r.written,
  });
}

/**
 * The child rows of the items in temp.selected_items. Each query starts from
 * the selection (JOIN fixes the loop order): the temp table has no
 * statistics, and left to itself the planner scanned every initiative of the
 * store to hydrate the one item an edit returns (3.9 ms instead of 0.1 ms at
 * 10,000 items).
 */
export function hydrateSql(assignmentInForceSql: string) {
  return {
    initiatives: `SELECT n.id, n.item_id, n.label, n.text FROM temp.selected_items s
       CROSS JOIN initiatives n ON n.item_id = s.id ORDER BY n.item_id, n.sort_order, n.id`,
    points: `SELECT pt.initiative_id, pt.text FROM temp.selected_items s
       CROSS JOIN initiatives n ON n.item_id = s.id
       CROSS JOIN initiative_points pt ON pt.initiative_id = n.id
       ORDER BY pt.initiative_id, pt.sort_order, pt.id`,
    spans: `SELECT sp.id, sp.initiative_id, sp.start_fy, sp.end_fy, sp.phase_id
       FROM temp.selected_items s
       CROSS JOIN initiatives n ON n.item_id = s.id
       CROSS JOIN schedule_spans sp ON sp.initiative_id = n.id
       ORDER BY sp.initiative_id, sp.start_fy, sp.id`,
    assignments: `SELECT ia.item_id, ia.org_unit_id, ia.role, sec.name AS section_name,
         dep.name AS department_name
       FROM temp.selected_items s CROSS JOIN item_assignments ia ON ia.item_id = s.id
       JOIN org_units sec ON sec.id = ia.org_unit_id LEFT JOIN org_units dep ON dep.id = sec.parent_id
       WHERE ${assignmentInForceSql}
       ORDER BY ia.item_id, ia.role, ia.sort_order`,
  };
}

/**
 * Items with their initiatives, spans and sections, in plan order. One query
 * per child table for the whole selection (never one per item): plans reach
 * thousands of items.
 */
function hydrate(db: Db, rows: ItemRow[], fiscalYear: number | null = null): ReformItem[] {
  if (rows.length === 0) return [];
  db.exec('CREATE TEMP TABLE IF NOT EXISTS selected_items (id INTEGER PRIMARY KEY)');
  db.exec('DELETE FROM temp.selected_items');
  const ins = stmt(db, 'INSERT INTO temp.selected_items (id) VALUES (?)');
  for (const r of rows) ins.run(r.id);

  const sql = hydrateSql(assignmentInForce('ia', fiscalYear === null ? null : '@fy'));
  const initiatives = stmt(db, sql.initiatives).all() as {
    id: number;
    item_id: number;
    label: string;
    text: string;
  }[];
  const points = stmt(db, sql.points).all() as { initiative_id: number; text: string }[];
  const spans = stmt(db, sql.spans).all() as {
    id: number;
    initiative_id: number;
    start_fy: number;
    end_fy: number;
    phase_id: number;
  }[];
  const assignments = stmt(db, sql.assignments).all(
    fiscalYear === null ? {} : { fy: fiscalYear },
  ) as {
    item_id: number;
    org_unit_id: number;
    role: 'lead' | 'support';
    section_name: string;
    department_name: string | null;
  }[];

  const byInitiative = new Map<number, Initiative>();
  const initiativesByItem = new Map<number, Initiative[]>();
  for (const n of initiatives) {
    const ini: Initiative = { id: n.id, label: n.label, text: n.text, points: [], spans: [] };
    byInitiative.set(n.id, ini);
    const list = initiativesByItem.get(n.item_id) ?? [];
    list.push(ini);
    initiativesByItem.set(n.item_id, list);
  }
  for (const pt of points) byInitiative.get(pt.initiative_id)?.points.push(pt.text);
  for (const sp of spans) {
    byInitiative
      .get(sp.initiative_id)
      ?.spans.push({ id: sp.id, startFy: sp.start_fy, endFy: sp.end_fy, phaseId: sp.phase_id });
  }
  const assignmentsByItem = new Map<number, ReformItem['assignments']>();
  for (const a of assignments) {
    const list = assignmentsByItem.get(a.item_id) ?? [];
    list.push({
      orgUnitId: a.org_unit_id,
      role: a.role,
      sectionName: a.section_name,
      departmentName: a.department_name,
    });
    assignmentsByItem.set(a.item_id, list);
  }
  return rows.map((r) => ({
    id: r.id,
    planId: r.plan_id,
    priorityId: r.priority_id,
    areaId: r.area_id,
    number: r.number,
    code: itemCode({
      pn: r.priority_number,
      an: r.area_number,
      number: r.number,
      written: r.written_number,
      pattern: r.number_pattern,
    }),
    writtenNumber: r.written_number,
    name: r.name,
    isContinued: r.is_continued === 1,
    predecessorItemId: r.predecessor_item_id,
    promotion: r.promotion,
    initiatives: initiativesByItem.get(r.id) ?? [],
    assignments: assignmentsByItem.get(r.id) ?? [],
    involvesRelatedSections: r.involves_related_sections === 1,
    sortOrder: r.sort_order,
    startFy: r.start_fy,
    endFy: r.end_fy,
    updatedAt: r.updated_at,
  }));
}

export function listItems(
  db: Db,
  q: { planId: number; priorityId?: number; areaId?: number; fiscalYear?: number },
): ReformItem[] {
  const where = ['i.plan_id = @planId', LIVE];
  // A year's view: the items of that year, with the sections they had then.
  if (q.fiscalYear != null) where.push(itemInYear('i', '@fy'));
  if (q.priorityId != null) where.push('a.priority_id = @priorityId');
  if (q.areaId != null) where.push('i.area_id = @areaId');
  const rows = stmt(
    db,
    `${ITEM_SELECT} WHERE ${where.join(' AND ')} ORDER BY p.sort_order, a.sort_order, i.sort_order, i.number`,
  ).all({
    planId: q.planId,
    priorityId: q.priorityId ?? null,
    areaId: q.areaId ?? null,
    fy: q.fiscalYear ?? null,
  }) as ItemRow[];
  return hydrate(db, rows, q.fiscalYear ?? null);
}

export function getItemRow(db: Db, itemId: number): ItemRow {
  const row = stmt(db, `${ITEM_SELECT} WHERE i.id = ? AND ${LIVE}`).get(itemId) as
    ItemRow | undefined;
  if (!row) {
    throw new AppError(
      'NOT_FOUND',
      '指定された改革項目が見つかりません。削除された可能性があります。一覧を更新してください。',
    );
  }
  return row;
}

/** Several items read together (a pasted block answers with one query per table, not one per item). */
export function getItems(db: Db, itemIds: readonly number[]): ReformItem[] {
  return hydrate(
    db,
    itemIds.map((id) => getItemRow(db, id)),
  );
}

export function getItem(db: Db, itemId: number): ReformItem {
  return hydrate(db, [getItemRow(db, itemId)])[0]!;
}
