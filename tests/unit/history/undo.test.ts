import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/ipc/dispatch';
import type { Channel, ResultOf } from '../../../shared/contract';
import { acceptAll, asFile, editWorkbook, exported } from '../exchange/helpers';
import { sampleStore } from '../helpers';

type H = ReturnType<typeof sampleStore>['handlers'];

/** A call and the batch its change made (what the screen puts on its undo stack). */
async function op<C extends Channel>(h: H, channel: C, input: unknown) {
  const env = await dispatch(h, channel, input, { validateResults: true });
  if (!env.ok) throw new Error(`${channel}: ${env.error.message}`);
  return { value: env.value as ResultOf<C>, batch: env.undo ?? null };
}
async function refused(h: H, channel: Channel, input: unknown) {
  const env = await dispatch(h, channel, input, { validateResults: true });
  if (env.ok) throw new Error(`${channel} should have been refused`);
  return env.error;
}
const undo = async (h: H, batchId: string) =>
  (await op(h, 'history.undo', { batchId })).value.batchId;

/** Everything undo may touch, as it is: tables users change, in a stable order. */
function dump(h: ReturnType<typeof sampleStore>) {
  const db = h.store.db;
  const tables = [
    'plans',
    'priorities',
    'areas',
    'reform_items',
    'initiatives',
    'initiative_points',
    'schedule_spans',
    'item_assignments',
    'org_units',
    'pdca_records',
    'pdca_rounds',
    'kpis',
    'kpi_values',
    'exchange_imports',
  ];
  return Object.fromEntries(
    tables.map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()]),
  );
}

const itemName = (s: ReturnType<typeof sampleStore>, id: number) =>
  s.store.db.prepare('SELECT name FROM reform_items WHERE id = ?').pluck().get(id);

