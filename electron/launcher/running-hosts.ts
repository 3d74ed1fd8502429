import { isAlive, readLock, realStorePath } from '../db/instance-lock';
import { readProfileJson, writeProfileJson } from './profile-file';

/**
 * The browser hosts this user has running, by data file, so that a second
 * start can say where the first one is: its address carries a per-run token,
 * and a closed browser tab otherwise meant hunting for the first terminal.
 * Kept in the user's profile folder (profile-file.ts).
 */
interface Entry {
  url: string;
  pid: number;
}

const FILE = 'running-hosts.json';

function read(userDataDir: string): Record<string, Entry> {
  const entries = readProfileJson(userDataDir, FILE);
  return entries && typeof entries === 'object' ? (entries as Record<string, Entry>) : {};
}

function write(userDataDir: string, entries: Record<string, Entry>): void {
  writeProfileJson(userDataDir, FILE, entries);
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

/**
 * Whether one of this user's browser hosts (another data file) listens on
 * the port now: a second file opened beside the first takes another port for
 * the day, and the first keeps its own.
 */
export function portOfRunningHost(userDataDir: string, port: number): boolean {
  return Object.values(read(userDataDir)).some((e) => {
    try {
      return new URL(e.url).port === String(port) && isAlive(e.pid);
    } catch {
      return false;
    }
  });
}
