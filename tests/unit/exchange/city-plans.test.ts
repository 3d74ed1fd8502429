import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PlanMapping } from '../../../shared/domain/plan-import';
import { guessMapping } from '../../../shared/plan-mapping-guess';
import { buildReport } from '../../../shared/reports/build';
import type { ReportKind } from '../../../shared/reports/model';
import { DEFAULT_PAGE, reportOptionsSchema } from '../../../shared/reports/model';
import { sampleStore, tempDir } from '../helpers';
import { fails, ok } from './helpers';
import type { H } from './helpers';

/**
 * Three cities' plans as they keep them — their own headers, merged heading
 * cells, their own numbers, past years' evaluations in the same sheet —
 * written by openpyxl, taken in through the column mapping (as guessed) and
 * the history import, and their published summary tables reproduced from
 * the app's publication workbook, read back by openpyxl: counts, shares
 * rounded per level (a row may add up to 100.1) and row labels.
 *
 * Item names are invented; counts, evaluations, numbering and mid-plan
 * additions follow each city's published shape.
 */
const PY = '/usr/bin/python3';
const HERE = path.join(__dirname, '..', '..', 'interop');

type Cell = string | number | null;

function writeSheet(spec: {
  sheet: string;
  rows: Cell[][];
  merges?: string[];
  headerRow: number;
}): Buffer {
  const file = path.join(tempDir(), 'city.xlsx');
  const r = spawnSync(PY, [path.join(HERE, 'write_sheet.py')], {
    input: JSON.stringify({ ...spec, path: file }),
    encoding: 'utf8',
  });
  expect(r.stderr).toBe('');
  return fs.readFileSync(file);
}

