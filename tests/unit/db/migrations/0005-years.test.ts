import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../../electron/db/open-store';
import { tempDir, tick } from '../../helpers';

/** Migration 5 seeded at version 4: a store where a rename and a merge already happened the old way. */
describe('migration 5 (years)', () => {
  it('rebuilds the assignment history of renames and keeps every row', () => {
    const file = path.join(tempDir(), 'gyokaku.sqlite3');
    const clock = tick();
    const v4 = openStore({ path: file, targetVersion: 4, clock });
    const db = v4.db;
    db.exec(`
      INSERT INTO plans (id, title, municipality, first_fy, last_fy, created_at, updated_at)
        VALUES (1, '計画', '市', 2021, 2025, 'x', 'x');
      INSERT INTO priorities (id, plan_id, number, title, sort_order) VALUES (1, 1, 1, '重点', 1);
      INSERT INTO areas (id, priority_id, number, title, sort_order) VALUES (1, 1, 1, '分野', 1);
      INSERT INTO reform_items (id, plan_id, area_id, number, name, sort_order, created_at, updated_at)
        VALUES (1, 1, 1, 1, '項目1', 1, 'x', 'x'), (2, 1, 1, 2, '項目2', 2, 'x', 'x');
      INSERT INTO org_units (id, kind, name, parent_id, valid_from_fy, valid_to_fy, successor_id, sort_order) VALUES
        (1, 'department', '総務部', NULL, NULL, NULL, NULL, 1),
        -- 人事課 → 人事行政課 (R5) → 行政経営課 (R7): renamed twice
        (2, 'section', '人事課', 1, NULL, 2022, 3, 2),
        (3, 'section', '人事行政課', 1, 2023, 2024, 4, 2),
        (4, 'section', '行政経営課', 1, 2025, NULL, NULL, 2),
        -- 財政課 + 契約課 → 財政契約課 (R6): which one an item had is not known
        (5, 'section', '財政課', 1, NULL, 2023, 7, 3),
        (6, 'section', '契約課', 1, NULL, 2023, 7, 4),
        (7, 'section', '財政契約課', 1, 2024, NULL, NULL, 3);
      INSERT INTO item_assignments (item_id, org_unit_id, role, sort_order) VALUES
        (1, 4, 'lead', 1), (2, 7, 'lead', 1), (2, 4, 'support', 2);
    `);
    v4.close();

    const s = openStore({ path: file, clock, targetVersion: 5 });
    expect(s.schemaVersion).toBe(5);
    const rows = s.db
      .prepare(
        `SELECT item_id AS item, org_unit_id AS unit, role, valid_from_fy AS "from", valid_to_fy AS "to"
         FROM item_assignments ORDER BY item_id, role, valid_from_fy NULLS FIRST, org_unit_id`,
      )
      .all();
    expect(rows).toEqual([
      { item: 1, unit: 2, role: 'lead', from: null, to: 2022 },
      { item: 1, unit: 3, role: 'lead', from: 2023, to: 2024 },
      { item: 1, unit: 4, role: 'lead', from: 2025, to: null },
      // the merge stays as it was: the successor for every year
      { item: 2, unit: 7, role: 'lead', from: null, to: null },
      { item: 2, unit: 2, role: 'support', from: null, to: 2022 },
      { item: 2, unit: 3, role: 'support', from: 2023, to: 2024 },
      { item: 2, unit: 4, role: 'support', from: 2025, to: null },
    ]);
    // new columns and tables with their defaults
    expect(s.db.prepare('SELECT start_fy, end_fy FROM reform_items WHERE id = 1').get()).toEqual({
      start_fy: null,
      end_fy: null,
    });
    for (const t of ['year_closes', 'year_corrections', 'round_answerers'])
      expect(s.db.prepare(`SELECT count(*) FROM ${t}`).pluck().get()).toBe(0);
    expect(s.db.pragma('foreign_key_check')).toEqual([]);
    expect(s.db.pragma('integrity_check', { simple: true })).toBe('ok');
    s.close();
  });
});
