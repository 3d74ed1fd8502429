import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { reportData } from '../../electron/reports/report-data';
import { reportWorkbook } from '../../electron/reports/report-xlsx';
import { linesNeeded, splitForRows, visualLines } from '../../electron/reports/text-fit';
import { buildReport } from '../../shared/reports/build';
import type { ReportKind, ReportOptions } from '../../shared/reports/model';
import { libreOfficePdf } from '../interop/lo-convert';
import { ok } from './exchange/helpers';
import { sampleStore, tempDir } from './helpers';

/**
 * Print-ready workbooks as a city prints them: LibreOffice (not our code)
 * prints each to PDF, and every sentence of the texts in the selection must
 * be on paper — a 4,000-character answer included — with no blank page.
 */
const LONG = Array.from(
  { length: 142 },
  (_, i) =>
    `申請手続のオンライン化を進め、窓口の待ち時間を短縮する取組を計画どおり実施した（${i + 1}）。`,
)
  .join('')
  .slice(0, 4000);
const sentences = (t: string) => t.split('。').filter((s) => s.length > 0);
const strip = (s: string) => s.replace(/\s+/g, '');

function pdfOf(data: Buffer): { text: string; pages: string[]; words: Word[] } {
  const pdf = libreOfficePdf(data, tempDir());
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
  const bbox = execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', pdf, '-'], {
    encoding: 'utf8',
  });
  const words: Word[] = [];
  let page = 0;
  for (const m of bbox.matchAll(
    /<page |<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)<\/word>/g,
  )) {
    if (m[0] === '<page ') page++;
    else words.push({ page, x: Number(m[1]), y: Number(m[2]), text: m[3]! });
  }
  return {
    text,
    pages: text.split('\f').filter((_, i, a) => i < a.length - 1 || a[i]!.trim() !== ''),
    words,
  };
}

interface Word {
  page: number;
  x: number;
  y: number;
  text: string;
}

/**
 * The text of one column as printed: the words that start where the column
 * starts (found by a text known to be in it), top to bottom, page by page —
 * other cells of the same row print beside it, interleaved in plain text.
 */
function columnText(words: Word[], probe: string): string {
  const first = words.find((w) => w.text.includes(probe));
  if (!first) return '';
  return words
    .filter((w) => Math.abs(w.x - first.x) < 3)
    .sort((a, b) => a.page - b.page || a.y - b.y)
    .map((w) => w.text)
    .join('');
}

const opts = (kind: ReportKind, over: Partial<ReportOptions> = {}): ReportOptions => ({
  kind,
  planId: 1,
  fiscalYear: 2025,
  roundId: null,
  priorityIds: [],
  sectionIds: [],
  itemIds: [],
  paper: 'A4',
  orientation: 'portrait',
  documentNo: '',
  meeting: '',
  meetingDate: '',
  marking: '',
  ...over,
});

describe('text fit (pure)', () => {
  it('wide characters take two units; the pieces of a long text join back to it exactly', () => {
    expect(linesNeeded('あ'.repeat(10), 12)).toBe(3); // 9 units a line: 4 wide characters
    expect(linesNeeded('あ'.repeat(10), 24)).toBe(1);
    expect(linesNeeded('a'.repeat(9), 12)).toBe(1);
    const pieces = splitForRows(LONG, 40);
    expect(pieces.join('')).toBe(LONG);
    expect(pieces.length).toBeGreaterThan(1);
    for (const p of pieces)
      expect(visualLines(p.replace(/\n$/, ''), 40).length).toBeLessThanOrEqual(26);
    // cut at sentence ends: every sentence whole in one piece
    for (const s of sentences(LONG).slice(0, -1))
      expect(pieces.some((p) => p.includes(`${s}。`))).toBe(true);
  });
});

describe('print-ready workbooks through LibreOffice', () => {
  it('進捗状況一覧 and 個票 print every sentence of a 4,000-character answer, on paper, no blank page', async () => {
    const s = sampleStore();
    const [round] = await ok(s.handlers, 'pdca.rounds.open', { planId: 1, fiscalYear: 2025 });
    const records = await ok(s.handlers, 'pdca.records.list', { roundId: round!.id });
    await ok(s.handlers, 'pdca.records.update', {
      changes: [{ recordId: records.find((r) => r.itemId === 1)!.id, patch: { resultText: LONG } }],
    });
    const promotion = (await ok(s.handlers, 'items.get', { itemId: 1 })).promotion;
    const data = reportData(s.store.db, 1, 2025, round!.id);
    for (const o of [
      opts('progress', {
        paper: 'A3',
        orientation: 'landscape',
        roundId: round!.id,
        itemIds: [1, 2, 3],
      }),
      opts('progress', { roundId: round!.id, itemIds: [1, 2, 3] }),
      opts('item', { roundId: round!.id, itemIds: [1] }),
    ]) {
      const out = await reportWorkbook(buildReport(data, o), o);
      const { text, pages, words } = pdfOf(out.data);
      const flat = strip(text);
      const column = strip(columnText(words, '（5）'));
      const missing = sentences(LONG).filter((x) => !column.includes(strip(x)));
      expect(
        missing,
        `${o.kind} ${o.paper} ${o.orientation}: ${missing.length} of 142 sentences cut`,
      ).toEqual([]);
      if (o.kind === 'item')
        for (const x of sentences(promotion)) expect(flat, '個票: 推進内容').toContain(strip(x));
      pages.forEach((p, i) =>
        expect(strip(p).length, `${o.kind} page ${i + 1} is blank`).toBeGreaterThan(0),
      );
    }
  }, 400_000);
});
