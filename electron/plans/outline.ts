import { AppError } from '../../shared/errors';
import type { ChangeSet } from '../audit/audit-log';
import { recordChange } from '../audit/audit-log';
import { requirePlan } from './plan-queries';

export type OutlineKind = 'priority' | 'area';
/** 基本目標 can be renamed like the other headings; they follow their 重点項目's order. */
export type RenamableKind = OutlineKind | 'group';

const TABLE: Record<
  RenamableKind,
  { table: string; parent: string; entity: string; label: string }
> = {
  group: { table: 'heading_groups', parent: 'plan_id', entity: 'heading_group', label: '基本目標' },
  priority: { table: 'priorities', parent: 'plan_id', entity: 'priority', label: '重点項目' },
  area: { table: 'areas', parent: 'priority_id', entity: 'area', label: '取組分野' },
};

interface OutlineRow {
  id: number;
  parent: number;
  number: number;
  title: string;
  lead_text: string;
  sort_order: number;
  deleted_at: string | null;
}

function getRow(cs: ChangeSet, kind: RenamableKind, id: number, allowDeleted = false): OutlineRow {
  const t = TABLE[kind];
  const row = cs.db
    .prepare(
      `SELECT id, ${t.parent} AS parent, number, title, lead_text, sort_order, deleted_at FROM ${t.table} WHERE id = ?`,
    )
    .get(id) as OutlineRow | undefined;
  if (!row || (!allowDeleted && row.deleted_at != null)) {
    throw new AppError(
      'NOT_FOUND',
      `指定された${t.label}が見つかりません。画面を更新してください。`,
    );
  }
  return row;
}

function siblings(cs: ChangeSet, kind: OutlineKind, parent: number): OutlineRow[] {
  const t = TABLE[kind];
  return cs.db
    .prepare(
      `SELECT id, ${t.parent} AS parent, number, title, lead_text, sort_order, deleted_at FROM ${t.table} WHERE ${t.parent} = ? AND deleted_at IS NULL ORDER BY sort_order, number`,
    )
    .all(parent) as OutlineRow[];
}

/** 重点項目 and 分野 are numbered by position: 重点項目1, 2, 3 and (1)(2)(3). */
function renumber(cs: ChangeSet, kind: OutlineKind, order: readonly number[]): void {
  const t = TABLE[kind];
  const set = cs.db.prepare(`UPDATE ${t.table} SET number = ?, sort_order = ? WHERE id = ?`);
  order.forEach((id, i) => set.run(1_000_000 + i, 1_000_000 + i, id));
  order.forEach((id, i) => set.run(i + 1, i + 1, id));
}

export function createOutline(
  cs: ChangeSet,
  input: { kind: OutlineKind; parentId: number; title: string; afterId: number | null },
): number {
  const t = TABLE[input.kind];
  const planId =
    input.kind === 'priority'
      ? input.parentId
      : (cs.db
          .prepare('SELECT plan_id FROM priorities WHERE id = ?')
          .pluck()
          .get(getRow(cs, 'priority', input.parentId).id) as number);
  const plan = requirePlan(cs.db, planId);
  // The plan's shape decides which headings it has.
  if (plan.heading_levels === 0)
    throw new AppError(
      'VALIDATION',
      'この計画は見出しのない一覧です。改革項目は「改革項目を追加」で加えてください。',
    );
  if (input.kind === 'area' && plan.heading_levels === 1)
    throw new AppError(
      'VALIDATION',
      `この計画には取組分野の段がありません。改革項目は${plan.priority_label}の下に直接加えてください。`,
    );
  const order = siblings(cs, input.kind, input.parentId).map((r) => r.id);
  const id = Number(
    cs.db
      .prepare(
        `INSERT INTO ${t.table} (${t.parent}, number, title, sort_order) VALUES (?, ?, ?, ?)`,
      )
      .run(input.parentId, 1_000_000 + order.length, input.title, 1_000_000 + order.length)
      .lastInsertRowid,
  );
  const at = input.afterId == null ? 0 : order.indexOf(input.afterId) + 1;
  order.splice(at, 0, id);
  renumber(cs, input.kind, order);
  recordChange(cs, {
    action: 'create',
    entity: t.entity,
    entityId: id,
    newValue: { title: input.title, number: at + 1 },
  });
  // Under three heading levels, a new 重点項目 joins the 基本目標 of the one it follows.
  if (input.kind === 'priority' && plan.heading_levels === 3)
    cs.db
      .prepare(
        `UPDATE priorities SET group_id = coalesce(
           (SELECT group_id FROM priorities WHERE id = @after),
           (SELECT id FROM heading_groups WHERE plan_id = @plan ORDER BY sort_order LIMIT 1))
         WHERE id = @id`,
      )
      .run({ after: input.afterId, plan: planId, id });
  // Without 取組分野, a 重点項目 holds its items in one unnamed 分野.
  if (input.kind === 'priority' && plan.heading_levels === 1) createHiddenArea(cs, id);
  return id;
}

