import fs from 'node:fs';
import path from 'node:path';

/**
 * The recently used data files, newest first, kept in the user data folder
 * (beside config.json, not in any store: the list spans stores). A broken or
 * missing list is an empty one; it is written under a temporary name and
 * renamed, so a crash never leaves half a list.
 */
export const RECENT_FILE_NAME = 'recent-files.json';
const MAX_RECENT = 10;

export interface RecentEntry {
  path: string;
  openedAt: string;
}

/** Windows paths compare without case; elsewhere exactly. */
export function samePath(a: string, b: string): boolean {
  const ra = path.resolve(a);
  const rb = path.resolve(b);
  return process.platform === 'win32' ? ra.toLowerCase() === rb.toLowerCase() : ra === rb;
}

export function readRecent(userDataDir: string): RecentEntry[] {
  try {
    const raw = JSON.parse(
      fs.readFileSync(path.join(userDataDir, RECENT_FILE_NAME), 'utf8'),
    ) as unknown;
    if (!Array.isArray(raw)) return [];
    return raw
      .filter(
        (e): e is RecentEntry =>
          typeof e === 'object' &&
          e !== null &&
          typeof (e as RecentEntry).path === 'string' &&
          path.isAbsolute((e as RecentEntry).path) &&
          typeof (e as RecentEntry).openedAt === 'string',
      )
      .slice(0, MAX_RECENT);
  } catch {
    return [];
  }
}

function writeRecent(userDataDir: string, entries: RecentEntry[]): void {
  fs.mkdirSync(userDataDir, { recursive: true });
  const file = path.join(userDataDir, RECENT_FILE_NAME);
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(entries, null, 2));
  fs.renameSync(tmp, file);
}

export function rememberRecent(userDataDir: string, file: string, at: Date): void {
  const entries = readRecent(userDataDir).filter((e) => !samePath(e.path, file));
  entries.unshift({ path: path.resolve(file), openedAt: at.toISOString() });
  writeRecent(userDataDir, entries.slice(0, MAX_RECENT));
}

export function forgetRecent(userDataDir: string, file: string): void {
  writeRecent(
    userDataDir,
    readRecent(userDataDir).filter((e) => !samePath(e.path, file)),
  );
}

/** The file used last time, if it is still there: the app reopens it at start. */
export function lastOpened(userDataDir: string): string | null {
  const first = readRecent(userDataDir)[0];
  return first && fs.existsSync(first.path) ? first.path : null;
}
