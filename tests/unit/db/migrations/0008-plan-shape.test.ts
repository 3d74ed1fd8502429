import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../../electron/db/open-store';
import { listItems } from '../../../../electron/items/item-queries';
import { listPlans } from '../../../../electron/plans/plan-queries';
import { tempDir, tick } from '../../helpers';

/** Migration 8 seeded at version 7: every plan keeps its shape and numbers; history gets its sources. */
describe('migration 8 (plan-shape)', () => {
  it('keeps two heading levels and 1-(1)-1 numbers for existing plans, and adds what imported history needs', () => {
    const file = path.join(tempDir(), 'gyokaku.sqlite3');
    const clock = tick();
    const v7 = openStore({ path: file, targetVersion: 7, clock });
    v7.db.exec(`
      INSERT INTO plans (id, title, municipality, first_fy, last_fy, created_at, updated_at)
        VALUES (1, '計画', '市', 2021, 2025, 'x', 'x');
      INSERT INTO priorities (id, plan_id, number, title, sort_order) VALUES (1, 1, 2, '重点', 1);
      INSERT INTO areas (id, priority_id, number, title, sort_order) VALUES (1, 1, 3, '分野', 1);
      INSERT INTO reform_items (id, plan_id, area_id, number, name, sort_order, created_at, updated_at)
        VALUES (1, 1, 1, 4, '項目', 1, 'x', 'x');
    `);
    v7.close();
    const s = openStore({ path: file, clock, targetVersion: 8 });
    expect(s.schemaVersion).toBe(8);
    expect(listPlans(s.db).map((p) => [p.headingLevels, p.numberPattern])).toEqual([
      [2, '{p}-({a})-{n}'],
    ]);
    expect(listItems(s.db, { planId: 1 }).map((i) => [i.code, i.writtenNumber])).toEqual([
      ['2-(3)-4', null],
    ]);
    expect(() => s.db.exec('UPDATE plans SET heading_levels = 4')).toThrow(/CHECK/);
    expect(
      s.db.prepare("SELECT count(*) FROM pragma_table_info('cell_sources')").pluck().get(),
    ).toBe(7);
    expect(
      s.db
        .prepare("SELECT count(*) FROM sqlite_master WHERE name = 'rc_cell_sources_ins'")
        .pluck()
        .get(),
    ).toBe(1);
    s.close();
  });
});
