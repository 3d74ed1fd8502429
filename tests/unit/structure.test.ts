import { describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/ipc/dispatch';
import type { ReformItem } from '../../shared/domain/item';
import type { OrgUnit } from '../../shared/domain/org';
import { sampleStore } from './helpers';

type H = ReturnType<typeof sampleStore>['handlers'];

/** The batch of the newest undoable call, as the screen keeps it for 元に戻す. */
let lastBatch: string | null = null;

async function ok<T>(handlers: H, channel: string, input: unknown): Promise<T> {
  const env = await dispatch(handlers, channel, input, { validateResults: true });
  if (!env.ok) throw new Error(`${channel}: ${env.error.message}`);
  if (env.undo) lastBatch = env.undo;
  return env.value as T;
}
async function codes(handlers: H, areaId: number): Promise<string[]> {
  const items = await ok<ReformItem[]>(handlers, 'items.list', { planId: 1, areaId });
  return items.map((i) => `${i.number}:${i.name}`);
}

/** Undoes the newest operation, as the screen does: by the batch its call returned. */
async function undoLast(h: H) {
  const env = await dispatch(h, 'history.undo', { batchId: lastBatch });
  if (!env.ok) throw new Error(env.error.message);
}

describe('items.updateMany (paste, fill)', () => {
  it('applies every change in one transaction and one audit batch', async () => {
    const { store, handlers } = sampleStore();
    const items = await ok<ReformItem[]>(handlers, 'items.updateMany', {
      changes: [
        { itemId: 1, patch: { name: 'A' } },
        { itemId: 2, patch: { name: 'B', promotion: 'b' } },
        { itemId: 3, patch: { isContinued: true } },
      ],
    });
    expect(items.map((i) => i.name)).toEqual(['A', 'B', 'キャッシュレス決済の導入']);
    const batches = store.db
      .prepare(
        "SELECT count(DISTINCT batch_id) AS n, count(*) AS c FROM audit_log WHERE action = 'update'",
      )
      .get();
    expect(batches).toEqual({ n: 1, c: 4 });
  });

  it('changes nothing when one change is invalid or stale', async () => {
    const { store, handlers } = sampleStore();
    const before = store.db
      .prepare('SELECT id, name, promotion FROM reform_items ORDER BY id')
      .all();
    const bad = await dispatch(handlers, 'items.updateMany', {
      changes: [
        { itemId: 1, patch: { name: 'A' } },
        { itemId: 2, patch: { name: '' } },
      ],
    });
    expect(bad.ok).toBe(false);
    const stale = await dispatch(handlers, 'items.updateMany', {
      changes: [
        { itemId: 1, patch: { name: 'A' } },
        { itemId: 2, patch: { name: 'B' }, expectedUpdatedAt: 'old' },
      ],
    });
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const missing = await dispatch(handlers, 'items.updateMany', {
      changes: [
        { itemId: 1, patch: { name: 'A' } },
        { itemId: 999, patch: { name: 'B' } },
      ],
    });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(
      store.db.prepare('SELECT id, name, promotion FROM reform_items ORDER BY id').all(),
    ).toEqual(before);
  });
});

describe('structure of the plan', () => {
  it('inserts an item after another, numbered after the highest', async () => {
    const { handlers } = sampleStore();
    const created = await ok<ReformItem>(handlers, 'items.create', {
      areaId: 3,
      afterItemId: 11,
      name: '新しい項目',
    });
    expect(created.number).toBe(4);
    expect(await codes(handlers, 3)).toEqual([
      '1:多様な働き方環境の整備',
      '4:新しい項目',
      '2:オフィス環境の改善',
      '3:事務改善提案・カイゼン運動の推進',
    ]);
    await ok(handlers, 'items.renumber', { areaId: 3 });
    expect((await codes(handlers, 3)).map((c) => c.split(':')[0])).toEqual(['1', '2', '3', '4']);
  });

  it('deletes with a summary of what goes along, and restores with the same id', async () => {
    const { handlers } = sampleStore();
    const summary = await ok<{
      initiatives: number;
      points: number;
      spans: number;
      assignments: number;
    }>(handlers, 'items.deletionSummary', { itemIds: [1] });
    expect(summary).toEqual({ itemIds: [1], initiatives: 2, points: 2, spans: 2, assignments: 1 });
    await ok(handlers, 'items.delete', { itemIds: [1] });
    expect(await codes(handlers, 1)).not.toContain('1:行政手続の簡素化、オンライン化の推進');
    expect(await dispatch(handlers, 'items.get', { itemId: 1 })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    await undoLast(handlers);
    const back = await ok<ReformItem>(handlers, 'items.get', { itemId: 1 });
    expect(back.initiatives.map((i) => i.text)).toEqual([
      '各種手続のオンライン化検討',
      '各種手続の簡素化推進',
    ]);
    expect(back.assignments.map((a) => a.sectionName)).toEqual(['人事行政課']);
  });

  it('moves items within and across areas, and renumber can be undone', async () => {
    const { handlers } = sampleStore();
    await ok(handlers, 'items.move', { itemId: 3, areaId: 1, beforeItemId: 1 });
    expect((await codes(handlers, 1))[0]).toBe('3:キャッシュレス決済の導入');
    await ok(handlers, 'items.renumber', { areaId: 1 });
    expect((await codes(handlers, 1)).slice(0, 2)).toEqual([
      '1:キャッシュレス決済の導入',
      '2:行政手続の簡素化、オンライン化の推進',
    ]);
    await undoLast(handlers);
    expect((await codes(handlers, 1))[0]).toBe('3:キャッシュレス決済の導入');
    await ok(handlers, 'items.move', { itemId: 3, areaId: 2, beforeItemId: null });
    expect((await codes(handlers, 2)).at(-1)).toBe('5:キャッシュレス決済の導入');
  });

  it('replaces initiatives keeping ids, validates spans, and records the change', async () => {
    const { store, handlers } = sampleStore();
    const item = await ok<ReformItem>(handlers, 'items.get', { itemId: 7 });
    const [a, b] = item.initiatives;
    const phase = item.initiatives[0]!.spans[0]!.phaseId;
    const updated = await ok<ReformItem>(handlers, 'items.setInitiatives', {
      itemId: 7,
      initiatives: [
        {
          id: b!.id,
          label: '①',
          text: 'システムの導入',
          points: ['庁内説明会'],
          spans: [{ startFy: 2023, endFy: 2025, phaseId: phase }],
        },
        { label: '②', text: '新しい取組', points: [], spans: [] },
      ],
    });
    expect(updated.initiatives.map((i) => [i.id === b!.id, i.label, i.text, i.points])).toEqual([
      [true, '①', 'システムの導入', ['庁内説明会']],
      [false, '②', '新しい取組', []],
    ]);
    expect(updated.initiatives.find((i) => i.id === a!.id)).toBeUndefined();
    const log = store.db
      .prepare(
        "SELECT action FROM audit_log WHERE entity = 'initiative' AND item_id = 7 AND source_kind = 'screen' ORDER BY id",
      )
      .all();
    expect(log).toEqual([{ action: 'delete' }, { action: 'update' }, { action: 'create' }]);
    const outside = await dispatch(handlers, 'items.setInitiatives', {
      itemId: 7,
      initiatives: [
        {
          label: '①',
          text: 'x',
          points: [],
          spans: [{ startFy: 2020, endFy: 2025, phaseId: phase }],
        },
      ],
    });
    expect(outside).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/計画期間の外/) },
    });
    const reversed = await dispatch(handlers, 'items.setInitiatives', {
      itemId: 7,
      initiatives: [
        {
          label: '①',
          text: 'x',
          points: [],
          spans: [{ startFy: 2025, endFy: 2023, phaseId: phase }],
        },
      ],
    });
    expect(reversed).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/開始年度が終了年度より後/) },
    });
  });

  it('sets lead and supporting sections and 関係部課', async () => {
    const { handlers } = sampleStore();
    const units = await ok<OrgUnit[]>(handlers, 'org.list', {});
    const sec = (n: string) => units.find((u) => u.name === n)!.id;
    const item = await ok<ReformItem>(handlers, 'items.setAssignments', {
      itemId: 5,
      assignments: [
        { orgUnitId: sec('市民課'), role: 'lead' },
        { orgUnitId: sec('人事行政課'), role: 'support' },
      ],
      involvesRelatedSections: true,
    });
    expect(item.assignments.map((a) => [a.departmentName, a.sectionName, a.role])).toEqual([
      ['市民部', '市民課', 'lead'],
      ['総務部', '人事行政課', 'support'],
    ]);
    expect(item.involvesRelatedSections).toBe(true);
    const dept = await dispatch(handlers, 'items.setAssignments', {
      itemId: 5,
      assignments: [{ orgUnitId: sec('総務部'), role: 'lead' }],
      involvesRelatedSections: false,
    });
    expect(dept).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/「課」を指定/) },
    });
  });

  it('adds, renames, moves, deletes and restores 重点項目 and 分野, numbering by position', async () => {
    const { handlers } = sampleStore();
    const { id } = await ok<{ id: number }>(handlers, 'outline.create', {
      kind: 'area',
      parentId: 1,
      title: '新しい分野',
      afterId: 1,
    });
    let plan = await ok<{
      priorities: { areas: { id: number; number: number; title: string }[] }[];
    }>(handlers, 'plans.get', { planId: 1 });
    expect(plan.priorities[0]!.areas.map((a) => `${a.number}${a.title}`)).toEqual([
      '1行政手続のオンライン化',
      '2新しい分野',
      '3ICT利活用による業務効率化',
      '4働きやすい環境の整備',
    ]);
    await ok(handlers, 'outline.update', { kind: 'area', id, title: '改名した分野' });
    await ok(handlers, 'outline.move', { kind: 'area', id, position: 3 });
    const removed = await ok<{ items: number }>(handlers, 'outline.delete', {
      kind: 'priority',
      id: 2,
    });
    expect(removed).toEqual({ items: 15 });
    plan = await ok(handlers, 'plans.get', { planId: 1 });
    expect(plan.priorities).toHaveLength(2);
    expect((await ok<ReformItem[]>(handlers, 'items.list', { planId: 1 })).length).toBe(22);
    await undoLast(handlers);
    plan = await ok(handlers, 'plans.get', { planId: 1 });
    expect(plan.priorities[0]!.areas.map((a) => a.title).at(-1)).toBe('改名した分野');
    expect((await ok<ReformItem[]>(handlers, 'items.list', { planId: 1 })).length).toBe(37);
  });
});

