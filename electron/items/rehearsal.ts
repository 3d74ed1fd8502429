import { contract } from '../../shared/contract';
import type { Db } from '../db/open-store';
import { withCallScope } from '../ipc/call-scope';
import type { HandlerContext } from '../ipc/context';
import { getItems } from './item-queries';
import { updateMany } from './update-many';

/** Thrown to take the rehearsal back; never leaves this module. */
const TAKE_BACK = Symbol('take back');

/**
 * A typed cell's save, made once on an item of the plan and taken back, while
 * the user is still looking at the plan that just opened.
 *
 * The first save after a start used to take 25 ms in the store instead of
 * 1 ms: SQLite compiles each statement (with the undo and audit triggers of
 * the tables it writes) the first time it is prepared, and Node compiles the
 * code of the path. Both are kept per connection (see stmt()), so one save
 * rehearsed inside a transaction that is rolled back makes the first real one
 * as quick as the rest. Nothing of it stays: not the item, not the audit log,
 * not the undo history.
 */
export function rehearseItemEdit(ctx: HandlerContext, planId: number): void {
  const { db } = ctx;
  const item = firstItem(db, planId);
  if (!item) return;
  // As an undoable call, so that the undo triggers are compiled too; its
  // batches are this scope's own and go nowhere.
  withCallScope(true, () => {
    try {
      db.transaction(() => {
        // the call as it comes in: read against the contract (its parser is
        // compiled on first use too), then saved and read back
        const { changes } = contract['items.updateMany'].input.parse({
          changes: [
            {
              itemId: item.id,
              patch: {
                name: `${item.name.slice(0, 190)}（確認）`,
                promotion: `${item.promotion}（確認）`,
              },
              expectedUpdatedAt: item.updated_at,
            },
          ],
        });
        ctx.screen((cs) => getItems(db, updateMany(cs, changes)));
        throw TAKE_BACK;
      })();
    } catch (e) {
      // taken back; a refused rehearsal (a closed year) changed nothing either
      if (e !== TAKE_BACK) return;
    }
  });
}

function firstItem(
  db: Db,
  planId: number,
): { id: number; name: string; promotion: string; updated_at: string } | undefined {
  return db
    .prepare(
      `SELECT id, name, promotion, updated_at FROM reform_items
       WHERE plan_id = ? AND deleted_at IS NULL ORDER BY sort_order LIMIT 1`,
    )
    .get(planId) as { id: number; name: string; promotion: string; updated_at: string } | undefined;
}
