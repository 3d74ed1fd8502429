import { describe, expect, it, vi } from 'vitest';
import { handlerContext } from '../../electron/ipc/context';
import { withCallScope } from '../../electron/ipc/call-scope';
import { rehearseItemEdit } from '../../electron/items/rehearsal';
import { sampleStore, sha256Rows } from './helpers';

function everyTable(db: ReturnType<typeof sampleStore>['store']['db']): string[] {
  return (
    db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .all() as { name: string }[]
  ).map((t) => t.name);
}

function setUp() {
  const { store, handlers, deps } = sampleStore();
  const ctx = handlerContext(deps);
  const planId = (store.db.prepare('SELECT id FROM plans LIMIT 1').get() as { id: number }).id;
  return { store, handlers, ctx, planId };
}

/** How many statements a typed cell's save prepares (as the IPC layer calls it, undoable). */
async function preparesOfOneSave(s: ReturnType<typeof setUp>, itemId: number): Promise<number> {
  const item = await s.handlers['items.get']({ itemId });
  const spy = vi.spyOn(s.store.db, 'prepare');
  await withCallScope(true, () =>
    s.handlers['items.updateMany']({
      changes: [{ itemId, patch: { name: `${item.name}改` }, expectedUpdatedAt: item.updatedAt }],
    }),
  );
  const n = spy.mock.calls.length;
  spy.mockRestore();
  return n;
}

describe('the rehearsed first save', () => {
  it('leaves every table exactly as it was: items, audit log, undo history', () => {
    const { store, ctx, planId } = setUp();
    const tables = everyTable(store.db);
    const before = sha256Rows(store.db, tables);
    rehearseItemEdit(ctx, planId);
    expect(sha256Rows(store.db, tables)).toBe(before);
  });

  it("leaves the save's statements compiled: the first real save prepares none", async () => {
    const cold = setUp();
    const coldPrepares = await preparesOfOneSave(cold, 2);
    const warm = setUp();
    rehearseItemEdit(warm.ctx, warm.planId);
    const warmPrepares = await preparesOfOneSave(warm, 2);
    expect(coldPrepares).toBeGreaterThan(0);
    expect(warmPrepares).toBe(0);
  });

  it('does nothing on a plan without items', () => {
    const { store, ctx } = setUp();
    const tables = everyTable(store.db);
    const before = sha256Rows(store.db, tables);
    rehearseItemEdit(ctx, 9999);
    expect(sha256Rows(store.db, tables)).toBe(before);
  });
});
