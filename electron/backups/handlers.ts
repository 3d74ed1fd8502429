import fs from 'node:fs';
import { AppError } from '../../shared/errors';
import type { BackupReason } from '../../shared/domain/backups';
import { beginChangeSet, recordChange } from '../audit/audit-log';
import type { Db } from '../db/open-store';
import type { HandlerRegistry } from '../ipc/registry';
import type { StoreFileAccess } from '../ipc/context';
import {
  backupDir,
  backupPath,
  inspectBackup,
  backupNames,
  listBackups,
  makeBackup,
  REASON_LABELS,
  rotate,
} from './backups';
import { restoreBackup } from './restore';

type BackupHandlers = Pick<
  HandlerRegistry,
  'backups.list' | 'backups.create' | 'backups.inspect' | 'backups.restore' | 'backups.download'
>;

/** The store file and the way to change it: what backups need of a handler context. */
export type BackupDeps = StoreFileAccess;

/** A store in memory (tests) has no folder to back up into. */
function requireFile(storePath: string): void {
  if (storePath === ':memory:')
    throw new AppError(
      'VALIDATION',
      'このデータはファイルに保存されていないため、バックアップできません。',
    );
}

/**
 * Before a risky operation (imports, rollover, year close): a backup, unless
 * one was made in the last ten minutes — a day of imports makes a handful,
 * not one per file. A plan's deletion always makes one.
 */
export function backupBefore(deps: BackupDeps, reason: BackupReason, always = false): void {
  if (deps.storePath === ':memory:') return;
  const now = deps.clock();
  if (always) {
    makeBackup(deps.db, deps.storePath, reason, now);
    return;
  }
  const recent = backupNames(deps.storePath).find(
    (b) => now.getTime() - new Date(b.at).getTime() < 10 * 60_000,
  );
  if (recent) return;
  makeBackup(deps.db, deps.storePath, reason, now);
  rotate(deps.storePath, now);
}

/** The first backup of the day, when the app opens the store. */
export function dailyBackup(db: Db, storePath: string, now: Date): void {
  if (storePath === ':memory:' || !fs.existsSync(storePath)) return;
  const today = now.toDateString();
  if (backupNames(storePath).some((b) => new Date(b.at).toDateString() === today)) return;
  makeBackup(db, storePath, 'daily', now);
  rotate(storePath, now);
}

export const BACKUP_POLICY =
  '直近2日分はすべて、7日以内は1日1つ、9週以内は1週1つ、さらに新しい10件を残します。「今すぐバックアップ」で作ったものは自動では消しません。';

/**
 * What needs only the backup files, not the open store: also served while
 * the data file itself cannot be opened (damaged), to choose what to restore.
 */
export function backupFileHandlers(
  storePath: string,
): Pick<HandlerRegistry, 'backups.list' | 'backups.inspect' | 'backups.download'> {
  return {
    'backups.list': () => ({
      folder: storePath === ':memory:' ? null : backupDir(storePath),
      policy: BACKUP_POLICY,
      backups: storePath === ':memory:' ? [] : listBackups(storePath),
    }),
    'backups.inspect': ({ file }) => {
      requireFile(storePath);
      const info = listBackups(storePath).find((b) => b.file === file);
      if (!info)
        throw new AppError(
          'NOT_FOUND',
          'そのバックアップは見つかりません。一覧を開き直してください。',
        );
      inspectBackup(backupPath(storePath, file));
      return info;
    },
    'backups.download': ({ file }) => {
      requireFile(storePath);
      const data = fs.readFileSync(backupPath(storePath, file));
      return { fileName: file, data };
    },
  };
}

export function backupHandlers(deps: BackupDeps): BackupHandlers {
  const { db, storePath, clock } = deps;
  return {
    ...backupFileHandlers(storePath),
    'backups.create': () => {
      requireFile(storePath);
      const info = makeBackup(db, storePath, 'manual', clock());
      deps.change((cs) =>
        recordChange(cs, {
          action: 'create',
          entity: 'backup',
          entityId: 0,
          newValue: { file: info.file, reason: REASON_LABELS.manual },
        }),
      );
      rotate(storePath, clock());
      return info;
    },
    'backups.restore': ({ file }) => {
      requireFile(storePath);
      const cs = beginChangeSet(db, deps.actor(), { kind: 'screen' }, clock());
      return restoreBackup(cs, storePath, file);
    },
  };
}
