import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { publicationCsv, publicationXlsx } from '../../../electron/publication/publication';
import { reportData } from '../../../electron/reports/report-data';
import { buildReport } from '../../../shared/reports/build';
import { summarizeStatusChange } from '../../../shared/status-change';
import { acceptAll, asFile, editWorkbook, exported, fails, ok } from '../exchange/helpers';
import { sampleStore } from '../helpers';
import { closedYear, reportOpts } from './helpers';

const JINJI = 2; // 人事行政課 in the sample

describe('a 部・課 renamed from a fiscal year on (機構改革)', () => {
  async function renamed() {
    const s = sampleStore();
    const [r6] = await ok(s.handlers, 'pdca.rounds.open', { planId: 1, fiscalYear: 2024 });
    const [r7] = await ok(s.handlers, 'pdca.rounds.open', { planId: 1, fiscalYear: 2025 });
    await ok(s.handlers, 'org.rename', { unitId: JINJI, name: '行政経営課', fromFy: 2025 });
    return { ...s, r6: r6!, r7: r7! };
  }

  it('leaves 令和6年度 with 人事行政課 in the grid, 未回答一覧, dashboard, reports and publication', async () => {
    const { store, handlers, r6 } = await renamed();
    const names = (items: { assignments: { sectionName: string }[] }[]) =>
      new Set(items.flatMap((i) => i.assignments.map((a) => a.sectionName)));
    const y6 = await ok(handlers, 'items.list', { planId: 1, fiscalYear: 2024 });
    const y7 = await ok(handlers, 'items.list', { planId: 1, fiscalYear: 2025 });
    const now = await ok(handlers, 'items.list', { planId: 1 });
    expect(names(y6)).toContain('人事行政課');
    expect(names(y6)).not.toContain('行政経営課');
    expect(names(y7)).toContain('行政経営課');
    expect(names(y7)).not.toContain('人事行政課');
    expect(names(now)).toContain('行政経営課');

    const un = await ok(handlers, 'pdca.unanswered', { roundId: r6.id });
    expect(un.map((u) => u.sectionName)).toContain('人事行政課');
    expect(un.map((u) => u.sectionName)).not.toContain('行政経営課');

    const d6 = await ok(handlers, 'dashboard.get', { planId: 1, fiscalYear: 2024 });
    expect(d6.bySection.map((b) => b.label)).toContain('人事行政課');
    expect(d6.bySection.map((b) => b.label)).not.toContain('行政経営課');
    const d7 = await ok(handlers, 'dashboard.get', { planId: 1, fiscalYear: 2025 });
    expect(d7.bySection.map((b) => b.label)).toContain('行政経営課');

    const progress = JSON.stringify(
      buildReport(reportData(store.db, 1, 2024, null), reportOpts('progress', 2024)),
    );
    expect(progress).toContain('人事行政課');
    expect(progress).not.toContain('行政経営課');

    const csv = publicationCsv(store.db, 1, 2024).data.toString('utf8');
    expect(csv).toContain('人事行政課');
    expect(csv).not.toContain('行政経営課');
  });

  it('still exports 令和6年度 to the six sections as they were, and reads the return back', async () => {
    const { handlers, store, r6, r7 } = await renamed();
    const t6 = await ok(handlers, 'exchange.exportTargets', { roundId: r6.id, scope: 'section' });
    expect(t6.map((t) => t.name)).toEqual([
      '人事行政課',
      '財政課',
      '税務課',
      '秘書政策課',
      '市民課',
      '土木課',
    ]);
    const jinji = t6.find((t) => t.name === '人事行政課')!;
    expect(jinji.items).toBe(17);
    expect(jinji.fileName).toBe('令和6年度_実績_人事行政課_進捗管理表.xlsx');
    const t7 = await ok(handlers, 'exchange.exportTargets', { roundId: r7.id, scope: 'section' });
    expect(t7.map((t) => t.name)).toContain('行政経営課');
    expect(t7.find((t) => t.name === '行政経営課')!.items).toBe(17);
    expect(t7.map((t) => t.name)).not.toContain('人事行政課');

    const file = await ok(handlers, 'exchange.exportWorkbook', {
      roundId: r6.id,
      orgUnitId: jinji.orgUnitId,
      scope: 'section',
      contact: '事務局',
    });
    expect(file.fileName).toBe('令和6年度_実績_人事行政課_進捗管理表.xlsx');
    const back = await editWorkbook(Buffer.from(file.data), [
      { code: '1-(1)-1', header: '取組実績（D）', value: '令和6年度の実績' },
    ]);
    const preview = await ok(handlers, 'exchange.previewReturn', {
      roundId: r6.id,
      file: asFile('r6.xlsx', back),
    });
    expect(preview.ok).toBe(true);
    expect(preview.orgUnitName).toBe('人事行政課');
    await ok(handlers, 'exchange.applyReturn', {
      roundId: r6.id,
      file: asFile('r6.xlsx', back),
      ...acceptAll(preview),
    });
    expect(
      store.db
        .prepare('SELECT result_text FROM pdca_records WHERE round_id = ? AND item_id = 1')
        .pluck()
        .get(r6.id),
    ).toBe('令和6年度の実績');
  });

  it('keeps the history of each item: the old section to 令和6年度, the new one from 令和7年度', async () => {
    const { store } = await renamed();
    const rows = store.db
      .prepare(
        `SELECT u.name, ia.valid_from_fy AS "from", ia.valid_to_fy AS "to" FROM item_assignments ia
         JOIN org_units u ON u.id = ia.org_unit_id WHERE ia.item_id = 1 ORDER BY ia.id`,
      )
      .all();
    expect(rows).toEqual([
      { name: '人事行政課', from: null, to: 2024 },
      { name: '行政経営課', from: 2025, to: null },
    ]);
  });
});

