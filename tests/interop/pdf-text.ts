import { execFileSync } from 'node:child_process';
import type { ReportBlock, ReportCell, ReportDoc } from '../../shared/reports/model';

/**
 * What a printed PDF shows, read by poppler (not our code): its text lines
 * with their place on the page. Used to check that every text of a report is
 * on paper whole, whoever printed it (Chromium for the reports, LibreOffice
 * for the print-ready workbooks).
 */
export interface PdfLine {
  page: number;
  x: number;
  y: number;
  /** Bottom of the line. */
  y2: number;
  text: string;
}

export interface PdfText {
  lines: PdfLine[];
  /** The text of the page bodies (header and footer bands cut away) in drawing order. */
  body: string;
  pages: { width: number; height: number }[];
}

/** The page's own header and footer band (running header, n / N), in points. */
const BAND = 40;

const num = (s: string, name: string) => Number(new RegExp(`${name}="([\\d.]+)"`).exec(s)![1]);

export function readPdf(file: string): PdfText {
  const xml = execFileSync('pdftotext', ['-bbox-layout', '-enc', 'UTF-8', file, '-'], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const pages: PdfText['pages'] = [];
  const lines: PdfLine[] = [];
  for (const m of xml.matchAll(/<page ([^>]*)>|<line ([^>]*)>([\s\S]*?)<\/line>/g)) {
    if (m[1] !== undefined) {
      pages.push({ width: num(m[1], 'width'), height: num(m[1], 'height') });
      continue;
    }
    const text = [...m[3]!.matchAll(/<word [^>]*>([^<]*)<\/word>/g)]
      .map((w) => decode(w[1]!))
      .join('');
    lines.push({
      page: pages.length,
      x: num(m[2]!, 'xMin'),
      y: num(m[2]!, 'yMin'),
      y2: num(m[2]!, 'yMax'),
      text,
    });
  }
  const first = pages[0] ?? { width: 0, height: 0 };
  const body = execFileSync(
    'pdftotext',
    [
      '-raw',
      '-enc',
      'UTF-8',
      ...['-x', '0', '-y', String(BAND), '-W', String(Math.ceil(first.width))],
      ...['-H', String(Math.floor(first.height - 2 * BAND)), file, '-'],
    ],
    { encoding: 'utf8', maxBuffer: 1 << 28 },
  );
  return { lines, pages, body };
}

function decode(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

export const strip = (s: string) => s.replace(/[\s\u3000]+/g, '');

const inBody = (pdf: PdfText, l: PdfLine) =>
  l.y > BAND && l.y2 < pdf.pages[l.page - 1]!.height - BAND;

/**
 * The texts (split at white space, where a printer may break a line) that
 * are not on paper whole. Read in the order the PDF draws them (poppler's raw
 * mode), the running header and footer cut away: a cell's lines stay together
 * there — across a page break too — where the page's layout would interleave
 * the cells of a row. A text continued in the rows below (a workbook's
 * 「（続き）」) is whole when its pieces follow one another in order.
 */
export function missingTexts(pdf: PdfText, texts: readonly string[]): string[] {
  const flat = strip(pdf.body);
  const missing: string[] = [];
  for (const t of texts)
    for (const part of t.split(/[\s\u3000]+/).filter(Boolean))
      if (!inOrder(flat, part)) missing.push(part.length > 60 ? `${part.slice(0, 60)}…` : part);
  return missing;
}

/**
 * The text in `flat` in pieces, each after the last: from the earliest place
 * where the rest's first few characters are printed, as far as it matches.
 */
function inOrder(flat: string, text: string): boolean {
  if (flat.includes(text)) return true;
  let pos = 0;
  let rest = text;
  while (rest) {
    const at = flat.indexOf(rest.slice(0, Math.min(12, rest.length)), pos);
    if (at < 0) return false;
    let n = 0;
    while (n < rest.length && flat[at + n] === rest[n]) n++;
    pos = at + n;
    rest = rest.slice(n);
  }
  return true;
}

function cellStrings(c: ReportCell): string[] {
  if (c === null) return [];
  if (typeof c === 'string' || typeof c === 'number') return [String(c)];
  if (c.kind === 'level') return [c.text];
  if (c.kind === 'levels') return c.levels.flatMap((l) => [l.axis, l.text]);
  return c.bars.map((b) => (b.start ? `${b.label}${b.phase}` : b.label));
}

/** Every text a report holds: what must be on paper. */
export function reportTexts(doc: ReportDoc): string[] {
  const out: string[] = [doc.title];
  const add = (b: ReportBlock) => {
    if (b.kind === 'heading' || b.kind === 'text') out.push(b.text);
    else if (b.kind === 'fields') for (const [k, v] of b.rows) out.push(k, v);
    else if (b.kind === 'table') {
      if (b.caption) out.push(b.caption);
      out.push(...b.columns.map((c) => c.header));
      for (const r of b.rows) for (const c of r) out.push(...cellStrings(c));
    }
  };
  doc.blocks.forEach(add);
  return out.filter((t) => t.trim() !== '');
}

/**
 * Headings, captions and column headers, in the pieces a printer may break
 * them into (longest first): what a page must not hold alone, nor end with.
 */
export function furniture(doc: ReportDoc): string[] {
  const out: string[] = [doc.title, doc.planTitle, doc.subtitle];
  for (const b of doc.blocks) {
    if (b.kind === 'heading') out.push(b.text);
    if (b.kind === 'table') {
      if (b.caption) out.push(b.caption);
      out.push(...b.columns.map((c) => c.header));
    }
    if (b.kind === 'bars') out.push(b.caption);
  }
  return [...new Set(out.flatMap((t) => t.split(/[\s\u3000]+/)).filter(Boolean))].sort(
    (a, b) => b.length - a.length,
  );
}

/**
 * Pages that are blank, that hold only headings, captions and column headers,
 * or that end with one of them (a caption standing alone at a page foot).
 */
export function pageProblems(pdf: PdfText, furnitureTexts: readonly string[]): string[] {
  // a line made of nothing but headings, captions and headers (a header row prints as one line)
  const isFurniture = (l: PdfLine) => {
    let t = strip(l.text);
    for (const f of furnitureTexts) t = t.split(f).join('');
    return t === '';
  };
  const problems: string[] = [];
  pdf.pages.forEach((_, i) => {
    const body = pdf.lines.filter((l) => l.page === i + 1 && inBody(pdf, l) && strip(l.text));
    if (body.length === 0) return void problems.push(`page ${i + 1} is blank`);
    if (body.every(isFurniture))
      return void problems.push(`page ${i + 1} holds only headings and headers`);
    const bottom = Math.max(...body.map((l) => l.y2));
    const last = body.filter((l) => bottom - l.y2 < 4);
    if (i < pdf.pages.length - 1 && last.every(isFurniture))
      problems.push(`page ${i + 1} ends with 「${last.map((l) => l.text).join(' ')}」`);
  });
  return problems;
}
