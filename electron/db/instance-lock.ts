import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { StoreError } from './store-error';

interface LockInfo {
  pid: number;
  host: string;
  startedAt: string;
  /** The data file the lock is for, by its real path. */
  file?: string;
}

/** The holder touches its lock this often; a lock not touched for STALE_MS is abandoned. */
export const HEARTBEAT_MS = 20_000;
export const STALE_MS = 90_000;

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Who holds a data file's lock (by its real path), or null when there is no readable lock. */
export function readLock(real: string): { info: LockInfo; ageMs: number } | null {
  const lockPath = `${real}.lock`;
  try {
    const info = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as LockInfo;
    return { info, ageMs: Date.now() - fs.statSync(lockPath).mtimeMs };
  } catch {
    return null;
  }
}

/**
 * The file's real identity, so the same data file reached through a symlink,
 * `..` or another spelling shares one lock (on Windows, realpath resolves a
 * mapped drive to its final path as well).
 */
export function realStorePath(storePath: string): string {
  const abs = path.resolve(storePath);
  try {
    return fs.realpathSync.native(abs);
  } catch {
    // not there yet: the real folder plus the name
    try {
      return path.join(fs.realpathSync.native(path.dirname(abs)), path.basename(abs));
    } catch {
      return abs;
    }
  }
}

/**
 * One app instance per store file, across processes (Electron's single-instance
 * lock only covers the desktop app itself, not the browser host or a second
 * copy started with --db). The holder refreshes its lock every 20 seconds; a
 * lock whose process is gone on this machine, or that nobody has refreshed
 * for 90 seconds (a crash, a PID since reused by another program, another PC
 * that lost the network), is taken over. A live one is refused with who holds
 * it and how to take over safely.
 */
export function acquireInstanceLock(
  storePath: string,
  clock: () => Date = () => new Date(),
): () => void {
  const real = realStorePath(storePath);
  const lockPath = `${real}.lock`;
  const info: LockInfo = {
    pid: process.pid,
    host: os.hostname(),
    startedAt: clock().toISOString(),
    file: real,
  };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lockPath, 'wx');
      fs.writeSync(fd, JSON.stringify(info));
      fs.closeSync(fd);
      let released = false;
      const beat = setInterval(() => {
        try {
          const now = new Date();
          fs.utimesSync(lockPath, now, now);
        } catch {
          // the folder went away (network drive): the next write will say so
        }
      }, HEARTBEAT_MS);
      beat.unref();
      const release = () => {
        if (released) return;
        released = true;
        clearInterval(beat);
        process.off('exit', release);
        try {
          const current = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as LockInfo;
          // only our own lock: a lock taken over by another instance stays
          if (current.pid === info.pid && current.startedAt === info.startedAt)
            fs.unlinkSync(lockPath);
        } catch {
          // already gone: nothing to release
        }
      };
      process.on('exit', release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      // null: a half-written lock of a crashed start, treated as stale
      const lock = readLock(real);
      const holder = lock?.info ?? null;
      const age = lock?.ageMs ?? 0;
      const stale =
        !holder ||
        age > STALE_MS ||
        (holder.host === info.host && (holder.pid === process.pid ? false : !isAlive(holder.pid)));
      if (stale) {
        fs.rmSync(lockPath, { force: true });
        continue;
      }
      throw new StoreError(
        'IN_USE',
        `このデータファイルは別の行革デスクで開かれています（${holder!.host}、プロセス ${holder!.pid}、${new Date(holder!.startedAt).toLocaleString('ja-JP')} から）。` +
          '開いている画面があればそちらを使うか、終了してからもう一度起動してください。' +
          `開いている画面がどこにもないのにこの表示が出る場合は、${Math.round(STALE_MS / 1000)}秒ほど待ってから起動し直すと、自動で引き継ぎます（ロックのファイル ${path.basename(lockPath)} は消さないでください）。データは変更していません。`,
      );
    }
  }
  throw new StoreError(
    'IN_USE',
    'データファイルのロックを取得できませんでした。もう一度起動してください。',
  );
}