describe('実施担当 edited after a 機構改革', () => {
  it('changes the sections from the year of the change; the past years keep theirs', async () => {
    const { handlers } = sampleStore();
    await ok(handlers, 'org.rename', { unitId: JINJI, name: '行政経営課', fromFy: 2025 });
    const units = await ok(handlers, 'org.list', {});
    const newId = units.find((u) => u.name === '行政経営課')!.id;
    await ok(handlers, 'items.setAssignments', {
      itemId: 1,
      assignments: [
        { orgUnitId: newId, role: 'lead' },
        { orgUnitId: 3, role: 'support' },
      ],
      involvesRelatedSections: false,
    });
    const of = async (fiscalYear?: number) =>
      (await ok(handlers, 'items.list', { planId: 1, ...(fiscalYear ? { fiscalYear } : {}) }))
        .find((i) => i.id === 1)!
        .assignments.map((a) => `${a.sectionName}:${a.role}`);
    expect(await of(2024)).toEqual(['人事行政課:lead']);
    expect(await of(2025)).toEqual(['行政経営課:lead', '財政課:support']);
    expect(await of()).toEqual(['行政経営課:lead', '財政課:support']);
  });
});

describe('items live in years', () => {
  it('an item added mid-plan joins the open round, never a closed year', async () => {
    const { handlers } = sampleStore();
    await closedYear(handlers, 2023);
    const before = await ok(handlers, 'dashboard.get', { planId: 1, fiscalYear: 2023 });
    const [r6] = await ok(handlers, 'pdca.rounds.open', { planId: 1, fiscalYear: 2024 });

    // 追加年度 defaults to the year being worked on
    const item = await ok(handlers, 'items.create', {
      areaId: 1,
      afterItemId: null,
      name: '年度途中に追加した項目',
    });
    expect(item.startFy).toBe(2024);
    const refused = await fails(handlers, 'items.create', {
      areaId: 1,
      afterItemId: null,
      name: '締めた年度に追加',
      startFy: 2023,
    });
    expect(refused.code).toBe('LOCKED');
    expect(refused.message).toContain('令和5年度は締めている');

    const after = await ok(handlers, 'dashboard.get', { planId: 1, fiscalYear: 2023 });
    expect(after.total).toEqual(before.total);
    expect(after.statusCounts).toEqual(before.statusCounts);

    // the open round gains it: grid (records and year items), 未回答一覧, dashboard, exports
    const records = await ok(handlers, 'pdca.records.list', { roundId: r6!.id });
    expect(records.some((r) => r.itemId === item.id)).toBe(true);
    const y6 = await ok(handlers, 'items.list', { planId: 1, fiscalYear: 2024 });
    expect(y6.some((i) => i.id === item.id)).toBe(true);
    const y5 = await ok(handlers, 'items.list', { planId: 1, fiscalYear: 2023 });
    expect(y5.some((i) => i.id === item.id)).toBe(false);
    const un = await ok(handlers, 'pdca.unanswered', { roundId: r6!.id });
    expect(un.flatMap((u) => u.items.map((i) => i.itemId))).toContain(item.id);
    const d6 = await ok(handlers, 'dashboard.get', { planId: 1, fiscalYear: 2024 });
    expect(d6.total.unevaluated).toBe(38);
    const [round6] = await ok(handlers, 'pdca.rounds.list', { planId: 1, fiscalYear: 2024 });
    expect(Object.values(round6!.counts).reduce((a, b) => a + b, 0)).toBe(38);
  });

  it('an item added from a later year has no record in earlier open years', async () => {
    const { handlers } = sampleStore();
    const [r5] = await ok(handlers, 'pdca.rounds.open', { planId: 1, fiscalYear: 2023 });
    const item = await ok(handlers, 'items.create', {
      areaId: 1,
      afterItemId: null,
      name: '令和6年度からの項目',
      startFy: 2024,
    });
    const records = await ok(handlers, 'pdca.records.list', { roundId: r5!.id });
    expect(records.some((r) => r.itemId === item.id)).toBe(false);
    const [r6] = await ok(handlers, 'pdca.rounds.open', { planId: 1, fiscalYear: 2024 });
    const later = await ok(handlers, 'pdca.records.list', { roundId: r6!.id });
    expect(later.some((r) => r.itemId === item.id)).toBe(true);
    // 完了・廃止: it leaves the years after its end
    await ok(handlers, 'items.update', { itemId: item.id, patch: { endFy: 2024 } });
    const [r7] = await ok(handlers, 'pdca.rounds.open', { planId: 1, fiscalYear: 2025 });
    expect(
      (await ok(handlers, 'pdca.records.list', { roundId: r7!.id })).some(
        (r) => r.itemId === item.id,
      ),
    ).toBe(false);
  });
});

