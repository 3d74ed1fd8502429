import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openXlsx } from '../../../../electron/xlsx/read-book';
import { tempDir } from '../../helpers';

/**
 * The return reader against writers we did not write: random workbooks
 * (text of every Unicode class incl. surrogate pairs and IVS, numbers,
 * dates in several formats incl. 和暦, booleans, errors, rich text,
 * formulas) written by exceljs and by openpyxl, and a share of both
 * re-saved by LibreOffice, read back and compared cell by cell with what
 * each writer wrote: the text a person sees, the error value, the formula
 * flag. The expected text of a formatted number or date comes from the
 * value itself (a small oracle per format), not from the reader's formatter.
 */
const PY = '/usr/bin/python3';
const SCRIPT = path.resolve(__dirname, '../../../interop/openpyxl-write.py');
const BOOKS_PER_WRITER = 500;
const LO_SHARE = 40;

type Kind =
  | 'text'
  | 'int'
  | 'decimal'
  | 'grouped'
  | 'fixed2'
  | 'percent'
  | 'triangle'
  | 'date'
  | 'wareki'
  | 'nen'
  | 'datetime'
  | 'bool'
  | 'error'
  | 'formula'
  | 'rich';

interface Cell {
  r: number;
  c: number;
  kind: Kind;
  value: unknown;
  format?: string;
  /** What a person sees in the cell (or the error value). */
  expect: { text: string; error: string | null; formula: boolean };
}

const pieces = {
  ascii: fc.string({
    unit: fc.constantFrom(...'abcXYZ0129 .,-()/:@#%+'.split('')),
    minLength: 1,
    maxLength: 8,
  }),
  kana: fc.string({
    unit: fc.constantFrom(...'あいうえおかきくけこアイウエオカキクケコーぁゃっ'.split('')),
    minLength: 1,
    maxLength: 8,
  }),
  kanji: fc.string({
    unit: fc.constantFrom(...'行政改革推進計画二本松市令和年度実績評価課題'.split('')),
    minLength: 1,
    maxLength: 8,
  }),
  wide: fc.string({
    unit: fc.constantFrom(...'ＡＢＣ１２３（）／：％　'.split('')),
    minLength: 1,
    maxLength: 6,
  }),
  astral: fc.constantFrom('𠮷野家', '𩸽', '😀👍', '🏛️', '𠀋𡈽'),
  ivs: fc.constantFrom('葛\u{E0100}城市', '辻\u{E0101}', '邉\u{E0103}'),
  xml: fc.constantFrom('a < b', 'A & B', '"引用"', "it's", '<tag>'),
  lines: fc.constantFrom('1行目\n2行目', '・要点1\n・要点2\n・要点3'),
};
const text = fc
  .array(fc.oneof(...Object.values(pieces)), { minLength: 1, maxLength: 4 })
  .map((parts) => parts.join(''))
  // a leading = is a formula to some writers; a leading/trailing space is a separate question
  .map((s) => s.replace(/^[=+\-@\s]+/, '').replace(/\s+$/, '') || '文字');

const ERAS: [string, number, number, number][] = [
  ['令和', 2019, 5, 1],
  ['平成', 1989, 1, 8],
  ['昭和', 1926, 12, 25],
];
function wareki(y: number, m: number, d: number): string {
  const key = y * 10000 + m * 100 + d;
  const [name, ey] = ERAS.find(([, sy, sm, sd]) => key >= sy * 10000 + sm * 100 + sd)!;
  return `${name}${y - ey + 1}年${m}月${d}日`;
}
const group = (n: number) => String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

const date = fc.record({
  y: fc.integer({ min: 1960, max: 2035 }),
  m: fc.integer({ min: 1, max: 12 }),
  d: fc.integer({ min: 1, max: 28 }),
  h: fc.integer({ min: 0, max: 23 }),
  mi: fc.integer({ min: 0, max: 59 }),
});
const borderDate = fc.constantFrom(
  { y: 2019, m: 4, d: 30, h: 0, mi: 0 },
  { y: 2019, m: 5, d: 1, h: 0, mi: 0 },
  { y: 1989, m: 1, d: 7, h: 0, mi: 0 },
  { y: 1989, m: 1, d: 8, h: 0, mi: 0 },
);

