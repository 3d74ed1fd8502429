import { formatFiscalYear } from '../../shared/fiscal-year';
import type { Db } from '../db/open-store';
import type { CellData, SheetData, XlsxBook } from '../xlsx/read-book';
import { cellText, XlsxDamage } from '../xlsx/read-book';
import { META_MARK, META_SHEET } from './round-columns';
import type { RecordSnapshot } from './round-columns';

/** The export a returned workbook answers, as the store recorded it. */
export interface ExportRow {
  id: number;
  uuid: string;
  round_id: number;
  org_unit_id: number | null;
  scope: string;
  created_at: string;
  plan_id: number;
  fiscal_year: number;
  round_name: string;
  plan_title: string;
  unit_name: string | null;
}

export interface ReturnMeta {
  /** The key/value part of the hidden sheet (format, exportId, sheet, columns …). */
  kv: Map<string, string>;
  exp: ExportRow;
  /** Each exported record as it was sent: the base of the three-way diff. */
  snapshots: Map<number, RecordSnapshot>;
  codeToRecord: Map<string, number>;
  exportedCode: Map<number, string>;
}

export type Checked<T> =
  { ok: true; value: T } | { ok: false; message: string; where: string | null };
const refuse = (message: string, where: string | null = null) =>
  ({ ok: false, message, where }) as const;

const EMPTY: CellData = {
  value: null,
  text: '',
  formula: false,
  error: null,
  date: false,
  format: null,
};

/** A sheet's cell (1-based), empty when absent. */
export function at(ws: SheetData, row: number, col: number): CellData {
  return ws.rows.get(row)?.get(col) ?? EMPTY;
}

/**
 * The meta check: the hidden management sheet says which export this file
 * answers; it must be ours, untouched, for this data file and for the round
 * open now. Anything else is refused with what to do — never guessed.
 */
export function checkReturnMeta(
  db: Db,
  book: XlsxBook,
  fileName: string,
  expectedRoundId: number,
): Checked<ReturnMeta> {
  let meta: SheetData | null;
  try {
    meta = book.sheet(META_SHEET);
  } catch (e) {
    if (!(e instanceof XlsxDamage)) throw e;
    return refuse(
      `「${fileName}」の管理用シートが壊れているため読めません（${e.detail}）。出力し直した照会ファイルに入力してもらってください。`,
      e.where ?? META_SHEET,
    );
  }
  if (!meta)
    return refuse(
      `「${fileName}」には管理用の隠しシート（${META_SHEET}）がありません。行革デスクが出力した照会ファイルに入力したものか、シートが削除されていないか確認してください。別の様式のファイルは取り込めません。`,
    );
  const kv = new Map<string, string>();
  let tableRow = 0;
  for (let r = 1; r <= Math.min(meta.maxRow, 60); r++) {
    const k = cellText(at(meta, r, 1)).trim();
    if (k === 'recordId') {
      tableRow = r;
      break;
    }
    if (k) kv.set(k, cellText(at(meta, r, 2)).trim());
  }
  const rewritten = `「${fileName}」の管理用シートが書き換えられているため取り込めません。出力し直した照会ファイルに入力してもらってください。`;
  if (kv.get('format') !== META_MARK || !tableRow) return refuse(rewritten, META_SHEET);
  const exp = db
    .prepare(
      `SELECT e.*, o.plan_id, o.fiscal_year, o.name AS round_name, p.title AS plan_title, u.name AS unit_name
       FROM exchange_exports e JOIN pdca_rounds o ON o.id = e.round_id JOIN plans p ON p.id = o.plan_id
       LEFT JOIN org_units u ON u.id = e.org_unit_id WHERE e.uuid = ?`,
    )
    .get(kv.get('exportId') ?? '') as ExportRow | undefined;
  if (!exp)
    return refuse(
      `「${fileName}」は、このデータファイルから出力した照会ファイルではありません（別のパソコンや別の計画で出力されたか、出力の記録が削除されています）。このアプリで出力し直したファイルに入力してもらってください。`,
    );
  if (
    kv.get('planId') !== String(exp.plan_id) ||
    kv.get('roundId') !== String(exp.round_id) ||
    kv.get('fiscalYear') !== String(exp.fiscal_year) ||
    kv.get('orgUnitId') !== String(exp.org_unit_id ?? '')
  )
    return refuse(
      `「${fileName}」の管理用シートの内容が出力したときと違います（書き換えられています）。出力し直した照会ファイルに入力してもらってください。`,
      META_SHEET,
    );
  if (exp.round_id !== expectedRoundId) {
    const expected = db
      .prepare(
        'SELECT o.fiscal_year, o.name, p.title FROM pdca_rounds o JOIN plans p ON p.id = o.plan_id WHERE o.id = ?',
      )
      .get(expectedRoundId) as { fiscal_year: number; name: string; title: string } | undefined;
    const here = expected
      ? `${expected.title} ${formatFiscalYear(expected.fiscal_year)} ${expected.name}`
      : '選んでいる照会回';
    return refuse(
      `「${fileName}」は ${exp.plan_title} ${formatFiscalYear(exp.fiscal_year)} ${exp.round_name}（${exp.unit_name ?? ''}）の回答です。いま開いている ${here} には取り込めません。年度と照会回を選び直してから取り込んでください。`,
    );
  }
  const snapshots = new Map(
    (
      db
        .prepare('SELECT record_id, snapshot FROM exchange_export_records WHERE export_id = ?')
        .all(exp.id) as { record_id: number; snapshot: string }[]
    ).map((r) => [r.record_id, JSON.parse(r.snapshot) as RecordSnapshot]),
  );
  const codeToRecord = new Map<string, number>();
  const exportedCode = new Map<number, string>();
  for (let r = tableRow + 1; r <= meta.maxRow; r++) {
    const id = Number(at(meta, r, 1).value);
    if (!Number.isInteger(id) || id <= 0) continue;
    if (!snapshots.has(id))
      return refuse(
        `「${fileName}」の管理用シートに、出力していない項目が含まれています（書き換えられています）。`,
        META_SHEET,
      );
    codeToRecord.set(cellText(at(meta, r, 3)).trim(), id);
    exportedCode.set(id, cellText(at(meta, r, 3)).trim());
  }
  return { ok: true, value: { kv, exp, snapshots, codeToRecord, exportedCode } };
}
