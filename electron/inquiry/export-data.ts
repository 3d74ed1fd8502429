// Which items go to which 部・課 in a round, and the files' names: the data of the 照会 workbook.
import type { ExportScope, ExportTarget } from '../../shared/domain/exchange';
import { AppError } from '../../shared/errors';
import { formatFiscalYear } from '../../shared/fiscal-year';
import type { Db } from '../db/open-store';
import { CODE_COLUMNS, itemCode } from '../items/item-queries';
import type { CodeParts } from '../items/item-queries';
import { requireRound } from '../pdca/rounds';
import { getPdcaSettings } from '../pdca/settings';
import { answerersOf } from '../pdca/answerers';
import { stmt } from '../db/statements';
import { assignmentInForce, itemInYear } from '../years/in-force';
import { safeFileName } from './round-columns';

export interface UnitRow {
  id: number;
  kind: 'department' | 'section';
  name: string;
  parent_id: number | null;
  parent_name: string | null;
}

export interface ExportItem {
  itemId: number;
  code: string;
  name: string;
  role: 'lead' | 'support';
  sectionName: string;
  /** This workbook answers the row; otherwise it is there for reference only. */
  answers: boolean;
}

export function requireUnit(db: Db, id: number): UnitRow {
  const u = stmt(
    db,
    `SELECT u.id, u.kind, u.name, u.parent_id, p.name AS parent_name FROM org_units u
       LEFT JOIN org_units p ON p.id = u.parent_id WHERE u.id = ?`,
  ).get(id) as UnitRow | undefined;
  if (!u)
    throw new AppError('NOT_FOUND', '指定された部・課が見つかりません。画面を開き直してください。');
  return u;
}

/**
 * The items of the round's year that a 課 (or every 課 of a 部) answers or
 * supports, as the sections were that year, in plan order. `answers`: the
 * row is this workbook's to answer; otherwise it is shown for reference,
 * locked, and never imported (the 主担当 answers it).
 */
export function itemsOf(db: Db, roundId: number, unit: UnitRow): ExportItem[] {
  const round = requireRound(db, roundId);
  const policy = getPdcaSettings(db, round.plan_id, false).answerPolicy;
  const inUnit = (sectionId: number, departmentId: number | null) =>
    unit.kind === 'section' ? sectionId === unit.id : departmentId === unit.id;
  // Only the items the 部・課 could see: assigned to it (or its 課) that year,
  // or named to it for the round. One workbook of fifty then reads its own
  // items, not the whole plan: found from the unit's rows (the index on
  // org_unit_id); a join with org_units was run as a scan of every assignment.
  const units = 'SELECT id FROM org_units WHERE id = @unit OR parent_id = @unit';
  const candidates = stmt(
    db,
    `SELECT ia.item_id FROM item_assignments ia
     WHERE ia.org_unit_id IN (${units}) AND ${assignmentInForce('ia', '@fy')}
     UNION
     SELECT ra.item_id FROM round_answerers ra
     WHERE ra.round_id = @round AND ra.org_unit_id IN (${units})`,
  )
    .pluck()
    .all({ unit: unit.id, fy: round.fiscal_year, round: roundId }) as number[];
  if (candidates.length === 0) return [];
  const ids = JSON.stringify(candidates);
  const who = answerersOf(db, roundId, candidates);
  const rows = stmt(
    db,
    `SELECT i.id, ia.role, s.id AS sid, s.name AS section, s.parent_id AS did
     FROM item_assignments ia
     JOIN org_units s ON s.id = ia.org_unit_id
     JOIN reform_items i ON i.id = ia.item_id
     WHERE ia.item_id IN (SELECT value FROM json_each(@ids)) AND ${assignmentInForce('ia', '@fy')}
     ORDER BY i.id, ia.role, ia.sort_order`,
  ).all({ ids, fy: round.fiscal_year }) as {
    id: number;
    role: 'lead' | 'support';
    sid: number;
    section: string;
    did: number | null;
  }[];
  const byItem = new Map<number, typeof rows>();
  for (const r of rows) {
    const list = byItem.get(r.id);
    if (list) list.push(r);
    else byItem.set(r.id, [r]);
  }
  // The live items of the year among them, in plan order.
  const items = stmt(
    db,
    `SELECT i.id, i.name, ${CODE_COLUMNS} FROM reform_items i
     JOIN areas a ON a.id = i.area_id AND a.deleted_at IS NULL
     JOIN priorities p ON p.id = a.priority_id AND p.deleted_at IS NULL
     WHERE i.id IN (SELECT value FROM json_each(@ids)) AND +i.plan_id = @planId
       AND i.deleted_at IS NULL AND ${itemInYear('i', '@fy')}
     ORDER BY p.sort_order, a.sort_order, i.sort_order, i.number`,
  ).all({ ids, planId: round.plan_id, fy: round.fiscal_year }) as (CodeParts & {
    id: number;
    name: string;
  })[];
  const out: ExportItem[] = [];
  for (const item of items) {
    if (!who.has(item.id)) continue;
    const answerer = who.get(item.id) ?? null;
    const assigned = byItem.get(item.id) ?? [];
    const mine = assigned.filter((r) => inUnit(r.sid, r.did));
    const answers =
      (answerer != null && inUnit(answerer.unitId, answerer.departmentId)) ||
      (policy === 'all' && mine.length > 0);
    if (!answers && mine.length === 0) continue;
    out.push({
      itemId: item.id,
      code: itemCode(item),
      name: item.name,
      role: mine.some((r) => r.role === 'lead') || answerer?.assignedForRound ? 'lead' : 'support',
      sectionName: (assigned.length ? assigned.map((r) => r.section) : [answerer?.name ?? '']).join(
        '・',
      ),
      answers,
    });
  }
  return out;
}

