import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../electron/db/open-store';
import { dispatch } from '../../../electron/ipc/dispatch';
import type { ResultOf } from '../../../shared/contract';
import { sampleStore, tempDir, tick } from '../helpers';

type H = ReturnType<typeof sampleStore>['handlers'];

async function ok<C extends Parameters<typeof dispatch>[1]>(h: H, channel: C, input: unknown) {
  const env = await dispatch(h, channel, input, { validateResults: true });
  if (!env.ok) throw new Error(`${channel}: ${env.error.message}`);
  return env.value as ResultOf<C & keyof H>;
}
async function fails(h: H, channel: string, input: unknown) {
  const env = await dispatch(h, channel, input, { validateResults: true });
  if (env.ok) throw new Error(`${channel} should have failed`);
  return env.error;
}

async function openedYear(fy = 2023) {
  const s = sampleStore();
  const settings = await ok(s.handlers, 'pdca.settings.get', { planId: 1 });
  const rounds = await ok(s.handlers, 'pdca.rounds.open', { planId: 1, fiscalYear: fy });
  const records = await ok(s.handlers, 'pdca.records.list', { roundId: rounds[0]!.id });
  const level = (axis: string, code: string) =>
    settings.levels.find((l) => l.axis === axis && l.code === code)!.id;
  return { ...s, settings, rounds, records, level };
}

describe('scales per plan', () => {
  it('seeds a new plan with editable defaults: 進捗状況, S/A/B/C with 対象外, 方向性, one year-end round', async () => {
    const { settings } = await openedYear();
    const axis = (a: string) => settings.levels.filter((l) => l.axis === a).map((l) => l.label);
    expect(axis('progress')).toEqual(['未着手', '取組中', '完了']);
    expect(axis('evaluation')).toEqual([
      '計画以上',
      '計画どおり',
      'やや遅れている',
      'ほとんど進んでいない',
      '対象外',
    ]);
    expect(settings.levels.find((l) => l.label === '対象外')!.excluded).toBe(true);
    expect(axis('direction')).toHaveLength(6);
    expect(settings.rounds).toEqual([{ name: '実績', month: 5, day: 31, afterYearEnd: true }]);
    expect(settings.amountUnit).toBe('thousand');
  });

  it('renames a level in use without touching records, and merges a removed one by mapping only', async () => {
    const { handlers, store, settings, records, level } = await openedYear();
    const b = level('evaluation', 'B');
    const c = level('evaluation', 'C');
    await ok(handlers, 'pdca.records.update', {
      changes: [
        { recordId: records[0]!.id, patch: { evaluationId: c } },
        { recordId: records[1]!.id, patch: { evaluationId: b } },
      ],
    });
    const evalLevels = settings.levels.filter((l) => l.axis === 'evaluation');
    const input = evalLevels.map(
      ({ id, code, label, definition, color, defaultPercent, excluded }) => ({
        id,
        code,
        label,
        definition,
        color,
        defaultPercent,
        excluded,
      }),
    );
    // rename A → 順調
    input[1]!.label = '順調';
    let next = await ok(handlers, 'pdca.scale.save', {
      planId: 1,
      axis: 'evaluation',
      levels: input,
    });
    expect(next.levels.find((l) => l.id === input[1]!.id)!.label).toBe('順調');

    // removing C while in use, without a mapping, is refused and changes nothing
    const withoutC = input.filter((l) => l.id !== c);
    const err = await fails(handlers, 'pdca.scale.save', {
      planId: 1,
      axis: 'evaluation',
      levels: withoutC,
    });
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toContain('1 件の記録で使われています');
    expect(
      store.db
        .prepare('SELECT evaluation_id FROM pdca_records WHERE id = ?')
        .pluck()
        .get(records[0]!.id),
    ).toBe(c);

    // with a mapping C → B, the record moves to B (audited) and C retires
    next = await ok(handlers, 'pdca.scale.save', {
      planId: 1,
      axis: 'evaluation',
      levels: withoutC,
      mapping: { [String(c)]: b },
    });
    expect(next.levels.some((l) => l.id === c)).toBe(false);
    expect(next.levels.find((l) => l.id === b)!.usage).toBe(2);
    const audit = store.db
      .prepare(
        "SELECT old_value, new_value FROM audit_log WHERE entity = 'pdca_record' AND field = 'evaluation_id' ORDER BY id DESC LIMIT 1",
      )
      .get();
    expect(audit).toEqual({ old_value: String(c), new_value: String(b) });
  });

  it('refuses duplicate codes and an unused-axis value', async () => {
    const { handlers, records, level } = await openedYear();
    const lv = {
      code: 'S',
      label: 'x',
      definition: '',
      color: '#000000',
      defaultPercent: null,
      excluded: false,
    };
    const err = await fails(handlers, 'pdca.scale.save', {
      planId: 1,
      axis: 'evaluation',
      levels: [lv, lv],
    });
    expect(err.message).toContain('重複');
    const e2 = await fails(handlers, 'pdca.records.update', {
      changes: [{ recordId: records[0]!.id, patch: { evaluationId: level('direction', '継続') } }],
    });
    expect(e2.code).toBe('VALIDATION');
  });
});

