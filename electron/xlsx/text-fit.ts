/**
 * How much room a text needs in a wrapped spreadsheet cell, so that printed
 * workbooks never cut it: Japanese (full-width) characters take two units of
 * a column's width, others one; a row is as tall as its tallest cell; text
 * longer than the tallest row Excel allows (409 pt) goes on in the rows below.
 * The figures are on the safe side for BIZ UDPゴシック (Windows) and Noto Sans
 * CJK (LibreOffice): a little space to spare is fine, a cut sentence is not.
 */
export const LINE_PT = 15;
export const PAD_PT = 4;
export const MAX_ROW_PT = 409;
/** Lines that fit the tallest row. */
export const MAX_LINES = Math.floor((MAX_ROW_PT - PAD_PT) / LINE_PT);

const WIDE =
  /[\u1100-\u115f\u2460-\u24ff\u2500-\u257f\u25a0-\u27bf\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;

export function charUnits(ch: string): number {
  return WIDE.test(ch) ? 2 : 1;
}

/** Width units a line may hold in a column of the given Excel width (cell padding and rounding kept aside). */
export function usableUnits(columnWidth: number): number {
  return Math.max(2, Math.floor((columnWidth - 1) * 0.9));
}

/**
 * The text as it will be broken into printed lines: each paragraph cut into
 * slices that fit the width. Joining the slices (with the newlines between
 * paragraphs) gives back the text exactly.
 */
export function visualLines(
  text: string,
  columnWidth: number,
): { text: string; endsParagraph: boolean }[] {
  const usable = usableUnits(columnWidth);
  const out: { text: string; endsParagraph: boolean }[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    let units = 0;
    for (const ch of para) {
      const u = charUnits(ch);
      if (units + u > usable && line) {
        out.push({ text: line, endsParagraph: false });
        line = '';
        units = 0;
      }
      line += ch;
      units += u;
    }
    out.push({ text: line, endsParagraph: true });
  }
  return out;
}

export function linesNeeded(text: string, columnWidth: number): number {
  return text === '' ? 1 : visualLines(text, columnWidth).length;
}

export function rowHeight(lines: number): number {
  return Math.min(MAX_ROW_PT, Math.max(1, lines) * LINE_PT + PAD_PT);
}

/**
 * A text split into pieces that each fit one row of at most maxLines lines,
 * cut at a sentence end (。) where one is near, so a sentence stays whole on
 * paper. The pieces joined give back the text exactly.
 */
export function splitForRows(text: string, columnWidth: number, maxLines = MAX_LINES): string[] {
  const lines = visualLines(text, columnWidth);
  if (lines.length <= maxLines) return [text];
  const pieces: string[] = [];
  let current = '';
  let count = 0;
  for (const l of lines) {
    current += l.text + (l.endsParagraph ? '\n' : '');
    count++;
    if (count === maxLines) {
      // back to the last sentence end in this piece, if it is in its last half
      const cut = Math.max(
        current.lastIndexOf('。'),
        current.lastIndexOf('\n', current.length - 2),
      );
      if (cut > current.length / 2 && cut < current.length - 1) {
        pieces.push(current.slice(0, cut + 1));
        current = current.slice(cut + 1);
        count = visualLines(current.replace(/\n$/, ''), columnWidth).length;
      } else {
        pieces.push(current);
        current = '';
        count = 0;
      }
    }
  }
  if (current) pieces.push(current);
  // the last newline belongs to the text only if the text had it
  const joined = pieces.join('');
  if (joined.endsWith('\n') && !text.endsWith('\n'))
    pieces[pieces.length - 1] = pieces[pieces.length - 1]!.replace(/\n$/, '');
  return pieces.filter((p) => p !== '');
}
