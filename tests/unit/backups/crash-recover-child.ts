/**
 * Killed with SIGKILL by crash.test.ts: puts a backup in place of a damaged
 * data file, over and over (the damaged file copied back each time).
 */
import fs from 'node:fs';
import { putBackupInPlace } from '../../../electron/data-files/recover';

const [storePath, damaged, backupFile] = process.argv.slice(2) as [string, string, string];
process.stdout.write('ready\n');
for (let i = 0; ; i++) {
  // the damage comes back whole (the test's own step, not the code under test)
  fs.copyFileSync(damaged, `${storePath}.reset`);
  fs.renameSync(`${storePath}.reset`, storePath);
  putBackupInPlace(storePath, backupFile, new Date(Date.now() + i * 1000));
  // a pause with the backup in place, so that kills land on both sides
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
}