describe('rounds, statuses and the lock', () => {
  it('opens a year with one record per item; a later round starts from the answers before it', async () => {
    const s = sampleStore();
    await ok(s.handlers, 'pdca.settings.update', {
      planId: 1,
      axisLabels: {
        progress: '進捗状況',
        progress2: null,
        evaluation: '自己評価',
        direction: '今後の方向性',
      },
      amountUnit: 'thousand',
      rounds: [
        { name: '当初計画', month: 4, day: 30, afterYearEnd: false },
        { name: '中間', month: 10, day: 31, afterYearEnd: false },
        { name: '実績', month: 3, day: 31, afterYearEnd: false },
      ],
    });
    const first = await ok(s.handlers, 'pdca.rounds.open', { planId: 1, fiscalYear: 2024 });
    expect(first.map((r) => [r.name, r.deadline])).toEqual([
      ['当初計画', '2024-04-30'],
      ['中間', '2024-10-31'],
      ['実績', '2025-03-31'],
    ]);
    expect(first[0]!.counts.unrequested).toBe(37);
    // opening again adds nothing
    expect((await ok(s.handlers, 'pdca.rounds.open', { planId: 1, fiscalYear: 2024 })).length).toBe(
      3,
    );
    expect(s.store.db.prepare('SELECT count(*) FROM pdca_records').pluck().get()).toBe(111);
  });

  it('moves records to 確定, which locks them (app and store); unlocking needs a reason and is audited', async () => {
    const { handlers, store, records, rounds } = await openedYear();
    const ids = records.slice(0, 3).map((r) => r.id);
    for (const status of ['requested', 'answered', 'checked', 'final'] as const) {
      // The records are still blank: 確定 of blank records has to be confirmed for them.
      await ok(handlers, 'pdca.records.setStatus', {
        recordIds: ids,
        status,
        confirmEmptyIds: ids,
      });
    }
    const [round] = await ok(handlers, 'pdca.rounds.list', { planId: 1, fiscalYear: 2023 });
    expect(round!.counts.final).toBe(3);
    expect(round!.id).toBe(rounds[0]!.id);

    const err = await fails(handlers, 'pdca.records.update', {
      changes: [{ recordId: ids[0]!, patch: { resultText: '変更' } }],
    });
    expect(err.code).toBe('LOCKED');
    expect(err.message).toContain('確定済み');
    // the store refuses it too, whatever code path tries
    expect(() =>
      store.db.prepare("UPDATE pdca_records SET result_text = 'x' WHERE id = ?").run(ids[0]),
    ).toThrow(/locked/);

    const noReason = await fails(handlers, 'pdca.records.setStatus', {
      recordIds: [ids[0]],
      status: 'checked',
    });
    expect(noReason.message).toContain('理由');
    await ok(handlers, 'pdca.records.setStatus', {
      recordIds: [ids[0]],
      status: 'checked',
      reason: '委員会意見で訂正',
    });
    const reason = store.db
      .prepare("SELECT new_value FROM audit_log WHERE field = 'unlockReason'")
      .pluck()
      .get();
    expect(JSON.parse(reason as string)).toBe('委員会意見で訂正');
    await ok(handlers, 'pdca.records.update', {
      changes: [{ recordId: ids[0]!, patch: { resultText: '訂正後' } }],
    });
  });

  it('refuses a whole batch when one record is locked or stale; nothing half-applied', async () => {
    const { handlers, store, records } = await openedYear();
    await ok(handlers, 'pdca.records.setStatus', {
      recordIds: [records[1]!.id],
      status: 'final',
      confirmEmptyIds: [records[1]!.id],
    });
    const before = store.db.prepare('SELECT * FROM pdca_records ORDER BY id').all();
    await fails(handlers, 'pdca.records.update', {
      changes: [
        { recordId: records[0]!.id, patch: { resultText: 'A' } },
        { recordId: records[1]!.id, patch: { resultText: 'B' } },
      ],
    });
    const stale = await fails(handlers, 'pdca.records.update', {
      changes: [{ recordId: records[2]!.id, patch: { resultText: 'C' }, expectedUpdatedAt: 'old' }],
    });
    expect(stale.code).toBe('CONFLICT');
    expect(store.db.prepare('SELECT * FROM pdca_records ORDER BY id').all()).toEqual(before);
  });

  it('lists the sections that have not answered', async () => {
    const { handlers, records, rounds } = await openedYear();
    await ok(handlers, 'pdca.records.setStatus', {
      recordIds: records.slice(1).map((r) => r.id),
      status: 'answered',
    });
    const list = await ok(handlers, 'pdca.unanswered', { roundId: rounds[0]!.id });
    expect(list).toHaveLength(1);
    expect(list[0]!.items.map((i) => i.itemId)).toEqual([records[0]!.itemId]);
    expect(list[0]!.sectionName).toBe('人事行政課');
  });

  it('gives a new item a record in every opened round', async () => {
    const { handlers, rounds } = await openedYear();
    const item = await ok(handlers, 'items.create', {
      areaId: 1,
      afterItemId: null,
      name: '新しい項目',
    });
    const recs = await ok(handlers, 'pdca.records.list', { roundId: rounds[0]!.id });
    expect(recs.some((r) => r.itemId === item.id)).toBe(true);
  });
});

