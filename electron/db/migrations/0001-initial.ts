import type { Database } from 'better-sqlite3';

/**
 * Migration 1: the plan spine and the audit log.
 * Fiscal years are stored as the western year they start in (令和7年度 = 2025).
 * Times are ISO-8601 UTC strings.
 */
const sql = /* sql */ `
CREATE TABLE app_meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE plans (
  id                  INTEGER PRIMARY KEY,
  title               TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  municipality        TEXT NOT NULL,
  first_fy            INTEGER NOT NULL,
  last_fy             INTEGER NOT NULL,
  adopted_on          TEXT,
  predecessor_plan_id INTEGER REFERENCES plans(id) ON DELETE SET NULL,
  source_note         TEXT NOT NULL DEFAULT '',
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL,
  CHECK (last_fy >= first_fy AND last_fy - first_fy < 20)
) STRICT;

-- 重点項目
CREATE TABLE priorities (
  id         INTEGER PRIMARY KEY,
  plan_id    INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  number     INTEGER NOT NULL CHECK (number > 0),
  title      TEXT NOT NULL,
  lead_text  TEXT NOT NULL DEFAULT '',
  sort_order INTEGER NOT NULL,
  -- Deleted rows stay (hidden) so a deletion can be undone with the same ids.
  deleted_at TEXT
) STRICT;
CREATE UNIQUE INDEX priorities_number ON priorities(plan_id, number) WHERE deleted_at IS NULL;

-- 取組分野
CREATE TABLE areas (
  id          INTEGER PRIMARY KEY,
  priority_id INTEGER NOT NULL REFERENCES priorities(id) ON DELETE CASCADE,
  number      INTEGER NOT NULL CHECK (number > 0),
  title       TEXT NOT NULL,
  lead_text   TEXT NOT NULL DEFAULT '',
  sort_order  INTEGER NOT NULL,
  deleted_at  TEXT
) STRICT;
CREATE UNIQUE INDEX areas_number ON areas(priority_id, number) WHERE deleted_at IS NULL;

-- 改革項目. number is unique per 取組分野 among live items, as the plan numbers them.
CREATE TABLE reform_items (
  id                        INTEGER PRIMARY KEY,
  plan_id                   INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  area_id                   INTEGER NOT NULL REFERENCES areas(id) ON DELETE CASCADE,
  number                    INTEGER NOT NULL CHECK (number > 0),
  name                      TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  is_continued              INTEGER NOT NULL DEFAULT 0 CHECK (is_continued IN (0, 1)),
  predecessor_item_id       INTEGER REFERENCES reform_items(id) ON DELETE SET NULL,
  promotion                 TEXT NOT NULL DEFAULT '',
  involves_related_sections INTEGER NOT NULL DEFAULT 0 CHECK (involves_related_sections IN (0, 1)),
  sort_order                INTEGER NOT NULL,
  created_at                TEXT NOT NULL,
  updated_at                TEXT NOT NULL,
  deleted_at                TEXT
) STRICT;
CREATE UNIQUE INDEX reform_items_number ON reform_items(area_id, number) WHERE deleted_at IS NULL;
CREATE INDEX reform_items_plan ON reform_items(plan_id, sort_order);

-- 実施時期の区分 (検討 / 試行 / 実施 / 継続 …), per plan
CREATE TABLE schedule_phases (
  id         INTEGER PRIMARY KEY,
  plan_id    INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  code       TEXT NOT NULL,
  label      TEXT NOT NULL,
  sort_order INTEGER NOT NULL,
  UNIQUE (plan_id, code)
) STRICT;

-- 主な取組 ①②③
CREATE TABLE initiatives (
  id         INTEGER PRIMARY KEY,
  item_id    INTEGER NOT NULL REFERENCES reform_items(id) ON DELETE CASCADE,
  label      TEXT NOT NULL DEFAULT '',
  text       TEXT NOT NULL,
  sort_order INTEGER NOT NULL
) STRICT;
CREATE INDEX initiatives_item ON initiatives(item_id, sort_order);

-- ・points under an initiative
CREATE TABLE initiative_points (
  id            INTEGER PRIMARY KEY,
  initiative_id INTEGER NOT NULL REFERENCES initiatives(id) ON DELETE CASCADE,
  text          TEXT NOT NULL,
  sort_order    INTEGER NOT NULL
) STRICT;
CREATE INDEX initiative_points_initiative ON initiative_points(initiative_id, sort_order);

-- 実施時期: inclusive span of fiscal years
CREATE TABLE schedule_spans (
  id            INTEGER PRIMARY KEY,
  initiative_id INTEGER NOT NULL REFERENCES initiatives(id) ON DELETE CASCADE,
  start_fy      INTEGER NOT NULL,
  end_fy        INTEGER NOT NULL,
  -- NO ACTION (checked at statement end), so deleting a plan cascades through; a
  -- phase still in use cannot be deleted on its own.
  phase_id      INTEGER NOT NULL REFERENCES schedule_phases(id),
  CHECK (end_fy >= start_fy)
) STRICT;
CREATE INDEX schedule_spans_initiative ON schedule_spans(initiative_id);

-- 部 (department) and 課 (section). A rename or merge closes a unit and names its successor.
CREATE TABLE org_units (
  id            INTEGER PRIMARY KEY,
  kind          TEXT NOT NULL CHECK (kind IN ('department', 'section')),
  name          TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  parent_id     INTEGER REFERENCES org_units(id) ON DELETE RESTRICT,
  valid_from_fy INTEGER,
  valid_to_fy   INTEGER,
  successor_id  INTEGER REFERENCES org_units(id) ON DELETE SET NULL,
  sort_order    INTEGER NOT NULL DEFAULT 0,
  CHECK (valid_to_fy IS NULL OR valid_from_fy IS NULL OR valid_to_fy >= valid_from_fy),
  CHECK (kind = 'section' OR parent_id IS NULL)
) STRICT;

-- 実施担当
CREATE TABLE item_assignments (
  item_id     INTEGER NOT NULL REFERENCES reform_items(id) ON DELETE CASCADE,
  org_unit_id INTEGER NOT NULL REFERENCES org_units(id) ON DELETE RESTRICT,
  role        TEXT NOT NULL CHECK (role IN ('lead', 'support')),
  sort_order  INTEGER NOT NULL,
  PRIMARY KEY (item_id, org_unit_id)
) STRICT;
CREATE INDEX item_assignments_unit ON item_assignments(org_unit_id);

-- 用語解説
CREATE TABLE glossary_terms (
  id          INTEGER PRIMARY KEY,
  plan_id     INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  term        TEXT NOT NULL,
  description TEXT NOT NULL,
  sort_order  INTEGER NOT NULL
) STRICT;

-- Every change: who, when, what, from where. Never updated or deleted.
CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  user_login  TEXT NOT NULL,
  user_name   TEXT NOT NULL,
  action      TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete')),
  entity      TEXT NOT NULL,
  entity_id   INTEGER NOT NULL,
  field       TEXT,
  old_value   TEXT,
  new_value   TEXT,
  source_kind TEXT NOT NULL CHECK (source_kind IN ('screen', 'import', 'system')),
  source_file TEXT,
  source_hash TEXT,
  source_note TEXT,
  batch_id    TEXT NOT NULL
) STRICT;
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id, id);
CREATE INDEX audit_log_batch ON audit_log(batch_id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
`;

export function up(db: Database): void {
  db.exec(sql);
}
