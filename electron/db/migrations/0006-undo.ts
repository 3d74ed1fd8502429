import type { Database } from 'better-sqlite3';

/**
 * Migration 6: undo on the server. Every row a user operation inserts,
 * updates or deletes is kept with its image before and after, under the
 * operation's audit batch; undo applies the inverse and redo is the undo of
 * an undo. The capturing triggers are generated from the tables as they are
 * (electron/history/row-triggers.ts) and installed after every migration run.
 */
const sql = /* sql */ `
-- the operation being recorded: set inside its transaction only, so no other
-- connection and no crash ever sees it
CREATE TABLE undo_context (
  id        INTEGER PRIMARY KEY CHECK (id = 1),
  batch_id  TEXT NOT NULL,
  at        TEXT NOT NULL
) STRICT;

CREATE TABLE row_changes (
  id        INTEGER PRIMARY KEY,
  batch_id  TEXT NOT NULL,
  at        TEXT NOT NULL,
  tbl       TEXT NOT NULL,
  row_id    INTEGER NOT NULL,
  op        TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
  old_row   TEXT,
  new_row   TEXT
) STRICT;
CREATE INDEX row_changes_batch ON row_changes(batch_id, id);
CREATE INDEX row_changes_row ON row_changes(tbl, row_id, id);
CREATE INDEX row_changes_at ON row_changes(at);

-- which operation an undo took back (a redo is the undo of that undo)
CREATE TABLE undo_batches (
  batch_id  TEXT PRIMARY KEY,
  undoes    TEXT NOT NULL UNIQUE,
  at        TEXT NOT NULL
) STRICT;
`;

export function up(db: Database): void {
  db.exec(sql);
}
