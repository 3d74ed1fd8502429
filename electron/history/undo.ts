import { AppError } from '../../shared/errors';
import type { ChangeSet } from '../audit/audit-log';
import { recordChange } from '../audit/audit-log';
import type { Db } from '../db/open-store';
import { columnsOf } from '../db/row-triggers';

interface RowChange {
  id: number;
  tbl: string;
  row_id: number;
  op: 'insert' | 'update' | 'delete';
  old_row: string | null;
  new_row: string | null;
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;
type Row = Record<string, unknown>;

function currentRow(db: Db, table: string, rowId: number): Row | null {
  const cols = columnsOf(db, table);
  const r = db
    .prepare(
      `SELECT json_object(${cols.map((c) => `'${c}', ${q(c)}`).join(', ')}) AS j FROM ${q(table)} WHERE rowid = ?`,
    )
    .get(rowId) as { j: string } | undefined;
  return r ? (JSON.parse(r.j) as Row) : null;
}

function sameRow(a: Row | null, b: Row | null): boolean {
  if (a === null || b === null) return a === b;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys)
    if (JSON.stringify(a[k] ?? null) !== JSON.stringify(b[k] ?? null)) return false;
  return true;
}

const time = (iso: string) => {
  const d = new Date(iso);
  return `${d.getMonth() + 1}月${d.getDate()}日 ${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
};

/** Who changed a row after the operation: for the message that says why undo is refused. */
function laterChange(db: Db, c: RowChange, batchId: string): string {
  const later = db
    .prepare(
      `SELECT a.user_name AS name, a.at AS at FROM row_changes rc
         JOIN audit_log a ON a.batch_id = rc.batch_id
        WHERE rc.tbl = ? AND rc.row_id = ? AND rc.id > ? AND rc.batch_id <> ?
        ORDER BY rc.id DESC LIMIT 1`,
    )
    .get(c.tbl, c.row_id, c.id, batchId) as { name: string; at: string } | undefined;
  return later ? `${later.name}さんが${time(later.at)}に` : '';
}

/**
 * Takes back one operation (its audit batch) as a new operation of its own
 * (cs, recorded like any change: a redo is the undo of this undo). Refused,
 * changing nothing, when anything the operation touched has been changed
 * since, or when taking it back would touch anything else.
 */
export function undoBatch(cs: ChangeSet, batchId: string): void {
  const db = cs.db;
  const rows = db
    .prepare(
      'SELECT id, tbl, row_id, op, old_row, new_row FROM row_changes WHERE batch_id = ? ORDER BY id',
    )
    .all(batchId) as RowChange[];
  if (rows.length === 0)
    throw new AppError(
      'NOT_FOUND',
      '元に戻せる変更が見つかりません（30日より前の操作か、元に戻せない種類の操作です）。',
    );
  const done = db.prepare('SELECT at FROM undo_batches WHERE undoes = ?').get(batchId) as
    { at: string } | undefined;
  if (done)
    throw new AppError(
      'CONFLICT',
      `この操作は${time(done.at)}にもう元に戻しています。画面を開き直して確かめてください。`,
    );

  // The state the operation left must be the state now, row by row.
  const last = new Map<string, RowChange>();
  for (const r of rows) last.set(`${r.tbl}:${r.row_id}`, r);
  for (const r of last.values()) {
    const left = r.new_row === null ? null : (JSON.parse(r.new_row) as Row);
    if (!sameRow(currentRow(db, r.tbl, r.row_id), left))
      throw new AppError(
        'CONFLICT',
        `この操作のあとに、${laterChange(db, r, batchId)}同じところが変更されているため、元に戻せません。その変更を先に元に戻すか、画面で直接直してください。`,
      );
  }

  for (const r of [...rows].reverse()) {
    if (r.op === 'insert') {
      db.prepare(`DELETE FROM ${q(r.tbl)} WHERE rowid = ?`).run(r.row_id);
      continue;
    }
    const old = JSON.parse(r.old_row!) as Row;
    if (r.op === 'delete') {
      const cols = Object.keys(old);
      db.prepare(
        `INSERT INTO ${q(r.tbl)} (rowid, ${cols.map(q).join(', ')}) VALUES (?, ${cols.map(() => '?').join(', ')})`,
      ).run(r.row_id, ...cols.map((c) => old[c] ?? null));
      continue;
    }
    // Only the columns that differ: a guard trigger on an unchanged column must not fire.
    const now = currentRow(db, r.tbl, r.row_id) ?? {};
    const cols = Object.keys(old).filter(
      (c) => JSON.stringify(old[c] ?? null) !== JSON.stringify(now[c] ?? null),
    );
    if (cols.length > 0)
      db.prepare(
        `UPDATE ${q(r.tbl)} SET ${cols.map((c) => `${q(c)} = ?`).join(', ')} WHERE rowid = ?`,
      ).run(...cols.map((c) => old[c] ?? null), r.row_id);
  }

  // Nothing else may have moved (a cascade onto a row added later, say).
  const touched = new Set(rows.map((r) => `${r.tbl}:${r.row_id}`));
  const moved = db
    .prepare('SELECT tbl, row_id FROM row_changes WHERE batch_id = ?')
    .all(cs.batchId) as { tbl: string; row_id: number }[];
  if (moved.some((m) => !touched.has(`${m.tbl}:${m.row_id}`)))
    throw new AppError(
      'CONFLICT',
      'この操作のあとに追加された内容がこの操作に結び付いているため、元に戻せません（例：あとから追加した取組や記録）。画面で直接直してください。',
    );

  // The audit log tells the undo as the operation's entries in reverse.
  const entries = db
    .prepare(
      `SELECT action, entity, entity_id, field, old_value, new_value, item_id FROM audit_log
        WHERE batch_id = ? AND entity <> 'history' ORDER BY id DESC`,
    )
    .all(batchId) as {
    action: 'create' | 'update' | 'delete';
    entity: string;
    entity_id: number;
    field: string | null;
    old_value: string | null;
    new_value: string | null;
    item_id: number | null;
  }[];
  for (const e of entries)
    recordChange(cs, {
      action: e.action === 'create' ? 'delete' : e.action === 'delete' ? 'create' : 'update',
      entity: e.entity,
      entityId: e.entity_id,
      field: e.field,
      oldValue: e.new_value === null ? undefined : (JSON.parse(e.new_value) as unknown),
      newValue: e.old_value === null ? undefined : (JSON.parse(e.old_value) as unknown),
      itemId: e.item_id,
    });
  recordChange(cs, {
    action: 'update',
    entity: 'history',
    entityId: 0,
    field: 'undo',
    newValue: { undid: batchId },
  });
  db.prepare('INSERT INTO undo_batches (batch_id, undoes, at) VALUES (?, ?, ?)').run(
    cs.batchId,
    batchId,
    cs.at,
  );
}

/** Row images older than this are let go: undo is for today's work, the audit log keeps the rest. */
export function pruneRowChanges(db: Db, now: Date, days = 30): void {
  const cutoff = new Date(now.getTime() - days * 86_400_000).toISOString();
  db.prepare('DELETE FROM row_changes WHERE at < ?').run(cutoff);
}
