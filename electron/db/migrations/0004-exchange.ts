import type { Database } from 'better-sqlite3';

/**
 * Migration 4: Excel exchange with sections. What was sent out (each
 * workbook, and each record as it was exported: the base of a three-way
 * comparison when the answer comes back), what came back, and saved column
 * mappings for importing other cities' plan workbooks.
 */
const sql = /* sql */ `
CREATE TABLE exchange_exports (
  id          INTEGER PRIMARY KEY,
  uuid        TEXT NOT NULL UNIQUE,
  round_id    INTEGER NOT NULL REFERENCES pdca_rounds(id) ON DELETE CASCADE,
  -- the 課 or 部 the workbook was made for
  org_unit_id INTEGER REFERENCES org_units(id) ON DELETE SET NULL,
  scope       TEXT NOT NULL CHECK (scope IN ('section', 'department')),
  file_name   TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  created_by  TEXT NOT NULL
) STRICT;

CREATE TABLE exchange_export_records (
  export_id INTEGER NOT NULL REFERENCES exchange_exports(id) ON DELETE CASCADE,
  record_id INTEGER NOT NULL REFERENCES pdca_records(id) ON DELETE CASCADE,
  -- the record's values and KPI actuals as written into the workbook (JSON)
  snapshot  TEXT NOT NULL,
  PRIMARY KEY (export_id, record_id)
) STRICT;

CREATE TABLE exchange_imports (
  id          INTEGER PRIMARY KEY,
  export_id   INTEGER NOT NULL REFERENCES exchange_exports(id) ON DELETE CASCADE,
  file_name   TEXT NOT NULL,
  file_hash   TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  imported_by TEXT NOT NULL,
  batch_id    TEXT NOT NULL,
  changes     INTEGER NOT NULL,
  undone_at   TEXT
) STRICT;
CREATE INDEX exchange_imports_hash ON exchange_imports(file_hash);

CREATE TABLE import_mappings (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  mapping    TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
`;

export function up(db: Database): void {
  db.exec(sql);
}
