import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { PlanMapping } from '../../../shared/domain/plan-import';
import { guessMapping } from '../../../shared/plan-mapping-guess';
import { buildReport } from '../../../shared/reports/build';
import { DEFAULT_PAGE, reportOptionsSchema } from '../../../shared/reports/model';
import { sampleStore } from '../helpers';
import { asFile, fails, ok } from './helpers';

/** A plan kept in another city's own layout: merged 重点 cells, ○ per year, 担当 as 部 then 課. */
async function otherCityBook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('行革プラン');
  ws.addRow(['木津川市行財政改革推進計画']);
  ws.addRow(['重点', '分野', '番号', '取組項目', '取組内容', '担当', 'R6', 'R7', 'R8', '備考']);
  ws.addRow([
    '1 行政運営の効率化',
    '(1) デジタル化',
    'R1-1',
    '電子申請の拡充',
    '申請手続を電子化する',
    '総務部\n情報政策課',
    '○',
    '○',
    '',
    'メモ',
  ]);
  ws.addRow([
    '',
    '',
    'R1-2',
    'ペーパーレス会議【継続項目】',
    '会議資料を電子化',
    '総務部／総務課',
    '',
    '検討',
    '○',
    '',
  ]);
  ws.addRow([
    '',
    '(2) 業務改善',
    '1',
    '窓口改革',
    '①窓口の一本化\n②手続案内の改善',
    '市民部\n市民課、関係部課',
    '②○',
    '①実施',
    '①○',
    '',
  ]);
  ws.addRow(['', '', '', '', '取組名がない行', '', '', '', '', '']);
  ws.addRow([
    '2 財政の健全化',
    '(1) 歳入確保',
    '1',
    '未利用地の売却',
    '',
    '財務部 管財課',
    '○',
    '○',
    '○',
    '',
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const mapping: PlanMapping = {
  sheet: '行革プラン',
  headerRow: 2,
  columns: {
    priority: 1,
    area: 2,
    number: 3,
    name: 4,
    promotion: 5,
    initiatives: 5,
    lead: 6,
    continued: null,
  },
  years: [
    { column: 7, fiscalYear: 2024 },
    { column: 8, fiscalYear: 2025 },
    { column: 9, fiscalYear: 2026 },
  ],
  plan: {
    title: '木津川市行財政改革推進計画',
    municipality: '木津川市',
    firstFy: 2024,
    lastFy: 2026,
  },
};

describe('plans in another layout, through a column mapping', () => {
  it('previews what it reads, lists what it could not, and imports with the mapping saved', async () => {
    const { handlers } = sampleStore();
    const file = asFile('kizugawa.xlsx', await otherCityBook());
    const sheets = await ok(handlers, 'planFiles.inspect', { file });
    expect(sheets[0]!.name).toBe('行革プラン');
    expect(sheets[0]!.rows[1]!.slice(0, 4)).toEqual(['重点', '分野', '番号', '取組項目']);

    const preview = await ok(handlers, 'planFiles.previewMapping', { file, mapping });
    expect(preview).toMatchObject({ priorities: 2, areas: 3, items: 4, problems: [] });
    expect(preview.skipped).toEqual([{ row: 6, reason: '改革項目名が空欄のため読み飛ばしました' }]);
    expect(preview.unmapped).toEqual(['J列「備考」']);
    expect(preview.sample.map((s) => [s.code, s.name, s.continued, s.lead, s.years])).toEqual([
      // spans in 和暦, as the plan prints them (was 2024-2025); the city's own
      // numbers kept (R1-1 …), under their headings since 「1」 repeats
      ['1-(1)-R1-1', '電子申請の拡充', false, '総務部 情報政策課', '令和6年度～令和7年度'],
      ['1-(1)-R1-2', 'ペーパーレス会議', true, '総務部 総務課', '令和7年度～令和8年度'],
      ['1-(2)-1', '窓口改革', false, '市民部 市民課、関係部課', '①令和7年度～令和8年度 ②令和6年度'],
      ['2-(1)-1', '未利用地の売却', false, '財務部 管財課', '令和6年度～令和8年度'],
    ]);

    const { planId } = await ok(handlers, 'planFiles.importMapped', {
      file,
      mapping,
      saveAs: '木津川市の様式',
    });
    const items = await ok(handlers, 'items.list', { planId });
    expect(items.map((i) => i.code)).toEqual(['1-(1)-R1-1', '1-(1)-R1-2', '1-(2)-1', '2-(1)-1']);
    expect(items.map((i) => i.writtenNumber)).toEqual(['R1-1', 'R1-2', '1', '1']);
    const plan = await ok(handlers, 'plans.get', { planId });
    expect(plan).toMatchObject({
      headingLevels: 2,
      headingNames: { priority: '重点項目', area: '取組分野' },
      numberPattern: '{p}-({a})-{c}',
    });
    expect(items.map((i) => i.name)).toEqual([
      '電子申請の拡充',
      'ペーパーレス会議',
      '窓口改革',
      '未利用地の売却',
    ]);
    const saved = await ok(handlers, 'planFiles.mappings', {});
    expect(saved.map((m) => m.name)).toEqual(['木津川市の様式']);
    expect(saved[0]!.mapping.columns.name).toBe(4);
  });

  it('refuses a mapping that reads nothing, writing nothing', async () => {
    const { handlers, store } = sampleStore();
    const file = asFile('kizugawa.xlsx', await otherCityBook());
    const bad = { ...mapping, headerRow: 50 };
    const preview = await ok(handlers, 'planFiles.previewMapping', { file, mapping: bad });
    expect(preview.problems[0]).toContain('改革項目が1件も読めませんでした');
    const before = store.db.prepare('SELECT count(*) FROM plans').pluck().get();
    const err = await fails(handlers, 'planFiles.importMapped', { file, mapping: bad });
    expect(err.code).toBe('VALIDATION');
    expect(store.db.prepare('SELECT count(*) FROM plans').pluck().get()).toBe(before);
  });

  it('imports a workbook written by the app as a new plan, and refuses other layouts with what to do', async () => {
    const { handlers } = sampleStore();
    const out = await ok(handlers, 'planFiles.export', { planId: 1 });
    const { planId, title } = await ok(handlers, 'planFiles.import', {
      file: { name: out.fileName, data: Buffer.from(out.data) },
    });
    expect(title).toBe('二本松市市政改革推進行動計画');
    expect((await ok(handlers, 'items.list', { planId })).length).toBe(37);
    const err = await fails(handlers, 'planFiles.import', {
      file: asFile('kizugawa.xlsx', await otherCityBook()),
    });
    expect(err.message).toContain('列を対応付けて取り込む');
  });
});

describe('a plan’s own numbers', () => {
  it('are shown by the plan’s pattern, which can be changed, with an item’s written number editable', async () => {
    const { handlers } = sampleStore();
    const item = (await ok(handlers, 'items.list', { planId: 1 }))[0]!;
    expect(item.code).toBe('1-(1)-1');
    await ok(handlers, 'items.update', {
      itemId: item.id,
      patch: { writtenNumber: '１' },
      expectedUpdatedAt: item.updatedAt,
    });
    await ok(handlers, 'plans.rename', {
      planId: 1,
      title: '二本松市市政改革推進行動計画',
      numberPattern: '{p}-{c}',
    });
    const after = (await ok(handlers, 'items.list', { planId: 1 })).slice(0, 2);
    // 「１」 as the city wrote it; the next item has none, so its number in the 分野
    expect(after.map((i) => i.code)).toEqual(['1-１', '1-2']);
    const err = await fails(handlers, 'plans.rename', {
      planId: 1,
      title: 'x',
      numberPattern: '{c}-{x}',
    });
    expect(err.message).toContain('{p} {a} {n} {c}');
  });
});

describe('a plan of four levels (基本目標 → 重点項目 → 取組分野 → 改革項目)', () => {
  it('keeps the level above 重点項目 with its own name through import, reports, the plan workbook and the summary', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('計画');
    ws.addRow(['基本目標', '重点項目', '取組分野', '番号', '改革項目', '担当課', 'R6評価']);
    ws.addRow([
      '1 持続可能な行政',
      '1 事務の効率化',
      '(1) デジタル化',
      1,
      '電子申請',
      '総務課',
      'A',
    ]);
    ws.addRow(['', '', '(2) 業務改善', 2, '窓口改革', '市民課', 'B']);
    ws.addRow(['', '2 財政の健全化', '(1) 歳入確保', 3, '未利用地の売却', '管財課', 'S']);
    ws.addRow(['2 市民と共に', '3 協働の推進', '(1) 協働', 4, '協働事業', '市民協働課', 'A']);
    const file = asFile('four.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    const { handlers: h } = sampleStore();
    const sheets = await ok(h, 'planFiles.inspect', { file });
    const mapping = guessMapping(sheets, '計画', null, null, 2026);
    expect(mapping.columns).toMatchObject({ group: 1, priority: 2, area: 3, number: 4, name: 5 });
    mapping.plan = { ...mapping.plan, municipality: '市', firstFy: 2024, lastFy: 2028 };
    const preview = await ok(h, 'planFiles.previewMapping', { file, mapping });
    expect(preview).toMatchObject({ groups: 2, priorities: 3, areas: 4, items: 4, problems: [] });
    const { planId } = await ok(h, 'planFiles.importMapped', { file, mapping });
    const plan = await ok(h, 'plans.get', { planId });
    expect(plan.headingLevels).toBe(3);
    expect(plan.headingNames.group).toBe('基本目標');
    expect(plan.groups.map((g) => [g.number, g.title])).toEqual([
      [1, '持続可能な行政'],
      [2, '市民と共に'],
    ]);
    expect(plan.priorities.map((p) => plan.groups.find((g) => g.id === p.groupId)?.number)).toEqual(
      [1, 1, 2],
    );
    // printed above its 重点項目
    const data = await ok(h, 'reports.data', { planId, fiscalYear: 2024 });
    const doc = buildReport(
      data,
      reportOptionsSchema.parse({
        kind: 'plan',
        planId,
        fiscalYear: 2024,
        roundId: null,
        ...DEFAULT_PAGE.plan,
      }),
    );
    const headings = doc.blocks.flatMap((b) => (b.kind === 'heading' ? [[b.level, b.text]] : []));
    expect(headings).toEqual([
      [1, '基本目標1　持続可能な行政'],
      [2, '重点項目1　事務の効率化'],
      [3, '(1) デジタル化'],
      [3, '(2) 業務改善'],
      [2, '重点項目2　財政の健全化'],
      [3, '(1) 歳入確保'],
      [1, '基本目標2　市民と共に'],
      [2, '重点項目3　協働の推進'],
      [3, '(1) 協働'],
    ]);
    // out as the app's plan workbook and back in, whole
    const out = await ok(h, 'planFiles.export', { planId });
    const again = await ok(h, 'planFiles.import', {
      file: { name: out.fileName, data: Buffer.from(out.data) },
    });
    const copy = await ok(h, 'plans.get', { planId: again.planId });
    expect(copy.headingLevels).toBe(3);
    expect(copy.groups.map((g) => g.title)).toEqual(['持続可能な行政', '市民と共に']);
    expect(copy.priorities.map((p) => copy.groups.find((g) => g.id === p.groupId)?.number)).toEqual(
      [1, 1, 2],
    );
  });
});
