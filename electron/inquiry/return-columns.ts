import type { SheetData, XlsxBook } from '../xlsx/read-book';
import { cellText } from '../xlsx/read-book';
import type { Checked } from './return-meta';
import { META_SHEET, ROUND_SHEET } from './round-columns';

/** More rows than any plan has: a sheet filled to the bottom is refused, not walked. */
const MAX_ROWS = 5000;

export interface InputTable {
  sheet: SheetData;
  headerRow: number;
  /** field key → column (1-based), found by the header text, wherever the column moved. */
  colOf: Map<string, number>;
  /** field key → its header as exported. */
  labelOf: Map<string, string>;
  /** Told, not refused: a renamed sheet, a deleted column. */
  warnings: { message: string; where: string | null }[];
}

const norm = (s: string) => s.replace(/\s+/g, '');

/**
 * The column mapping: the input sheet found by its name, or else by its
 * header row (a renamed sheet), and each field's column found by its header
 * (moved, sorted or hidden columns read the same). Without a column that
 * ties rows to items, nothing can be read.
 */
export function locateInputTable(
  book: XlsxBook,
  kv: Map<string, string>,
  fileName: string,
): Checked<InputTable> {
  let headers: [string, string][];
  try {
    headers = JSON.parse(kv.get('columns') ?? '[]') as [string, string][];
  } catch {
    return {
      ok: false,
      message: `「${fileName}」の管理用シートが書き換えられているため取り込めません。`,
      where: META_SHEET,
    };
  }
  const warnings: InputTable['warnings'] = [];
  const byHeader = new Map(headers.map(([key, h]) => [norm(h), key]));
  const wanted = kv.get('sheet') ?? ROUND_SHEET;
  const findHeader = (ws: SheetData) => {
    for (let r = 1; r <= Math.min(ws.maxRow, 20); r++) {
      let hits = 0;
      for (const c of ws.rows.get(r)?.values() ?? []) if (byHeader.has(norm(cellText(c)))) hits++;
      if (hits >= Math.min(4, headers.length)) return r;
    }
    return 0;
  };
  let sheet: SheetData | undefined = book.sheet(wanted) ?? undefined;
  let headerRow = sheet ? findHeader(sheet) : 0;
  if (!headerRow) {
    sheet = book.names
      .filter((n) => n.name !== META_SHEET && n.name !== wanted)
      .map((n) => book.sheet(n.name)!)
      .find((ws) => findHeader(ws) > 0);
    if (sheet) {
      headerRow = findHeader(sheet);
      warnings.push({
        message: `シート名が「${sheet.name}」に変えられていましたが、見出しから進捗管理表として読みました。`,
        where: null,
      });
    }
  }
  if (!sheet || !headerRow)
    return {
      ok: false,
      message: `「${fileName}」に進捗管理表のシート（見出しの行）が見つかりません。シートや見出しの行が削除・変更されていないか確認してください。`,
      where: null,
    };
  if (sheet.maxRow > MAX_ROWS)
    return {
      ok: false,
      message: `「${fileName}」の進捗管理表は行が多すぎます（${sheet.maxRow.toLocaleString('ja-JP')}行）。不要な行を削除して保存し直してください。`,
      where: sheet.name,
    };
  const colOf = new Map<string, number>();
  for (const [col, c] of sheet.rows.get(headerRow) ?? []) {
    const key = byHeader.get(norm(cellText(c)));
    if (key && !colOf.has(key)) colOf.set(key, col);
  }
  if (!colOf.has('id') && !colOf.has('code'))
    return {
      ok: false,
      message: `「${fileName}」の進捗管理表に管理番号の列も No. の列もないため、行と改革項目を結びつけられません。列を削除しないでください。`,
      where: sheet.name,
    };
  for (const [k, h] of headers)
    if (
      !colOf.has(k) &&
      k !== 'id' &&
      !['code', 'name', 'role'].includes(k) &&
      !k.endsWith('Name') &&
      !k.endsWith('Target')
    )
      warnings.push({
        message: `「${h}」の列が見つかりません（削除された列は変更なしとして扱います）。`,
        where: sheet.name,
      });
  return { ok: true, value: { sheet, headerRow, colOf, labelOf: new Map(headers), warnings } };
}
