import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../../electron/db/migrations';
import { openStore } from '../../../electron/db/open-store';
import type { Store } from '../../../electron/db/open-store';
import { StoreError } from '../../../electron/db/store-error';
import { ensureSamplePlan } from '../../../electron/app/sample-plan';
import { ACTOR, FIXED_NOW, sha256, tempDir, tick } from '../helpers';

const open: Store[] = [];
function track(s: Store): Store {
  open.push(s);
  return s;
}
afterEach(() => {
  while (open.length) open.pop()!.close();
});

function expectStoreError(fn: () => unknown, kind: StoreError['kind'], text: RegExp): void {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(StoreError);
    expect((e as StoreError).kind).toBe(kind);
    expect((e as StoreError).message).toMatch(text);
    return;
  }
  throw new Error(`expected StoreError ${kind}`);
}

describe('a new store', () => {
  it('is migrated to the latest version with strict tables and foreign keys on', () => {
    const s = track(openStore({ path: ':memory:' }));
    expect(s.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(s.db.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = s.db
      .prepare(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
      )
      .all() as { name: string; sql: string }[];
    expect(tables.map((t) => t.name)).toEqual(
      expect.arrayContaining([
        'plans',
        'priorities',
        'areas',
        'reform_items',
        'initiatives',
        'initiative_points',
        'schedule_spans',
        'schedule_phases',
        'org_units',
        'item_assignments',
        'glossary_terms',
        'audit_log',
      ]),
    );
    for (const t of tables) expect(t.sql, t.name).toMatch(/\)\s*STRICT$/);
  });

  it('uses WAL and a busy timeout on a file', () => {
    const dir = tempDir();
    const s = track(openStore({ path: path.join(dir, 'a.sqlite3') }));
    expect(s.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(s.db.pragma('busy_timeout', { simple: true })).toBe(5000);
  });

  it('rejects wrong types and broken references (STRICT, foreign keys)', () => {
    const s = track(openStore({ path: ':memory:' }));
    expect(() =>
      s.db
        .prepare(
          "INSERT INTO plans (title, municipality, first_fy, last_fy, created_at, updated_at) VALUES ('t','m','二〇二一',2025,'','')",
        )
        .run(),
    ).toThrow(/cannot store TEXT value in INTEGER column/);
    expect(() =>
      s.db
        .prepare(
          'INSERT INTO priorities (plan_id, number, title, sort_order) VALUES (999, 1, ?, 1)',
        )
        .run('x'),
    ).toThrow(/FOREIGN KEY/);
  });

  it('keeps the audit log append-only', () => {
    const s = track(openStore({ path: ':memory:' }));
    ensureSamplePlan(s.db, ACTOR, FIXED_NOW);
    expect(() => s.db.prepare('UPDATE audit_log SET user_name = ?').run('x')).toThrow(
      /append-only/,
    );
    expect(() => s.db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
  });
});

describe('upgrading a store made by migration 1', () => {
  it('backs it up beside itself, migrates it forward and keeps every row', () => {
    const dir = tempDir();
    const file = path.join(dir, 'gyokaku.sqlite3');
    const clock = tick();
    const v1 = openStore({ path: file, targetVersion: 1, clock });
    expect(v1.schemaVersion).toBe(1);
    // Migration 1 has no item_id column: write the sample the way a v1 app did.
    v1.db.exec("INSERT INTO app_meta (key, value) VALUES ('made_by', 'v1')");
    const planId = v1.db
      .prepare(
        "INSERT INTO plans (title, municipality, first_fy, last_fy, created_at, updated_at) VALUES ('計画', '市', 2021, 2025, 'x', 'x')",
      )
      .run().lastInsertRowid;
    const pr = v1.db
      .prepare(
        "INSERT INTO priorities (plan_id, number, title, sort_order) VALUES (?, 1, '重点', 1)",
      )
      .run(planId).lastInsertRowid;
    const ar = v1.db
      .prepare(
        "INSERT INTO areas (priority_id, number, title, sort_order) VALUES (?, 1, '分野', 1)",
      )
      .run(pr).lastInsertRowid;
    const item = v1.db
      .prepare(
        "INSERT INTO reform_items (plan_id, area_id, number, name, sort_order, created_at, updated_at) VALUES (?, ?, 1, '項目', 1, 'x', 'x')",
      )
      .run(planId, ar).lastInsertRowid;
    const ini = v1.db
      .prepare("INSERT INTO initiatives (item_id, text, sort_order) VALUES (?, '取組', 1)")
      .run(item).lastInsertRowid;
    const audit = v1.db.prepare(
      "INSERT INTO audit_log (at, user_login, user_name, action, entity, entity_id, source_kind, batch_id) VALUES ('t', 'u', 'u', 'create', ?, ?, 'screen', 'b')",
    );
    audit.run('reform_item', item);
    audit.run('initiative', ini);
    audit.run('plan', planId);
    v1.close();

    const s = track(openStore({ path: file, clock }));
    expect(s.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(s.backupPath).toMatch(/gyokaku\.backup-\d{8}-\d{6}-v1\.sqlite3$/);
    const backup = new Database(s.backupPath!, { readonly: true });
    expect(backup.pragma('user_version', { simple: true })).toBe(1);
    expect((backup.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n).toBe(
      3,
    );
    backup.close();

    const rows = s.db.prepare('SELECT entity, item_id FROM audit_log ORDER BY id').all();
    expect(rows).toEqual([
      { entity: 'reform_item', item_id: Number(item) },
      { entity: 'initiative', item_id: Number(item) },
      { entity: 'plan', item_id: null },
    ]);
    expect(s.db.prepare("SELECT value FROM app_meta WHERE key = 'made_by'").get()).toEqual({
      value: 'v1',
    });
  });

  it('does not back up a brand-new file (nothing to lose)', () => {
    const dir = tempDir();
    const s = track(openStore({ path: path.join(dir, 'new.sqlite3') }));
    expect(s.backupPath).toBeNull();
    expect(fs.readdirSync(dir).filter((f) => f.includes('backup'))).toEqual([]);
  });
});

describe('files the app must not touch', () => {
  it('refuses a store written by a newer app, leaving it byte for byte', () => {
    const dir = tempDir();
    const file = path.join(dir, 'newer.sqlite3');
    openStore({ path: file }).close();
    const raw = new Database(file);
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 3}`);
    raw.close();
    const before = sha256(file);
    expectStoreError(
      () => openStore({ path: file }),
      'NEWER_VERSION',
      /新しいバージョン.*最新版に更新してください/,
    );
    expect(sha256(file)).toBe(before);
    expect(fs.existsSync(`${file}.lock`)).toBe(false);
  });

  it('refuses a file that is not SQLite', () => {
    const dir = tempDir();
    const file = path.join(dir, 'plan.sqlite3');
    fs.writeFileSync(file, 'PK\u0003\u0004 this is an xlsx, not a store');
    const before = sha256(file);
    expectStoreError(
      () => openStore({ path: file }),
      'NOT_A_STORE',
      /読み込めません.*ファイルは変更していません/,
    );
    expect(sha256(file)).toBe(before);
  });

  it('refuses a truncated store', () => {
    const dir = tempDir();
    const file = path.join(dir, 'cut.sqlite3');
    const s = openStore({ path: file });
    ensureSamplePlan(s.db, ACTOR, FIXED_NOW);
    s.db.pragma('wal_checkpoint(TRUNCATE)');
    s.close();
    const buf = fs.readFileSync(file);
    fs.writeFileSync(file, buf.subarray(0, 100));
    expect(() => openStore({ path: file })).toThrow(StoreError);
  });

  it("refuses another program's SQLite database", () => {
    const dir = tempDir();
    const file = path.join(dir, 'other.db');
    const raw = new Database(file);
    raw.exec('CREATE TABLE customers (id INTEGER)');
    raw.close();
    const before = sha256(file);
    expectStoreError(
      () => openStore({ path: file }),
      'FOREIGN_DATABASE',
      /行革デスクのデータファイルではありません/,
    );
    expect(sha256(file)).toBe(before);
  });

  it('refuses a read-only store with what to do, changing nothing', () => {
    const dir = tempDir();
    const file = path.join(dir, 'ro.sqlite3');
    openStore({ path: file }).close();
    const before = sha256(file);
    // Root ignores file modes, so deny access the way Windows does for a read-only file.
    const spy = vi.spyOn(fs, 'accessSync').mockImplementation(() => {
      throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    });
    try {
      expectStoreError(() => openStore({ path: file }), 'READ_ONLY_FILE', /読み取り専用を外す/);
    } finally {
      spy.mockRestore();
    }
    expect(sha256(file)).toBe(before);
  });

  it('refuses a second instance on the same store and names the holder', () => {
    const dir = tempDir();
    const file = path.join(dir, 'shared.sqlite3');
    const first = track(openStore({ path: file }));
    expectStoreError(() => openStore({ path: file }), 'IN_USE', /別の行革デスクで開かれています/);
    first.close();
    track(openStore({ path: file })); // free again once the first one closed
  });

  it('knows the same file through a symlink, and says how to take over', () => {
    const dir = tempDir();
    const file = path.join(dir, 'real.sqlite3');
    const link = path.join(dir, 'link.sqlite3');
    const first = track(openStore({ path: file }));
    fs.symlinkSync(file, link);
    const other = path.join(tempDir(), 'via');
    fs.symlinkSync(dir, other);
    for (const p of [
      link,
      path.join(other, 'real.sqlite3'),
      path.join(dir, '.', 'x', '..', 'real.sqlite3'),
    ])
      expectStoreError(
        () => openStore({ path: p }),
        'IN_USE',
        /秒ほど待ってから起動し直すと、自動で引き継ぎます/,
      );
    first.close();
  });

  it('takes over a lock nobody has refreshed, even when its PID now belongs to another program', () => {
    const dir = tempDir();
    const file = path.join(dir, 'reused.sqlite3');
    openStore({ path: file }).close();
    // the PID of a live process (this one's parent), as after PID reuse, but the lock is old
    fs.writeFileSync(
      `${file}.lock`,
      JSON.stringify({ pid: process.ppid, host: os.hostname(), startedAt: '2026-01-01T00:00:00Z' }),
    );
    const old = new Date(Date.now() - 10 * 60_000);
    fs.utimesSync(`${file}.lock`, old, old);
    const s = track(openStore({ path: file }));
    expect(s.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    // a fresh lock of a live process is respected
    s.close();
    fs.writeFileSync(
      `${file}.lock`,
      JSON.stringify({
        pid: process.ppid,
        host: os.hostname(),
        startedAt: new Date().toISOString(),
      }),
    );
    expectStoreError(() => openStore({ path: file }), 'IN_USE', /別の行革デスクで開かれています/);
    fs.rmSync(`${file}.lock`);
  });

  it('takes over the lock left by a crashed instance', () => {
    const dir = tempDir();
    const file = path.join(dir, 'crashed.sqlite3');
    openStore({ path: file }).close();
    fs.writeFileSync(
      `${file}.lock`,
      JSON.stringify({ pid: 2 ** 22 + 7, host: os.hostname(), startedAt: 'x' }),
    );
    const s = track(openStore({ path: file }));
    expect(s.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
  });

  it('answers a store locked by another program with a clear message, changing nothing', () => {
    const dir = tempDir();
    const file = path.join(dir, 'busy.sqlite3');
    openStore({ path: file, targetVersion: 1 }).close();
    const other = new Database(file);
    other.exec('BEGIN EXCLUSIVE');
    try {
      expectStoreError(
        () => openStore({ path: file, busyTimeoutMs: 100 }),
        'BUSY',
        /他のプログラムが使用中/,
      );
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    const check = new Database(file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(1);
    check.close();
  });
});

describe('a damaged store', () => {
  it('with 16 KB of damage in the middle is refused on open with the way back, and never written', () => {
    const dir = tempDir();
    const file = path.join(dir, 'damaged.sqlite3');
    const s = openStore({ path: file });
    ensureSamplePlan(s.db, { login: 't', displayName: 't' }, new Date());
    s.db.pragma('wal_checkpoint(TRUNCATE)');
    s.close();
    const buf = fs.readFileSync(file);
    const mid = Math.floor(buf.length / 2 / 4096) * 4096;
    buf.fill(0x5a, mid, mid + 16 * 1024);
    fs.writeFileSync(file, buf);
    const before = sha256(file);
    expectStoreError(
      () => openStore({ path: file }),
      'DAMAGED',
      /「バックアップ」の一覧から壊れる前の日時のものを選んで復元.*バックアップは .*backups にあります/,
    );
    expect(sha256(file)).toBe(before);
    expect(fs.existsSync(`${file}.lock`)).toBe(false);
  });
});
