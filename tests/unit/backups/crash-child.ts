/**
 * Killed with SIGKILL by crash.test.ts at a random moment: loops through the
 * operations whose interruption must never leave a damaged store or a
 * half-written backup — paired edits in one transaction, backups, restores.
 */
import { makeBackup } from '../../../electron/backups/backups';
import { restoreBackup } from '../../../electron/backups/restore';
import { beginChangeSet } from '../../../electron/audit/audit-log';
import { startRuntime } from '../../../electron/app/runtime';

const storePath = process.argv[2]!;
const rt = startRuntime({ storePath, host: 'browser', osLogin: 'crash' });
const db = rt.store.db;
const actor = { login: 'crash', displayName: 'crash' };
const both = db.prepare('UPDATE reform_items SET name = ? WHERE id IN (1, 2)');
let previous: string | null = null;
process.stdout.write('ready\n');
for (let i = 0; ; i++) {
  db.transaction(() => both.run(`状態${i}`))();
  const b = makeBackup(db, storePath, 'manual', new Date(Date.now() + i * 1000));
  if (previous && i % 2 === 0)
    restoreBackup(beginChangeSet(db, actor, { kind: 'screen' }, new Date()), storePath, previous);
  previous = b.file;
}
