import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { publicationCsv } from '../../../electron/publication/publication';
import { reportData } from '../../../electron/reports/report-data';
import type { Dashboard } from '../../../shared/domain/pdca';
import { buildReport } from '../../../shared/reports/build';
import type { H } from '../exchange/helpers';
import { acceptAll, asFile, editWorkbook, ok } from '../exchange/helpers';
import { sampleStore } from '../helpers';
import { closedYear, reportOpts } from './helpers';

/**
 * 「a closed year never changes」: from a store whose 令和5年度 is closed,
 * any sequence of later operations leaves that year's dashboard numbers,
 * 総括表, 進捗状況一覧 and publication CSV exactly as they were.
 */
const CLOSED = 2023;

type Op =
  | { kind: 'rename'; unit: number; fromFy: number; n: number }
  | { kind: 'merge'; a: number; b: number; fromFy: number; n: number }
  | { kind: 'retire'; unit: number; lastFy: number }
  | { kind: 'addItem'; area: number; startFy: number | null | undefined; n: number }
  | { kind: 'moveItem'; item: number; area: number }
  | { kind: 'deleteItem'; item: number }
  | { kind: 'renameItem'; item: number; n: number }
  | { kind: 'endItem'; item: number; endFy: number }
  | { kind: 'renameLevel'; pick: number; n: number }
  | { kind: 'removeLevel'; pick: number }
  | { kind: 'renamePriority'; priority: number; n: number }
  | { kind: 'assign'; item: number; unit: number }
  | { kind: 'openYear'; fy: number }
  | { kind: 'importReturn'; fy: number; pick: number; rows: number[] }
  | { kind: 'editRecord'; fy: number; pick: number; level: number };

const year = fc.integer({ min: 2024, max: 2025 });
const anyYear = fc.integer({ min: 2021, max: 2025 });
const unit = fc.integer({ min: 2, max: 12 });
const item = fc.integer({ min: 1, max: 40 });
const n = fc.nat(999);

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('rename' as const), unit, fromFy: year, n }),
  fc.record({ kind: fc.constant('merge' as const), a: unit, b: unit, fromFy: year, n }),
  fc.record({ kind: fc.constant('retire' as const), unit, lastFy: anyYear }),
  fc.record({
    kind: fc.constant('addItem' as const),
    area: fc.integer({ min: 1, max: 8 }),
    startFy: fc.oneof(fc.constant(undefined), fc.constant(null), anyYear),
    n,
  }),
  fc.record({ kind: fc.constant('moveItem' as const), item, area: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ kind: fc.constant('deleteItem' as const), item }),
  fc.record({ kind: fc.constant('renameItem' as const), item, n }),
  fc.record({ kind: fc.constant('endItem' as const), item, endFy: anyYear }),
  fc.record({ kind: fc.constant('renameLevel' as const), pick: fc.nat(20), n }),
  fc.record({ kind: fc.constant('removeLevel' as const), pick: fc.nat(20) }),
  fc.record({
    kind: fc.constant('renamePriority' as const),
    priority: fc.integer({ min: 1, max: 3 }),
    n,
  }),
  fc.record({ kind: fc.constant('assign' as const), item, unit }),
  fc.record({ kind: fc.constant('openYear' as const), fy: year }),
  fc.record({
    kind: fc.constant('importReturn' as const),
    fy: year,
    pick: fc.nat(10),
    rows: fc.array(fc.nat(40), { maxLength: 4 }),
  }),
  fc.record({
    kind: fc.constant('editRecord' as const),
    fy: year,
    pick: fc.nat(40),
    level: fc.nat(10),
  }),
);

