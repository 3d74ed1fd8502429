import fc from 'fast-check';
import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { replaceAt, replacedSince } from '../../renderer/grid/replaced';
import { buildRows, rowBuilder } from '../../renderer/screens/plan-grid/rows';
import type { ReformItem } from '../../shared/domain/item';
import { sampleStore } from './helpers';

describe('arrays replaced in place', () => {
  it('tells exactly the places that differ, through a burst of replacements', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.array(fc.array(fc.tuple(fc.nat(), fc.integer()), { maxLength: 6 }), {
          minLength: 1,
          maxLength: 8,
        }),
        (n, steps) => {
          const start = Array.from({ length: n }, (_, i) => ({ v: i }));
          let cur: { v: number }[] = start;
          for (const step of steps)
            cur = replaceAt(
              cur,
              step.map(([i, v]) => [i % n, { v }] as const),
            );
          const differing = cur.flatMap((x, i) => (x !== start[i] ? [i] : []));
          const told = replacedSince(cur, start);
          expect(told).not.toBeNull();
          // Places replaced and then replaced again are told once; a place set back
          // to its old object may be told too (callers compare what they find).
          expect(differing.every((i) => told!.includes(i))).toBe(true);
          expect(new Set(told).size).toBe(told!.length);
          expect(told!.every((i) => i >= 0 && i < n)).toBe(true);
        },
      ),
    );
  });

  it('knows nothing of arrays it did not make, and nothing past a long chain', () => {
    const a = [1, 2, 3];
    expect(replacedSince(a, a)).toEqual([]);
    expect(replacedSince([1, 2, 3], a)).toBeNull();
    let cur = a;
    for (let k = 0; k < 9; k++) cur = replaceAt(cur, [[k % 3, 10 + k]]);
    expect(replacedSince(cur, a)).toBeNull();
    expect(replaceAt(a, [[5, 9]])).toEqual(a); // outside: nothing replaced
  });
});

describe('arrays replaced in place, over a long session', () => {
  // Each edit of a 10,000-item plan makes a copy of the item list and of the
  // grid's rows. Remembering where a copy came from must not keep every older
  // copy alive: the links were a chain back to the plan's first load, some
  // 86 kB more for every edit, never freed.
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

  it('lets go of the arrays it came from, beyond the links it ever follows', async () => {
    const refs: WeakRef<number[]>[] = [];
    // made in a function of its own: no variable here holds the first arrays
    const edit = (n: number): number[] => {
      let cur = Array.from({ length: 1000 }, (_, i) => i);
      for (let k = 0; k < n; k++) {
        refs.push(new WeakRef(cur));
        cur = replaceAt(cur, [[k % 1000, -k]]);
      }
      return cur;
    };
    const last = edit(40);
    await nextTask(); // WeakRefs keep their targets until the turn ends
    gc();
    const alive = refs.map((r) => r.deref() !== undefined);
    // the 8 newest predecessors are still reachable from `last`, as replacedSince needs;
    // every older one is gone
    expect(alive.slice(-8)).toEqual(Array(8).fill(true));
    expect(alive.slice(0, -8).filter(Boolean)).toEqual([]);
    expect(replacedSince(last, refs.at(-8)!.deref()!)).toEqual([32, 33, 34, 35, 36, 37, 38, 39]);
  });
});

describe('the plan grid rows after an edit', () => {
  async function sample() {
    const { handlers } = sampleStore();
    const plan = (await handlers['plans.list']({}))[0]!;
    return {
      plan: await handlers['plans.get']({ planId: plan.id }),
      items: await handlers['items.list']({ planId: plan.id }),
    };
  }

  it('are the rows a full build gives, with only the edited items replaced, and say where', async () => {
    const { plan, items } = await sample();
    const node = { kind: 'plan' } as const;
    const filter = { sectionId: null, continued: 'all' as const, query: '' };
    const collapsed = new Set<string>();
    const build = rowBuilder();
    const first = build(plan, items, node, filter, collapsed);
    const at = [3, 17, items.length - 1];
    const edited = replaceAt(
      items,
      at.map((i) => [i, { ...items[i]!, name: `${items[i]!.name}（改）` } as ReformItem] as const),
    );
    const next = build(plan, edited, node, filter, collapsed);
    expect(next.rows.map((r) => (r.kind === 'data' ? r.data : r.key))).toEqual(
      buildRows(plan, edited, node, filter, collapsed).rows.map((r) =>
        r.kind === 'data' ? r.data : r.key,
      ),
    );
    const changedRows = replacedSince(next.rows, first.rows);
    expect(changedRows).toHaveLength(3);
    for (const r of changedRows!) {
      const row = next.rows[r]!;
      expect(row.kind === 'data' && row.data.name.endsWith('（改）')).toBe(true);
    }
    // every other row is the same object: the grid neither re-renders nor re-measures it
    next.rows.forEach((row, i) => {
      if (!changedRows!.includes(i)) expect(row).toBe(first.rows[i]);
    });
  });

  it('are built anew when an edit moves an item out of the filter', async () => {
    const { plan, items } = await sample();
    const node = { kind: 'plan' } as const;
    const filter = { sectionId: null, continued: 'all' as const, query: '市民' };
    const collapsed = new Set<string>();
    const build = rowBuilder();
    const first = build(plan, items, node, filter, collapsed);
    const i = items.findIndex((x) => x.name.includes('市民'));
    expect(i).toBeGreaterThanOrEqual(0);
    const edited = replaceAt(items, [[i, { ...items[i]!, name: '別の名前', promotion: '' }]]);
    const next = build(plan, edited, node, filter, collapsed);
    expect(next.matching).toBe(buildRows(plan, edited, node, filter, collapsed).matching);
    expect(next.rows.length).toBeLessThanOrEqual(first.rows.length);
    expect(replacedSince(next.rows, first.rows)).toBeNull();
  });
});
