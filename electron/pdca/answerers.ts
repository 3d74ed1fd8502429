import type { RecordStatus } from '../../shared/domain/pdca';
import { AppError } from '../../shared/errors';
import { formatFiscalYear } from '../../shared/fiscal-year';
import type { ChangeSet } from '../audit/audit-log';
import { recordChange } from '../audit/audit-log';
import type { Db } from '../db/open-store';
import { closedYearMessage, isYearClosed } from '../years/membership';
import { stmt } from '../db/statements';
import { assignmentInForce, itemInYear } from '../years/in-force';
import { requireRound } from './rounds';

export interface Answerer {
  unitId: number;
  name: string;
  departmentId: number | null;
  departmentName: string | null;
  /** Named by the 事務局 for this round (an item with no section of its own). */
  assignedForRound: boolean;
}

/**
 * Who answers each item of a round: the 課 named for the round (items with
 * no section), else the item's first 主担当 in force that year, else its
 * first supporting 課. `null`: nobody — the 事務局 answers it itself.
 */
export function answerersOf(
  db: Db,
  roundId: number,
  /** Only these items (one workbook's); all the round's when left out. */
  only?: readonly number[],
): Map<number, Answerer | null> {
  const round = requireRound(db, roundId);
  const out = new Map<number, Answerer | null>();
  const params = {
    planId: round.plan_id,
    fy: round.fiscal_year,
    ids: only ? JSON.stringify(only) : null,
  };
  // Two statements, not one with `@ids IS NULL OR …`: SQLite plans a statement
  // once, and the OR made it read every item of the plan for each workbook's
  // forty (2,000 items, 50 workbooks: a scan per workbook).
  const chosen = (col: string) => (only ? `${col} IN (SELECT value FROM json_each(@ids))` : '1');
  // With the items chosen, the plan is a check, not the way in: `+` keeps
  // SQLite from reading the plan's items by their plan_id index.
  const inPlan = only ? '+i.plan_id = @planId' : 'i.plan_id = @planId';
  const items = stmt(
    db,
    `SELECT i.id FROM reform_items i
     JOIN areas a ON a.id = i.area_id AND a.deleted_at IS NULL
     JOIN priorities p ON p.id = a.priority_id AND p.deleted_at IS NULL
     WHERE ${inPlan} AND i.deleted_at IS NULL AND ${itemInYear('i', '@fy')}
       AND ${chosen('i.id')}`,
  )
    .pluck()
    .all(params) as number[];
  for (const id of items) out.set(id, null);
  const rows = stmt(
    db,
    `SELECT ia.item_id, s.id, s.name, d.id AS did, d.name AS dname, 0 AS named
     FROM item_assignments ia
     JOIN reform_items i ON i.id = ia.item_id AND ${inPlan}
     JOIN org_units s ON s.id = ia.org_unit_id LEFT JOIN org_units d ON d.id = s.parent_id
     WHERE ${assignmentInForce('ia', '@fy')} AND ${chosen('ia.item_id')}
     ORDER BY CASE ia.role WHEN 'lead' THEN 0 ELSE 1 END DESC, ia.sort_order DESC`,
  )
    .raw()
    .all(params) as [number, number, string, number | null, string | null, number][];
  const named = stmt(
    db,
    `SELECT ra.item_id, s.id, s.name, d.id AS did, d.name AS dname, 1 AS named
     FROM round_answerers ra JOIN org_units s ON s.id = ra.org_unit_id
     LEFT JOIN org_units d ON d.id = s.parent_id WHERE ra.round_id = ?`,
  )
    .raw()
    .all(roundId) as typeof rows;
  // Later rows win: the first lead is written last, a round's own answerer after all.
  for (const [itemId, unitId, name, did, dname, isNamed] of [...rows, ...named]) {
    if (!out.has(itemId)) continue;
    out.set(itemId, {
      unitId,
      name,
      departmentId: did,
      departmentName: dname,
      assignedForRound: isNamed === 1,
    });
  }
  return out;
}

export interface UnansweredSection {
  sectionId: number | null;
  sectionName: string;
  departmentName: string | null;
  items: { itemId: number; status: RecordStatus }[];
}

/**
 * 未回答一覧: per answering section as of the round's year, the items of that
 * year not answered yet (未依頼・依頼中). A supporting section never takes an
 * item off the lead's list; items nobody answers are listed for the 事務局.
 */
