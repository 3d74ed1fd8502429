import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { BackupInfo, BackupReason } from '../../shared/domain/backups';
import { AppError } from '../../shared/errors';
import type { Db } from '../db/open-store';
import { fileStamp } from '../db/file-names';

/**
 * Backups of the data file, in a `backups` folder beside it. Each is written
 * under a temporary name, checked (integrity, schema, contents) and only then
 * renamed into place, so a backup that is listed is a whole, valid database;
 * a crash leaves at most a *.partial file, which is swept away.
 *
 * Kept (the policy, stated in the README): every backup of the last 2 days;
 * the newest of each day for 7 days; the newest of each week for 9 weeks;
 * the 10 newest whatever their age; backups made with 今すぐバックアップ
 * until deleted by hand.
 */
export const BACKUP_DIR = 'backups';
const PARTIAL = '.partial';
const NAME = /^gyokaku-(\d{8})-(\d{6})(?:-(\d+))?-([a-z-]+)\.sqlite3$/;

export const REASON_LABELS: Record<BackupReason, string> = {
  daily: 'その日の最初の起動',
  manual: '今すぐバックアップ',
  import: '回答の取込の前',
  'plan-import': '計画の取込の前',
  rollover: '次期計画の作成の前',
  'year-close': '年度の締めの前',
  restore: '復元の前',
  migration: 'データ形式の更新の前',
  'plan-delete': '計画の削除の前',
};

export function backupDir(storePath: string): string {
  return path.join(path.dirname(path.resolve(storePath)), BACKUP_DIR);
}

function parseName(file: string): { at: Date; reason: BackupReason } | null {
  const m = NAME.exec(file);
  if (!m) return null;
  const [, d, t, , reason] = m;
  const at = new Date(
    Number(d!.slice(0, 4)),
    Number(d!.slice(4, 6)) - 1,
    Number(d!.slice(6, 8)),
    Number(t!.slice(0, 2)),
    Number(t!.slice(2, 4)),
    Number(t!.slice(4, 6)),
  );
  return reason! in REASON_LABELS ? { at, reason: reason as BackupReason } : null;
}

/** What a backup holds, read from the file itself (read-only). Throws when it is not a valid store. */
export function inspectBackup(
  file: string,
): Pick<BackupInfo, 'schemaVersion' | 'plans' | 'latestYear' | 'latestRound' | 'records'> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`quick_check: ${String(check)}`);
    const schemaVersion = db.pragma('user_version', { simple: true }) as number;
    if (schemaVersion < 1) throw new Error('not a store');
    const plans = db.prepare('SELECT title FROM plans ORDER BY id').pluck().all() as string[];
    const hasRounds =
      db
        .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'pdca_rounds'")
        .get() != null;
    const latest = hasRounds
      ? (db
          .prepare(
            'SELECT fiscal_year, name FROM pdca_rounds ORDER BY fiscal_year DESC, sort_order DESC LIMIT 1',
          )
          .get() as { fiscal_year: number; name: string } | undefined)
      : undefined;
    const records = hasRounds
      ? (db.prepare('SELECT count(*) FROM pdca_records').pluck().get() as number)
      : 0;
    return {
      schemaVersion,
      plans,
      latestYear: latest?.fiscal_year ?? null,
      latestRound: latest?.name ?? null,
      records,
    };
  } finally {
    db.close();
  }
}

/** A *.partial left by a crash is not a backup: removed. */
function sweep(dir: string): void {
  for (const f of fs.existsSync(dir) ? fs.readdirSync(dir) : [])
    if (f.endsWith(PARTIAL)) fs.rmSync(path.join(dir, f), { force: true });
}

/**
 * A verified copy of the store. VACUUM INTO writes a consistent snapshot
 * (the live connection keeps working); the copy is checked before it gets
 * its real name.
 */
