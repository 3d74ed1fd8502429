import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../../electron/db/open-store';
import { tempDir, tick } from '../../helpers';

/** Migration 2 seeded at version 1: entries about an item or its initiatives are linked to the item. */
describe('migration 2 (audit-item-link)', () => {
  it('backfills the item of every entry about an item or an initiative, and keeps the log append-only', () => {
    const file = path.join(tempDir(), 'gyokaku.sqlite3');
    const clock = tick();
    const v1 = openStore({ path: file, targetVersion: 1, clock });
    v1.db.exec(`
      INSERT INTO plans (id, title, municipality, first_fy, last_fy, created_at, updated_at)
        VALUES (1, '計画', '市', 2021, 2025, 'x', 'x');
      INSERT INTO priorities (id, plan_id, number, title, sort_order) VALUES (1, 1, 1, '重点', 1);
      INSERT INTO areas (id, priority_id, number, title, sort_order) VALUES (1, 1, 1, '分野', 1);
      INSERT INTO reform_items (id, plan_id, area_id, number, name, sort_order, created_at, updated_at)
        VALUES (5, 1, 1, 1, '項目', 1, 'x', 'x');
      INSERT INTO initiatives (id, item_id, label, text, sort_order) VALUES (9, 5, '①', '取組', 1);
      INSERT INTO audit_log (at, user_login, user_name, action, entity, entity_id, field, source_kind, batch_id) VALUES
        ('t', 'u', 'u', 'update', 'reform_item', 5, 'name', 'screen', 'b1'),
        ('t', 'u', 'u', 'update', 'initiative', 9, 'text', 'screen', 'b2'),
        ('t', 'u', 'u', 'update', 'plan', 1, 'title', 'screen', 'b3');
    `);
    v1.close();
    const s = openStore({ path: file, targetVersion: 2, clock });
    expect(s.schemaVersion).toBe(2);
    expect(s.db.prepare('SELECT entity, item_id FROM audit_log ORDER BY id').all()).toEqual([
      { entity: 'reform_item', item_id: 5 },
      { entity: 'initiative', item_id: 5 },
      { entity: 'plan', item_id: null },
    ]);
    expect(() => s.db.exec('UPDATE audit_log SET item_id = 1')).toThrow(/append-only/);
    // an item's history reads through its own index, not the whole log
    const plan = s.db
      .prepare('EXPLAIN QUERY PLAN SELECT * FROM audit_log WHERE item_id = 5 ORDER BY id DESC')
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING INDEX audit_log_item/);
    s.close();
  });
});