/**
 * Items of the round with no section of their own (only 関係部課): the 課
 * named for the round, or null when nobody is named and the 事務局 answers.
 */
export function unassignedItems(
  db: Db,
  roundId: number,
): { itemId: number; code: string; name: string; orgUnitId: number | null }[] {
  const who = answerersOf(db, roundId);
  const own = [...who].filter(([, a]) => a == null || a.assignedForRound);
  if (own.length === 0) return [];
  const named = new Map(own.map(([id, a]) => [id, a?.unitId ?? null]));
  return (
    db
      .prepare(
        `SELECT i.id, i.name, ${CODE_COLUMNS} FROM reform_items i
         JOIN areas a ON a.id = i.area_id JOIN priorities p ON p.id = a.priority_id
         WHERE i.id IN (${own.map(() => '?').join(',')})
         ORDER BY p.sort_order, a.sort_order, i.sort_order`,
      )
      .all(...own.map(([id]) => id)) as (CodeParts & {
      id: number;
      name: string;
    })[]
  ).map((r) => ({
    itemId: r.id,
    code: itemCode(r),
    name: r.name,
    orgUnitId: named.get(r.id) ?? null,
  }));
}

export function exportFileName(fy: number, roundName: string, unitName: string): string {
  return safeFileName(`${formatFiscalYear(fy)}_${roundName}_${unitName}_進捗管理表.xlsx`);
}

/** The 課 as named in file names: with its 部 when another 部 has a 課 of the same name. */
export function fileUnitName(db: Db, unit: UnitRow, fy: number): string {
  if (unit.kind !== 'section' || !unit.parent_name) return unit.name;
  const twins = stmt(
    db,
    `SELECT count(*) FROM org_units WHERE kind = 'section' AND name = ? AND id <> ?
       AND (valid_from_fy IS NULL OR valid_from_fy <= ?) AND (valid_to_fy IS NULL OR valid_to_fy >= ?)`,
  )
    .pluck()
    .get(unit.name, unit.id, fy, fy) as number;
  return twins > 0 ? `${unit.parent_name}${unit.name}` : unit.name;
}

/** Who gets a workbook for this round: every 課 (or 部) with at least one item. */
export function exportTargets(db: Db, roundId: number, scope: ExportScope): ExportTarget[] {
  const round = requireRound(db, roundId);
  const units = db
    .prepare(
      `SELECT u.id, u.kind, u.name, u.parent_id, p.name AS parent_name FROM org_units u
       LEFT JOIN org_units p ON p.id = u.parent_id
       WHERE u.kind = ? AND (u.valid_to_fy IS NULL OR u.valid_to_fy >= ?)
         AND (u.valid_from_fy IS NULL OR u.valid_from_fy <= ?)
       ORDER BY coalesce(p.sort_order, u.sort_order), u.sort_order, u.id`,
    )
    .all(scope, round.fiscal_year, round.fiscal_year) as UnitRow[];
  return units
    .map((u) => ({
      orgUnitId: u.id,
      name: u.name,
      departmentName: u.parent_name,
      items: itemsOf(db, roundId, u).length,
      fileName: exportFileName(
        round.fiscal_year,
        round.name,
        fileUnitName(db, u, round.fiscal_year),
      ),
    }))
    .filter((t) => t.items > 0);
}