/** Everything that must stay as published, apart from the date a file was made. */
function published(h: H, db: Parameters<typeof reportData>[0], d: Dashboard) {
  const data = reportData(db, 1, CLOSED, null);
  const own = (x: { fiscalYear: number }) => x.fiscalYear === CLOSED;
  return JSON.stringify({
    dashboard: {
      total: d.total,
      byPriority: d.byPriority,
      bySection: d.bySection,
      kpi: d.kpi,
      statusCounts: d.statusCounts,
      roundName: d.roundName,
      amounts: d.amounts.filter(own),
      trend: d.trend.filter(own),
    },
    summary: buildReport(data, reportOpts('summary', CLOSED)),
    progress: buildReport(data, reportOpts('progress', CLOSED)),
    csv: publicationCsv(db, 1, CLOSED).data.toString('utf8'),
  });
}

/** Runs one operation as a user would; refusals (a rule of the app) are fine. */
async function run(h: H, o: Op): Promise<void> {
  const units = await ok(h, 'org.list', {});
  const current = units.filter((u) => u.kind === 'section' && u.validToFy == null);
  const sectionAt = (i: number) => current[i % Math.max(1, current.length)];
  const items = await ok(h, 'items.list', { planId: 1 });
  const itemAt = (i: number) => items[i % Math.max(1, items.length)];
  const plan = await ok(h, 'plans.get', { planId: 1 });
  const areas = plan.priorities.flatMap((p) => p.areas);
  const areaAt = (i: number) => areas[i % areas.length]!;
  const settings = await ok(h, 'pdca.settings.get', { planId: 1 });
  switch (o.kind) {
    case 'rename': {
      const u = sectionAt(o.unit);
      if (u) await h['org.rename']({ unitId: u.id, name: `新課${o.n}`, fromFy: o.fromFy });
      return;
    }
    case 'merge': {
      const a = sectionAt(o.a);
      const b = sectionAt(o.b);
      if (a && b && a.id !== b.id)
        await h['org.merge']({
          unitIds: [a.id, b.id],
          name: `統合課${o.n}`,
          parentId: null,
          fromFy: o.fromFy,
        });
      return;
    }
    case 'retire': {
      const u = sectionAt(o.unit);
      if (u) await h['org.retire']({ unitId: u.id, lastFy: o.lastFy });
      return;
    }
    case 'addItem':
      await h['items.create']({
        areaId: areaAt(o.area).id,
        afterItemId: null,
        name: `追加項目${o.n}`,
        ...(o.startFy === undefined ? {} : { startFy: o.startFy }),
      });
      return;
    case 'moveItem': {
      const i = itemAt(o.item);
      if (i) await h['items.move']({ itemId: i.id, areaId: areaAt(o.area).id, beforeItemId: null });
      return;
    }
    case 'deleteItem': {
      const i = itemAt(o.item);
      if (i) await h['items.delete']({ itemIds: [i.id] });
      return;
    }
    case 'renameItem': {
      const i = itemAt(o.item);
      if (i) await h['items.update']({ itemId: i.id, patch: { name: `改名${o.n}` } });
      return;
    }
    case 'endItem': {
      const i = itemAt(o.item);
      if (i) await h['items.update']({ itemId: i.id, patch: { endFy: o.endFy } });
      return;
    }
    case 'renameLevel': {
      const l = settings.levels[o.pick % settings.levels.length]!;
      const levels = settings.levels
        .filter((x) => x.axis === l.axis)
        .map((x) => ({
          id: x.id,
          code: x.code,
          label: x.id === l.id ? `改${o.n}` : x.label,
          definition: x.definition,
          color: x.color,
          defaultPercent: x.defaultPercent,
          excluded: x.excluded,
        }));
      await h['pdca.scale.save']({ planId: 1, axis: l.axis, levels, mapping: {} });
      return;
    }
    case 'removeLevel': {
      const evals = settings.levels.filter((x) => x.axis === 'evaluation');
      const gone = evals[o.pick % evals.length]!;
      const keep = evals.filter((x) => x.id !== gone.id);
      await h['pdca.scale.save']({
        planId: 1,
        axis: 'evaluation',
        levels: keep.map((x) => ({
          id: x.id,
          code: x.code,
          label: x.label,
          definition: x.definition,
          color: x.color,
          defaultPercent: x.defaultPercent,
          excluded: x.excluded,
        })),
        mapping: { [String(gone.id)]: keep[0]!.id },
      });
      return;
    }
    case 'renamePriority': {
      const p = plan.priorities[o.priority % plan.priorities.length]!;
      await h['outline.update']({ kind: 'priority', id: p.id, title: `重点${o.n}` });
      return;
    }
    case 'assign': {
      const i = itemAt(o.item);
      const u = sectionAt(o.unit);
      if (i && u)
        await h['items.setAssignments']({
          itemId: i.id,
          assignments: [{ orgUnitId: u.id, role: 'lead' }],
          involvesRelatedSections: false,
        });
      return;
    }
    case 'openYear':
      await h['pdca.rounds.open']({ planId: 1, fiscalYear: o.fy });
      return;
    case 'editRecord': {
      const [round] = await ok(h, 'pdca.rounds.list', { planId: 1, fiscalYear: o.fy });
      if (!round) return;
      const records = await ok(h, 'pdca.records.list', { roundId: round.id });
      const r = records[o.pick % Math.max(1, records.length)];
      const evals = settings.levels.filter((x) => x.axis === 'evaluation');
      if (r)
        await h['pdca.records.update']({
          roundId: round.id,
          kpis: [],
          changes: [
            {
              recordId: r.id,
              patch: { evaluationId: evals[o.level % evals.length]!.id, resultText: 'later' },
            },
          ],
        });
      return;
    }
    case 'importReturn': {
      const [round] = await ok(h, 'pdca.rounds.list', { planId: 1, fiscalYear: o.fy });
      if (!round) return;
      const targets = await ok(h, 'exchange.exportTargets', {
        roundId: round.id,
        scope: 'section',
      });
      const t = targets[o.pick % Math.max(1, targets.length)];
      if (!t) return;
      const file = await ok(h, 'exchange.exportWorkbook', {
        roundId: round.id,
        orgUnitId: t.orgUnitId,
        scope: 'section',
        contact: '事務局',
      });
      const buffer = Buffer.from(file.data);
      const codes = items.map((i) => i.code);
      const edits = o.rows.map((k) => ({
        code: codes[k % codes.length]!,
        header: '取組実績（D）',
        value: `回答${k}`,
      }));
      let back: Buffer;
      try {
        back = await editWorkbook(buffer, edits);
      } catch {
        back = buffer; // a row that is not in this section's workbook
      }
      const preview = await ok(h, 'exchange.previewReturn', {
        roundId: round.id,
        file: asFile('r.xlsx', back),
      });
      if (preview.ok)
        await ok(h, 'exchange.applyReturn', {
          roundId: round.id,
          file: asFile('r.xlsx', back),
          ...acceptAll(preview),
        });
      return;
    }
  }
}

describe('a closed year never changes', () => {
  it('whatever is done later: its dashboard, 総括表, 進捗状況一覧 and publication CSV stay as closed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 10 }), async (ops) => {
        const { handlers: h, store } = sampleStore();
        await closedYear(h, CLOSED);
        const d0 = await ok(h, 'dashboard.get', { planId: 1, fiscalYear: CLOSED });
        const before = published(h, store.db, d0);
        for (const o of ops) {
          try {
            await run(h, o);
          } catch (e) {
            // A refusal is an AppError with a Japanese message; anything else is a bug.
            const code = (e as { code?: string }).code;
            if (!code || code === 'INTERNAL') throw e;
          }
        }
        const d1 = await ok(h, 'dashboard.get', { planId: 1, fiscalYear: CLOSED });
        expect(published(h, store.db, d1)).toBe(before);
        expect(store.db.pragma('foreign_key_check')).toEqual([]);
      }),
      { numRuns: 40 },
    );
  }, 240_000);
});