describe('KPIs', () => {
  it('saves definitions with yearly values and refuses edits while the record is 確定', async () => {
    const { handlers, records, rounds } = await openedYear();
    const itemId = records[0]!.itemId;
    const kpis = await ok(handlers, 'kpis.save', {
      itemId,
      kpis: [
        {
          name: '電子申請件数',
          unit: '件',
          direction: 'higher',
          progressMethod: 'cumulative',
          baseFy: 2020,
          baseValue: 0,
          finalTarget: 500,
          values: [{ fiscalYear: 2023, target: 100, actual: 120 }],
        },
      ],
    });
    expect(kpis[0]!.values).toEqual([{ fiscalYear: 2023, target: 100, actual: 120 }]);
    await ok(handlers, 'kpis.setValues', {
      roundId: rounds[0]!.id,
      changes: [{ kpiId: kpis[0]!.id, fiscalYear: 2023, actual: 130 }],
    });
    await ok(handlers, 'pdca.records.setStatus', {
      recordIds: [records[0]!.id],
      status: 'final',
      confirmEmptyIds: [records[0]!.id],
    });
    const err = await fails(handlers, 'kpis.setValues', {
      roundId: rounds[0]!.id,
      changes: [{ kpiId: kpis[0]!.id, fiscalYear: 2023, actual: 1 }],
    });
    expect(err.code).toBe('LOCKED');
    const now = await ok(handlers, 'kpis.list', { itemId });
    expect(now[0]!.values[0]!.actual).toBe(130);
  });
});