describe('answers a 事務局 can trust', () => {
  it('a return with blank rows and a supporting section’s row: only the answered lead rows become 回答済', async () => {
    const { handlers, store, round, buffer, target } = await exported();
    const back = await editWorkbook(buffer, [
      { code: '1-(1)-1', header: '取組実績（D）', value: '手続を20件追加した。' },
      { code: '1-(1)-2', header: '自己評価', value: 'A 計画どおり' },
      // 1-(1)-4: 財政課 leads; 人事行政課 only supports
      { code: '1-(1)-4', header: '取組実績（D）', value: '支援課が書いた実績' },
    ]);
    const ws = new ExcelJS.Workbook();
    await ws.xlsx.load(buffer as unknown as ArrayBuffer);
    const sheet = ws.getWorksheet('進捗管理表')!;
    const roleOf = (code: string) => {
      for (let r = 5; r <= sheet.rowCount; r++)
        if (sheet.getCell(r, 2).text === code) return sheet.getRow(r);
      return null;
    };
    // the supporting row is there for reference, locked
    const support = roleOf('1-(1)-4')!;
    const roleCol = [...Array(sheet.columnCount).keys()]
      .map((i) => i + 1)
      .find((c) => sheet.getCell(4, c).text.includes('担当'))!;
    expect(support.getCell(roleCol).text).toBe('支援（参考）');
    support.eachCell((c) => expect(c.protection?.locked).not.toBe(false));

    const preview = await ok(handlers, 'exchange.previewReturn', {
      roundId: round.id,
      file: asFile('回答.xlsx', back),
    });
    expect(preview.ok).toBe(true);
    expect(preview.problems.map((p) => p.message).join()).toContain('支援課として参考に送った行');
    const ref = preview.items.find((i) => i.code === '1-(1)-4')!;
    expect(ref.fields.map((f) => f.kind)).toEqual(['ignored']);
    const summary = await ok(handlers, 'exchange.applyReturn', {
      roundId: round.id,
      file: asFile('回答.xlsx', back),
      ...acceptAll(preview),
    });
    expect(summary).toMatchObject({ applied: 2, answered: 2 });
    const statuses = store.db
      .prepare(
        "SELECT item_id, status FROM pdca_records WHERE round_id = ? AND status <> 'unrequested'",
      )
      .all(round.id);
    expect(statuses).toEqual([
      { item_id: 1, status: 'answered' },
      { item_id: 2, status: 'answered' },
    ]);
    expect(
      store.db
        .prepare('SELECT result_text FROM pdca_records WHERE round_id = ? AND item_id = 4')
        .pluck()
        .get(round.id),
    ).toBe('');
    const un = await ok(handlers, 'pdca.unanswered', { roundId: round.id });
    const jinji = un.find((u) => u.sectionId === target.orgUnitId)!;
    expect(jinji.items).toHaveLength(14);
    // the lead section is still chased for 1-(1)-4
    const zaisei = un.find((u) => u.sectionName === '財政課')!;
    expect(zaisei.items.map((i) => i.itemId)).toContain(4);
  });

  it('items with only 関係部課 are listed for the round and can be given to a section', async () => {
    const { handlers } = sampleStore();
    const [round] = await ok(handlers, 'pdca.rounds.open', { planId: 1, fiscalYear: 2025 });
    const none = await ok(handlers, 'pdca.unassigned', { roundId: round!.id });
    expect(none.map((i) => i.code)).toEqual([
      '2-(2)-1',
      '2-(2)-9',
      '3-(2)-1',
      '3-(2)-5',
      '3-(2)-6',
    ]);
    const un = await ok(handlers, 'pdca.unanswered', { roundId: round!.id });
    expect(un.find((u) => u.sectionId === null)!.items).toHaveLength(5);

    await ok(handlers, 'pdca.roundAnswerers.set', {
      roundId: round!.id,
      itemIds: [none[0]!.itemId],
      orgUnitId: 3,
    });
    const t = await ok(handlers, 'exchange.exportTargets', {
      roundId: round!.id,
      scope: 'section',
    });
    expect(t.find((x) => x.name === '財政課')!.items).toBe(7);
    const after = await ok(handlers, 'pdca.unassigned', { roundId: round!.id });
    expect(after.filter((i) => i.orgUnitId === null)).toHaveLength(4);
    expect(after.find((i) => i.itemId === none[0]!.itemId)!.orgUnitId).toBe(3);
    // and back to the 事務局
    await ok(handlers, 'pdca.roundAnswerers.set', {
      roundId: round!.id,
      itemIds: [none[0]!.itemId],
      orgUnitId: null,
    });
    expect(
      (await ok(handlers, 'pdca.unassigned', { roundId: round!.id })).every(
        (i) => i.orgUnitId === null,
      ),
    ).toBe(true);
    const refused = await fails(handlers, 'pdca.roundAnswerers.set', {
      roundId: round!.id,
      itemIds: [1],
      orgUnitId: 3,
    });
    expect(refused.message).toContain('実施担当の課がある改革項目');
  });
});

