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

describe('木津川市: 重点項目 → 取組分野 → 改革項目 numbered 1–82 across the plan, R1-1… added mid-plan, S/A/B/C with 対象外・未評価', () => {
  // 重点項目 (title, 分野 with their numbered items, items added in R1 and R2)
  const PLAN = [
    [
      '行政運営の効率化',
      [
        ['事務の見直し', 1, 10, ['R2-1']],
        ['デジタル化の推進', 11, 20, ['R1-1', 'R1-2']],
      ],
    ],
    [
      '財政基盤の強化',
      [
        ['歳入の確保', 21, 29, []],
        ['歳出の見直し', 30, 38, ['R2-2']],
      ],
    ],
    [
      '公共施設の最適化',
      [
        ['施設の再編', 39, 46, ['R1-3']],
        ['長寿命化', 47, 54, []],
      ],
    ],
    [
      '人材の育成と組織の活性化',
      [
        ['人材育成', 55, 61, []],
        ['組織の見直し', 62, 68, ['R2-3', 'R2-4']],
      ],
    ],
    ['市民との協働', [['協働の推進', 69, 82, []]]],
  ] as const;
  const R1 = [
    { S: 2, A: 12, B: 6, C: 1, '－': 1 },
    { S: 1, A: 9, B: 5, C: 2, '－': 1 },
    { S: 0, A: 10, B: 5, C: 2, '－': 0 },
    { S: 1, A: 8, B: 4, C: 1, '－': 0 },
    { S: 3, A: 7, B: 3, C: 0, '－': 1 },
  ];
  const R2 = [
    { S: 3, A: 13, B: 5, C: 1, '－': 1 },
    { S: 2, A: 10, B: 5, C: 1, '－': 1 },
    { S: 1, A: 9, B: 5, C: 2, '－': 0 },
    { S: 1, A: 10, B: 4, C: 1, '－': 0 },
    { S: 2, A: 8, B: 3, C: 1, '－': 0 },
  ];

  function sheet(): Buffer {
    const rows: Cell[][] = [
      ['木津川市行財政改革推進計画（令和元年度～令和5年度）　取組一覧'],
      [],
      ['重点項目', '取組分野', '番号', '取組項目', '取組内容', '担当課', 'R元評価', 'R2評価'],
    ];
    const merges: string[] = [];
    PLAN.forEach(([pTitle, areas], pi) => {
      const r1 = spread(R1[pi]!);
      const r2 = spread(R2[pi]!);
      const pStart = rows.length + 1;
      let k1 = 0;
      let k2 = 0;
      areas.forEach(([aTitle, from, to, added], ai) => {
        const aStart = rows.length + 1;
        const numbers: string[] = [];
        for (let n = from; n <= to; n++) numbers.push(String(n));
        numbers.push(...added);
        numbers.forEach((no, k) => {
          const inR1 = !no.startsWith('R2-');
          rows.push([
            k === 0 && ai === 0 ? `${pi + 1} ${pTitle}` : null,
            k === 0 ? `(${ai + 1}) ${aTitle}` : null,
            no,
            `${aTitle}の取組${no}`,
            `${aTitle}について${no}番目の見直しを進める`,
            ['総務課', '財政課', '企画政策課', '管財課', '市民協働課'][pi]!,
            inR1 ? r1[k1++]! : null,
            r2[k2++]!,
          ]);
        });
        if (rows.length + 1 - aStart > 1) merges.push(`B${aStart}:B${rows.length}`);
      });
      merges.push(`A${pStart}:A${rows.length}`);
      expect([k1, k2]).toEqual([r1.length, r2.length]);
    });
    return writeSheet({ sheet: '取組一覧', rows, merges, headerRow: 3 });
  }

  it('keeps the city’s numbers and headings, reads both years as closed history, and reproduces the published R1 and R2 tables', async () => {
    const h = sampleStore().handlers;
    const { planId, mapping, preview } = await importCity(h, sheet(), 'kizugawa.xlsx', (m) => {
      m.plan.municipality = '木津川市';
      m.plan.firstFy = 2019;
      m.plan.lastFy = 2023;
      m.city = 'kizugawa';
    });
    // guessed from the headers: history columns and the plan's columns
    expect(mapping.history).toEqual([
      { column: 7, fiscalYear: 2019, field: 'evaluation' },
      { column: 8, fiscalYear: 2020, field: 'evaluation' },
    ]);
    expect(mapping.columns).toMatchObject({ priority: 1, area: 2, number: 3, name: 4, lead: 6 });
    expect(preview).toMatchObject({ priorities: 5, areas: 9, items: 89 });
    expect(preview.history.map((y) => [y.fiscalYear, y.items])).toEqual([
      [2019, 85],
      [2020, 89],
    ]);

    const items = await ok(h, 'items.list', { planId });
    const byCode = new Map(items.map((i) => [i.code, i]));
    // the city's numbers, never renumbered
    expect(byCode.get('82')?.name).toBe('協働の推進の取組82');
    expect(byCode.get('R1-1')?.name).toBe('デジタル化の推進の取組R1-1');
    // added in R2: from 令和2年度 on, so R1's counts stay as published
    expect(byCode.get('R2-4')?.startFy).toBe(2020);
    expect(byCode.get('R1-1')?.startFy).toBeNull();

    const years = await ok(h, 'years.list', { planId });
    expect(years.filter((y) => y.closed).map((y) => y.fiscalYear)).toEqual([2019, 2020]);
    // each value remembers the file, sheet and cell it came from
    const [round] = await ok(h, 'pdca.rounds.list', { planId, fiscalYear: 2019 });
    const records = await ok(h, 'pdca.records.list', { roundId: round!.id });
    const r82 = records.find((r) => r.itemId === byCode.get('82')!.id)!;
    const trail = await ok(h, 'audit.list', { entity: 'pdca_record', entityId: r82.id });
    expect(trail.find((e) => e.field === 'evaluationId')).toMatchObject({
      source: { kind: 'import', fileName: 'kizugawa.xlsx' },
      // row 92: the header on row 3, items 1–82 and the 7 added mid-plan before 重点項目5
      cell: '取組一覧!G92',
    });
    expect(r82.status).toBe('final');

    // 木津川市 令和元年度: of 85 items, 82 evaluated
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
      ['計画全体', 7, 8.5, 46, 56.1, 23, 28, 6, 7.3, 82, 3, 0, 85],
      ['重点項目1　行政運営の効率化', 2, 9.5, 12, 57.1, 6, 28.6, 1, 4.8, 21, 1, 0, 22],
      ['重点項目2　財政基盤の強化', 1, 5.9, 9, 52.9, 5, 29.4, 2, 11.8, 17, 1, 0, 18],
      ['重点項目3　公共施設の最適化', 0, 0, 10, 58.8, 5, 29.4, 2, 11.8, 17, 0, 0, 17],
      ['重点項目4　人材の育成と組織の活性化', 1, 7.1, 8, 57.1, 4, 28.6, 1, 7.1, 14, 0, 0, 14],
      ['重点項目5　市民との協働', 3, 23.1, 7, 53.8, 3, 23.1, 0, 0, 13, 1, 0, 14],
    ]);
    // 令和2年度: 89 items, the 4 added that year among them
    expect((await published(h, planId, 2020)).slice(1)).toEqual([
      ['計画全体', 9, 10.3, 50, 57.5, 22, 25.3, 6, 6.9, 87, 2, 0, 89],
      ['重点項目1　行政運営の効率化', 3, 13.6, 13, 59.1, 5, 22.7, 1, 4.5, 22, 1, 0, 23],
      ['重点項目2　財政基盤の強化', 2, 11.1, 10, 55.6, 5, 27.8, 1, 5.6, 18, 1, 0, 19],
      ['重点項目3　公共施設の最適化', 1, 5.9, 9, 52.9, 5, 29.4, 2, 11.8, 17, 0, 0, 17],
      ['重点項目4　人材の育成と組織の活性化', 1, 6.3, 10, 62.5, 4, 25, 1, 6.3, 16, 0, 0, 16],
      ['重点項目5　市民との協働', 2, 14.3, 8, 57.1, 3, 21.4, 1, 7.1, 14, 0, 0, 14],
    ]);
  });

  it('refuses the whole import, naming the cell, when one past evaluation is not on the scale', async () => {
    const { handlers: h, store } = sampleStore();
    const file = { name: 'kizugawa.xlsx', data: sheet() };
    const sheets = await ok(h, 'planFiles.inspect', { file });
    const mapping = guessMapping(sheets, sheets[0]!.name, null, null, 2026);
    mapping.plan = { ...mapping.plan, municipality: '木津川市', firstFy: 2019, lastFy: 2023 };
    // 三好市's scale (計画以上/計画どおり/計画以下) has no 「S」
    mapping.city = 'miyoshi';
    const preview = await ok(h, 'planFiles.previewMapping', { file, mapping });
    expect(preview.problems[0]).toMatch(/^取組一覧!G\d+：「令和元年度の評価」/);
    const before = store.db.prepare('SELECT count(*) FROM plans').pluck().get();
    const err = await fails(h, 'planFiles.importMapped', { file, mapping });
    expect(err.code).toBe('VALIDATION');
    expect(store.db.prepare('SELECT count(*) FROM plans').pluck().get()).toBe(before);
  });
});

describe('三好市: 基本方針 → 推進項目, evaluations written as words (計画以上/計画どおり/計画以下)', () => {
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

describe('宮古島市: a plain list (番号 / 取組事項 / 取組内容 / 担当課) with five 工程 stages per year', () => {
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