function readSheet(data: Uint8Array, sheet: string): Cell[][] {
  const file = path.join(tempDir(), 'published.xlsx');
  fs.writeFileSync(file, data);
  const r = spawnSync(PY, [path.join(HERE, 'read_sheet.py'), file, sheet], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as Cell[][];
}

/** Codes for n items from counts per level, in the level order given. */
function spread(counts: Record<string, number>): string[] {
  return Object.entries(counts).flatMap(([code, n]) => Array<string>(n).fill(code));
}

async function importCity(h: H, data: Buffer, name: string, edit: (m: PlanMapping) => void) {
  const file = { name, data };
  const sheets = await ok(h, 'planFiles.inspect', { file });
  const mapping = guessMapping(sheets, sheets[0]!.name, null, null, 2026);
  edit(mapping);
  const preview = await ok(h, 'planFiles.previewMapping', { file, mapping });
  expect(preview.problems).toEqual([]);
  const { planId } = await ok(h, 'planFiles.importMapped', { file, mapping });
  return { planId, mapping, preview };
}

/** A committee report of the year as built for print, with the usual options. */
async function report(h: H, planId: number, fiscalYear: number, kind: ReportKind) {
  const data = await ok(h, 'reports.data', { planId, fiscalYear });
  return buildReport(
    data,
    reportOptionsSchema.parse({
      kind,
      planId,
      fiscalYear,
      roundId: null,
      ...DEFAULT_PAGE[kind],
    }),
  );
}

/** The 評価の内訳 (or another axis's) table of the publication workbook, as openpyxl reads it. */
async function published(h: H, planId: number, fiscalYear: number, title = '評価') {
  const out = await ok(h, 'exchange.publication', { planId, fiscalYear, format: 'xlsx' });
  const rows = readSheet(out.data, '評価の内訳');
  const start = title === '評価' ? 1 : rows.findIndex((r) => r[0] === `${title}の内訳`) + 1;
  const table: Cell[][] = [];
  for (const r of rows.slice(start)) {
    if (r.every((c) => c === null)) break;
    table.push(r.filter((c) => c !== null));
  }
  return table;
}

/**
 * 木津川市 第3次行財政改革行動計画, as the city published its progress
 * (city.kizugawa.lg.jp 10,43021 and 10,48511): 重点改革項目 1–5 with the
 * items numbered 1–107 across the plan (No.82 under 重点改革項目5), five
 * items added at the end of 令和元年度 (R1-1…R1-5) and four at the end of
 * 令和2年度 (R2-1…R2-4); S/A/B/C and 対象外・未評価. Which item had which
 * evaluation is not published: only the counts per 重点改革項目, which the
 * sheet below follows.
 */
describe('木津川市: 重点改革項目 → items numbered 1–107 across the plan, R1-1… added mid-plan, S/A/B/C with 対象外・未評価 (published R1 and R2 tables)', () => {
  // title, numbers 1–107 as published per heading, items added at the end of R1 and R2
  const PLAN: [string, number, number, string[], string[]][] = [
    ['協働の市政の推進', 1, 9, ['R1-1'], []],
    ['行財政運営体制の確立', 10, 25, ['R1-2', 'R1-3'], ['R2-1', 'R2-2', 'R2-3']],
    ['事務事業の見直し', 26, 68, ['R1-4'], []],
    ['公共施設の総合管理', 69, 76, [], []],
    ['行財政システムの確立', 77, 107, ['R1-5'], ['R2-4']],
  ];
  // 令和元年度末 and 令和2年度末, per 重点改革項目 as published (－ = 対象外・未評価)
  const R1: Record<string, number>[] = [
    { A: 4, B: 2, '－': 4 },
    { A: 8, B: 8, '－': 2 },
    { A: 19, B: 21, '－': 4 },
    { A: 3, B: 3, C: 1, '－': 1 },
    { A: 12, B: 14, C: 4, '－': 2 },
  ];
  const R2: Record<string, number>[] = [
    { A: 3, B: 1, C: 2, '－': 4 },
    { S: 1, A: 3, B: 10, C: 1, '－': 6 },
    { S: 1, A: 7, B: 22, '－': 14 },
    { S: 1, A: 1, B: 5, '－': 1 },
    { S: 1, A: 7, B: 13, C: 7, '－': 5 },
  ];

  function sheet(): Buffer {
    const rows: Cell[][] = [
      ['第3次木津川市行財政改革行動計画　進捗状況'],
      [],
      ['重点改革項目', 'No.', '行動計画項目', '所管課', 'R元評価', 'R2評価'],
    ];
    const merges: string[] = [];
    PLAN.forEach(([title, from, to, addedR1, addedR2], pi) => {
      // items added in R1 were 対象外・未評価 that year: listed last in the R1 counts
      const r1 = spread(R1[pi]!);
      const r2 = spread(R2[pi]!);
      const numbers = [
        ...Array.from({ length: to - from + 1 }, (_, k) => String(from + k)),
        ...addedR1,
        ...addedR2,
      ];
      const start = rows.length + 1;
      let k1 = 0;
      numbers.forEach((no, k) => {
        const inR1 = !no.startsWith('R2-');
        rows.push([
          k === 0 ? `${pi + 1}. ${title}` : null,
          no,
          `${title}の取組${no}`,
          ['市民協働課', '人事秘書課', '学研企画課', '管財課', '財政課'][pi]!,
          inR1 ? (no.startsWith('R1-') ? '－' : r1[k1++]!) : null,
          r2[k]!,
        ]);
      });
      merges.push(`A${start}:A${rows.length}`);
      expect(k1 + addedR1.length).toBe(r1.length);
      expect(numbers.length).toBe(r2.length);
    });
    return writeSheet({ sheet: '進捗状況', rows, merges, headerRow: 3 });
  }

  it('keeps the city’s numbers and headings, reads both years as closed history, and reproduces the published R1 and R2 tables', async () => {
    const h = sampleStore().handlers;
    const { planId, mapping, preview } = await importCity(h, sheet(), 'kizugawa.xlsx', (m) => {
      m.plan.municipality = '木津川市';
      m.plan.firstFy = 2018;
      m.plan.lastFy = 2022;
      m.city = 'kizugawa';
    });
    // guessed from the headers: 「重点改革項目」 is the heading, 「行動計画項目」 the item
    expect(mapping.columns).toMatchObject({ priority: 1, area: null, number: 2, name: 3, lead: 4 });
    expect(mapping.history).toEqual([
      { column: 5, fiscalYear: 2019, field: 'evaluation' },
      { column: 6, fiscalYear: 2020, field: 'evaluation' },
    ]);
    expect(preview).toMatchObject({ priorities: 5, areas: 0, items: 116 });
    expect(preview.history.map((y) => [y.fiscalYear, y.items])).toEqual([
      [2019, 112],
      [2020, 116],
    ]);
    const plan = await ok(h, 'plans.get', { planId });
    expect(plan).toMatchObject({
      headingLevels: 1,
      headingNames: { priority: '重点改革項目' },
      numberPattern: '{c}',
    });

    const items = await ok(h, 'items.list', { planId });
    const byCode = new Map(items.map((i) => [i.code, i]));
    // the city's numbers, never renumbered (No.82 was shown as 5-(1)-82)
    expect(byCode.get('82')?.name).toBe('行財政システムの確立の取組82');
    expect(byCode.get('R1-1')?.name).toBe('協働の市政の推進の取組R1-1');
    // added in R2: from 令和2年度 on, so R1's counts stay as published
    expect(byCode.get('R2-4')?.startFy).toBe(2020);
    expect(byCode.get('R1-5')?.startFy).toBeNull();

    const years = await ok(h, 'years.list', { planId });
    expect(years.filter((y) => y.closed).map((y) => y.fiscalYear)).toEqual([2019, 2020]);
    // each value remembers the file, sheet and cell it came from
    const [round] = await ok(h, 'pdca.rounds.list', { planId, fiscalYear: 2019 });
    const records = await ok(h, 'pdca.records.list', { roundId: round!.id });
    const r82 = records.find((r) => r.itemId === byCode.get('82')!.id)!;
    const trail = await ok(h, 'audit.list', { entity: 'pdca_record', entityId: r82.id });
    expect(trail.find((e) => e.field === 'evaluationId')).toMatchObject({
      source: { kind: 'import', fileName: 'kizugawa.xlsx' },
      // row 92: the header on row 3, then 10 + 21 + 44 + 8 rows and No.77–82
      cell: '進捗状況!E92',
    });
    expect(r82.status).toBe('final');

    // 令和元年度末: 112 items, 99 evaluated, 13 対象外・未評価; A 46.5 + B 48.5 + C 5.1 = 100.1
    expect(await published(h, planId, 2019)).toEqual([
      [
        '区分',
        'S 特に良好に進捗（件）',
        'S 特に良好に進捗（%）',
        'A 良好に進捗（件）',
        'A 良好に進捗（%）',
        'B 概ね進捗（件）',
        'B 概ね進捗（%）',
        'C 進捗に課題あり（件）',
        'C 進捗に課題あり（%）',
        '評価計',
        '対象外',
        '未評価',
        '全体',
      ],
      ['計画全体', 0, 0, 46, 46.5, 48, 48.5, 5, 5.1, 99, 13, 0, 112],
      ['重点改革項目1　協働の市政の推進', 0, 0, 4, 66.7, 2, 33.3, 0, 0, 6, 4, 0, 10],
      ['重点改革項目2　行財政運営体制の確立', 0, 0, 8, 50, 8, 50, 0, 0, 16, 2, 0, 18],
      ['重点改革項目3　事務事業の見直し', 0, 0, 19, 47.5, 21, 52.5, 0, 0, 40, 4, 0, 44],
      ['重点改革項目4　公共施設の総合管理', 0, 0, 3, 42.9, 3, 42.9, 1, 14.3, 7, 1, 0, 8],
      ['重点改革項目5　行財政システムの確立', 0, 0, 12, 40, 14, 46.7, 4, 13.3, 30, 2, 0, 32],
    ]);
    // 令和2年度末: 116 items, 86 evaluated, 30 対象外・未評価
    expect((await published(h, planId, 2020)).slice(1)).toEqual([
      ['計画全体', 4, 4.7, 21, 24.4, 51, 59.3, 10, 11.6, 86, 30, 0, 116],
      ['重点改革項目1　協働の市政の推進', 0, 0, 3, 50, 1, 16.7, 2, 33.3, 6, 4, 0, 10],
      ['重点改革項目2　行財政運営体制の確立', 1, 6.7, 3, 20, 10, 66.7, 1, 6.7, 15, 6, 0, 21],
      ['重点改革項目3　事務事業の見直し', 1, 3.3, 7, 23.3, 22, 73.3, 0, 0, 30, 14, 0, 44],
      ['重点改革項目4　公共施設の総合管理', 1, 14.3, 1, 14.3, 5, 71.4, 0, 0, 7, 1, 0, 8],
      ['重点改革項目5　行財政システムの確立', 1, 3.6, 7, 25, 13, 46.4, 7, 25, 28, 5, 0, 33],
    ]);
  });

  it('refuses the whole import, naming the cell, when one past evaluation is not on the scale', async () => {
    const { handlers: h, store } = sampleStore();
    const file = { name: 'kizugawa.xlsx', data: sheet() };
    const sheets = await ok(h, 'planFiles.inspect', { file });
    const mapping = guessMapping(sheets, sheets[0]!.name, null, null, 2026);
    mapping.plan = { ...mapping.plan, municipality: '木津川市', firstFy: 2018, lastFy: 2022 };
    // 三好市's scale (計画以上/計画どおり/計画以下) has no 「A」
    mapping.city = 'miyoshi';
    const preview = await ok(h, 'planFiles.previewMapping', { file, mapping });
    expect(preview.problems[0]).toMatch(/^進捗状況!E\d+：「令和元年度の評価」/);
    const before = store.db.prepare('SELECT count(*) FROM plans').pluck().get();
    const err = await fails(h, 'planFiles.importMapped', { file, mapping });
    expect(err.code).toBe('VALIDATION');
    expect(store.db.prepare('SELECT count(*) FROM plans').pluck().get()).toBe(before);
  });
});

/**
 * 三好市 第2期行財政改革実施計画, 2018年度の実績 as published
 * (miyoshi.i-tokushima.jp docs/716987): 23 改革推進項目 numbered 1–23 in one
 * list; 計画以上 1 (No.23 補助金等の整理合理化), 計画どおり 17 (No.2–15, 17
 * and two more the excerpt leaves out), 計画以下 5.
 */
describe('三好市: 23 items in one list, 2018年度 計画以上 1・計画どおり 17・計画以下 5 (published)', () => {
  it('reproduces the published counts, shares that add up to 99.9 printed as they are', async () => {
    const level = (no: number) =>
      no === 23 ? '計画以上' : [1, 16, 20, 21, 22].includes(no) ? '計画以下' : '計画どおり';
    const rows: Cell[][] = [
      ['三好市第2期行財政改革実施計画　2018年度実績'],
      ['番号', '改革推進項目', '担当課', '2018年度進捗状況'],
      ...Array.from({ length: 23 }, (_, k) => [
        k + 1,
        k === 22 ? '補助金等の整理合理化' : `改革推進項目${k + 1}`,
        '財政課',
        level(k + 1),
      ]),
    ];
    const h = sampleStore().handlers;
    const { planId, mapping } = await importCity(
      h,
      writeSheet({ sheet: '実施計画', rows, headerRow: 2 }),
      'miyoshi-2018.xlsx',
      (m) => {
        m.plan.municipality = '三好市';
        m.plan.firstFy = 2018;
        m.plan.lastFy = 2022;
        m.city = 'miyoshi';
        // 三好市 calls its evaluation 進捗状況: the column holds the evaluation
        m.history = m.history?.map((x) => ({ ...x, field: 'evaluation' }));
      },
    );
    expect(mapping.history).toEqual([{ column: 4, fiscalYear: 2018, field: 'evaluation' }]);
    expect((await published(h, planId, 2018)).slice(1)).toEqual([
      ['計画全体', 1, 4.3, 17, 73.9, 5, 21.7, 23, 0, 0, 23],
    ]);
  });
});

describe('a 基本方針 → 推進項目 plan with evaluations written as words and past 指標 values (figures invented)', () => {
  const POLICIES = [
    ['効率的な行政運営', ['事務事業の見直し', '業務の効率化'], 10],
    ['持続可能な財政運営', ['歳入の確保', '歳出の抑制'], 9],
    ['市民サービスの向上', ['窓口サービス', '情報発信'], 11],
  ] as const;
  const R3 = [
    { 計画以上: 1, 計画どおり: 6, 計画以下: 3 },
    { 計画以上: 0, 計画どおり: 6, 計画以下: 3 },
    { 計画以上: 2, 計画どおり: 5, 計画以下: 4 },
  ];
  const R4: Record<string, number>[] = [
    { 計画以上: 2, 計画どおり: 6, 計画以下: 2 },
    { 計画以上: 1, 計画どおり: 6, 計画以下: 2 },
    { 計画以上: 1, 計画どおり: 6, 計画以下: 3, 対象外: 1 },
  ];

  it('names its levels as the sheet does and reproduces the R3 table, a row adding up to 100.1', async () => {
    const rows: Cell[][] = [
      [
        '基本方針',
        '推進項目',
        'No',
        '実施項目',
        '内容',
        '所管課',
        '令和3年度評価',
        '令和4年度評価',
        '指標',
        '単位',
        '令和3年度指標実績',
        '令和4年度指標実績',
      ],
    ];
    const merges: string[] = [];
    let no = 0;
    POLICIES.forEach(([title, areas, n], pi) => {
      const start = rows.length + 1;
      const r3 = spread(R3[pi]!);
      const r4 = spread(R4[pi]!);
      for (let k = 0; k < n; k++) {
        const area = k < Math.ceil(n / 2) ? 0 : 1;
        rows.push([
          k === 0 ? `${pi + 1}．${title}` : null,
          k === 0 || k === Math.ceil(n / 2) ? `(${area + 1})${areas[area]}` : null,
          ++no,
          `${areas[area]}の実施項目${no}`,
          '内容',
          ['総務課', '財政課', '市民課'][pi]!,
          r3[k]!,
          r4[k]!,
          // the first item of each 基本方針 has an 指標
          ...(k === 0
            ? ['電子申請の件数', '件', 120 * (pi + 1), '1,500']
            : [null, null, null, null]),
        ]);
      }
      merges.push(`A${start}:A${rows.length}`);
    });
    const h = sampleStore().handlers;
    const { planId } = await importCity(
      h,
      writeSheet({ sheet: '行革実施計画', rows, merges, headerRow: 1 }),
      'miyoshi.xlsx',
      (m) => {
        m.plan.municipality = '三好市';
        m.plan.lastFy = 2025;
        m.city = 'miyoshi';
      },
    );
    const plan = await ok(h, 'plans.get', { planId });
    expect(plan).toMatchObject({
      headingLevels: 2,
      headingNames: { priority: '基本方針', area: '推進項目' },
      numberPattern: '{c}',
    });
    const items = await ok(h, 'items.list', { planId });
    expect(items.map((i) => i.code).slice(0, 3)).toEqual(['1', '2', '3']);
    // past 指標 values, a number and a text 「1,500」, under the 指標 named in the sheet
    const kpis = await ok(h, 'kpis.list', { planId });
    expect(
      kpis.map((k) => [k.name, k.unit, k.values.map((v) => [v.fiscalYear, v.actual])]),
    ).toEqual([
      [
        '電子申請の件数',
        '件',
        [
          [2021, 120],
          [2022, 1500],
        ],
      ],
      [
        '電子申請の件数',
        '件',
        [
          [2021, 240],
          [2022, 1500],
        ],
      ],
      [
        '電子申請の件数',
        '件',
        [
          [2021, 360],
          [2022, 1500],
        ],
      ],
    ]);
    const r3 = await published(h, planId, 2021);
    expect(r3[0]).toEqual([
      '区分',
      '上 計画以上（件）',
      '上 計画以上（%）',
      '中 計画どおり（件）',
      '中 計画どおり（%）',
      '下 計画以下（件）',
      '下 計画以下（%）',
      '評価計',
      '対象外',
      '未評価',
      '全体',
    ]);
    expect(r3.slice(1)).toEqual([
      ['計画全体', 3, 10, 17, 56.7, 10, 33.3, 30, 0, 0, 30],
      ['基本方針1　効率的な行政運営', 1, 10, 6, 60, 3, 30, 10, 0, 0, 10],
      ['基本方針2　持続可能な財政運営', 0, 0, 6, 66.7, 3, 33.3, 9, 0, 0, 9],
      // 18.2 + 45.5 + 36.4 = 100.1, printed as it is
      ['基本方針3　市民サービスの向上', 2, 18.2, 5, 45.5, 4, 36.4, 11, 0, 0, 11],
    ]);
    expect((await published(h, planId, 2022)).slice(1)).toEqual([
      ['計画全体', 4, 13.8, 18, 62.1, 7, 24.1, 29, 1, 0, 30],
      ['基本方針1　効率的な行政運営', 2, 20, 6, 60, 2, 20, 10, 0, 0, 10],
      ['基本方針2　持続可能な財政運営', 1, 11.1, 6, 66.7, 2, 22.2, 9, 0, 0, 9],
      ['基本方針3　市民サービスの向上', 1, 10, 6, 60, 3, 30, 10, 1, 0, 11],
    ]);
  });
});

describe('宮古島市型: a plain list (番号 / 取組事項 / 取組内容 / 担当課) with five 工程 stages per year (figures invented)', () => {
  const STAGES = ['検討', '調整', '内容決定', '実行準備', '実行'];
  const R1 = [6, 5, 6, 4, 3];
  const R2 = [2, 4, 5, 6, 7];

  it('prints no heading it does not have and reproduces the published 工程 table of both years', async () => {
    const r1 = R1.flatMap((n, k) => Array<string>(n).fill(STAGES[k]!));
    const r2 = R2.flatMap((n, k) => Array<string>(n).fill(STAGES[k]!));
    const rows: Cell[][] = [
      ['宮古島市行政改革実施計画　進捗状況'],
      ['番号', '取組事項', '取組内容', '担当課', 'R1進捗', 'R2進捗'],
      ...r1.map((s, k) => [k + 1, `取組事項${k + 1}`, '取組内容', '総務課', s, r2[k]!]),
    ];
    const h = sampleStore().handlers;
    const { planId, preview } = await importCity(
      h,
      writeSheet({ sheet: '実施計画', rows, headerRow: 2 }),
      'miyakojima.xlsx',
      (m) => {
        m.plan.municipality = '宮古島市';
        m.plan.lastFy = 2023;
        m.city = 'miyakojima';
      },
    );
    expect(preview).toMatchObject({ priorities: 0, areas: 0, items: 24 });
    const plan = await ok(h, 'plans.get', { planId });
    expect(plan).toMatchObject({ headingLevels: 0, numberPattern: '{c}' });
    expect((await ok(h, 'items.list', { planId })).map((i) => i.code).slice(-2)).toEqual([
      '23',
      '24',
    ]);
    const t1 = await published(h, planId, 2019, '進捗状況');
    expect(t1).toEqual([
      [
        '区分',
        '検討（件）',
        '検討（%）',
        '調整（件）',
        '調整（%）',
        '決定 内容決定（件）',
        '決定 内容決定（%）',
        '準備 実行準備（件）',
        '準備 実行準備（%）',
        '実行（件）',
        '実行（%）',
        '記入計',
        '未記入',
        '全体',
      ],
      ['計画全体', 6, 25, 5, 20.8, 6, 25, 4, 16.7, 3, 12.5, 24, 0, 24],
    ]);
    expect((await published(h, planId, 2020, '進捗状況')).slice(1)).toEqual([
      ['計画全体', 2, 8.3, 4, 16.7, 5, 20.8, 6, 25, 7, 29.2, 24, 0, 24],
    ]);
  });
});

describe('宮古島市: 基本方針 → 取組事項, an item listed again under a second 基本方針 (再掲)', () => {
  // 集中改革プラン (city.miyakojima.lg.jp gyoseikaikaku h19-9): 「改革項目数 110件
  // 3項目再掲のため実質107件」. The headings and which items repeat are invented.
  it('counts 110 listed items with 3 再掲 as the 107 the city published', async () => {
    const rows: Cell[][] = [['基本方針', '番号', '改革項目', '担当課', 'H19進捗']];
    const heads = ['行政運営の効率化', '財政の健全化', '市民サービスの向上'];
    let no = 0;
    heads.forEach((title, pi) => {
      const own = [36, 36, 35][pi]!;
      for (let k = 0; k < own; k++) {
        no++;
        rows.push([k === 0 ? `${pi + 1} ${title}` : null, no, `改革項目${no}`, '総務課', '検討']);
      }
      // items of the first 基本方針 listed again under the others (3 in all)
      if (pi > 0)
        for (const r of pi === 1 ? [1, 2] : [3])
          rows.push([null, `${r}（再掲）`, `改革項目${r}（再掲）`, '総務課', '']);
    });
    expect(rows.length - 1).toBe(110);
    const h = sampleStore().handlers;
    const { planId, preview } = await importCity(
      h,
      writeSheet({ sheet: '集中改革プラン', rows, headerRow: 1 }),
      'miyakojima-h19.xlsx',
      (m) => {
        m.plan.municipality = '宮古島市';
        m.plan.firstFy = 2005;
        m.plan.lastFy = 2009;
        m.city = 'miyakojima';
      },
    );
    expect(preview).toMatchObject({ items: 107, skipped: [] });
    const plan = await ok(h, 'plans.get', { planId });
    expect(plan.itemCount).toBe(107);
    expect(plan.priorities.map((p) => p.areas[0]!.repostedItemIds.length)).toEqual([0, 2, 1]);
    const t = await published(h, planId, 2007, '進捗状況');
    expect(t[1]!.slice(-1)).toEqual([107]);
  });

  it('keeps one item shown in both places, marked 再掲 where it repeats, and counts it once', async () => {
    const rows: Cell[][] = [
      ['基本方針', '番号', '取組事項', '担当課', 'R2評価'],
      ['1 行政運営の効率化', 1, '電子申請の推進', '総務課', 'A'],
      [null, 2, '窓口の一本化', '市民課', 'B'],
      ['2 市民サービスの向上', 3, 'コンビニ交付', '市民課', 'S'],
      [null, '1（再掲）', '電子申請の推進（再掲）', '総務課', 'A'],
      [null, 4, '施設予約のオンライン化', '生涯学習課', 'A'],
    ];
    const h = sampleStore().handlers;
    const { planId, preview } = await importCity(
      h,
      writeSheet({ sheet: '実施計画', rows, merges: ['A2:A3', 'A4:A6'], headerRow: 1 }),
      'miyakojima-saikei.xlsx',
      (m) => {
        m.plan.municipality = '宮古島市';
        m.plan.lastFy = 2024;
        m.city = 'miyakojima';
      },
    );
    expect(preview).toMatchObject({ priorities: 2, items: 4, skipped: [] });
    const plan = await ok(h, 'plans.get', { planId });
    const items = await ok(h, 'items.list', { planId });
    const e = items.find((i) => i.name === '電子申請の推進')!;
    expect(plan.priorities[1]!.areas[0]!.repostedItemIds).toEqual([e.id]);

    // printed under both 基本方針, marked where it repeats
    const doc = await report(h, planId, 2020, 'progress');
    const text = JSON.stringify(doc.blocks);
    expect(text).toContain('"1"');
    expect(text).toContain('1（再掲）');
    expect(text.indexOf('基本方針2')).toBeLessThan(text.indexOf('1（再掲）'));

    // counted once: 4 items, the repeat under its own 基本方針 only
    expect((await published(h, planId, 2020)).slice(1)).toEqual([
      ['計画全体', 1, 25, 2, 50, 1, 25, 0, 0, 4, 0, 0, 4],
      ['基本方針1　行政運営の効率化', 0, 0, 1, 50, 1, 50, 0, 0, 2, 0, 0, 2],
      ['基本方針2　市民サービスの向上', 1, 50, 1, 50, 0, 0, 0, 0, 2, 0, 0, 2],
    ]);
    // a closed year stays as published when the plan later counts 再掲 differently
    await ok(h, 'plans.rename', { planId, title: plan.title, repostCounting: 'every' });
    expect((await published(h, planId, 2020)).slice(3)).toEqual([
      ['基本方針2　市民サービスの向上', 1, 50, 1, 50, 0, 0, 0, 0, 2, 0, 0, 2],
    ]);
  });

  it('counts it under every heading it is listed in, where the city’s tables do, and once in the total', async () => {
    const rows: Cell[][] = [
      ['基本方針', '番号', '取組事項', '担当課', 'R2評価'],
      ['1 行政運営の効率化', 1, '電子申請の推進', '総務課', 'A'],
      [null, 2, '窓口の一本化', '市民課', 'B'],
      ['2 市民サービスの向上', 3, 'コンビニ交付', '市民課', 'S'],
      [null, '1（再掲）', '電子申請の推進（再掲）', '総務課', 'A'],
    ];
    const h = sampleStore().handlers;
    const { planId } = await importCity(
      h,
      writeSheet({ sheet: '実施計画', rows, merges: ['A2:A3', 'A4:A5'], headerRow: 1 }),
      'miyakojima-every.xlsx',
      (m) => {
        m.plan.municipality = '宮古島市';
        m.plan.lastFy = 2024;
        m.city = 'miyakojima';
        m.repostCounting = 'every';
      },
    );
    expect((await published(h, planId, 2020)).slice(1)).toEqual([
      ['計画全体', 1, 33.3, 1, 33.3, 1, 33.3, 0, 0, 3, 0, 0, 3],
      ['基本方針1　行政運営の効率化', 0, 0, 1, 50, 1, 50, 0, 0, 2, 0, 0, 2],
      ['基本方針2　市民サービスの向上', 1, 50, 1, 50, 0, 0, 0, 0, 2, 0, 0, 2],
    ]);
  });
});
