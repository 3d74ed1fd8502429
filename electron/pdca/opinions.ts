import type { Meeting, Opinion } from '../../shared/domain/pdca';
import { AppError } from '../../shared/errors';
import type { ChangeSet } from '../audit/audit-log';
import { recordChange, recordFieldChanges } from '../audit/audit-log';
import type { Db } from '../db/open-store';
import { getItemRow } from '../items/item-queries';
import { requirePlan } from '../plans/plan-queries';

interface MeetingRow {
  id: number;
  plan_id: number;
  fiscal_year: number;
  kind: Meeting['kind'];
  name: string;
  held_on: string | null;
}

const toMeeting = (r: MeetingRow): Meeting => ({
  id: r.id,
  planId: r.plan_id,
  fiscalYear: r.fiscal_year,
  kind: r.kind,
  name: r.name,
  heldOn: r.held_on,
});

function requireMeeting(db: Db, id: number): MeetingRow {
  const r = db.prepare('SELECT * FROM meetings WHERE id = ?').get(id) as MeetingRow | undefined;
  if (!r) throw new AppError('NOT_FOUND', '会議が見つかりません。画面を開き直してください。');
  return r;
}

export function listMeetings(
  db: Db,
  planId: number,
  fiscalYear: number,
): { meetings: Meeting[]; opinions: Opinion[] } {
  requirePlan(db, planId);
  const meetings = (
    db
      .prepare(
        'SELECT * FROM meetings WHERE plan_id = ? AND fiscal_year = ? ORDER BY held_on IS NULL, held_on, id',
      )
      .all(planId, fiscalYear) as MeetingRow[]
  ).map(toMeeting);
  const opinions = db
    .prepare(
      `SELECT o.id, o.meeting_id AS meetingId, o.item_id AS itemId, o.body, o.response, o.sort_order AS sortOrder
       FROM opinions o JOIN meetings m ON m.id = o.meeting_id
       WHERE m.plan_id = ? AND m.fiscal_year = ? ORDER BY o.item_id, m.held_on, o.sort_order`,
    )
    .all(planId, fiscalYear) as Opinion[];
  return { meetings, opinions };
}

export function saveMeeting(cs: ChangeSet, input: Omit<Meeting, 'id'> & { id?: number }): number {
  const db = cs.db;
  const plan = requirePlan(db, input.planId);
  if (input.fiscalYear < plan.first_fy || input.fiscalYear > plan.last_fy + 1) {
    throw new AppError('VALIDATION', '会議の年度が計画期間の外です。');
  }
  const row = { kind: input.kind, name: input.name.trim(), heldOn: input.heldOn };
  if (input.id != null) {
    const before = requireMeeting(db, input.id);
    db.prepare('UPDATE meetings SET kind = ?, name = ?, held_on = ? WHERE id = ?').run(
      row.kind,
      row.name,
      row.heldOn,
      input.id,
    );
    recordFieldChanges(
      cs,
      'meeting',
      input.id,
      { kind: before.kind, name: before.name, heldOn: before.held_on },
      row,
      ['kind', 'name', 'heldOn'],
    );
    return input.id;
  }
  const id = Number(
    db
      .prepare(
        'INSERT INTO meetings (plan_id, fiscal_year, kind, name, held_on) VALUES (?, ?, ?, ?, ?)',
      )
      .run(input.planId, input.fiscalYear, row.kind, row.name, row.heldOn).lastInsertRowid,
  );
  recordChange(cs, { action: 'create', entity: 'meeting', entityId: id, newValue: row });
  return id;
}

export function saveOpinion(
  cs: ChangeSet,
  input: { id?: number; meetingId: number; itemId: number; body: string; response: string },
): number {
  const db = cs.db;
  const meeting = requireMeeting(db, input.meetingId);
  const item = getItemRow(db, input.itemId);
  if (item.plan_id !== meeting.plan_id) {
    throw new AppError('VALIDATION', 'この会議の計画にない改革項目です。');
  }
  if (input.id != null) {
    const before = db.prepare('SELECT * FROM opinions WHERE id = ?').get(input.id) as
      { body: string; response: string; meeting_id: number; item_id: number } | undefined;
    if (!before)
      throw new AppError('NOT_FOUND', '意見が見つかりません。画面を開き直してください。');
    db.prepare('UPDATE opinions SET meeting_id = ?, body = ?, response = ? WHERE id = ?').run(
      input.meetingId,
      input.body,
      input.response,
      input.id,
    );
    recordFieldChanges(
      cs,
      'opinion',
      input.id,
      { meetingId: before.meeting_id, body: before.body, response: before.response },
      { meetingId: input.meetingId, body: input.body, response: input.response },
      ['meetingId', 'body', 'response'],
      input.itemId,
    );
    return input.id;
  }
  const order =
    (db
      .prepare('SELECT coalesce(max(sort_order), 0) FROM opinions WHERE item_id = ?')
      .pluck()
      .get(input.itemId) as number) + 1;
  const id = Number(
    db
      .prepare(
        'INSERT INTO opinions (meeting_id, item_id, body, response, sort_order) VALUES (?, ?, ?, ?, ?)',
      )
      .run(input.meetingId, input.itemId, input.body, input.response, order).lastInsertRowid,
  );
  recordChange(cs, {
    action: 'create',
    entity: 'opinion',
    entityId: id,
    newValue: { meeting: meeting.name, body: input.body, response: input.response },
    itemId: input.itemId,
  });
  return id;
}

export function deleteOpinion(cs: ChangeSet, id: number): void {
  const before = cs.db.prepare('SELECT * FROM opinions WHERE id = ?').get(id) as
    { item_id: number; body: string; response: string } | undefined;
  if (!before) throw new AppError('NOT_FOUND', '意見が見つかりません。画面を開き直してください。');
  cs.db.prepare('DELETE FROM opinions WHERE id = ?').run(id);
  recordChange(cs, {
    action: 'delete',
    entity: 'opinion',
    entityId: id,
    oldValue: { body: before.body, response: before.response },
    itemId: before.item_id,
  });
}
