import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../../electron/db/open-store';
import { tempDir, tick } from '../../helpers';

/** Migration 1 from an empty file: the plan tables, STRICT, and an append-only audit log. */
describe('migration 1 (initial)', () => {
  it('creates the plan tables as STRICT tables and an audit log that cannot be rewritten', () => {
    const file = path.join(tempDir(), 'gyokaku.sqlite3');
    const s = openStore({ path: file, targetVersion: 1, clock: tick() });
    expect(s.schemaVersion).toBe(1);
    const strict = s.db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql LIKE '%STRICT%'")
      .pluck()
      .all();
    for (const t of [
      'plans',
      'priorities',
      'areas',
      'reform_items',
      'initiatives',
      'org_units',
      'audit_log',
    ])
      expect(strict, t).toContain(t);
    s.db.exec(
      "INSERT INTO audit_log (at, user_login, user_name, action, entity, entity_id, source_kind, batch_id) VALUES ('t', 'u', 'u', 'create', 'plan', 1, 'screen', 'b')",
    );
    expect(() => s.db.exec("UPDATE audit_log SET user_name = 'x'")).toThrow(/append-only/);
    expect(() => s.db.exec('DELETE FROM audit_log')).toThrow(/append-only/);
    expect(() =>
      s.db.exec(
        "INSERT INTO plans (title, municipality, first_fy, last_fy, created_at, updated_at) VALUES ('p', 'm', 'x', 2025, 'x', 'x')",
      ),
    ).toThrow(/cannot store TEXT value in INTEGER column/);
    s.close();
  });
});