describe('dashboard', () => {
  it('counts evaluations per 重点項目 and section, 対象外 apart, shares rounded to 0.1', async () => {
    const { handlers, records, level } = await openedYear();
    const codes = ['S', 'A', 'A', 'B', 'C', 'C', '－'];
    await ok(handlers, 'pdca.records.update', {
      changes: codes.map((c, i) => ({
        recordId: records[i]!.id,
        patch: {
          evaluationId: level('evaluation', c),
          revenueActual: 1000,
          savingActual: 500,
          savingPlan: 2000,
        },
      })),
    });
    const d = await ok(handlers, 'dashboard.get', { planId: 1, fiscalYear: 2023 });
    expect(d.total.evaluated).toBe(6);
    expect(d.total.excluded).toBe(1);
    expect(d.total.unevaluated).toBe(30);
    const pct = (code: string) => d.total.percents[String(level('evaluation', code))];
    expect([pct('S'), pct('A'), pct('B'), pct('C')]).toEqual([16.7, 33.3, 16.7, 33.3]);
    expect(d.total.itemsByLevel[String(level('evaluation', 'A'))]).toEqual([
      records[1]!.itemId,
      records[2]!.itemId,
    ]);
    expect(d.byPriority.reduce((n, p) => n + p.evaluated, 0)).toBe(6);
    const y = d.amounts.find((a) => a.fiscalYear === 2023)!;
    expect(y).toMatchObject({
      plan: 14000,
      actual: 10500,
      revenueActual: 7000,
      savingActual: 3500,
    });
    expect(d.amounts.at(-1)!.cumulativeActual).toBe(10500);
    expect(
      d.trend.find((t) => t.fiscalYear === 2023)!.counts[String(level('evaluation', 'A'))],
    ).toBe(2);
  });
});

describe("an item's years", () => {
  it('lists each year’s last round in order, for the item’s 効果額 and 累計', async () => {
    const { handlers, records } = await openedYear(2023);
    const next = await ok(handlers, 'pdca.rounds.open', { planId: 1, fiscalYear: 2024 });
    const recs24 = await ok(handlers, 'pdca.records.list', { roundId: next[0]!.id });
    const itemId = records[0]!.itemId;
    await ok(handlers, 'pdca.records.update', {
      changes: [
        { recordId: records[0]!.id, patch: { savingActual: 1000 } },
        { recordId: recs24.find((r) => r.itemId === itemId)!.id, patch: { savingActual: 2500 } },
      ],
    });
    const years = await ok(handlers, 'pdca.itemYears', { itemId });
    expect(years.map((y) => [y.fiscalYear, y.savingActual])).toEqual([
      [2023, 1000],
      [2024, 2500],
    ]);
  });
});

describe('dashboard and deleted items', () => {
  it('leaves out items deleted on their own or with their 取組分野', async () => {
    const { handlers, records, level } = await openedYear();
    await ok(handlers, 'pdca.records.update', {
      changes: records.slice(0, 8).map((r) => ({
        recordId: r.id,
        patch: { evaluationId: level('evaluation', 'A'), savingActual: 1000 },
      })),
    });
    const before = await ok(handlers, 'dashboard.get', { planId: 1, fiscalYear: 2023 });
    expect(before.total.evaluated).toBe(8);
    await ok(handlers, 'items.delete', { itemIds: [records[0]!.itemId] });
    await ok(handlers, 'outline.delete', { kind: 'area', id: 2 });
    const after = await ok(handlers, 'dashboard.get', { planId: 1, fiscalYear: 2023 });
    const inArea2 = (await ok(handlers, 'items.list', { planId: 1 })).length;
    expect(after.total.evaluated + after.total.unevaluated).toBe(inArea2);
    expect(after.amounts.find((a) => a.fiscalYear === 2023)!.actual).toBe(
      after.total.evaluated * 1000,
    );
  });
});