describe('sections (部・課) over fiscal years', () => {
  it('renames from a year on, keeping the old name for earlier years', async () => {
    const { handlers } = sampleStore();
    let units = await ok<OrgUnit[]>(handlers, 'org.list', {});
    const jinji = units.find((u) => u.name === '人事行政課')!;
    units = await ok<OrgUnit[]>(handlers, 'org.rename', {
      unitId: jinji.id,
      name: '行政経営課',
      fromFy: 2024,
    });
    const in2023 = await ok<OrgUnit[]>(handlers, 'org.list', { fiscalYear: 2023 });
    const in2024 = await ok<OrgUnit[]>(handlers, 'org.list', { fiscalYear: 2024 });
    expect(in2023.map((u) => u.name)).toContain('人事行政課');
    expect(in2023.map((u) => u.name)).not.toContain('行政経営課');
    expect(in2024.map((u) => u.name)).toContain('行政経営課');
    expect(in2024.map((u) => u.name)).not.toContain('人事行政課');
    const item = await ok<ReformItem>(handlers, 'items.get', { itemId: 1 });
    expect(item.assignments.map((a) => a.sectionName)).toEqual(['行政経営課']);
  });

  it('merges sections and refuses to retire one still in use', async () => {
    const { handlers } = sampleStore();
    const units = await ok<OrgUnit[]>(handlers, 'org.list', {});
    const id = (n: string) => units.find((u) => u.name === n)!.id;
    const retire = await dispatch(handlers, 'org.retire', { unitId: id('税務課'), lastFy: 2024 });
    expect(retire).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/3件の改革項目の実施担当/) },
    });
    await ok(handlers, 'org.merge', {
      unitIds: [id('税務課'), id('財政課')],
      name: '財務課',
      parentId: null,
      fromFy: 2025,
    });
    const item6 = await ok<ReformItem>(handlers, 'items.get', { itemId: 6 });
    expect(item6.assignments.map((a) => a.sectionName)).toEqual(['財務課']);
    const after = await ok<OrgUnit[]>(handlers, 'org.list', { fiscalYear: 2025 });
    expect(
      after
        .filter((u) => u.kind === 'section')
        .map((u) => u.name)
        .sort(),
    ).toEqual(['人事行政課', '土木課', '市民課', '秘書政策課', '財務課'].sort());
    const created = await ok<OrgUnit[]>(handlers, 'org.create', {
      kind: 'section',
      name: 'DX推進課',
      parentId: id('総務部'),
      validFromFy: 2025,
    });
    expect(created.find((u) => u.name === 'DX推進課')!.parentId).toBe(id('総務部'));
  });
});

