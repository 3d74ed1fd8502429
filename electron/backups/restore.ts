import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import type { ChangeSet } from '../audit/audit-log';
import { recordChange } from '../audit/audit-log';
import { LATEST_SCHEMA_VERSION } from '../db/migrations';
import type { Db } from '../db/open-store';
import { openStore } from '../db/open-store';
import { backupPath, inspectBackup, makeBackup } from './backups';

/**
 * A backup that can be restored: whole, and of a data format this app knows
 * (an older one is brought forward when restored). Refused with what to do.
 */
export function restorableBackup(
  storePath: string,
  file: string,
): { path: string; info: ReturnType<typeof inspectBackup> } {
  const full = backupPath(storePath, file);
  let info: ReturnType<typeof inspectBackup>;
  try {
    info = inspectBackup(full);
  } catch {
    throw new AppError(
      'VALIDATION',
      `バックアップ「${file}」は壊れているため復元できません。別のバックアップを選んでください。`,
    );
  }
  if (info.schemaVersion > LATEST_SCHEMA_VERSION)
    throw new AppError(
      'VALIDATION',
      `バックアップ「${file}」は新しいバージョンの行革デスクで作られています。行革デスクを更新してから復元してください。`,
    );
  return { path: full, info };
}

/**
 * Restores a backup into the open data file, in one transaction (its own:
 * call it outside any other): every
 * table's rows replaced by the backup's (an older backup is first brought to
 * the current data format on a temporary copy). The current state is backed
 * up first, so a restore can itself be undone by restoring that backup. A
 * crash at any point leaves the data file wholly before or wholly after.
 */
export function restoreBackup(
  cs: ChangeSet,
  storePath: string,
  file: string,
): { restoredFrom: string; safetyBackup: string } {
  const db = cs.db;
  const { path: full, info } = restorableBackup(storePath, file);
  let source = full;
  let tmpDir: string | null = null;
  if (info.schemaVersion < LATEST_SCHEMA_VERSION) {
    tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gyokaku-restore-'));
    source = path.join(tmpDir, 'restore.sqlite3');
    fs.copyFileSync(full, source);
    openStore({ path: source, skipInstanceLock: true }).close();
  }
  const safety = makeBackup(db, storePath, 'restore', new Date(cs.at));
  try {
    db.prepare('ATTACH DATABASE ? AS restore_src').run(source);
    // No cascades while every table is emptied and refilled (set outside the transaction,
    // as SQLite requires); the whole is checked before it commits.
    db.pragma('foreign_keys = OFF');
    try {
      // ATTACH and VACUUM cannot run inside a transaction: this one is ours.
      db.transaction(() => {
        replaceAll(db);
        recordChange(cs, {
          action: 'update',
          entity: 'store',
          entityId: 0,
          field: 'restore',
          oldValue: { backupOfCurrent: safety.file },
          newValue: { restoredFrom: file, plans: info.plans },
        });
      }).immediate();
    } finally {
      db.pragma('foreign_keys = ON');
      db.prepare('DETACH DATABASE restore_src').run();
    }
  } finally {
    if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
  }
  return { restoredFrom: file, safetyBackup: safety.file };
}

/** Every table of main replaced by restore_src's rows; triggers that guard rows set aside meanwhile. */
function replaceAll(db: Db): void {
  const triggers = db
    .prepare("SELECT name, sql FROM main.sqlite_master WHERE type = 'trigger'")
    .all() as { name: string; sql: string }[];
  for (const t of triggers) db.exec(`DROP TRIGGER main."${t.name}"`);
  const tables = db
    .prepare(
      "SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .pluck()
    .all() as string[];
  for (const t of tables) {
    db.exec(`DELETE FROM main."${t}"`);
    db.exec(`INSERT INTO main."${t}" SELECT * FROM restore_src."${t}"`);
  }
  for (const t of triggers) db.exec(t.sql);
  const broken = db.pragma('main.foreign_key_check') as unknown[];
  if (broken.length > 0)
    throw new AppError(
      'VALIDATION',
      'バックアップの内容に不整合があるため復元できません。別のバックアップを選んでください。',
    );
}
