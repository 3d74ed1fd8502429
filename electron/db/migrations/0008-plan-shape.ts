import type { Database } from 'better-sqlite3';

/**
 * Migration 8: the shape of any city's plan, and where imported history came from.
 * - heading_levels: how many heading levels stand above the items: 3
 *   (基本目標 → 重点項目 → 取組分野 → 改革項目: heading_groups above the
 *   重点項目, named by group_label), 2 (重点項目 → 取組分野 → 改革項目), 1 (no
 *   取組分野: each 重点項目 keeps one unnamed 分野, never shown or printed) or
 *   0 (a plain list of items: one unnamed 重点項目 and 分野, never shown).
 * - number_pattern: how an item's number is shown and printed ({p} 重点項目,
 *   {a} 分野, {n} number in the 分野, {c} the number as the city wrote it).
 *   Existing plans keep 1-(1)-1.
 * - reform_items.written_number: the number as the city's plan wrote it
 *   (「82」「R1-1」), kept as text; NULL for items created in the app.
 * - cell_sources: the file, sheet and cell a value was imported from, for
 *   history taken in from a city's own sheets.
 * - year_closes.origin: a year closed here, or imported as closed history.
 * - item_reposts: 再掲 — an item shown again under another 分野, marked 再掲
 *   there, counted once in totals; plans.repost_counting says whether the
 *   per-heading counts take it under its own heading only ('home') or under
 *   every heading it is listed in ('every'), as the city's tables do.
 */
export function up(db: Database): void {
  db.exec(/* sql */ `
    ALTER TABLE plans ADD COLUMN heading_levels INTEGER NOT NULL DEFAULT 2 CHECK (heading_levels IN (0, 1, 2, 3));
    ALTER TABLE plans ADD COLUMN group_label TEXT NOT NULL DEFAULT '基本目標';
    ALTER TABLE plans ADD COLUMN repost_counting TEXT NOT NULL DEFAULT 'home' CHECK (repost_counting IN ('home', 'every'));
    CREATE TABLE heading_groups (
      id         INTEGER PRIMARY KEY,
      plan_id    INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
      number     INTEGER NOT NULL CHECK (number > 0),
      title      TEXT NOT NULL,
      lead_text  TEXT NOT NULL DEFAULT '',
      sort_order INTEGER NOT NULL,
      deleted_at TEXT
    ) STRICT;
    ALTER TABLE priorities ADD COLUMN group_id INTEGER REFERENCES heading_groups(id) ON DELETE SET NULL;
    ALTER TABLE plans ADD COLUMN number_pattern TEXT NOT NULL DEFAULT '{p}-({a})-{n}';
    ALTER TABLE reform_items ADD COLUMN written_number TEXT;
    ALTER TABLE year_closes ADD COLUMN origin TEXT NOT NULL DEFAULT 'closed' CHECK (origin IN ('closed', 'imported'));
    CREATE TABLE cell_sources (
      entity      TEXT NOT NULL,
      entity_id   INTEGER NOT NULL,
      field       TEXT NOT NULL,
      source_file TEXT NOT NULL,
      sheet       TEXT NOT NULL,
      cell        TEXT NOT NULL,
      imported_at TEXT NOT NULL,
      PRIMARY KEY (entity, entity_id, field)
    ) STRICT;
    CREATE TABLE item_reposts (
      item_id    INTEGER NOT NULL REFERENCES reform_items(id) ON DELETE CASCADE,
      area_id    INTEGER NOT NULL REFERENCES areas(id) ON DELETE CASCADE,
      sort_order INTEGER NOT NULL,
      PRIMARY KEY (item_id, area_id)
    ) STRICT;
    CREATE INDEX item_reposts_area ON item_reposts(area_id, sort_order);
  `);
}
