import type { Database } from 'better-sqlite3';

/**
 * Migration 3: the yearly PDCA cycle. Scales, reporting rounds, yearly
 * records per item and round, KPIs, 推進本部・委員会 opinions. Plans that exist
 * already get the default scales (a copy kept here, so this migration never
 * changes when the app's presets do).
 */
const sql = /* sql */ `
CREATE TABLE pdca_settings (
  plan_id         INTEGER PRIMARY KEY REFERENCES plans(id) ON DELETE CASCADE,
  progress_label  TEXT NOT NULL,
  -- NULL: the plan uses one status axis
  progress2_label TEXT,
  evaluation_label TEXT NOT NULL,
  direction_label TEXT NOT NULL,
  amount_unit     TEXT NOT NULL CHECK (amount_unit IN ('yen', 'thousand')),
  rounds_json     TEXT NOT NULL
) STRICT;

-- 進捗状況 / 評価 / 今後の方向性 levels. A level removed while in use is merged into
-- another (records repointed) and kept retired, so old audit entries still read.
CREATE TABLE scale_levels (
  id              INTEGER PRIMARY KEY,
  plan_id         INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  axis            TEXT NOT NULL CHECK (axis IN ('progress', 'progress2', 'evaluation', 'direction')),
  code            TEXT NOT NULL,
  label           TEXT NOT NULL,
  definition      TEXT NOT NULL DEFAULT '',
  color           TEXT NOT NULL,
  default_percent REAL,
  excluded        INTEGER NOT NULL DEFAULT 0 CHECK (excluded IN (0, 1)),
  sort_order      INTEGER NOT NULL,
  retired_at      TEXT
) STRICT;
CREATE UNIQUE INDEX scale_levels_code ON scale_levels(plan_id, axis, code) WHERE retired_at IS NULL;

-- 照会回 of a fiscal year: 当初計画 / 中間 / 実績, or one year-end round.
CREATE TABLE pdca_rounds (
  id          INTEGER PRIMARY KEY,
  plan_id     INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  fiscal_year INTEGER NOT NULL,
  name        TEXT NOT NULL,
  sort_order  INTEGER NOT NULL,
  deadline    TEXT,
  UNIQUE (plan_id, fiscal_year, name)
) STRICT;

-- The yearly record of an item in one round. Amounts in yen; NULL = 未入力, 0 = zero.
CREATE TABLE pdca_records (
  id                INTEGER PRIMARY KEY,
  item_id           INTEGER NOT NULL REFERENCES reform_items(id) ON DELETE CASCADE,
  round_id          INTEGER NOT NULL REFERENCES pdca_rounds(id) ON DELETE CASCADE,
  plan_text         TEXT NOT NULL DEFAULT '',
  result_text       TEXT NOT NULL DEFAULT '',
  progress_id       INTEGER REFERENCES scale_levels(id),
  progress2_id      INTEGER REFERENCES scale_levels(id),
  evaluation_id     INTEGER REFERENCES scale_levels(id),
  evaluation_reason TEXT NOT NULL DEFAULT '',
  issues_text       TEXT NOT NULL DEFAULT '',
  direction_id      INTEGER REFERENCES scale_levels(id),
  revenue_plan      INTEGER,
  revenue_actual    INTEGER,
  saving_plan       INTEGER,
  saving_actual     INTEGER,
  status            TEXT NOT NULL DEFAULT 'unrequested'
                    CHECK (status IN ('unrequested', 'requested', 'answered', 'checked', 'final')),
  updated_at        TEXT NOT NULL,
  UNIQUE (item_id, round_id)
) STRICT;
CREATE INDEX pdca_records_round ON pdca_records(round_id, status);

-- 確定 is a lock the store keeps too, whatever code path tries to write.
CREATE TRIGGER pdca_records_locked BEFORE UPDATE OF
  plan_text, result_text, evaluation_reason, issues_text,
  revenue_plan, revenue_actual, saving_plan, saving_actual
ON pdca_records WHEN OLD.status = 'final' AND NEW.status = 'final'
BEGIN SELECT RAISE(ABORT, 'pdca record is locked'); END;

-- 指標 (KPI) of an item
CREATE TABLE kpis (
  id              INTEGER PRIMARY KEY,
  item_id         INTEGER NOT NULL REFERENCES reform_items(id) ON DELETE CASCADE,
  name            TEXT NOT NULL,
  unit            TEXT NOT NULL DEFAULT '',
  direction       TEXT NOT NULL CHECK (direction IN ('higher', 'lower')),
  progress_method TEXT NOT NULL CHECK (progress_method IN ('cumulative', 'fromBase')),
  base_fy         INTEGER,
  base_value      REAL,
  final_target    REAL,
  sort_order      INTEGER NOT NULL
) STRICT;
CREATE INDEX kpis_item ON kpis(item_id, sort_order);

CREATE TABLE kpi_values (
  kpi_id      INTEGER NOT NULL REFERENCES kpis(id) ON DELETE CASCADE,
  fiscal_year INTEGER NOT NULL,
  target      REAL,
  actual      REAL,
  PRIMARY KEY (kpi_id, fiscal_year)
) STRICT;

-- 推進本部会議 / 行政改革推進委員会
CREATE TABLE meetings (
  id          INTEGER PRIMARY KEY,
  plan_id     INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  fiscal_year INTEGER NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('headquarters', 'committee')),
  name        TEXT NOT NULL,
  held_on     TEXT
) STRICT;

CREATE TABLE opinions (
  id         INTEGER PRIMARY KEY,
  meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  item_id    INTEGER NOT NULL REFERENCES reform_items(id) ON DELETE CASCADE,
  body       TEXT NOT NULL,
  response   TEXT NOT NULL DEFAULT '',
  sort_order INTEGER NOT NULL
) STRICT;
CREATE INDEX opinions_item ON opinions(item_id);
`;