describe('records and KPI actuals in one edit', () => {
  it('refuses both when the record is 確定, leaving the KPI as it was', async () => {
    const { handlers, records, rounds } = await openedYear();
    const itemId = records[0]!.itemId;
    const [kpi] = await ok(handlers, 'kpis.save', {
      itemId,
      kpis: [
        {
          name: '件数',
          unit: '件',
          direction: 'higher',
          progressMethod: 'cumulative',
          baseFy: null,
          baseValue: null,
          finalTarget: 10,
          values: [],
        },
      ],
    });
    await ok(handlers, 'pdca.records.setStatus', {
      recordIds: [records[0]!.id],
      status: 'final',
      confirmEmptyIds: [records[0]!.id],
    });
    const err = await fails(handlers, 'pdca.records.update', {
      changes: [],
      roundId: rounds[0]!.id,
      kpis: [{ kpiId: kpi!.id, fiscalYear: 2023, actual: 5 }],
    });
    expect(err.code).toBe('LOCKED');
    const saveErr = await fails(handlers, 'kpis.save', {
      itemId,
      roundId: rounds[0]!.id,
      kpis: [
        {
          id: kpi!.id,
          name: '件数',
          unit: '件',
          direction: 'higher',
          progressMethod: 'cumulative',
          baseFy: null,
          baseValue: null,
          finalTarget: 10,
          values: [{ fiscalYear: 2023, target: null, actual: 5 }],
        },
      ],
    });
    expect(saveErr.code).toBe('LOCKED');
    expect((await ok(handlers, 'kpis.list', { itemId }))[0]!.values).toEqual([]);
  });
});

describe('plan rollover and lineage', () => {
  it('creates the next plan with chosen items as 【継続項目】 and shows the lineage', async () => {
    const { handlers, store, records, level } = await openedYear();
    await ok(handlers, 'pdca.records.update', {
      changes: [{ recordId: records[0]!.id, patch: { evaluationId: level('evaluation', 'A') } }],
    });
    const { planId } = await ok(handlers, 'plans.rollover', {
      planId: 1,
      title: '第2次行動計画',
      firstFy: 2026,
      lastFy: 2030,
      itemIds: [records[0]!.itemId, records[5]!.itemId],
    });
    const items = await ok(handlers, 'items.list', { planId });
    expect(items).toHaveLength(2);
    expect(items.every((i) => i.isContinued && i.predecessorItemId != null)).toBe(true);
    expect(items[0]!.initiatives.length).toBeGreaterThan(0);
    expect(items[0]!.assignments.length).toBeGreaterThan(0);
    const settings = await ok(handlers, 'pdca.settings.get', { planId });
    expect(settings.levels).toHaveLength(14);
    const lineage = await ok(handlers, 'items.lineage', { itemId: items[0]!.id });
    expect(lineage.map((l) => l.planId)).toEqual([1, planId]);
    expect(lineage[0]!.evaluations).toEqual([
      { fiscalYear: 2023, round: '実績', label: '計画どおり' },
    ]);
    const bad = await fails(handlers, 'plans.rollover', {
      planId: 1,
      title: 'x',
      firstFy: 2020,
      lastFy: 2024,
      itemIds: [],
    });
    expect(bad.message).toContain('開始年度');
    expect(store.db.prepare('SELECT count(*) FROM plans').pluck().get()).toBe(2);
  });
});

describe('migration 3', () => {
  it('gives plans made before it the default scales', () => {
    const file = path.join(tempDir(), 'v2.sqlite3');
    const v2 = openStore({ path: file, targetVersion: 2, clock: tick() });
    v2.db
      .prepare(
        "INSERT INTO plans (title, municipality, first_fy, last_fy, created_at, updated_at) VALUES ('計画', '市', 2021, 2025, 'x', 'x')",
      )
      .run();
    v2.close();
    const s = openStore({ path: file, clock: tick() });
    expect(s.schemaVersion).toBeGreaterThanOrEqual(3);
    expect(s.db.prepare('SELECT count(*) FROM scale_levels WHERE plan_id = 1').pluck().get()).toBe(
      14,
    );
    expect(
      s.db.prepare('SELECT amount_unit FROM pdca_settings WHERE plan_id = 1').pluck().get(),
    ).toBe('thousand');
    s.close();
  });
});
