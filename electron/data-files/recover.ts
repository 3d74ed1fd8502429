import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { acquireInstanceLock } from '../db/instance-lock';
import { restorableBackup } from '../backups/restore';
import { datedSibling } from '../db/file-names';

/** Where the damaged file is kept: gyokaku.damaged-20261202-101500.sqlite3 beside it. */
export function damagedCopyPath(storePath: string, now: Date): string {
  return datedSibling(storePath, 'damaged', now);
}

/**
 * Puts a backup in place of a data file that can no longer be opened. The
 * damaged file (with its journal) is first copied aside, never deleted; the
 * backup is copied under a temporary name and renamed over the data file, so
 * a crash leaves either the damaged file (still recoverable) or the backup.
 * The store must not be open (it could not be: that is why this runs).
 */
export function putBackupInPlace(
  storePath: string,
  file: string,
  now: Date,
): { keptAs: string | null } {
  const source = restorableBackup(storePath, file).path;
  const release = acquireInstanceLock(path.resolve(storePath), () => now);
  try {
    let keptAs: string | null = null;
    if (fs.existsSync(storePath)) {
      keptAs = damagedCopyPath(storePath, now);
      // journal first, then the file under its final name last: a copy that is listed is whole
      for (const side of ['-wal', '-shm'])
        if (fs.existsSync(`${storePath}${side}`))
          fs.copyFileSync(`${storePath}${side}`, `${keptAs}${side}`);
      fs.copyFileSync(storePath, `${keptAs}.partial`);
      fs.renameSync(`${keptAs}.partial`, keptAs);
    }
    const partial = `${storePath}.restore.partial`;
    try {
      fs.copyFileSync(source, partial);
      const fd = fs.openSync(partial, 'r+');
      fs.fsyncSync(fd);
      fs.closeSync(fd);
      // The damaged file's journal must not be replayed onto the backup.
      for (const side of ['-wal', '-shm']) fs.rmSync(`${storePath}${side}`, { force: true });
      fs.renameSync(partial, storePath);
    } catch (e) {
      fs.rmSync(partial, { force: true });
      throw new AppError(
        'STORE',
        `バックアップをデータファイルの場所に書き込めませんでした（${(e as Error).message}）。フォルダーに書き込めるか、空き容量があるか確認してください。壊れたファイルはそのままです。`,
      );
    }
    return { keptAs: keptAs && path.basename(keptAs) };
  } finally {
    release();
  }
}
