import {
  builtinFormat,
  formatGeneral,
  formatNumber,
  isDateFormat,
  isoToSerial,
} from './number-format';
import type { ZipEntry } from './zip';
import { readEntry, XlsxDamage, zipDirectory } from './zip';

/**
 * A small reader for returned workbooks: cell values, the text each cell
 * shows, formulas and error values of the sheets we ask for, nothing else.
 * It reads what Excel, LibreOffice, openpyxl, Google Sheets and the OpenXML
 * SDK write (shared and inline strings, rich text, CDATA, _xHHHH_ escapes,
 * namespace prefixes, booleans, errors, ISO dates, formulas with cached
 * results) without building a styled model of the whole book. Anything
 * malformed is refused as damaged with the part or cell named — never read
 * as empty. Writing stays with exceljs.
 */
export interface CellData {
  /** Strings as written; numbers (and dates as serials) as numbers. */
  value: string | number | null;
  /** What Excel shows in the cell (number formats, dates, 和暦, General). */
  text: string;
  formula: boolean;
  error: string | null;
  /** The number is a date or time (by its format or its cell type). */
  date: boolean;
  /** The cell's number format code, when it has one other than General. */
  format: string | null;
}

export interface SheetData {
  name: string;
  state: 'visible' | 'hidden' | 'veryHidden';
  /** row → column → cell (1-based). */
  rows: Map<number, Map<number, CellData>>;
  maxRow: number;
}

export { XlsxDamage, zipDirectory };
export type { ZipEntry };

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML character content: entities, then Excel's _xHHHH_ escapes; CDATA as it stands. */
function decode(s: string): string {
  if (s.includes('<![CDATA[')) {
    return s
      .split(/(<!\[CDATA\[[\s\S]*?\]\]>)/)
      .map((part) => (part.startsWith('<![CDATA[') ? part.slice(9, -3) : decodePlain(part)))
      .join('');
  }
  return decodePlain(s);
}

