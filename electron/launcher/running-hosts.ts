import fs from 'node:fs';
import path from 'node:path';
import { isAlive, readLock, realStorePath } from '../db/instance-lock';

/**
 * The browser hosts this user has running, by data file, so that a second
 * start can say where the first one is: its address carries a per-run token,
 * and a closed browser tab otherwise meant hunting for the first terminal.
 * Kept in the user's own profile folder (readable by that user only), never
 * beside a data file that may sit in a shared folder.
 */
interface Entry {
  url: string;
  pid: number;
}

const FILE = 'running-hosts.json';

function read(userDataDir: string): Record<string, Entry> {
  try {
    return JSON.parse(fs.readFileSync(path.join(userDataDir, FILE), 'utf8')) as Record<
      string,
      Entry
    >;
  } catch {
    return {};
  }
}

function write(userDataDir: string, entries: Record<string, Entry>): void {
  fs.mkdirSync(userDataDir, { recursive: true });
  const file = path.join(userDataDir, FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(entries), { mode: 0o600 });
  fs.renameSync(tmp, file);
}

/** Notes this process's address for the data file; the returned function takes it back. */
export function recordRunningHost(userDataDir: string, storePath: string, url: string): () => void {
  const real = realStorePath(storePath);
  write(userDataDir, { ...read(userDataDir), [real]: { url, pid: process.pid } });
  return () => {
    const entries = read(userDataDir);
    if (entries[real]?.pid !== process.pid) return;
    delete entries[real];
    try {
      write(userDataDir, entries);
    } catch {
      // the profile folder went away: nothing to take back
    }
  };
}

/**
 * The address of the browser host that has this data file open now, on this
 * machine for this user: only while that process still holds the file's lock
 * (a crashed host's entry, or a PID reused since, is ignored).
 */
export function runningHostFor(userDataDir: string, storePath: string): string | null {
  const real = realStorePath(storePath);
  const entry = read(userDataDir)[real];
  if (!entry || readLock(real)?.info.pid !== entry.pid || !isAlive(entry.pid)) return null;
  return entry.url;
}
