import { AsyncLocalStorage } from 'node:async_hooks';
import type { Db } from '../db/open-store';
import { stmt } from '../db/statements';

/**
 * The call being served: which channel, whether its changes go on the undo
 * record, and the batches it made (reported back with its result, so the
 * screen can put exactly this operation on its undo stack).
 */
export interface CallScope {
  undoable: boolean;
  batches: string[];
}

const scope = new AsyncLocalStorage<CallScope>();

export function withCallScope<T>(undoable: boolean, fn: (s: CallScope) => T): T {
  const s: CallScope = { undoable, batches: [] };
  return scope.run(s, () => fn(s));
}

/**
 * Inside an operation's transaction: its row changes are recorded under its
 * batch when the call is an undoable one. Returns the function that ends the
 * recording (before the transaction commits).
 */
export function recordRowsOf(db: Db, batchId: string, at: string): () => void {
  const s = scope.getStore();
  if (!s?.undoable) return () => {};
  stmt(db, 'INSERT OR REPLACE INTO undo_context (id, batch_id, at) VALUES (1, ?, ?)').run(
    batchId,
    at,
  );
  return () => {
    stmt(db, 'DELETE FROM undo_context').run();
    const any = stmt(db, 'SELECT 1 FROM row_changes WHERE batch_id = ? LIMIT 1').get(batchId);
    if (any) s.batches.push(batchId);
  };
}
