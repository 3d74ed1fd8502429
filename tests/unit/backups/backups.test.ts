import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { backupDir, expiredBackups, listBackups } from '../../../electron/backups/backups';
import { startRuntime } from '../../../electron/app/runtime';
import type { BackupInfo } from '../../../shared/domain/backups';
import { fails, ok } from '../exchange/helpers';
import type { H } from '../exchange/helpers';
import { tempDir, tick } from '../helpers';

function runtime() {
  const dir = tempDir();
  const storePath = path.join(dir, 'gyokaku.sqlite3');
  const rt = startRuntime({ storePath, host: 'browser', clock: tick(), osLogin: 'tanaka' });
  return { rt, storePath, dir, h: rt.handlers as unknown as H };
}

describe('backups', () => {
  it('the first open of the day leaves a verified backup; 今すぐバックアップ lists what it holds', async () => {
    const { rt, storePath, h } = runtime();
    const list0 = await ok(h, 'backups.list', {});
    expect(list0.folder).toBe(backupDir(storePath));
    // a fresh store is made before the sample plan: the day's backup comes on the next open
    await ok(h, 'pdca.rounds.open', { planId: 1, fiscalYear: 2025 });
    const made = await ok(h, 'backups.create', {});
    expect(made).toMatchObject({
      reason: 'manual',
      ok: true,
      plans: ['二本松市市政改革推進行動計画'],
      latestYear: 2025,
      latestRound: '実績',
      records: 37,
    });
    const file = path.join(backupDir(storePath), made.file);
    const copy = new Database(file, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    copy.close();
    // no partial file is ever left in the folder
    expect(fs.readdirSync(backupDir(storePath)).filter((f) => f.endsWith('.partial'))).toEqual([]);
    rt.close();
    const again = startRuntime({ storePath, host: 'browser', clock: tick(), osLogin: 'tanaka' });
    expect(listBackups(storePath).map((b) => b.reason)).toContain('daily');
    again.close();
  });

  it('restore: the change is gone, the state before is itself a backup, and the audit log says who restored what', async () => {
    const { rt, storePath, h } = runtime();
    const before = await ok(h, 'backups.create', {});
    await ok(h, 'items.update', { itemId: 1, patch: { name: '復元で消える名前' } });
    const preview = await ok(h, 'backups.inspect', { file: before.file });
    expect(preview.plans).toEqual(['二本松市市政改革推進行動計画']);
    const r = await ok(h, 'backups.restore', { file: before.file });
    expect(r.restoredFrom).toBe(before.file);
    expect((await ok(h, 'items.get', { itemId: 1 })).name).not.toBe('復元で消える名前');
    // the state before the restore can itself be restored
    const list = listBackups(storePath);
    const safety = list.find((b) => b.file === r.safetyBackup)!;
    expect(safety.reason).toBe('restore');
    const audit = rt.store.db
      .prepare(
        "SELECT user_name, new_value FROM audit_log WHERE entity = 'store' AND field = 'restore'",
      )
      .all() as { user_name: string; new_value: string }[];
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.new_value).restoredFrom).toBe(before.file);
    expect(rt.store.db.pragma('foreign_key_check')).toEqual([]);
    await ok(h, 'backups.restore', { file: r.safetyBackup });
    expect((await ok(h, 'items.get', { itemId: 1 })).name).toBe('復元で消える名前');
    rt.close();
  });

  it('refuses names outside the folder and damaged backups, with what to do', async () => {
    const { rt, storePath, h } = runtime();
    expect((await fails(h, 'backups.restore', { file: '../gyokaku.sqlite3' })).code).toBe(
      'VALIDATION',
    );
    const made = await ok(h, 'backups.create', {});
    const file = path.join(backupDir(storePath), made.file);
    const buf = fs.readFileSync(file);
    buf.fill(0x55, 4096, 4096 * 3);
    fs.writeFileSync(file, buf);
    const listed = listBackups(storePath).find((b) => b.file === made.file)!;
    expect(listed.ok).toBe(false);
    const err = await fails(h, 'backups.restore', { file: made.file });
    expect(err.message).toContain('壊れているため復元できません');
    rt.close();
  });

  it('the rotation keeps the last two days, one a day for a week, one a week for nine weeks, ten newest, and manual ones', () => {
    const now = new Date(2026, 11, 2, 12, 0, 0);
    const at = (daysAgo: number, h = 9) =>
      new Date(now.getTime() - daysAgo * 86_400_000 - h * 3_600_000);
    const b = (d: Date, reason: BackupInfo['reason'] = 'daily', n = 0): BackupInfo => ({
      file: `gyokaku-${d.getTime()}-${n}-${reason}.sqlite3`,
      at: d.toISOString(),
      reason,
      reasonLabel: '',
      size: 1,
      ok: true,
      schemaVersion: 5,
      plans: [],
      latestYear: null,
      latestRound: null,
      records: 0,
    });
    const list: BackupInfo[] = [];
    for (let d = 0; d < 120; d++) for (let k = 0; k < 3; k++) list.push(b(at(d, k), 'import', k));
    list.push(b(at(200), 'manual'));
    const gone = new Set(expiredBackups(list, now));
    const kept = list.filter((x) => !gone.has(x.file));
    expect(kept.some((x) => x.reason === 'manual')).toBe(true);
    // everything of the last two days
    expect(
      kept.filter((x) => now.getTime() - new Date(x.at).getTime() < 2 * 86_400_000),
    ).toHaveLength(
      list.filter((x) => now.getTime() - new Date(x.at).getTime() < 2 * 86_400_000).length,
    );
    // nothing older than nine weeks but the manual one
    expect(
      kept.filter(
        (x) => x.reason !== 'manual' && now.getTime() - new Date(x.at).getTime() > 63 * 86_400_000,
      ),
    ).toEqual([]);
    expect(kept.length).toBeLessThan(30);
  });
});

