import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../../electron/db/open-store';
import { sha256Rows, tempDir, tick } from '../../helpers';

/** Migration 4 seeded at version 3: the tables of 照会・回収, with everything before kept as it was. */
describe('migration 4 (exchange)', () => {
  it('adds exports, export records, imports and mappings; keeps every row', () => {
    const file = path.join(tempDir(), 'gyokaku.sqlite3');
    const clock = tick();
    const v3 = openStore({ path: file, targetVersion: 3, clock });
    v3.db.exec(`
      INSERT INTO plans (id, title, municipality, first_fy, last_fy, created_at, updated_at)
        VALUES (1, '計画', '市', 2021, 2025, 'x', 'x');
      INSERT INTO pdca_rounds (id, plan_id, fiscal_year, name, sort_order) VALUES (1, 1, 2025, '実績', 1);
    `);
    const before = sha256Rows(v3.db, ['plans', 'pdca_rounds', 'pdca_settings', 'scale_levels']);
    v3.close();
    const s = openStore({ path: file, targetVersion: 4, clock });
    expect(s.schemaVersion).toBe(4);
    expect(sha256Rows(s.db, ['plans', 'pdca_rounds', 'pdca_settings', 'scale_levels'])).toBe(
      before,
    );
    const tables = s.db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table'")
      .pluck()
      .all();
    for (const t of [
      'exchange_exports',
      'exchange_export_records',
      'exchange_imports',
      'import_mappings',
    ])
      expect(tables).toContain(t);
    // a mapping's name is unique: saving twice under one name must update, never duplicate
    s.db.exec("INSERT INTO import_mappings (name, mapping, updated_at) VALUES ('A市', '{}', 'x')");
    expect(() =>
      s.db.exec(
        "INSERT INTO import_mappings (name, mapping, updated_at) VALUES ('A市', '{}', 'y')",
      ),
    ).toThrow(/UNIQUE/);
    s.close();
  });
});
