import zlib from 'node:zlib';

/**
 * A small reader for returned workbooks: cell values, formulas and error
 * values of the sheets we ask for, nothing else. It reads what Excel and
 * LibreOffice write (shared and inline strings, rich text runs, _xHHHH_
 * escapes, booleans, errors, formulas with cached results) without building a
 * styled model of the whole book, which is most of what a general library
 * spends its time on. Writing stays with exceljs.
 */
export interface CellData {
  value: string | number | null;
  formula: boolean;
  error: string | null;
}

export interface SheetData {
  name: string;
  state: 'visible' | 'hidden' | 'veryHidden';
  /** row → column → cell (1-based). */
  rows: Map<number, Map<number, CellData>>;
  maxRow: number;
}

export interface ZipEntry {
  name: string;
  method: number;
  compressed: number;
  uncompressed: number;
  offset: number;
}

/** A zip's central directory, read without inflating anything. */
export function zipDirectory(buf: Buffer): Map<string, ZipEntry> {
  const min = Math.max(0, buf.length - 22 - 65535);
  let eocd = -1;
  for (let i = buf.length - 22; i >= min; i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('no central directory');
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const out = new Map<string, ZipEntry>();
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error('bad central directory');
    const method = buf.readUInt16LE(at + 10);
    const compressed = buf.readUInt32LE(at + 20);
    const uncompressed = buf.readUInt32LE(at + 24);
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    const offset = buf.readUInt32LE(at + 42);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLen);
    out.set(name, { name, method, compressed, uncompressed, offset });
    at += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

function read(buf: Buffer, e: ZipEntry): string {
  if (buf.readUInt32LE(e.offset) !== 0x04034b50) throw new Error('bad local header');
  const start = e.offset + 30 + buf.readUInt16LE(e.offset + 26) + buf.readUInt16LE(e.offset + 28);
  const raw = buf.subarray(start, start + e.compressed);
  if (e.method === 0) return raw.toString('utf8');
  if (e.method !== 8) throw new Error('unsupported compression');
  return zlib
    .inflateRawSync(raw, { maxOutputLength: Math.max(1, e.uncompressed) + 1024 })
    .toString('utf8');
}

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML entities, then Excel's _xHHHH_ escapes for characters XML cannot hold. */
function decode(s: string): string {
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
  if (!re) ATTR.set(name, (re = new RegExp(`\\s${name}="([^"]*)"`)));
  const m = re.exec(tag);
  if (!m) return null;
  return m[1]!.includes('&') || m[1]!.includes('_x') ? decode(m[1]!) : m[1]!;
}

/** The text of <si> or <is>: every <t> run joined (rich text), phonetic runs left out. */
function runs(xml: string): string {
  const noPhonetic = xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '');
  let out = '';
  for (const m of noPhonetic.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>|<t(?:\s[^>]*)?\/>/g))
    out += decode(m[1] ?? '');
  return out;
}

function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function resolve(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const p of target.split('/')) {
    if (p === '..') parts.pop();
    else if (p !== '.') parts.push(p);
  }
  return parts.join('/');
}

export interface XlsxBook {
  names: { name: string; state: SheetData['state'] }[];
  /** A sheet's cells, parsed on first use; null if there is no such sheet. */
  sheet(name: string): SheetData | null;
}

/** A workbook's sheet list; each sheet's XML is parsed only when asked for. */
export function openXlsx(buf: Buffer): XlsxBook {
  const zip = zipDirectory(buf);
  const get = (name: string) => {
    const e = zip.get(name);
    return e ? read(buf, e) : null;
  };
  const workbook = get('xl/workbook.xml');
  // A cut or hand-damaged workbook part is refused whole, never half-read.
  if (!workbook || !/<\/(?:\w+:)?workbook>\s*$/.test(workbook)) throw new Error('no workbook');
  const rels = new Map<string, string>();
  for (const m of (get('xl/_rels/workbook.xml.rels') ?? '').matchAll(/<Relationship\b[^>]*>/g)) {
    const id = attr(m[0], 'Id');
    const target = attr(m[0], 'Target');
    if (id && target) rels.set(id, resolve('xl/workbook.xml', target));
  }
  const shared: string[] = [];
  const sst = get('xl/sharedStrings.xml');
  if (sst)
    for (const m of sst.matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g)) shared.push(runs(m[1] ?? ''));

  const names: XlsxBook['names'] = [];
  const where = new Map<string, string | null>();
  for (const m of workbook.matchAll(/<sheet\b[^>]*>/g)) {
    const name = attr(m[0], 'name') ?? '';
    names.push({ name, state: (attr(m[0], 'state') ?? 'visible') as SheetData['state'] });
    const rid = attr(m[0], 'r:id');
    where.set(name, rid ? (rels.get(rid) ?? null) : null);
  }
  if (names.length === 0) throw new Error('no sheets');
  const parsed = new Map<string, SheetData>();
  return {
    names,
    sheet(name) {
      if (!where.has(name)) return null;
      let sh = parsed.get(name);
      if (!sh) {
        const path = where.get(name);
        sh = parseSheet(
          name,
          names.find((n) => n.name === name)!.state,
          path ? get(path) : null,
          shared,
        );
        parsed.set(name, sh);
      }
      return sh;
    },
  };
}

function parseSheet(
  name: string,
  state: SheetData['state'],
  xml: string | null,
  shared: readonly string[],
): SheetData {
  const sheet: SheetData = { name, state, rows: new Map(), maxRow: 0 };
  {
    if (!xml) return sheet;
    let implicitRow = 0;
    for (const row of xml.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
      const r = Number(attr(row[0].slice(0, row[0].indexOf('>') + 1), 'r')) || implicitRow + 1;
      implicitRow = r;
      if (!row[2]) continue;
      let implicitCol = 0;
      const cells = new Map<number, CellData>();
      for (const c of row[2].matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
        const head = `<c${c[1]}>`;
        const ref = attr(head, 'r');
        const col = ref ? colNumber(/^[A-Z]+/.exec(ref)![0]) : implicitCol + 1;
        implicitCol = col;
        const body = c[2] ?? '';
        const type = attr(head, 't') ?? 'n';
        const formula = /<f\b/.test(body);
        const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
        let value: CellData['value'] = null;
        let error: string | null = null;
        if (type === 's') value = v === undefined ? null : (shared[Number(v)] ?? '');
        else if (type === 'inlineStr') value = runs(/<is>([\s\S]*?)<\/is>/.exec(body)?.[1] ?? '');
        else if (type === 'str') value = v === undefined ? null : decode(v);
        else if (type === 'b') value = v === '1' ? 'TRUE' : 'FALSE';
        else if (type === 'e') error = v === undefined ? '#ERROR' : decode(v);
        else if (v !== undefined && v !== '') value = Number(v);
        if (value === null && !formula && !error) continue;
        cells.set(col, { value, formula, error });
      }
      if (cells.size > 0) {
        sheet.rows.set(r, cells);
        sheet.maxRow = Math.max(sheet.maxRow, r);
      }
    }
  }
  return sheet;
}

/** Cell as text, the way it would show (numbers without grouping). */
export function cellText(cell: CellData | undefined): string {
  if (!cell || cell.value === null) return '';
  return typeof cell.value === 'number' ? String(cell.value) : cell.value;
}

export function columnLetter(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26))
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