describe('plans in the chooser', () => {
  it('are renamed, archived (hidden, kept) and deleted only with their name typed back, after a backup', async () => {
    const { rt, storePath, h } = runtime();
    const renamed = await ok(h, 'plans.rename', { planId: 1, title: '試しの計画' });
    expect(renamed[0]).toMatchObject({ title: '試しの計画', archived: false });
    const archived = await ok(h, 'plans.archive', { planId: 1, archived: true });
    expect(archived[0]!.archived).toBe(true);
    expect((await ok(h, 'items.list', { planId: 1 })).length).toBe(37);
    await ok(h, 'plans.archive', { planId: 1, archived: false });

    const wrong = await fails(h, 'plans.delete', { planId: 1, confirmTitle: '違う名前' });
    expect(wrong.message).toContain('「試しの計画」をそのまま入力');
    expect(await ok(h, 'plans.list', {})).toHaveLength(1);
    const after = await ok(h, 'plans.delete', { planId: 1, confirmTitle: '試しの計画' });
    expect(after).toEqual([]);
    const backup = listBackups(storePath).find((b) => b.reason === 'plan-delete')!;
    expect(backup.plans).toEqual(['試しの計画']);
    const audit = rt.store.db
      .prepare(
        "SELECT action, field FROM audit_log WHERE entity = 'plan' AND action <> 'create' ORDER BY id",
      )
      .all();
    expect(audit).toEqual([
      { action: 'update', field: 'title' },
      { action: 'update', field: 'archived' },
      { action: 'update', field: 'archived' },
      { action: 'delete', field: null },
    ]);
    expect(rt.store.db.pragma('foreign_key_check')).toEqual([]);
    // and it comes back from that backup
    await ok(h, 'backups.restore', { file: backup.file });
    expect((await ok(h, 'plans.list', {}))[0]!.title).toBe('試しの計画');
    rt.close();
  });
});
