import { describe, expect, it } from 'vitest';
import { beginChangeSet } from '../../../electron/audit/audit-log';
import { openStore } from '../../../electron/db/open-store';
import {
  buildPlanWorkbook,
  planToFile,
  readPlanWorkbook,
} from '../../../electron/plan-files/plan-workbook';
import { listItems } from '../../../electron/items/item-queries';
import { loadPlanFile } from '../../../electron/plans/load-plan-file';
import { getPlanDetail } from '../../../electron/plans/plan-queries';
import { ACTOR, sampleStore, tick } from '../helpers';

/** What a plan is, without the ids and times a store gives it. */
function shape(db: Parameters<typeof listItems>[0], planId: number) {
  const d = getPlanDetail(db, planId);
  const phase = new Map(d.phases.map((p) => [p.id, p.code]));
  return {
    plan: [d.title, d.municipality, d.firstFy, d.lastFy],
    phases: d.phases.map((p) => [p.code, p.label]),
    glossary: d.glossary.map((g) => [g.term, g.description]),
    outline: d.priorities.map((p) => [
      p.number,
      p.title,
      p.leadText,
      p.areas.map((a) => [a.number, a.title, a.leadText]),
    ]),
    items: listItems(db, { planId }).map((i) => ({
      code: i.code,
      name: i.name,
      continued: i.isContinued,
      promotion: i.promotion,
      related: i.involvesRelatedSections,
      initiatives: i.initiatives.map((n) => [
        n.label,
        n.text,
        n.points,
        n.spans.map((s) => [s.startFy, s.endFy, phase.get(s.phaseId)]),
      ]),
      assignments: i.assignments.map((a) => [a.role, a.departmentName, a.sectionName]),
    })),
  };
}

describe('plan workbooks', () => {
  it('export → import reproduces the sample plan exactly', async () => {
    const { store } = sampleStore();
    const file = planToFile(store.db, 1);
    const { fileName, buffer } = await buildPlanWorkbook(file);
    expect(fileName).toBe('二本松市市政改革推進行動計画_令和3年度～令和7年度.xlsx');
    const read = readPlanWorkbook(buffer);
    if (!read.ok) throw new Error(JSON.stringify(read.problems));
    expect(read.file).toEqual(file);

    // and loaded into a fresh store, it is the same plan
    const clock = tick();
    const other = openStore({ path: ':memory:', clock });
    const planId = other.db.transaction(() =>
      loadPlanFile(
        beginChangeSet(other.db, ACTOR, { kind: 'system', note: 'test' }, clock()),
        read.file,
        'test',
      ),
    )();
    expect(shape(other.db, planId)).toEqual(shape(store.db, 1));
  });

  it('keeps spans, phases and sections that the grid edits', async () => {
    const { store, handlers } = sampleStore();
    const item = listItems(store.db, { planId: 1 })[0]!;
    const phases = getPlanDetail(store.db, 1).phases;
    const { dispatch } = await import('../../../electron/ipc/dispatch');
    const env = await dispatch(handlers, 'items.setInitiatives', {
      itemId: item.id,
      initiatives: [
        {
          label: '①',
          text: '手続の見直し',
          points: ['押印の廃止', '様式の統一'],
          spans: [
            { startFy: 2021, endFy: 2022, phaseId: phases[0]!.id },
            { startFy: 2024, endFy: 2025, phaseId: phases[2]!.id },
          ],
        },
        {
          label: '②',
          text: 'オンライン化',
          points: [],
          spans: [{ startFy: 2023, endFy: 2025, phaseId: phases[1]!.id }],
        },
      ],
    });
    expect(env.ok).toBe(true);
    const file = planToFile(store.db, 1);
    const read = readPlanWorkbook((await buildPlanWorkbook(file)).buffer);
    expect(read.ok && read.file).toEqual(file);
  });

  it('refuses a workbook of another layout with what to do', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').addRow(['番号', '項目名']);
    const read = readPlanWorkbook(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.problems[0]!.message).toContain('列を対応付けて取り込む');
  });
});
