import type { Database } from 'better-sqlite3';

/**
 * Migration 5: fiscal years as a concept of their own.
 *
 * - 改革項目 live in years: the year they start (追加年度) and the year they
 *   end (完了・廃止); NULL = the plan's first / last year.
 * - 実施担当 is effective-dated: a row holds from one fiscal year to another,
 *   so a 機構改革 from 令和7年度 leaves 令和6年度 with the section it had.
 *   Stores written before this version moved assignments to the new section
 *   on a rename; where the rename is unambiguous (one predecessor) the old
 *   rows are rebuilt from the org history.
 * - A closed year (年度の締め) keeps the year as it was closed; corrections
 *   (訂正) to it are kept with old value, new value, date and reason.
 * - Plans can be archived (hidden from the chooser).
 * - Who answers: a per-plan policy, and per-round answerers for items that
 *   have no section (関係部課 only).
 */
const sql = /* sql */ `
-- a plan put away (a test rollover, an old plan): hidden from the chooser, kept whole
ALTER TABLE plans ADD COLUMN archived_at TEXT;

ALTER TABLE reform_items ADD COLUMN start_fy INTEGER;
ALTER TABLE reform_items ADD COLUMN end_fy INTEGER;

CREATE TABLE item_assignments_v5 (
  id            INTEGER PRIMARY KEY,
  item_id       INTEGER NOT NULL REFERENCES reform_items(id) ON DELETE CASCADE,
  org_unit_id   INTEGER NOT NULL REFERENCES org_units(id) ON DELETE RESTRICT,
  role          TEXT NOT NULL CHECK (role IN ('lead', 'support')),
  sort_order    INTEGER NOT NULL,
  -- NULL = since the plan began / still in force
  valid_from_fy INTEGER,
  valid_to_fy   INTEGER,
  CHECK (valid_to_fy IS NULL OR valid_from_fy IS NULL OR valid_to_fy >= valid_from_fy)
) STRICT;
INSERT INTO item_assignments_v5 (item_id, org_unit_id, role, sort_order)
  SELECT item_id, org_unit_id, role, sort_order FROM item_assignments;
DROP TABLE item_assignments;
ALTER TABLE item_assignments_v5 RENAME TO item_assignments;
CREATE UNIQUE INDEX item_assignments_current ON item_assignments(item_id, org_unit_id)
  WHERE valid_to_fy IS NULL;
CREATE INDEX item_assignments_item ON item_assignments(item_id, role, sort_order);
CREATE INDEX item_assignments_unit ON item_assignments(org_unit_id);

ALTER TABLE pdca_settings ADD COLUMN answer_policy TEXT NOT NULL DEFAULT 'lead'
  CHECK (answer_policy IN ('lead', 'all'));

CREATE TABLE year_closes (
  plan_id     INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  fiscal_year INTEGER NOT NULL,
  closed_at   TEXT NOT NULL,
  closed_by   TEXT NOT NULL,
  -- the year as closed: every round's report data (JSON)
  snapshot    TEXT NOT NULL,
  -- the last round's 効果額 and evaluation counts (JSON), for other years' trend
  totals      TEXT NOT NULL,
  -- counts up with every 訂正, so a cached snapshot is known to be stale
  revision    INTEGER NOT NULL DEFAULT 1,
  -- 1 only inside the transaction of a 訂正
  correcting  INTEGER NOT NULL DEFAULT 0 CHECK (correcting IN (0, 1)),
  PRIMARY KEY (plan_id, fiscal_year)
) STRICT;

CREATE TABLE year_corrections (
  id           INTEGER PRIMARY KEY,
  plan_id      INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  fiscal_year  INTEGER NOT NULL,
  round_name   TEXT NOT NULL,
  record_id    INTEGER,
  item_id      INTEGER,
  item_code    TEXT NOT NULL,
  item_name    TEXT NOT NULL,
  field        TEXT NOT NULL,
  field_label  TEXT NOT NULL,
  old_text     TEXT NOT NULL,
  new_text     TEXT NOT NULL,
  reason       TEXT NOT NULL CHECK (length(reason) > 0),
  corrected_at TEXT NOT NULL,
  corrected_by TEXT NOT NULL
) STRICT;
CREATE INDEX year_corrections_year ON year_corrections(plan_id, fiscal_year, id);

-- A closed year's records stay 確定 unless a correction is under way.
CREATE TRIGGER pdca_records_closed_year BEFORE UPDATE OF status ON pdca_records
WHEN OLD.status = 'final' AND NEW.status <> 'final' AND EXISTS (
  SELECT 1 FROM pdca_rounds o JOIN year_closes c
    ON c.plan_id = o.plan_id AND c.fiscal_year = o.fiscal_year AND c.correcting = 0
  WHERE o.id = OLD.round_id)
BEGIN SELECT RAISE(ABORT, 'fiscal year is closed'); END;

CREATE TABLE round_answerers (
  round_id    INTEGER NOT NULL REFERENCES pdca_rounds(id) ON DELETE CASCADE,
  item_id     INTEGER NOT NULL REFERENCES reform_items(id) ON DELETE CASCADE,
  org_unit_id INTEGER NOT NULL REFERENCES org_units(id) ON DELETE RESTRICT,
  PRIMARY KEY (round_id, item_id)
) STRICT;
`;

interface Row {
  id: number;
  item_id: number;
  org_unit_id: number;
  role: string;
  sort_order: number;
  valid_from_fy: number | null;
}

/** Rebuilds assignment history lost by renames made before this version. */
function rebuildRenames(db: Database): void {
  const pending = db
    .prepare(
      'SELECT id, item_id, org_unit_id, role, sort_order, valid_from_fy FROM item_assignments',
    )
    .all() as Row[];
  const unit = db.prepare('SELECT valid_from_fy FROM org_units WHERE id = ?');
  const preds = db.prepare('SELECT id FROM org_units WHERE successor_id = ?');
  const setFrom = db.prepare('UPDATE item_assignments SET valid_from_fy = ? WHERE id = ?');
  const insert = db.prepare(
    `INSERT INTO item_assignments (item_id, org_unit_id, role, sort_order, valid_to_fy)
     VALUES (?, ?, ?, ?, ?)`,
  );
  while (pending.length > 0) {
    const a = pending.pop()!;
    const from = (unit.get(a.org_unit_id) as { valid_from_fy: number | null }).valid_from_fy;
    if (from == null || a.valid_from_fy != null) continue;
    const p = preds.pluck().all(a.org_unit_id) as number[];
    // A merge has several predecessors: which one the item had is not known.
    if (p.length !== 1) continue;
    setFrom.run(from, a.id);
    const id = Number(insert.run(a.item_id, p[0], a.role, a.sort_order, from - 1).lastInsertRowid);
    pending.push({ ...a, id, org_unit_id: p[0]!, valid_from_fy: null });
  }
}

export function up(db: Database): void {
  db.exec(sql);
  rebuildRenames(db);
}
