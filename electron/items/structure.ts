import { stmt } from '../db/statements';
import { AppError } from '../../shared/errors';
import type { ChangeSet } from '../audit/audit-log';
import { recordChange } from '../audit/audit-log';
import type { Db } from '../db/open-store';
import { getItemRow } from './item-queries';
import { requirePlan } from '../plans/plan-queries';
import { checkYearsChange, currentOpenYear, provideRecords } from '../years/membership';

interface AreaRef {
  id: number;
  plan_id: number;
}

function requireArea(db: Db, areaId: number): AreaRef {
  const a = stmt(
    db,
    `SELECT a.id, p.plan_id FROM areas a JOIN priorities p ON p.id = a.priority_id
       WHERE a.id = ? AND a.deleted_at IS NULL AND p.deleted_at IS NULL`,
  ).get(areaId) as AreaRef | undefined;
  if (!a)
    throw new AppError('NOT_FOUND', '指定された取組分野が見つかりません。画面を更新してください。');
  return a;
}

/** Live items of an area in display order. */
function areaItems(db: Db, areaId: number): { id: number; number: number; sort_order: number }[] {
  return stmt(
    db,
    'SELECT id, number, sort_order FROM reform_items WHERE area_id = ? AND deleted_at IS NULL ORDER BY sort_order, number',
  ).all(areaId) as { id: number; number: number; sort_order: number }[];
}

/** Gives the area's items sort orders 1..n in the order given (plan order is priority → area → sort_order). */
function writeOrder(db: Db, ids: readonly number[]): void {
  const upd = stmt(db, 'UPDATE reform_items SET sort_order = ? WHERE id = ?');
  ids.forEach((id, i) => upd.run(i + 1, id));
}

/**
 * A new 改革項目 in an area, placed after `afterItemId` (or first when null),
 * numbered after the highest number in the area so no number is taken twice.
 */
export function createItem(
  cs: ChangeSet,
  input: { areaId: number; afterItemId: number | null; name: string; startFy?: number | null },
): number {
  const area = requireArea(cs.db, input.areaId);
  // 追加年度: asked when adding mid-plan; by default the year being worked on.
  const startFy =
    input.startFy !== undefined ? input.startFy : currentOpenYear(cs.db, area.plan_id);
  const plan = requirePlan(cs.db, area.plan_id);
  if (startFy != null && (startFy < plan.first_fy || startFy > plan.last_fy)) {
    throw new AppError('VALIDATION', '追加年度は計画期間の中の年度を選んでください。');
  }
  checkYearsChange(
    cs.db,
    area.plan_id,
    { startFy: null, endFy: plan.first_fy - 1 },
    { startFy, endFy: null },
  );
  const items = areaItems(cs.db, area.id);
  const maxNumber = (
    stmt(
      cs.db,
      'SELECT coalesce(max(number), 0) AS n FROM reform_items WHERE area_id = ? AND deleted_at IS NULL',
    ).get(area.id) as { n: number }
  ).n;
  const id = Number(
    stmt(
      cs.db,
      `INSERT INTO reform_items (plan_id, area_id, number, name, sort_order, created_at, updated_at, start_fy)
         VALUES (?, ?, ?, ?, 0, ?, ?, ?)`,
    ).run(area.plan_id, area.id, maxNumber + 1, input.name, cs.at, cs.at, startFy).lastInsertRowid,
  );
  const order = items.map((i) => i.id);
  const at = input.afterItemId == null ? 0 : order.indexOf(input.afterItemId) + 1;
  if (input.afterItemId != null && at === 0) {
    throw new AppError('NOT_FOUND', '挿入位置の改革項目が見つかりません。画面を更新してください。');
  }
  order.splice(at, 0, id);
  writeOrder(cs.db, order);
  // A new item joins the open rounds of its years; closed years never gain it.
  provideRecords(cs, id);
  recordChange(cs, {
    action: 'create',
    entity: 'reform_item',
    entityId: id,
    itemId: id,
    newValue: { areaId: area.id, number: maxNumber + 1, name: input.name, startFy },
  });
  return id;
}

export interface DeletionSummary {
  itemIds: number[];
  initiatives: number;
  points: number;
  spans: number;
  assignments: number;
}

/** What goes with the items if they are deleted: shown in the confirmation. */
export function deletionSummary(db: Db, itemIds: readonly number[]): DeletionSummary {
  const ph = itemIds.map(() => '?').join(',');
  // prepared here, not cached with stmt(): the SQL differs with every selection size
  const n = (sql: string) => (db.prepare(sql).get(...itemIds) as { n: number }).n;
  return {
    itemIds: [...itemIds],
    initiatives: n(`SELECT count(*) AS n FROM initiatives WHERE item_id IN (${ph})`),
    points: n(
      `SELECT count(*) AS n FROM initiative_points pt JOIN initiatives i ON i.id = pt.initiative_id WHERE i.item_id IN (${ph})`,
    ),
    spans: n(
      `SELECT count(*) AS n FROM schedule_spans s JOIN initiatives i ON i.id = s.initiative_id WHERE i.item_id IN (${ph})`,
    ),
    assignments: n(
      `SELECT count(*) AS n FROM item_assignments WHERE item_id IN (${ph}) AND valid_to_fy IS NULL`,
    ),
  };
}