export function unanswered(db: Db, roundId: number): UnansweredSection[] {
  const who = answerersOf(db, roundId);
  const rows = stmt(
    db,
    `SELECT r.item_id, r.status FROM pdca_records r
     JOIN reform_items i ON i.id = r.item_id
     JOIN areas a ON a.id = i.area_id JOIN priorities p ON p.id = a.priority_id
     WHERE r.round_id = ? AND r.status IN ('unrequested', 'requested')
     ORDER BY p.sort_order, a.sort_order, i.sort_order`,
  ).all(roundId) as { item_id: number; status: RecordStatus }[];
  const order = stmt(db, 'SELECT id, sort_order FROM org_units').raw().all() as [number, number][];
  const sortOf = new Map(order);
  const out = new Map<string, UnansweredSection & { sort: [number, number] }>();
  for (const r of rows) {
    if (!who.has(r.item_id)) continue; // not an item of this year
    const a = who.get(r.item_id) ?? null;
    const key = String(a?.unitId ?? 'none');
    let s = out.get(key);
    if (!s) {
      s = {
        sectionId: a?.unitId ?? null,
        sectionName: a?.name ?? '担当課の指定なし（事務局が入力）',
        departmentName: a?.departmentName ?? null,
        items: [],
        sort: a
          ? [sortOf.get(a.departmentId ?? a.unitId) ?? 0, sortOf.get(a.unitId) ?? 0]
          : [Number.MAX_SAFE_INTEGER, 0],
      };
      out.set(key, s);
    }
    s.items.push({ itemId: r.item_id, status: r.status });
  }
  return [...out.values()]
    .sort((x, y) => x.sort[0] - y.sort[0] || x.sort[1] - y.sort[1])
    .map(({ sort: _sort, ...s }) => s);
}

/**
 * Names the 課 that answers items with no section of their own in this round
 * (null: the 事務局 answers them itself). Only items nobody else answers.
 */
export function setRoundAnswerer(
  cs: ChangeSet,
  input: { roundId: number; itemIds: readonly number[]; orgUnitId: number | null },
): void {
  const db = cs.db;
  const round = requireRound(db, input.roundId);
  if (isYearClosed(db, round.plan_id, round.fiscal_year))
    throw new AppError('LOCKED', closedYearMessage(round.fiscal_year));
  if (input.orgUnitId != null) {
    const u = stmt(
      db,
      `SELECT kind, name FROM org_units WHERE id = ?
       AND (valid_from_fy IS NULL OR valid_from_fy <= ?) AND (valid_to_fy IS NULL OR valid_to_fy >= ?)`,
    ).get(input.orgUnitId, round.fiscal_year, round.fiscal_year) as
      { kind: string; name: string } | undefined;
    if (!u || u.kind !== 'section')
      throw new AppError(
        'VALIDATION',
        `${formatFiscalYear(round.fiscal_year)}にある「課」を選んでください。`,
      );
  }
  const ownAnswerer = stmt(
    db,
    `SELECT count(*) FROM item_assignments ia WHERE ia.item_id = @itemId AND ${assignmentInForce('ia', '@fy')}`,
  ).pluck();
  const before = stmt(
    db,
    'SELECT org_unit_id FROM round_answerers WHERE round_id = ? AND item_id = ?',
  ).pluck();
  const who = answerersOf(db, input.roundId);
  for (const itemId of input.itemIds) {
    if (!who.has(itemId))
      throw new AppError(
        'NOT_FOUND',
        'この照会回の年度にない改革項目が指定されました。画面を開き直してください。',
      );
    if ((ownAnswerer.get({ itemId, fy: round.fiscal_year }) as number) > 0)
      throw new AppError(
        'VALIDATION',
        '実施担当の課がある改革項目は、その課が回答します。回答する課を変えるときは実施担当を変えてください。',
      );
    const old = (before.get(input.roundId, itemId) as number | undefined) ?? null;
    if (old === input.orgUnitId) continue;
    if (input.orgUnitId == null)
      stmt(db, 'DELETE FROM round_answerers WHERE round_id = ? AND item_id = ?').run(
        input.roundId,
        itemId,
      );
    else
      stmt(
        db,
        `INSERT INTO round_answerers (round_id, item_id, org_unit_id) VALUES (?, ?, ?)
         ON CONFLICT (round_id, item_id) DO UPDATE SET org_unit_id = excluded.org_unit_id`,
      ).run(input.roundId, itemId, input.orgUnitId);
    recordChange(cs, {
      action: 'update',
      entity: 'pdca_round',
      entityId: input.roundId,
      field: 'answerer',
      oldValue: old,
      newValue: input.orgUnitId,
      itemId,
    });
  }
}