function decodePlain(s: string): string {
  if (!s.includes('&') && !s.includes('_x')) return s;
  return s
    .replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) =>
      e[0] === '#'
        ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10))
        : ENTITY[e]!,
    )
    .replace(/_x([0-9a-fA-F]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

const ATTR = new Map<string, RegExp>();
function attr(tag: string, name: string): string | null {
  let re = ATTR.get(name);
  if (!re) ATTR.set(name, (re = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`)));
  const m = re.exec(tag);
  if (!m) return null;
  const v = m[1] ?? m[2]!;
  return decodePlain(v);
}

/** The text of <si> or <is>: every <t> run joined (rich text), phonetic runs left out. */
function runs(xml: string): string {
  const noPhonetic = xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '');
  let out = '';
  for (const m of noPhonetic.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>|<t(?:\s[^>]*)?\/>/g))
    out += decode(m[1] ?? '');
  return out;
}

/**
 * A part as we parse it: no DTDs (entity expansion is refused, not
 * performed), element names without namespace prefixes (the OpenXML SDK
 * writes <x:row>), and complete (a cut part is damage).
 */
function prepare(xml: string, part: string, root: string): string {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml))
    throw new XlsxDamage(`「${part}」に DOCTYPE（実体の定義）が含まれています。`, part);
  assertWellFormed(xml, part);
  const plain = /<[A-Za-z_][\w.-]*:/.test(xml)
    ? xml.replace(/<(\/?)[A-Za-z_][\w.-]*:(?=[A-Za-z_])/g, '<$1')
    : xml;
  if (!new RegExp(`</${root}>\\s*$`).test(plain))
    throw new XlsxDamage(`「${part}」が途中で切れているか、壊れています。`, part);
  return plain;
}

const TOKEN =
  /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<\/([A-Za-z_][\w.:-]*)\s*>|<([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>|[^<]+/y;
const XML_DECL =
  /^<\?xml\s+version\s*=\s*(["'])1\.\d\1(?:\s+encoding\s*=\s*(["'])[A-Za-z][\w.-]*\2)?(?:\s+standalone\s*=\s*(["'])(?:yes|no)\3)?\s*\?>$/;
const BAD_AMP = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/;

/**
 * XML well-formedness, checked before anything is read: tags balanced and
 * named alike, attributes quoted, CDATA and comments closed, entities known,
 * one root. A part that is not XML is damage, whatever a lenient read would
 * make of it.
 */
function assertWellFormed(xml: string, part: string): void {
  const stack: string[] = [];
  let roots = 0;
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < xml.length) {
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(xml);
    if (!m) throw new XlsxDamage(`「${part}」の XML が壊れています（${at}文字目）。`, part);
    const [tok, close, open, attrs, selfClose] = m;
    if (tok.startsWith('<?xml') && /^<\?xml[\s?]/.test(tok)) {
      if (at !== 0 && xml.slice(0, at).replace(/^\ufeff/, '') !== '')
        throw new XlsxDamage(`「${part}」の XML 宣言の位置が不正です。`, part);
      if (!XML_DECL.test(tok)) throw new XlsxDamage(`「${part}」の XML 宣言が壊れています。`, part);
    } else if (close !== undefined) {
      if (stack.pop() !== close)
        throw new XlsxDamage(`「${part}」の XML の要素「${close}」の閉じ方が合いません。`, part);
    } else if (open !== undefined) {
      if (stack.length === 0 && ++roots > 1)
        throw new XlsxDamage(`「${part}」の XML に最上位の要素が2つあります。`, part);
      if (attrs && BAD_AMP.test(attrs))
        throw new XlsxDamage(`「${part}」の XML に不正な「&」があります。`, part);
      if (!selfClose) stack.push(open);
    } else if (tok[0] !== '<') {
      if (stack.length === 0 && tok.trim() !== '' && tok.trim() !== '\ufeff')
        throw new XlsxDamage(`「${part}」の XML の要素の外に文字があります。`, part);
      if (BAD_AMP.test(tok))
        throw new XlsxDamage(`「${part}」の XML に不正な「&」があります。`, part);
    }
  }
  if (stack.length > 0 || roots === 0)
    throw new XlsxDamage(`「${part}」が途中で切れているか、壊れています。`, part);
}

function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function columnLetter(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26))
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function resolve(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const p of target.split('/')) {
    if (p === '..') parts.pop();
    else if (p !== '.' && p !== '') parts.push(p);
  }
  return parts.join('/');
}

export interface XlsxBook {
  names: { name: string; state: SheetData['state'] }[];
  /** A sheet's cells, parsed on first use; null if there is no such sheet. */
  sheet(name: string): SheetData | null;
}

/** Number format code per cell style index (cellXfs), from xl/styles.xml. */
function readStyles(xml: string | null): (string | null)[] {
  if (!xml) return [];
  const styles = prepare(xml, 'xl/styles.xml', 'styleSheet');
  const custom = new Map<number, string>();
  for (const m of styles.matchAll(/<numFmt\b[^>]*>/g)) {
    const id = Number(attr(m[0], 'numFmtId'));
    const code = attr(m[0], 'formatCode');
    if (Number.isInteger(id) && code != null) custom.set(id, code);
  }
  const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? '';
  const out: (string | null)[] = [];
  for (const m of xfs.matchAll(/<xf\b[^>]*>/g)) {
    const id = Number(attr(m[0], 'numFmtId') ?? 0);
    const code = custom.get(id) ?? builtinFormat(id);
    out.push(/^general$/i.test(code) ? null : code);
  }
  return out;
}

/** A workbook's sheet list; each sheet's XML is parsed only when asked for. */
export function openXlsx(buf: Buffer): XlsxBook {
  const zip = zipDirectory(buf);
  const get = (name: string) => {
    const e = zip.get(name);
    return e ? readEntry(buf, e) : null;
  };
  const workbookXml = get('xl/workbook.xml');
  if (!workbookXml) throw new XlsxDamage('ブックの部品（xl/workbook.xml）がありません。');
  const workbook = prepare(workbookXml, 'xl/workbook.xml', 'workbook');
  const rels = new Map<string, string>();
  const relsXml = get('xl/_rels/workbook.xml.rels');
  if (relsXml) {
    const r = prepare(relsXml, 'xl/_rels/workbook.xml.rels', 'Relationships');
    for (const m of r.matchAll(/<Relationship\b[^>]*>/g)) {
      const id = attr(m[0], 'Id');
      const target = attr(m[0], 'Target');
      if (id && target) rels.set(id, resolve('xl/workbook.xml', target));
    }
  }
  const shared: string[] = [];
  const sstXml = get('xl/sharedStrings.xml');
  if (sstXml) {
    const sst = prepare(sstXml, 'xl/sharedStrings.xml', 'sst');
    for (const m of sst.matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g)) shared.push(runs(m[1] ?? ''));
  }
  const formats = readStyles(get('xl/styles.xml'));

  const names: XlsxBook['names'] = [];
  const where = new Map<string, string | null>();
  for (const m of workbook.matchAll(/<sheet\b[^>]*>/g)) {
    const name = attr(m[0], 'name') ?? '';
    if (where.has(name))
      throw new XlsxDamage(`シート「${name}」が2つあります。`, 'xl/workbook.xml');
    names.push({ name, state: (attr(m[0], 'state') ?? 'visible') as SheetData['state'] });
    const rid = /\s[\w.-]*:?id\s*=\s*"([^"]*)"/.exec(m[0].replace(/\ssheetId\s*=\s*"[^"]*"/, ''));
    where.set(name, rid ? (rels.get(rid[1]!) ?? null) : null);
  }
  if (names.length === 0) throw new XlsxDamage('ブックにシートがありません。', 'xl/workbook.xml');
  const parsed = new Map<string, SheetData>();
  return {
    names,
    sheet(name) {
      if (!where.has(name)) return null;
      let sh = parsed.get(name);
      if (!sh) {
        const path = where.get(name);
        const xml = path ? get(path) : null;
        if (!path || xml === null)
          throw new XlsxDamage(
            `シート「${name}」の部品が見つかりません（関係の指す先がありません）。`,
            name,
          );
        sh = parseSheet(
          name,
          names.find((n) => n.name === name)!.state,
          prepare(xml, path, 'worksheet'),
          shared,
          formats,
        );
        parsed.set(name, sh);
      }
      return sh;
    },
  };
}

function numberCell(v: number, format: string | null, date = false): CellData {
  const isDate = date || (format != null && isDateFormat(format));
  return {
    value: v,
    text: format ? formatNumber(v, format) : formatGeneral(v),
    formula: false,
    error: null,
    date: isDate,
    format,
  };
}

/** A cell read as text (or empty). A function of its own, not a closure made for every cell. */
function textCell(value: string | null, formula: boolean, format: string | null): CellData {
  return { value, text: value ?? '', formula, error: null, date: false, format };
}

function parseSheet(
  name: string,
  state: SheetData['state'],
  xml: string,
  shared: readonly string[],
  formats: readonly (string | null)[],
): SheetData {
  const sheet: SheetData = { name, state, rows: new Map(), maxRow: 0 };
  const data = /<sheetData\b[^>]*\/>|<sheetData\b[^>]*>([\s\S]*)<\/sheetData>/.exec(xml);
  if (!data) throw new XlsxDamage(`シート「${name}」にセルの部分（sheetData）がありません。`, name);
  let implicitRow = 0;
  for (const row of (data[1] ?? '').matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    const rAttr = attr(`<row${row[1]}>`, 'r');
    const r = rAttr === null ? implicitRow + 1 : Number(rAttr);
    if (!Number.isInteger(r) || r < 1 || r > 1048576)
      throw new XlsxDamage(`シート「${name}」の行番号「${rAttr}」が不正です。`, name);
    implicitRow = r;
    if (!row[2]) continue;
    let implicitCol = 0;
    const cells = new Map<number, CellData>();
    for (const c of row[2].matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const head = `<c${c[1]}>`;
      const ref = attr(head, 'r');
      const refCol = ref ? /^([A-Z]{1,3})(\d+)$/.exec(ref) : null;
      if (ref && !refCol) throw new XlsxDamage(`セル番地「${ref}」が不正です。`, `${name}!${ref}`);
      const col = refCol ? colNumber(refCol[1]!) : implicitCol + 1;
      implicitCol = col;
      const addr = `${name}!${ref ?? `${columnLetter(col)}${r}`}`;
      const body = c[2] ?? '';
      const type = attr(head, 't') ?? 'n';
      const styleIndex = Number(attr(head, 's') ?? 0);
      const format = formats[styleIndex] ?? null;
      const formula = /<f\b/.test(body);
      const vm = /<v>([\s\S]*?)<\/v>/.exec(body);
      const v = vm ? decode(vm[1]!) : undefined;
      let cell: CellData;
      if (type === 's') {
        if (v === undefined) cell = textCell(null, formula, format);
        else {
          const k = Number(v);
          if (!Number.isInteger(k) || k < 0 || k >= shared.length)
            throw new XlsxDamage(
              `セル ${addr} の共有文字列の番号（${v}）が表の範囲（${shared.length}件）の外です。`,
              addr,
            );
          cell = textCell(shared[k]!, formula, format);
        }
      } else if (type === 'inlineStr') {
        const is = /<is>([\s\S]*?)<\/is>/.exec(body);
        cell = textCell(is ? runs(is[1]!) : null, formula, format);
      } else if (type === 'str') cell = textCell(v === undefined ? null : v, formula, format);
      else if (type === 'b') {
        if (v !== undefined && v !== '0' && v !== '1')
          throw new XlsxDamage(`セル ${addr} の真偽値「${v}」が不正です。`, addr);
        cell = textCell(v === undefined ? null : v === '1' ? 'TRUE' : 'FALSE', formula, format);
      } else if (type === 'e') {
        cell = { ...textCell(null, formula, format), error: v ?? '#ERROR' };
      } else if (type === 'd') {
        if (v === undefined || v === '') cell = textCell(null, formula, format);
        else {
          const serial = isoToSerial(v);
          if (serial === null)
            throw new XlsxDamage(`セル ${addr} の日付「${v}」が読めません。`, addr);
          cell = numberCell(serial, format ?? 'yyyy/m/d', true);
        }
        cell.formula = formula;
      } else if (type === 'n') {
        if (v === undefined || v.trim() === '') cell = textCell(null, formula, format);
        else {
          const n = Number(v);
          if (!Number.isFinite(n))
            throw new XlsxDamage(`セル ${addr} の数値「${v}」が不正です。`, addr);
          cell = numberCell(n, format);
        }
        cell.formula = formula;
      } else {
        throw new XlsxDamage(`セル ${addr} の種類「${type}」は Excel の形式にありません。`, addr);
      }
      if (cell.value === null && !formula && !cell.error) continue;
      cells.set(col, cell);
    }
    if (cells.size > 0) {
      sheet.rows.set(r, cells);
      sheet.maxRow = Math.max(sheet.maxRow, r);
    }
  }
  return sheet;
}

/** Cell as text, the way it shows. */
export function cellText(cell: CellData | undefined): string {
  if (!cell || cell.value === null) return '';
  return cell.text;
}
