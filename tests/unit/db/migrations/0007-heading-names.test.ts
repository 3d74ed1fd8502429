import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../../electron/db/open-store';
import { listPlans } from '../../../../electron/plans/plan-queries';
import { tempDir, tick } from '../../helpers';

/** Migration 7 seeded at version 6: plans get their heading names, the words they were shown with. */
describe('migration 7 (heading-names)', () => {
  it('gives every plan 重点項目 / 取組分野, keeps every row, and a rename of the names is undoable', () => {
    const file = path.join(tempDir(), 'gyokaku.sqlite3');
    const clock = tick();
    const v6 = openStore({ path: file, targetVersion: 6, clock });
    v6.db.exec(`
      INSERT INTO plans (id, title, municipality, first_fy, last_fy, created_at, updated_at)
        VALUES (1, '計画', '市', 2021, 2025, 'x', 'x'), (2, '次の計画', '市', 2026, 2030, 'x', 'x');
    `);
    v6.close();
    const s = openStore({ path: file, clock, targetVersion: 7 });
    expect(s.schemaVersion).toBe(7);
    expect(listPlans(s.db).map((p) => [p.title, p.headingNames])).toEqual([
      ['次の計画', { priority: '重点項目', area: '取組分野' }],
      ['計画', { priority: '重点項目', area: '取組分野' }],
    ]);
    // the new columns are tracked for undo like the rest of the row
    const triggers = s.db
      .prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'rc_plans_upd'")
      .get() as { sql: string } | undefined;
    expect(triggers?.sql).toContain('priority_label');
    s.close();
  });
});
