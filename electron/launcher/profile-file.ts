import fs from 'node:fs';
import path from 'node:path';

/**
 * Small JSON files of the launcher in the user's profile folder (readable by
 * that user only), never beside a data file that may sit in a shared folder.
 * Written under a temporary name and renamed: a start that reads one while
 * another writes it sees the old file or the new, never half of one.
 */
export function readProfileJson(userDataDir: string, name: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(path.join(userDataDir, name), 'utf8'));
  } catch {
    return null;
  }
}

export function writeProfileJson(userDataDir: string, name: string, value: unknown): void {
  fs.mkdirSync(userDataDir, { recursive: true });
  const file = path.join(userDataDir, name);
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(value), { mode: 0o600 });
  fs.renameSync(tmp, file);
}
