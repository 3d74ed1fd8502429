/**
 * Killed by crash.test.ts while it migrates a version-4 store to the latest
 * version (pre-migration backup included), over and over from a fresh copy.
 */
import fs from 'node:fs';
import path from 'node:path';
import { openStore } from '../../../electron/db/open-store';

const [template, storePath] = process.argv.slice(2) as [string, string];
const dir = path.dirname(storePath);
process.stdout.write('ready\n');
for (;;) {
  for (const f of fs.readdirSync(dir))
    if (f.includes('.backup-')) fs.rmSync(path.join(dir, f), { force: true });
  fs.copyFileSync(template, `${storePath}.copy`);
  for (const x of ['-wal', '-shm']) fs.rmSync(`${storePath}${x}`, { force: true });
  fs.renameSync(`${storePath}.copy`, storePath);
  openStore({ path: storePath, skipInstanceLock: true }).close();
}