const LEVELS: [string, string, string, string, string, number | null, number][] = [
  ['progress', '未', '未着手', '取組に着手していない', '#9e9e9e', 0, 0],
  ['progress', '中', '取組中', '取組を進めている', '#1e88e5', null, 0],
  ['progress', '完', '完了', '取組が完了した', '#2e7d32', 100, 0],
  ['evaluation', 'S', '計画以上', '計画を上回って進んでいる', '#1b5e20', null, 0],
  ['evaluation', 'A', '計画どおり', '計画どおり進んでいる', '#43a047', null, 0],
  ['evaluation', 'B', 'やや遅れている', '計画よりやや遅れている', '#f9a825', null, 0],
  ['evaluation', 'C', 'ほとんど進んでいない', '計画より大きく遅れている', '#e53935', null, 0],
  ['evaluation', '－', '対象外', 'この年度は評価の対象としない', '#757575', null, 1],
  ['direction', '拡充', '拡充', '取組を拡大・強化する', '#1565c0', null, 0],
  ['direction', '継続', '継続', '今のまま継続する', '#43a047', null, 0],
  ['direction', '見直し', '見直し', '内容を見直して継続する', '#f9a825', null, 0],
  ['direction', '縮小', '縮小', '取組を縮小する', '#fb8c00', null, 0],
  ['direction', '完了', '完了', '目的を達成し終了する', '#6d4c41', null, 0],
  ['direction', '廃止', '廃止', '取組を中止・廃止する', '#757575', null, 0],
];

export function up(db: Database): void {
  db.exec(sql);
  const plans = db.prepare('SELECT id FROM plans').pluck().all() as number[];
  const settings = db.prepare(
    `INSERT INTO pdca_settings (plan_id, progress_label, progress2_label, evaluation_label, direction_label, amount_unit, rounds_json)
     VALUES (?, '進捗状況', NULL, '自己評価', '今後の方向性', 'thousand', ?)`,
  );
  const level = db.prepare(
    `INSERT INTO scale_levels (plan_id, axis, code, label, definition, color, default_percent, excluded, sort_order)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const rounds = JSON.stringify([{ name: '実績', month: 5, day: 31, afterYearEnd: true }]);
  for (const planId of plans) {
    settings.run(planId, rounds);
    LEVELS.forEach((l, i) => level.run(planId, l[0], l[1], l[2], l[3], l[4], l[5], l[6], i + 1));
  }
}