function createHiddenArea(cs: ChangeSet, priorityId: number): void {
  const areaId = Number(
    cs.db
      .prepare(`INSERT INTO areas (priority_id, number, title, sort_order) VALUES (?, 1, '', 1)`)
      .run(priorityId).lastInsertRowid,
  );
  recordChange(cs, {
    action: 'create',
    entity: 'area',
    entityId: areaId,
    newValue: { title: '', number: 1 },
  });
}

export function updateOutline(
  cs: ChangeSet,
  input: { kind: RenamableKind; id: number; title?: string; leadText?: string },
): void {
  const t = TABLE[input.kind];
  const row = getRow(cs, input.kind, input.id);
  if (input.title != null && input.title !== row.title) {
    cs.db.prepare(`UPDATE ${t.table} SET title = ? WHERE id = ?`).run(input.title, row.id);
    recordChange(cs, {
      action: 'update',
      entity: t.entity,
      entityId: row.id,
      field: 'title',
      oldValue: row.title,
      newValue: input.title,
    });
  }
  if (input.leadText != null && input.leadText !== row.lead_text) {
    cs.db.prepare(`UPDATE ${t.table} SET lead_text = ? WHERE id = ?`).run(input.leadText, row.id);
    recordChange(cs, {
      action: 'update',
      entity: t.entity,
      entityId: row.id,
      field: 'leadText',
      oldValue: row.lead_text,
      newValue: input.leadText,
    });
  }
}

/** Moves a heading to a position among its siblings (0-based); returns the old position. */
export function moveOutline(
  cs: ChangeSet,
  input: { kind: OutlineKind; id: number; position: number },
): number {
  const row = getRow(cs, input.kind, input.id);
  const order = siblings(cs, input.kind, row.parent).map((r) => r.id);
  const from = order.indexOf(row.id);
  order.splice(from, 1);
  const to = Math.max(0, Math.min(order.length, input.position));
  order.splice(to, 0, row.id);
  renumber(cs, input.kind, order);
  if (from !== to) {
    recordChange(cs, {
      action: 'update',
      entity: TABLE[input.kind].entity,
      entityId: row.id,
      field: 'position',
      oldValue: from + 1,
      newValue: to + 1,
    });
  }
  return from;
}

export function outlineItemCount(cs: ChangeSet, kind: OutlineKind, id: number): number {
  const sql =
    kind === 'area'
      ? 'SELECT count(*) AS n FROM reform_items WHERE area_id = ? AND deleted_at IS NULL'
      : 'SELECT count(*) AS n FROM reform_items i JOIN areas a ON a.id = i.area_id WHERE a.priority_id = ? AND i.deleted_at IS NULL AND a.deleted_at IS NULL';
  return (cs.db.prepare(sql).get(id) as { n: number }).n;
}

/** Soft delete of a heading (its items go with it, hidden, and come back on restore). */
export function deleteOutline(
  cs: ChangeSet,
  kind: OutlineKind,
  id: number,
): { position: number; items: number } {
  const t = TABLE[kind];
  const row = getRow(cs, kind, id);
  const items = outlineItemCount(cs, kind, id);
  const order = siblings(cs, kind, row.parent).map((r) => r.id);
  const position = order.indexOf(row.id);
  cs.db.prepare(`UPDATE ${t.table} SET deleted_at = ? WHERE id = ?`).run(cs.at, row.id);
  renumber(
    cs,
    kind,
    order.filter((x) => x !== row.id),
  );
  recordChange(cs, {
    action: 'delete',
    entity: t.entity,
    entityId: row.id,
    oldValue: { title: row.title, number: row.number, items },
  });
  return { position, items };
}