describe('closing a year', () => {
  it('the closed figures are the figures of the moment of closing', async () => {
    const { handlers } = sampleStore();
    for (const itemId of [2, 5, 9])
      await ok(handlers, 'kpis.save', {
        itemId,
        kpis: [
          {
            name: `指標${itemId}`,
            unit: '件',
            direction: itemId === 5 ? 'lower' : 'higher',
            progressMethod: 'cumulative',
            baseFy: null,
            baseValue: null,
            finalTarget: 100,
            values: [{ fiscalYear: 2023, target: 50, actual: itemId * 10 }],
          },
        ],
      });
    await ok(handlers, 'org.rename', { unitId: JINJI, name: '行政経営課', fromFy: 2025 });
    await closedYear(handlers, 2023, false);
    const live = await ok(handlers, 'dashboard.get', { planId: 1, fiscalYear: 2023 });
    await ok(handlers, 'years.close', { planId: 1, fiscalYear: 2023 });
    const closed = await ok(handlers, 'dashboard.get', { planId: 1, fiscalYear: 2023 });
    const sortBands = (d: typeof live) => ({
      ...d,
      kpi: {
        ...d.kpi,
        bands: Object.fromEntries(
          Object.entries(d.kpi.bands).map(([k, v]) => [k, [...v].sort((a, b) => a - b)]),
        ),
      },
    });
    expect(sortBands(closed)).toEqual(sortBands(live));
    expect(live.kpi.count).toBe(3);
    expect(live.bySection.map((b) => b.label)).toContain('人事行政課');
  });

  it('closes only when the last round is all 確定; reopening needs a reason and is audited', async () => {
    const { handlers, store } = sampleStore();
    const { records } = await closedYear(handlers, 2023, false);
    await ok(handlers, 'pdca.records.setStatus', {
      recordIds: [records[0]!.id],
      status: 'checked',
      reason: 'もう一度確認する',
    });
    const notYet = await fails(handlers, 'years.close', { planId: 1, fiscalYear: 2023 });
    expect(notYet.message).toContain('確定していない記録が1件');
    await ok(handlers, 'pdca.records.setStatus', {
      recordIds: [records[0]!.id],
      status: 'final',
    });
    const state = await ok(handlers, 'years.close', { planId: 1, fiscalYear: 2023 });
    expect(state).toMatchObject({ closed: true, canClose: false, notFinal: 0 });

    // nothing of a closed year can be unlocked, from the app or the store
    const unlock = await fails(handlers, 'pdca.records.setStatus', {
      recordIds: [records[0]!.id],
      status: 'checked',
      reason: '直したい',
    });
    expect(unlock.code).toBe('LOCKED');
    expect(unlock.message).toContain('訂正');
    expect(() =>
      store.db
        .prepare("UPDATE pdca_records SET status = 'checked' WHERE id = ?")
        .run(records[0]!.id),
    ).toThrow(/closed/);
    expect((await fails(handlers, 'pdca.rounds.open', { planId: 1, fiscalYear: 2023 })).code).toBe(
      'LOCKED',
    );

    const noReason = await fails(handlers, 'years.reopen', {
      planId: 1,
      fiscalYear: 2023,
      reason: '',
    });
    expect(noReason.code).toBe('VALIDATION');
    const open = await ok(handlers, 'years.reopen', {
      planId: 1,
      fiscalYear: 2023,
      reason: '監査の指摘で実績を見直す',
    });
    expect(open.closed).toBe(false);
    const audit = store.db
      .prepare("SELECT action, new_value FROM audit_log WHERE entity = 'year_close' ORDER BY id")
      .all();
    expect(audit).toEqual([
      { action: 'create', new_value: expect.stringContaining('"fiscalYear":2023') },
      { action: 'delete', new_value: JSON.stringify({ reason: '監査の指摘で実績を見直す' }) },
    ]);
  });

  it('a correction (訂正) changes the record and the closed figures, and is listed with old, new and reason', async () => {
    const { handlers, store } = sampleStore();
    const { records } = await closedYear(handlers, 2023);
    const settings = await ok(handlers, 'pdca.settings.get', { planId: 1 });
    const before = await ok(handlers, 'dashboard.get', { planId: 1, fiscalYear: 2023 });
    const target = records.find((r) => r.itemId === 1)!;
    const current = (await ok(handlers, 'pdca.records.list', { roundId: target.roundId })).find(
      (r) => r.id === target.id,
    )!;
    const s = settings.levels.find(
      (l) => l.axis === 'evaluation' && !l.excluded && l.id !== current.evaluationId,
    )!;
    expect(current.evaluationId).not.toBe(s.id);

    const plain = await fails(handlers, 'pdca.records.update', {
      roundId: target.roundId,
      kpis: [],
      changes: [{ recordId: target.id, patch: { evaluationId: s.id } }],
    });
    expect(plain.code).toBe('LOCKED');
    const noReason = await fails(handlers, 'years.correctRecord', {
      recordId: target.id,
      patch: { evaluationId: s.id },
      reason: ' ',
    });
    expect(noReason.code).toBe('VALIDATION');

    const corrected = await ok(handlers, 'years.correctRecord', {
      recordId: target.id,
      patch: { evaluationId: s.id, resultText: '訂正後の実績' },
      reason: '担当課から実績の誤りの連絡',
    });
    expect(corrected).toMatchObject({ evaluationId: s.id, status: 'final' });
    const after = await ok(handlers, 'dashboard.get', { planId: 1, fiscalYear: 2023 });
    expect(after.total.counts[s.id]).toBe((before.total.counts[s.id] ?? 0) + 1);
    expect(after.total.evaluated).toBe(before.total.evaluated + (current.evaluationId ? 0 : 1));

    const list = await ok(handlers, 'years.corrections', { planId: 1, fiscalYear: 2023 });
    expect(list.map((c) => [c.itemCode, c.fieldLabel, c.newText, c.reason])).toEqual([
      ['1-(1)-1', '取組実績', '訂正後の実績', '担当課から実績の誤りの連絡'],
      ['1-(1)-1', '自己評価', `${s.code} ${s.label}`, '担当課から実績の誤りの連絡'],
    ]);
    expect(list[0]!.oldText).toBe('2023年度の実績 1');
    // the report and the publication say the corrected value; the xlsx lists the corrections
    const progress = JSON.stringify(
      buildReport(reportData(store.db, 1, 2023, null), reportOpts('progress', 2023)),
    );
    expect(progress).toContain('訂正後の実績');
    const xlsx = await publicationXlsx(store.db, 1, 2023);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.data as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('訂正一覧')!;
    expect(sheet.getCell('D4').text).toBe('自己評価');
    expect(sheet.getCell('G4').text).toBe('担当課から実績の誤りの連絡');
    // KPI values of a closed year are corrected the same way, never edited
    const kpi = await ok(handlers, 'kpis.save', {
      itemId: 2,
      kpis: [
        {
          name: '電子申請件数',
          unit: '件',
          direction: 'higher',
          progressMethod: 'cumulative',
          baseFy: null,
          baseValue: null,
          finalTarget: 100,
          values: [],
        },
      ],
    });
    const set = await fails(handlers, 'kpis.setValues', {
      changes: [{ kpiId: kpi[0]!.id, fiscalYear: 2023, actual: 10 }],
    });
    expect(set.code).toBe('LOCKED');
    await ok(handlers, 'years.correctKpi', {
      kpiId: kpi[0]!.id,
      fiscalYear: 2023,
      field: 'actual',
      value: 10,
      reason: '集計漏れ',
    });
    expect(
      (await ok(handlers, 'years.corrections', { planId: 1, fiscalYear: 2023 })).at(-1),
    ).toMatchObject({
      fieldLabel: '指標「電子申請件数」の実績値',
      oldText: '（空欄）',
      newText: '10件',
    });
  });
});