export function makeBackup(db: Db, storePath: string, reason: BackupReason, now: Date): BackupInfo {
  const dir = backupDir(storePath);
  fs.mkdirSync(dir, { recursive: true });
  sweep(dir);
  let name = `gyokaku-${fileStamp(now)}-${reason}.sqlite3`;
  for (let i = 2; fs.existsSync(path.join(dir, name)); i++)
    name = `gyokaku-${fileStamp(now)}-${i}-${reason}.sqlite3`;
  const final = path.join(dir, name);
  const partial = `${final}${PARTIAL}`;
  try {
    db.prepare('VACUUM INTO ?').run(partial);
    const info = inspectBackup(partial);
    const fd = fs.openSync(partial, 'r+');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(partial, final);
    return {
      file: name,
      at: now.toISOString(),
      reason,
      reasonLabel: REASON_LABELS[reason],
      size: fs.statSync(final).size,
      ok: true,
      ...info,
    };
  } catch (e) {
    fs.rmSync(partial, { force: true });
    const code = (e as NodeJS.ErrnoException).code;
    throw new AppError(
      'STORE',
      code === 'ENOSPC' || code === 'SQLITE_FULL'
        ? 'ディスクの空き容量が足りないため、バックアップを作れませんでした。不要なファイルを削除してから、もう一度操作してください。'
        : `バックアップを作れませんでした（${dir}）。フォルダーに書き込めるか確認してください。`,
    );
  }
}

/**
 * The backups by name only (when and why): what the automatic backups and the
 * rotation need, without opening and checking every file on each import or
 * start-up.
 */
export function backupNames(
  storePath: string,
): { file: string; at: string; reason: BackupReason }[] {
  const dir = backupDir(storePath);
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).flatMap((file) => {
    const meta = parseName(file);
    return meta ? [{ file, at: meta.at.toISOString(), reason: meta.reason }] : [];
  });
}

/** Every backup with what it holds, each opened and checked: for the バックアップ screen. */
export function listBackups(storePath: string): BackupInfo[] {
  const dir = backupDir(storePath);
  if (!fs.existsSync(dir)) return [];
  const out: BackupInfo[] = [];
  for (const file of fs.readdirSync(dir)) {
    const meta = parseName(file);
    if (!meta) continue;
    const full = path.join(dir, file);
    const size = fs.statSync(full).size;
    try {
      out.push({
        file,
        at: meta.at.toISOString(),
        reason: meta.reason,
        reasonLabel: REASON_LABELS[meta.reason],
        size,
        ok: true,
        ...inspectBackup(full),
      });
    } catch {
      out.push({
        file,
        at: meta.at.toISOString(),
        reason: meta.reason,
        reasonLabel: REASON_LABELS[meta.reason],
        size,
        ok: false,
        schemaVersion: 0,
        plans: [],
        latestYear: null,
        latestRound: null,
        records: 0,
      });
    }
  }
  return out.sort((a, b) => b.at.localeCompare(a.at) || b.file.localeCompare(a.file));
}

/** The backups the policy no longer keeps (never manual ones). */
export function expiredBackups(
  list: readonly Pick<BackupInfo, 'file' | 'at' | 'reason'>[],
  now: Date,
): string[] {
  const day = 86_400_000;
  const keep = new Set<string>();
  const newest = [...list].sort((a, b) => b.at.localeCompare(a.at));
  newest.slice(0, 10).forEach((b) => keep.add(b.file));
  const seenDay = new Set<string>();
  const seenWeek = new Set<string>();
  for (const b of newest) {
    const t = new Date(b.at);
    const age = now.getTime() - t.getTime();
    if (b.reason === 'manual' || age < 2 * day) keep.add(b.file);
    const dayKey = `${t.getFullYear()}-${t.getMonth()}-${t.getDate()}`;
    if (age < 7 * day && !seenDay.has(dayKey)) {
      seenDay.add(dayKey);
      keep.add(b.file);
    }
    const weekKey = String(Math.floor((t.getTime() - t.getTimezoneOffset() * 60_000) / (7 * day)));
    if (age < 63 * day && !seenWeek.has(weekKey)) {
      seenWeek.add(weekKey);
      keep.add(b.file);
    }
  }
  return list.filter((b) => !keep.has(b.file)).map((b) => b.file);
}

export function rotate(storePath: string, now: Date): string[] {
  const gone = expiredBackups(backupNames(storePath), now);
  for (const f of gone) fs.rmSync(path.join(backupDir(storePath), f), { force: true });
  return gone;
}

/** A backup's full path, refusing names that are not backups of this store. */
export function backupPath(storePath: string, file: string): string {
  if (!parseName(file) || path.basename(file) !== file)
    throw new AppError('NOT_FOUND', 'そのバックアップは見つかりません。一覧を開き直してください。');
  const full = path.join(backupDir(storePath), file);
  if (!fs.existsSync(full))
    throw new AppError('NOT_FOUND', 'そのバックアップは見つかりません。一覧を開き直してください。');
  return full;
}
