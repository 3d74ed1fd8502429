import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';

export interface ViewCopy {
  path: string;
  dispose(): void;
}

/**
 * A private copy of a data file the app may not write (read-only file or
 * folder, or in use by another user), to view, print and export from. Taken
 * through SQLite when it can read the file — a consistent state even while
 * another instance writes — otherwise the bytes as they are (a read-only
 * folder, where nobody is writing). The file itself is never written.
 */
export function makeViewCopy(file: string): ViewCopy {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gyokaku-view-'));
  const copy = path.join(dir, 'view.sqlite3');
  const dispose = () => fs.rmSync(dir, { recursive: true, force: true });
  try {
    try {
      const src = new Database(file, { readonly: true, fileMustExist: true, timeout: 5000 });
      try {
        src.prepare('VACUUM INTO ?').run(copy);
      } finally {
        src.close();
      }
    } catch {
      fs.rmSync(copy, { force: true });
      fs.copyFileSync(file, copy);
      if (fs.existsSync(`${file}-wal`)) fs.copyFileSync(`${file}-wal`, `${copy}-wal`);
    }
    return { path: copy, dispose };
  } catch (e) {
    dispose();
    throw e;
  }
}