describe('bulk status changes', () => {
  it('refuses 確定 of records with empty D/C unless those records are confirmed', async () => {
    const { handlers } = sampleStore();
    const [round] = await ok(handlers, 'pdca.rounds.open', { planId: 1, fiscalYear: 2025 });
    const records = await ok(handlers, 'pdca.records.list', { roundId: round!.id });
    await ok(handlers, 'pdca.records.update', {
      roundId: round!.id,
      kpis: [],
      changes: [{ recordId: records[0]!.id, patch: { resultText: '実績', evaluationId: null } }],
    });
    const settings = await ok(handlers, 'pdca.settings.get', { planId: 1 });
    const a = settings.levels.find((l) => l.code === 'A')!;
    await ok(handlers, 'pdca.records.update', {
      roundId: round!.id,
      kpis: [],
      changes: [{ recordId: records[1]!.id, patch: { resultText: '実績', evaluationId: a.id } }],
    });
    const ids = records.slice(0, 3).map((r) => r.id);
    const refused = await fails(handlers, 'pdca.records.setStatus', {
      recordIds: ids,
      status: 'final',
    });
    expect(refused.message).toContain('空欄の記録が2件');
    const listed = await ok(handlers, 'pdca.records.list', { roundId: round!.id });
    expect(listed.filter((r) => r.status === 'final')).toHaveLength(0);
    await ok(handlers, 'pdca.records.setStatus', {
      recordIds: ids,
      status: 'final',
      confirmEmptyIds: [ids[0]!, ids[2]!],
    });
    const done = await ok(handlers, 'pdca.records.list', { roundId: round!.id });
    expect(done.filter((r) => r.status === 'final')).toHaveLength(3);

    const summary = summarizeStatusChange(done.slice(0, 5), 'checked');
    expect(summary).toMatchObject({ total: 5, changing: 5, emptyFinal: [] });
    expect(summary.byStatus).toMatchObject({ final: 3, unrequested: 2 });
    expect(summary.unlocking).toEqual(ids);
  });
});