/** Soft delete: the rows stay hidden, so undo restores them with the same ids and history. */
export function deleteItems(cs: ChangeSet, itemIds: readonly number[]): DeletionSummary {
  for (const id of itemIds) getItemRow(cs.db, id);
  const summary = deletionSummary(cs.db, itemIds);
  const del = stmt(cs.db, 'UPDATE reform_items SET deleted_at = ?, updated_at = ? WHERE id = ?');
  for (const id of itemIds) {
    const row = getItemRow(cs.db, id);
    del.run(cs.at, cs.at, id);
    recordChange(cs, {
      action: 'delete',
      entity: 'reform_item',
      entityId: id,
      itemId: id,
      oldValue: { number: row.number, name: row.name },
    });
  }
  return summary;
}

/** Moves an item before `beforeItemId` (or to the end) in an area, possibly another one. */
export function moveItem(
  cs: ChangeSet,
  input: { itemId: number; areaId: number; beforeItemId: number | null },
): void {
  const row = getItemRow(cs.db, input.itemId);
  const area = requireArea(cs.db, input.areaId);
  if (area.plan_id !== row.plan_id)
    throw new AppError('VALIDATION', '別の計画の取組分野には移動できません。');
  if (area.id !== row.area_id) {
    const max = (
      stmt(
        cs.db,
        'SELECT coalesce(max(number), 0) AS n FROM reform_items WHERE area_id = ? AND deleted_at IS NULL',
      ).get(area.id) as { n: number }
    ).n;
    stmt(cs.db, 'UPDATE reform_items SET area_id = ?, number = ?, updated_at = ? WHERE id = ?').run(
      area.id,
      max + 1,
      cs.at,
      row.id,
    );
    recordChange(cs, {
      action: 'update',
      entity: 'reform_item',
      entityId: row.id,
      itemId: row.id,
      field: 'areaId',
      oldValue: row.area_id,
      newValue: area.id,
    });
  }
  const order = areaItems(cs.db, area.id)
    .map((i) => i.id)
    .filter((id) => id !== row.id);
  const at = input.beforeItemId == null ? order.length : order.indexOf(input.beforeItemId);
  if (at < 0)
    throw new AppError('NOT_FOUND', '移動先の改革項目が見つかりません。画面を更新してください。');
  order.splice(at, 0, row.id);
  writeOrder(cs.db, order);
  recordChange(cs, {
    action: 'update',
    entity: 'reform_item',
    entityId: row.id,
    itemId: row.id,
    field: 'position',
    oldValue: row.sort_order,
    newValue: at + 1,
  });
}

/** Sets item numbers (renumbering). Numbers must stay unique per area. */
export function setNumbers(
  cs: ChangeSet,
  numbers: readonly { itemId: number; number: number }[],
): void {
  const rows = numbers.map((n) => ({ ...n, row: getItemRow(cs.db, n.itemId) }));
  const seen = new Map<string, string>();
  for (const r of rows) {
    const key = `${r.row.area_id}:${r.number}`;
    if (seen.has(key))
      throw new AppError(
        'VALIDATION',
        `番号 ${r.number} が「${seen.get(key)}」と「${r.row.name}」で重複しています。番号を見直してください。`,
      );
    seen.set(key, r.row.name);
  }
  const set = stmt(cs.db, 'UPDATE reform_items SET number = ? WHERE id = ?');
  // Park out of the way first so swapping 1 and 2 never collides with the unique index.
  rows.forEach((r, i) => set.run(1_000_000 + i, r.itemId));
  const taken = stmt(
    cs.db,
    'SELECT name FROM reform_items WHERE area_id = ? AND number = ? AND id <> ? AND deleted_at IS NULL',
  );
  for (const r of rows) {
    const other = taken.get(r.row.area_id, r.number, r.itemId) as { name: string } | undefined;
    if (other) {
      throw new AppError(
        'VALIDATION',
        `番号 ${r.number} は同じ取組分野の「${other.name}」と重複します。別の番号にするか、「番号を振り直す」を使ってください。`,
      );
    }
    set.run(r.number, r.itemId);
    if (r.row.number !== r.number) {
      recordChange(cs, {
        action: 'update',
        entity: 'reform_item',
        entityId: r.itemId,
        itemId: r.itemId,
        field: 'number',
        oldValue: r.row.number,
        newValue: r.number,
      });
    }
  }
}

/** 番号を振り直す: 1..n in display order (undone on the server like any operation). */
export function renumberArea(cs: ChangeSet, areaId: number): void {
  requireArea(cs.db, areaId);
  setNumbers(
    cs,
    areaItems(cs.db, areaId).map((i, k) => ({ itemId: i.id, number: k + 1 })),
  );
}
