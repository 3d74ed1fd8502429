import type { Db } from './open-store';

/**
 * Tables whose rows an undo never touches: the audit log and the undo
 * records themselves, exports (a file sent out cannot be unsent) and the
 * year's close and corrections (taken back only by 再開 and 訂正, with a reason).
 */
export const UNTRACKED = new Set([
  'audit_log',
  'app_meta',
  'row_changes',
  'undo_context',
  'undo_batches',
  'exchange_exports',
  'exchange_export_records',
  'year_closes',
  'year_corrections',
]);

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

export function trackedTables(db: Db): string[] {
  return (
    db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .pluck()
      .all() as string[]
  ).filter((t) => !UNTRACKED.has(t));
}

export function columnsOf(db: Db, table: string): string[] {
  return (
    db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[]
  ).filter(Boolean);
}

/** A row as JSON, column by column, for NEW or OLD inside a trigger. */
function image(cols: string[], ref: 'NEW' | 'OLD'): string {
  return `json_object(${cols.map((c) => `'${c}', ${ref}.${q(c)}`).join(', ')})`;
}

/**
 * (Re)creates the capturing triggers of every tracked table from its columns
 * as they are now. Idempotent; run after every migration, since a table whose
 * columns change needs new triggers.
 */
export function installRowTriggers(db: Db): void {
  for (const t of trackedTables(db)) {
    const cols = columnsOf(db, t);
    const name = (op: string) => q(`rc_${t}_${op}`);
    const when = 'WHEN EXISTS (SELECT 1 FROM undo_context)';
    const ctx = '(SELECT batch_id FROM undo_context), (SELECT at FROM undo_context)';
    db.exec(`
DROP TRIGGER IF EXISTS ${name('ins')};
DROP TRIGGER IF EXISTS ${name('upd')};
DROP TRIGGER IF EXISTS ${name('del')};
CREATE TRIGGER ${name('ins')} AFTER INSERT ON ${q(t)} ${when} BEGIN
  INSERT INTO row_changes (batch_id, at, tbl, row_id, op, new_row)
  VALUES (${ctx}, '${t}', NEW.rowid, 'insert', ${image(cols, 'NEW')});
END;
CREATE TRIGGER ${name('upd')} AFTER UPDATE ON ${q(t)} ${when} BEGIN
  INSERT INTO row_changes (batch_id, at, tbl, row_id, op, old_row, new_row)
  VALUES (${ctx}, '${t}', NEW.rowid, 'update', ${image(cols, 'OLD')}, ${image(cols, 'NEW')});
END;
CREATE TRIGGER ${name('del')} AFTER DELETE ON ${q(t)} ${when} BEGIN
  INSERT INTO row_changes (batch_id, at, tbl, row_id, op, old_row)
  VALUES (${ctx}, '${t}', OLD.rowid, 'delete', ${image(cols, 'OLD')});
END;`);
  }
}
