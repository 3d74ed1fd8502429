import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../../electron/db/open-store';
import { tempDir, tick } from '../../helpers';

/** Migration 3 seeded at version 2: the PDCA tables, and every existing plan gets the default scales. */
describe('migration 3 (pdca)', () => {
  it('gives every plan made before it its settings and default scales, and keeps its rows', () => {
    const file = path.join(tempDir(), 'gyokaku.sqlite3');
    const clock = tick();
    const v2 = openStore({ path: file, targetVersion: 2, clock });
    v2.db.exec(`
      INSERT INTO plans (id, title, municipality, first_fy, last_fy, created_at, updated_at) VALUES
        (1, '計画A', '市', 2021, 2025, 'x', 'x'), (2, '計画B', '町', 2026, 2030, 'x', 'x');
    `);
    v2.close();
    const s = openStore({ path: file, targetVersion: 3, clock });
    expect(s.schemaVersion).toBe(3);
    expect(s.db.prepare('SELECT title FROM plans ORDER BY id').pluck().all()).toEqual([
      '計画A',
      '計画B',
    ]);
    for (const planId of [1, 2]) {
      expect(
        s.db.prepare('SELECT count(*) FROM scale_levels WHERE plan_id = ?').pluck().get(planId),
      ).toBe(14);
      expect(
        s.db
          .prepare('SELECT amount_unit, progress_label FROM pdca_settings WHERE plan_id = ?')
          .get(planId),
      ).toEqual({ amount_unit: 'thousand', progress_label: '進捗状況' });
    }
    // 確定 is a lock the store keeps: a final record's texts refuse an update
    s.db.exec(`
      INSERT INTO priorities (id, plan_id, number, title, sort_order) VALUES (1, 1, 1, '重点', 1);
      INSERT INTO areas (id, priority_id, number, title, sort_order) VALUES (1, 1, 1, '分野', 1);
      INSERT INTO reform_items (id, plan_id, area_id, number, name, sort_order, created_at, updated_at)
        VALUES (1, 1, 1, 1, '項目', 1, 'x', 'x');
      INSERT INTO pdca_rounds (id, plan_id, fiscal_year, name, sort_order) VALUES (1, 1, 2025, '実績', 1);
      INSERT INTO pdca_records (item_id, round_id, status, updated_at) VALUES (1, 1, 'final', 'x');
    `);
    expect(() => s.db.exec("UPDATE pdca_records SET result_text = 'x'")).toThrow();
    s.close();
  });
});