describe('undo on the server', () => {
  it('a cell edit: undone, redone, undone again; the audit log tells each as it happened', async () => {
    const s = sampleStore();
    const before = dump(s);
    const edit = await op(s.handlers, 'items.updateMany', {
      changes: [{ itemId: 1, patch: { name: '新しい名前' } }],
    });
    expect(edit.batch).toMatch(/^[0-9a-f-]{36}$/);
    const undone = await undo(s.handlers, edit.batch!);
    expect(dump(s)).toEqual(before);
    const redone = await undo(s.handlers, undone);
    expect(itemName(s, 1)).toBe('新しい名前');
    await undo(s.handlers, redone);
    expect(dump(s)).toEqual(before);
    const audit = s.store.db
      .prepare(
        "SELECT batch_id, old_value, new_value FROM audit_log WHERE entity = 'reform_item' AND entity_id = 1 AND field = 'name' ORDER BY id",
      )
      .all() as { old_value: string; new_value: string }[];
    expect(audit.map((a) => JSON.parse(a.new_value))).toEqual([
      '新しい名前',
      JSON.parse(audit[0]!.old_value),
      '新しい名前',
      JSON.parse(audit[0]!.old_value),
    ]);
  });

  it('a bulk status change is one operation: its undo takes back the statuses and nothing older', async () => {
    const s = sampleStore();
    const [round] = (await op(s.handlers, 'pdca.rounds.open', { planId: 1, fiscalYear: 2025 }))
      .value;
    const records = (await op(s.handlers, 'pdca.records.list', { roundId: round!.id })).value;
    const ids = records.slice(0, 5).map((r) => r.id);
    // an older edit somewhere else
    await op(s.handlers, 'pdca.records.update', {
      changes: [{ recordId: records[20]!.id, patch: { resultText: '古い編集' } }],
    });
    const statuses = await op(s.handlers, 'pdca.records.setStatus', {
      recordIds: ids,
      status: 'final',
      confirmEmptyIds: ids,
    });
    expect(statuses.batch).not.toBeNull();
    await undo(s.handlers, statuses.batch!);
    const after = (await op(s.handlers, 'pdca.records.list', { roundId: round!.id })).value;
    for (const id of ids) expect(after.find((r) => r.id === id)!.status).toBe('unrequested');
    expect(after.find((r) => r.id === records[20]!.id)!.resultText).toBe('古い編集');
  });

  it('moves, deletions with everything under them, section renames and imports come back exactly', async () => {
    const x = await exported();
    const s = x;
    const before = dump(s);
    const back = await editWorkbook(x.buffer, [
      { code: '1-(1)-1', header: '取組実績（D）', value: '回答' },
    ]);
    const file = asFile('回答.xlsx', back);
    const preview = (await op(s.handlers, 'exchange.previewReturn', { roundId: x.round.id, file }))
      .value;
    const imported = await op(s.handlers, 'exchange.applyReturn', {
      roundId: x.round.id,
      file,
      ...acceptAll(preview),
    });
    const moved = await op(s.handlers, 'items.move', { itemId: 1, areaId: 2, beforeItemId: null });
    const deleted = await op(s.handlers, 'items.delete', { itemIds: [2, 3] });
    const units = (await op(s.handlers, 'org.list', {})).value;
    const unit = units.find((u) => u.name === '人事行政課')!;
    const renamed = await op(s.handlers, 'org.rename', {
      unitId: unit.id,
      name: '人事課',
      fromFy: 2025,
    });
    for (const [name, o] of Object.entries({ renamed, deleted, moved, imported })) {
      expect(o.batch, name).not.toBeNull();
      await undo(s.handlers, o.batch!);
    }
    expect(dump(s)).toEqual(before);
  });

  it('refuses, changing nothing, when the same place changed since; names who and when', async () => {
    const s = sampleStore();
    const first = await op(s.handlers, 'items.updateMany', {
      changes: [{ itemId: 1, patch: { name: 'A' } }],
    });
    await op(s.handlers, 'items.updateMany', { changes: [{ itemId: 1, patch: { name: 'B' } }] });
    const before = dump(s);
    const e = await refused(s.handlers, 'history.undo', { batchId: first.batch });
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toMatch(
      /この操作のあとに、tanakaさんが.*同じところが変更されているため、元に戻せません/,
    );
    expect(dump(s)).toEqual(before);
    // the same operation twice
    const third = await op(s.handlers, 'items.updateMany', {
      changes: [{ itemId: 2, patch: { name: 'C' } }],
    });
    await undo(s.handlers, third.batch!);
    expect((await refused(s.handlers, 'history.undo', { batchId: third.batch })).message).toMatch(
      /もう元に戻しています/,
    );
  });

  it('refuses an undo that would take away something added later (a cascade)', async () => {
    const s = sampleStore();
    const made = await op(s.handlers, 'items.create', {
      areaId: 2,
      name: '新しい項目',
      afterItemId: null,
    });
    const id = (made.value as { id: number }).id;
    await op(s.handlers, 'items.updateMany', {
      changes: [
        {
          itemId: id,
          initiatives: [{ label: '①', text: 'あとから足した取組', points: [], spans: [] }],
        },
      ],
    });
    const before = dump(s);
    const e = await refused(s.handlers, 'history.undo', { batchId: made.batch });
    expect(e.message).toMatch(/元に戻せません/);
    expect(dump(s)).toEqual(before);
  });

  it('exports, year closes and backups are not undoable operations', async () => {
    const x = await exported();
    const env = await dispatch(x.handlers, 'exchange.exportWorkbook', {
      roundId: x.round.id,
      orgUnitId: x.target.orgUnitId,
      scope: 'section',
      contact: 'x',
    });
    expect(env.ok && env.undo).toBeFalsy();
  });

  it('property: any sequence of edits undone in reverse order leaves the store exactly as it was', async () => {
    const s = sampleStore();
    const items = (await op(s.handlers, 'items.list', { planId: 1 })).value;
    const edit = fc.record({
      item: fc.integer({ min: 0, max: items.length - 1 }),
      name: fc.string({ minLength: 1, maxLength: 12 }).filter((t) => t.trim().length > 0),
      promotion: fc.option(fc.string({ maxLength: 30 }), { nil: undefined }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 8 }), async (edits) => {
        const before = dump(s);
        const batches: string[] = [];
        for (const e of edits) {
          const patch = {
            name: e.name,
            ...(e.promotion === undefined ? {} : { promotion: e.promotion }),
          };
          const r = await op(s.handlers, 'items.updateMany', {
            changes: [{ itemId: items[e.item]!.id, patch }],
          });
          if (r.batch) batches.push(r.batch);
        }
        for (const b of batches.reverse()) await undo(s.handlers, b);
        expect(dump(s)).toEqual(before);
      }),
      { numRuns: 40 },
    );
  });
});