describe('the year before on the dashboard (増減)', () => {
  it('counts the same whether that year is still open or closed, and carries counts only', async () => {
    const { handlers } = sampleStore();
    await closedYear(handlers, 2023, false);
    await ok(handlers, 'pdca.rounds.open', { planId: 1, fiscalYear: 2024 });
    const open = await ok(handlers, 'dashboard.get', { planId: 1, fiscalYear: 2024 });
    const own2023 = await ok(handlers, 'dashboard.get', { planId: 1, fiscalYear: 2023 });
    await ok(handlers, 'years.close', { planId: 1, fiscalYear: 2023 });
    const closed = await ok(handlers, 'dashboard.get', { planId: 1, fiscalYear: 2024 });

    expect(open.previous).not.toBeNull();
    expect(closed.previous).toEqual(open.previous);
    // the counts are 2023's own, as its dashboard shows them
    const prev = open.previous!;
    expect(prev.total.counts).toEqual(own2023.total.counts);
    expect(prev.total.evaluated).toBe(own2023.total.evaluated);
    expect(prev.total.unevaluated).toBe(own2023.total.unevaluated);
    expect(prev.total.evaluated).toBeGreaterThan(0);
    expect(prev.byPriority.map((b) => b.counts)).toEqual(own2023.byPriority.map((b) => b.counts));
    expect(prev.statusAxes.map((a) => a.total.counts)).toEqual(
      own2023.statusAxes.map((a) => a.total.counts),
    );
    // no item lists: the year before is shown as numbers only
    for (const b of [prev.total, ...prev.byPriority])
      expect(Object.values(b.itemsByLevel).flat()).toEqual([]);
  });
});