function cellOf(kind: Kind, r: number, c: number): fc.Arbitrary<Cell> {
  const no = (t: string) => ({ text: t, error: null, formula: false });
  switch (kind) {
    case 'text':
      return text.map((s) => ({ r, c, kind, value: s, expect: no(s) }));
    case 'int':
      return fc
        .integer({ min: -9_999_999, max: 99_999_999 })
        .map((n) => ({ r, c, kind, value: n, expect: no(String(n)) }));
    case 'decimal':
      return fc
        .tuple(fc.integer({ min: -99999, max: 99999 }), fc.integer({ min: 1, max: 99 }))
        .map(([i, f]) => {
          const s = `${i < 0 ? '-' : ''}${Math.abs(i)}.${String(f).padStart(2, '0')}`.replace(
            /0$/,
            '',
          );
          return { r, c, kind, value: Number(s), expect: no(s === '-0.1' ? s : String(Number(s))) };
        });
    case 'grouped':
      return fc.integer({ min: -99_999_999, max: 99_999_999 }).map((n) => ({
        r,
        c,
        kind,
        value: n,
        format: '#,##0',
        expect: no(`${n < 0 ? '-' : ''}${group(n)}`),
      }));
    case 'fixed2':
      return fc.integer({ min: -999999, max: 999999 }).map((k) => ({
        r,
        c,
        kind,
        value: k / 100,
        format: '0.00',
        expect: no(
          `${k < 0 ? '-' : ''}${Math.floor(Math.abs(k) / 100)}.${String(Math.abs(k) % 100).padStart(2, '0')}`,
        ),
      }));
    case 'percent':
      return fc.integer({ min: 0, max: 250 }).map((k) => ({
        r,
        c,
        kind,
        value: k / 100,
        format: '0%',
        expect: no(`${k}%`),
      }));
    case 'triangle':
      return fc
        .tuple(fc.integer({ min: -9_999_999, max: 9_999_999 }), fc.integer({ min: 0, max: 999 }))
        .map(([i, f]) => {
          const value = Number(`${i < 0 ? '-' : ''}${Math.abs(i)}.${String(f).padStart(3, '0')}`);
          const frac = String(f).padStart(3, '0').replace(/0+$/, '');
          const body = `${group(i)}.${frac}`;
          const t = value === 0 ? '0' : value < 0 ? `▲${body}` : body;
          return { r, c, kind, value, format: '#,##0.###;"▲"#,##0.###;0', expect: no(t) };
        });
    case 'date':
    case 'wareki':
    case 'nen':
    case 'datetime':
      return fc.oneof(date, borderDate).map((x) => {
        const format =
          kind === 'date'
            ? 'yyyy/m/d'
            : kind === 'wareki'
              ? '[$-411]ggge"年"m"月"d"日"'
              : kind === 'nen'
                ? 'yyyy"年"m"月"d"日"'
                : 'yyyy/m/d h:mm';
        const t =
          kind === 'date'
            ? `${x.y}/${x.m}/${x.d}`
            : kind === 'wareki'
              ? wareki(x.y, x.m, x.d)
              : kind === 'nen'
                ? `${x.y}年${x.m}月${x.d}日`
                : `${x.y}/${x.m}/${x.d} ${x.h}:${String(x.mi).padStart(2, '0')}`;
        const hm = kind === 'datetime' ? [x.h, x.mi] : [0, 0];
        return { r, c, kind, value: [x.y, x.m, x.d, ...hm], format, expect: no(t) };
      });
    case 'bool':
      return fc.boolean().map((b) => ({ r, c, kind, value: b, expect: no(b ? 'TRUE' : 'FALSE') }));
    case 'error':
      return fc.constantFrom('#N/A', '#DIV/0!', '#VALUE!', '#REF!').map((e) => ({
        r,
        c,
        kind,
        value: e,
        expect: { text: '', error: e, formula: false },
      }));
    case 'formula':
      return fc
        .tuple(fc.integer({ min: 1, max: 999 }), fc.integer({ min: 1, max: 999 }))
        .map(([a, b]) => ({
          r,
          c,
          kind,
          value: [a, b],
          expect: { text: String(a + b), error: null, formula: true },
        }));
    case 'rich':
      return fc.array(text, { minLength: 2, maxLength: 3 }).map((runs) => ({
        r,
        c,
        kind,
        value: runs,
        expect: no(runs.join('')),
      }));
  }
}

const KINDS: Kind[] = [
  'text',
  'text',
  'text',
  'int',
  'decimal',
  'grouped',
  'fixed2',
  'percent',
  'triangle',
  'date',
  'wareki',
  'nen',
  'datetime',
  'bool',
  'error',
  'formula',
  'rich',
];
const book = (writer: 'exceljs' | 'openpyxl') =>
  fc
    .array(fc.constantFrom(...KINDS.filter((k) => writer === 'exceljs' || k !== 'rich')), {
      minLength: 4,
      maxLength: 24,
    })
    .chain((kinds) =>
      fc.tuple(...kinds.map((k, i) => cellOf(k, 1 + Math.floor(i / 4), 1 + (i % 4)))),
    );

async function writeExceljs(file: string, cells: Cell[]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('データ');
  for (const x of cells) {
    const cell = ws.getCell(x.r, x.c);
    if (x.kind === 'date' || x.kind === 'wareki' || x.kind === 'nen' || x.kind === 'datetime') {
      const [y, m, d, h, mi] = x.value as number[];
      cell.value = new Date(Date.UTC(y!, m! - 1, d!, h!, mi!));
    } else if (x.kind === 'error')
      cell.value = { error: x.value as ExcelJS.CellErrorValue['error'] };
    else if (x.kind === 'formula') {
      const [a, b] = x.value as number[];
      cell.value = { formula: `${a}+${b}`, result: a! + b! } as ExcelJS.CellFormulaValue;
    } else if (x.kind === 'rich')
      cell.value = {
        richText: (x.value as string[]).map((t, i) => ({ text: t, font: { bold: i % 2 === 0 } })),
      };
    else cell.value = x.value as ExcelJS.CellValue;
    if (x.format) cell.numFmt = x.format;
  }
  await wb.xlsx.writeFile(file);
}

