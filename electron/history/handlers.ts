import type { ChangeSet } from '../audit/audit-log';
import type { HandlerRegistry } from '../ipc/registry';
import { undoBatch } from './undo';

/** Undo and redo of any operation, as an operation of its own. */
export function historyHandlers(
  change: <T>(fn: (cs: ChangeSet) => T) => T,
): Pick<HandlerRegistry, 'history.undo'> {
  return {
    'history.undo': ({ batchId }) =>
      change((cs) => {
        undoBatch(cs, batchId);
        return { batchId: cs.batchId };
      }),
  };
}