describe('numbers typed or pasted into No.', () => {
  it('swaps numbers in one paste without colliding, and refuses a number taken by another item', async () => {
    const { handlers } = sampleStore();
    await ok(handlers, 'items.updateMany', {
      changes: [
        { itemId: 1, patch: { number: 2 } },
        { itemId: 2, patch: { number: 1 } },
      ],
    });
    expect((await codes(handlers, 1)).slice(0, 2)).toEqual([
      '2:行政手続の簡素化、オンライン化の推進',
      '1:押印の見直し',
    ]);
    const taken = await dispatch(handlers, 'items.updateMany', {
      changes: [{ itemId: 3, patch: { number: 4 } }],
    });
    expect(taken).toMatchObject({
      ok: false,
      error: {
        message: expect.stringMatching(/番号 4 は同じ取組分野の「電子入札制度の導入」と重複します/),
      },
    });
  });
});

describe('実施時期 phases per plan', () => {
  it('renames and adds phases, and refuses to remove one in use', async () => {
    const { handlers } = sampleStore();
    const plan = await ok<{ phases: { id: number; code: string; label: string }[] }>(
      handlers,
      'plans.get',
      { planId: 1 },
    );
    const [kento, shikou, jisshi, keizoku] = plan.phases.map(({ id, code, label }) => ({
      id,
      code,
      label,
    }));
    const updated = await ok<{ phases: { code: string; label: string }[] }>(
      handlers,
      'plans.setPhases',
      {
        planId: 1,
        phases: [
          kento!,
          { ...jisshi!, label: '実施（本格）' },
          keizoku!,
          { code: '調整', label: '調整' },
          shikou!,
        ],
      },
    );
    expect(updated.phases.map((p) => p.label)).toEqual([
      '検討',
      '実施（本格）',
      '継続',
      '調整',
      '試行',
    ]);
    const removeUsed = await dispatch(handlers, 'plans.setPhases', {
      planId: 1,
      phases: [kento!, shikou!, keizoku!],
    });
    expect(removeUsed).toMatchObject({
      ok: false,
      error: {
        message: expect.stringMatching(
          /区分「実施（本格）」は\d+件の実施時期で使われているため削除できません/,
        ),
      },
    });
    const removeUnused = await ok<{ phases: { code: string }[] }>(handlers, 'plans.setPhases', {
      planId: 1,
      phases: [kento!, jisshi!, keizoku!],
    });
    expect(removeUnused.phases.map((p) => p.code)).toEqual(['検討', '実施', '継続']);
  });
});