function writeOpenpyxl(batch: { file: string; cells: Cell[] }[]): void {
  const spec = batch.map((b) => ({
    file: b.file,
    cells: b.cells.map((x) => ({
      r: x.r,
      c: x.c,
      kind: x.kind,
      value: x.kind === 'formula' ? `=${(x.value as number[]).join('+')}` : x.value,
      format: x.format,
    })),
  }));
  execFileSync(PY, [SCRIPT], { input: JSON.stringify(spec), maxBuffer: 64 * 1024 * 1024 });
}

/** Cell by cell: what the reader saw against what the writer wrote. */
function compare(
  file: string,
  cells: Cell[],
  opts: { noCachedFormulas: boolean; lo: boolean },
): string[] {
  const sheet = openXlsx(fs.readFileSync(file)).sheet('データ')!;
  const out: string[] = [];
  for (const x of cells) {
    const got = sheet.rows.get(x.r)?.get(x.c);
    const where = `${path.basename(file)}!R${x.r}C${x.c} (${x.kind})`;
    if (x.kind === 'error') {
      if (got?.error !== x.expect.error)
        out.push(`${where}: error ${got?.error} ≠ ${x.expect.error}`);
      continue;
    }
    if (x.kind === 'formula') {
      if (!got?.formula) out.push(`${where}: not read as a formula`);
      // openpyxl writes no cached result; LibreOffice recalculates or not by its settings
      if (opts.noCachedFormulas || opts.lo) continue;
    }
    const seen = got ? (got.value === null ? '' : got.text) : '';
    if (seen !== x.expect.text)
      out.push(`${where}: ${JSON.stringify(seen)} ≠ ${JSON.stringify(x.expect.text)}`);
  }
  return out;
}

describe('the return reader against other writers', () => {
  it(`reads ${BOOKS_PER_WRITER * 2} random workbooks from exceljs and openpyxl, and ${LO_SHARE * 2} re-saved by LibreOffice, exactly as written`, async () => {
    const dir = tempDir();
    const seed = Number(process.env.DIFF_SEED ?? 20261202);
    const samples = (writer: 'exceljs' | 'openpyxl', n: number) =>
      fc.sample(book(writer), { numRuns: n, seed: writer === 'exceljs' ? seed : seed + 1 });
    const ex = samples('exceljs', BOOKS_PER_WRITER).map((cells, i) => ({
      file: path.join(dir, `ex${i}.xlsx`),
      cells,
    }));
    const py = samples('openpyxl', BOOKS_PER_WRITER).map((cells, i) => ({
      file: path.join(dir, `py${i}.xlsx`),
      cells,
    }));
    for (const b of ex) await writeExceljs(b.file, b.cells);
    writeOpenpyxl(py);

    const mismatches: string[] = [];
    for (const b of ex)
      mismatches.push(...compare(b.file, b.cells, { noCachedFormulas: false, lo: false }));
    for (const b of py)
      mismatches.push(...compare(b.file, b.cells, { noCachedFormulas: true, lo: false }));

    // LibreOffice as a third writer: re-save a share of both in one run
    const loIn = path.join(dir, 'lo-in');
    const loOut = path.join(dir, 'lo-out');
    fs.mkdirSync(loIn);
    const share = [...ex.slice(0, LO_SHARE), ...py.slice(0, LO_SHARE)];
    for (const b of share) fs.copyFileSync(b.file, path.join(loIn, path.basename(b.file)));
    execFileSync(
      'soffice',
      [
        '--headless',
        '--norestore',
        `-env:UserInstallation=file://${path.join(dir, 'lo-profile')}`,
        '--convert-to',
        'xlsx:Calc MS Excel 2007 XML',
        '--outdir',
        loOut,
        ...share.map((b) => path.join(loIn, path.basename(b.file))),
      ],
      { stdio: 'ignore', timeout: 240_000 },
    );
    for (const b of share)
      mismatches.push(
        ...compare(path.join(loOut, path.basename(b.file)), b.cells, {
          noCachedFormulas: b.file.includes('/py'),
          lo: true,
        }).map((m) => `LibreOffice: ${m}`),
      );
    const cells = [...ex, ...py].reduce((n, b) => n + b.cells.length, 0);
    console.log(
      `differential: ${ex.length + py.length + share.length} workbooks, ${cells} cells, ${mismatches.length} mismatches`,
    );
    expect(mismatches.slice(0, 30)).toEqual([]);
  }, 600_000);
});
