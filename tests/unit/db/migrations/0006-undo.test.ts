import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../../electron/db/open-store';
import { trackedTables, UNTRACKED } from '../../../../electron/db/row-triggers';
import { sha256Rows, tempDir, tick } from '../../helpers';

/** Migration 6 seeded at version 5: undo records, and capturing triggers on every table users change. */
describe('migration 6 (undo)', () => {
  it('adds the undo records, keeps every row, and captures changes only inside an operation', () => {
    const file = path.join(tempDir(), 'gyokaku.sqlite3');
    const clock = tick();
    const v5 = openStore({ path: file, targetVersion: 5, clock });
    v5.db.exec(`
      INSERT INTO plans (id, title, municipality, first_fy, last_fy, created_at, updated_at)
        VALUES (1, '計画', '市', 2021, 2025, 'x', 'x');
      INSERT INTO priorities (id, plan_id, number, title, sort_order) VALUES (1, 1, 1, '重点', 1);
      INSERT INTO areas (id, priority_id, number, title, sort_order) VALUES (1, 1, 1, '分野', 1);
      INSERT INTO reform_items (id, plan_id, area_id, number, name, sort_order, created_at, updated_at)
        VALUES (1, 1, 1, 1, '項目1', 1, 'x', 'x');
    `);
    const before = sha256Rows(v5.db, ['plans', 'priorities', 'areas', 'reform_items']);
    v5.close();

    const s = openStore({ path: file, clock, targetVersion: 6 });
    expect(s.schemaVersion).toBe(6);
    const db = s.db;
    expect(sha256Rows(db, ['plans', 'priorities', 'areas', 'reform_items'])).toBe(before);
    const triggers = new Set(
      db
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'rc\\_%' ESCAPE '\\'",
        )
        .pluck()
        .all() as string[],
    );
    const tracked = trackedTables(db);
    expect(tracked).toContain('reform_items');
    expect(tracked).toContain('pdca_records');
    for (const t of tracked)
      for (const op of ['ins', 'upd', 'del']) expect(triggers.has(`rc_${t}_${op}`), t).toBe(true);
    for (const t of UNTRACKED) expect(triggers.has(`rc_${t}_ins`)).toBe(false);

    // outside an operation nothing is recorded; inside, the row before and after
    db.prepare("UPDATE reform_items SET name = '外' WHERE id = 1").run();
    expect(db.prepare('SELECT count(*) FROM row_changes').pluck().get()).toBe(0);
    db.transaction(() => {
      db.prepare("INSERT INTO undo_context (id, batch_id, at) VALUES (1, 'b1', 't')").run();
      db.prepare("UPDATE reform_items SET name = '中' WHERE id = 1").run();
      db.prepare('DELETE FROM undo_context').run();
    })();
    const rc = db
      .prepare('SELECT batch_id, tbl, row_id, op, old_row, new_row FROM row_changes')
      .get() as Record<string, string>;
    expect(rc).toMatchObject({ batch_id: 'b1', tbl: 'reform_items', row_id: 1, op: 'update' });
    expect(JSON.parse(rc.old_row!).name).toBe('外');
    expect(JSON.parse(rc.new_row!).name).toBe('中');
    s.close();
    // a plain SQLite reader sees a whole database
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    raw.close();
  });
});
