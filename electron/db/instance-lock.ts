import fs from 'node:fs';
import os from 'node:os';
import { StoreError } from './store-error';

interface LockInfo {
  pid: number;
  host: string;
  startedAt: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One app instance per store file, across processes (Electron's single-instance
 * lock only covers the desktop app itself, not the browser host or a second
 * copy started with --db). A lock left by a crashed process on this machine is
 * taken over; a live one is refused with who holds it.
 */
export function acquireInstanceLock(
  storePath: string,
  clock: () => Date = () => new Date(),
): () => void {
  const lockPath = `${storePath}.lock`;
  const info: LockInfo = {
    pid: process.pid,
    host: os.hostname(),
    startedAt: clock().toISOString(),
  };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lockPath, 'wx');
      fs.writeSync(fd, JSON.stringify(info));
      fs.closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off('exit', release);
        try {
          fs.unlinkSync(lockPath);
        } catch {
          // already gone: nothing to release
        }
      };
      process.on('exit', release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let holder: LockInfo | null = null;
      try {
        holder = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as LockInfo;
      } catch {
        holder = null; // half-written lock of a crashed start: treat as stale
      }
      const stale = !holder || (holder.host === info.host && !isAlive(holder.pid));
      if (stale) {
        fs.rmSync(lockPath, { force: true });
        continue;
      }
      throw new StoreError(
        'IN_USE',
        `このデータファイルは別の行革デスクで開かれています（${holder!.host}、プロセス ${holder!.pid}）。` +
          '先に開いている画面を使うか、そちらを終了してからもう一度起動してください。データは変更していません。',
      );
    }
  }
  throw new StoreError(
    'IN_USE',
    'データファイルのロックを取得できませんでした。もう一度起動してください。',
  );
}
