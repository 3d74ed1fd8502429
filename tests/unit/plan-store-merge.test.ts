import { beforeEach, describe, expect, it, vi } from 'vitest';
import { dispatch } from '../../electron/ipc/dispatch';
import type { ReformItem } from '../../shared/domain/item';
import { sampleStore } from './helpers';

/** The sample plan's items as the screen holds them. */
async function sampleItems(): Promise<ReformItem[]> {
  const { handlers } = sampleStore();
  const env = await dispatch(handlers, 'items.list', { planId: 1 });
  if (!env.ok) throw new Error(env.error.message);
  return env.value as ReformItem[];
}

async function planStore() {
  vi.stubGlobal('window', { location: { search: '', hash: '' } });
  vi.stubGlobal('localStorage', { getItem: () => null, setItem: () => {} });
  vi.resetModules();
  return (await import('../../renderer/stores/plan-store')).usePlanStore;
}

describe('the plan store: answers merged, edits shown', () => {
  beforeEach(() => vi.unstubAllGlobals());

  it('an answer that only moves the revision redraws nothing', async () => {
    const store = await planStore();
    const items = await sampleItems();
    store.setState({ items });
    const confirmed = { ...items[3]!, updatedAt: '2026-12-07T10:00:00.000Z' };
    store.getState().mergeItems([confirmed]);
    expect(store.getState().items).toBe(items);
    expect(store.getState().items[3]!.updatedAt).toBe('2026-12-07T10:00:00.000Z');
  });

  it('an answer with other content replaces just that item, in its place', async () => {
    const store = await planStore();
    const items = await sampleItems();
    store.setState({ items });
    store.getState().mergeItems([{ ...items[3]!, name: '別の名前' }]);
    const next = store.getState().items;
    expect(next).not.toBe(items);
    expect(next.map((i) => i.id)).toEqual(items.map((i) => i.id));
    expect(next[3]!.name).toBe('別の名前');
    expect(next[2]).toBe(items[2]);
  });

  it('an edit is shown without comparing, and taken back the same way', async () => {
    const store = await planStore();
    const items = await sampleItems();
    store.setState({ items });
    const before = items.slice(0, 100);
    store.getState().showItems(before.map((it) => ({ ...it, name: `貼り付け${it.id}` })));
    expect(
      store
        .getState()
        .items.slice(0, before.length)
        .map((i) => i.name),
    ).toEqual(before.map((it) => `貼り付け${it.id}`));
    store.getState().showItems(before);
    expect(store.getState().items.slice(0, before.length)).toEqual(before);
    // showing what is already there still draws it: the caller knows it differs
    const shown = store.getState().items;
    store.getState().showItems([{ ...shown[0]! }]);
    expect(store.getState().items).not.toBe(shown);
  });
});
