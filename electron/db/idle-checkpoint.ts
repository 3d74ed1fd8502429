import type { Db } from './open-store';

/**
 * SQLite copies the write-ahead log into the data file (a checkpoint) when a
 * commit finds the log over `wal_autocheckpoint` pages: on the commit of
 * whichever edit crosses the line, which then waits for the copy and the
 * file's fsync. At the default (1,000 pages) that was about every 80th typed
 * cell — 11 ms on this machine's disk, far more on a PC's or a network
 * drive. Instead the log is checkpointed once writes have paused; the
 * automatic checkpoint stays only as a cap for long runs of writes with no
 * pause (an import, a year's close).
 */
export const IDLE_CHECKPOINT_MS = 1000;
/** The cap: about 40 MB of log at 4 KB pages. */
export const WAL_CAP_PAGES = 10_000;

const pending = new WeakMap<Db, ReturnType<typeof setTimeout>>();

/** Call after a commit: the log is checkpointed when no write has followed for IDLE_CHECKPOINT_MS. */
export function checkpointWhenIdle(db: Db): void {
  if (db.memory) return;
  const before = pending.get(db);
  if (before) clearTimeout(before);
  const timer = setTimeout(() => {
    pending.delete(db);
    checkpointNow(db);
  }, IDLE_CHECKPOINT_MS);
  // a pending checkpoint never keeps a closing app (or a test) alive; SQLite checkpoints on close
  timer.unref?.();
  pending.set(db, timer);
}

/**
 * A passive checkpoint: copies what no reader still needs and never waits
 * for one. Returns the log's frames and how many of them were copied, or
 * null when it could not run (the store closed, a transaction open).
 */
export function checkpointNow(db: Db): { log: number; copied: number } | null {
  if (!db.open || db.inTransaction) return null;
  try {
    const [row] = db.pragma('wal_checkpoint(PASSIVE)') as {
      busy: number;
      log: number;
      checkpointed: number;
    }[];
    return row ? { log: row.log, copied: row.checkpointed } : null;
  } catch {
    // The next write schedules another; the cap still holds meanwhile.
    return null;
  }
}
