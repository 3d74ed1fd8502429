import type { CellRange } from './selection';

/** What the grid asks its owner to apply: one text per cell, all or nothing. */
export interface CellEdit {
  row: number;
  col: number;
  text: string;
}

export type PlanResult =
  { ok: true; edits: CellEdit[]; notice: string | null } | { ok: false; message: string };

export interface PasteTarget {
  rowCount: number;
  colCount: number;
  /** Rows that take values (group headings do not). */
  isDataRow(row: number): boolean;
  /** Columns typed into as text; others (No, 実施時期, 実施担当) have their own editors. */
  isTextColumn(col: number): boolean;
  columnName(col: number): string;
}

export const MAX_PASTE_CELLS = 20000;

/**
 * Where a pasted block goes. A single value fills the whole selection (as in
 * Excel). A block starts at the selection's top-left; columns past the last one
 * are clipped with a notice; a block that would cross a heading row, land on a
 * column without text input, or exceed the size limit is refused whole.
 */
export function planPaste(block: string[][], selection: CellRange, t: PasteTarget): PlanResult {
  if (block.length === 0) return { ok: false, message: '貼り付ける内容がありません。' };
  const single = block.length === 1 && block[0]!.length === 1;
  const edits: CellEdit[] = [];
  let notice: string | null = null;

  if (single && (selection.bottom > selection.top || selection.right > selection.left)) {
    for (let r = selection.top; r <= selection.bottom; r++) {
      if (!t.isDataRow(r)) continue;
      for (let c = selection.left; c <= selection.right; c++) {
        if (!t.isTextColumn(c))
          return {
            ok: false,
            message: `「${t.columnName(c)}」の欄には貼り付けできません。編集画面で設定してください。`,
          };
        edits.push({ row: r, col: c, text: block[0]![0]! });
      }
    }
    return edits.length > MAX_PASTE_CELLS
      ? {
          ok: false,
          message: `一度に貼り付けられるのは${MAX_PASTE_CELLS.toLocaleString('ja-JP')}セルまでです。分けて貼り付けてください。`,
        }
      : { ok: true, edits, notice: null };
  }

  const width = Math.max(...block.map((r) => r.length));
  const fitCols = Math.min(width, t.colCount - selection.left);
  if (fitCols < width) notice = `列が多いため、右側の${width - fitCols}列は貼り付けませんでした。`;
  if (block.length * fitCols > MAX_PASTE_CELLS) {
    return {
      ok: false,
      message: `一度に貼り付けられるのは${MAX_PASTE_CELLS.toLocaleString('ja-JP')}セルまでです（${(block.length * fitCols).toLocaleString('ja-JP')}セル）。分けて貼り付けてください。`,
    };
  }
  for (let c = selection.left; c < selection.left + fitCols; c++) {
    if (!t.isTextColumn(c))
      return {
        ok: false,
        message: `「${t.columnName(c)}」の欄には貼り付けできません。貼り付ける範囲を選び直してください。`,
      };
  }
  let row = selection.top;
  for (let i = 0; i < block.length; i++, row++) {
    if (row >= t.rowCount) {
      notice = `${notice ?? ''}下に行が足りないため、${block.length - i}行は貼り付けませんでした。`;
      break;
    }
    if (!t.isDataRow(row)) {
      return {
        ok: false,
        message:
          '貼り付ける範囲が重点項目・取組分野の見出しをまたいでいます。見出しごとに分けて貼り付けてください。',
      };
    }
    for (let j = 0; j < fitCols; j++)
      edits.push({ row, col: selection.left + j, text: block[i]![j] ?? '' });
  }
  return { ok: true, edits, notice };
}

/** Ctrl+D: the top row of the selection copied down; a single cell takes the value above it. */
export function planFillDown(
  sel: CellRange,
  t: PasteTarget,
  textAt: (row: number, col: number) => string,
): PlanResult {
  let source = sel.top;
  let first = sel.top + 1;
  if (sel.bottom === sel.top) {
    source = sel.top - 1;
    while (source >= 0 && !t.isDataRow(source)) source--;
    first = sel.top;
    if (source < 0) return { ok: false, message: '上にコピー元の行がありません。' };
  }
  if (!t.isDataRow(source))
    return { ok: false, message: 'コピー元が見出しの行です。項目の行を選んでください。' };
  const edits: CellEdit[] = [];
  for (let c = sel.left; c <= sel.right; c++) {
    if (!t.isTextColumn(c))
      return { ok: false, message: `「${t.columnName(c)}」の欄は下方向へのコピーができません。` };
    for (let r = first; r <= sel.bottom; r++)
      if (t.isDataRow(r)) edits.push({ row: r, col: c, text: textAt(source, c) });
  }
  return { ok: true, edits, notice: null };
}

/** Delete: every text cell of the selection emptied. */
export function planClear(sel: CellRange, t: PasteTarget): PlanResult {
  const edits: CellEdit[] = [];
  for (let r = sel.top; r <= sel.bottom; r++) {
    if (!t.isDataRow(r)) continue;
    for (let c = sel.left; c <= sel.right; c++)
      if (t.isTextColumn(c)) edits.push({ row: r, col: c, text: '' });
  }
  return { ok: true, edits, notice: null };
}
