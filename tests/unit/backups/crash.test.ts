import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { backupDir, listBackups } from '../../../electron/backups/backups';
import { startRuntime } from '../../../electron/app/runtime';
import { tempDir } from '../helpers';

/**
 * SIGKILL at random moments during edits, backups and restores: every time
 * the store passes integrity_check and foreign_key_check and holds the data
 * wholly before or after (items 1 and 2 are always renamed together), and
 * every file named as a backup is a complete, valid database.
 */
const CHILD = path.resolve(__dirname, 'crash-child.ts');

function runAndKill(storePath: string, afterMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    // one process (tsx as a loader, not its CLI, which would run the script in a grandchild)
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, storePath], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.stdout.on('data', (c: Buffer) => {
      if (c.toString().includes('ready')) setTimeout(() => child.kill('SIGKILL'), afterMs);
    });
    child.on('exit', (code, signal) =>
      signal === 'SIGKILL'
        ? resolve()
        : reject(new Error(`child ended by itself (${code}): ${err}`)),
    );
  });
}

describe('killed at random points', () => {
  it('leaves the store whole and every backup complete', async () => {
    const dir = tempDir();
    const storePath = path.join(dir, 'gyokaku.sqlite3');
    startRuntime({ storePath, host: 'browser', osLogin: 'setup' }).close();
    const delays = [40, 120, 260, 90, 400, 15, 700, 220, 330, 60];
    for (const ms of delays) {
      await runAndKill(storePath, ms);
      const db = new Database(storePath);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
      const names = db.prepare('SELECT name FROM reform_items WHERE id IN (1, 2)').pluck().all();
      expect(new Set(names).size, `after ${ms} ms: ${names.join(' / ')}`).toBe(1);
      db.close();
      // every file with a backup's name is a whole database; a *.partial is not a backup
      for (const b of listBackups(storePath)) expect(b.ok, b.file).toBe(true);
    }
    const leftovers = fs.readdirSync(backupDir(storePath)).filter((f) => f.endsWith('.partial'));
    // a partial left by the last kill is swept by the next backup
    if (leftovers.length > 0) {
      const rt = startRuntime({ storePath, host: 'browser', osLogin: 'after' });
      (rt.handlers['backups.create'] as () => unknown)();
      rt.close();
      expect(fs.readdirSync(backupDir(storePath)).filter((f) => f.endsWith('.partial'))).toEqual(
        [],
      );
    }
    expect(listBackups(storePath).length).toBeGreaterThan(3);
  }, 120_000);
});
