import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { reportData } from '../../electron/reports/report-data';
import { buildReport } from '../../shared/reports/build';
import { ReportView } from '../../renderer/screens/reports/ReportView';
import { reportOpts } from '../support/report-options';
import { ok } from './exchange/helpers';
import { sampleStore } from './helpers';

/** The 個票 of the sample plan as the preview and the print window draw them. */
async function drawItemSheets(): Promise<{ html: string; items: number }> {
  const { store, handlers } = sampleStore();
  await ok(handlers, 'pdca.rounds.open', { planId: 1, fiscalYear: 2025 });
  const options = reportOpts('item', 2025);
  const doc = buildReport(reportData(store.db, 1, 2025, null), options);
  const html = renderToStaticMarkup(
    createElement(ReportView, {
      doc,
      options,
      madeOn: new Date('2026-12-07'),
      stampedNumbers: true,
    }),
  );
  return { html, items: doc.itemNames.length };
}

// drawn once, read by every test
let drawn: Promise<{ html: string; items: number }> | null = null;
const itemSheets = () => (drawn ??= drawItemSheets());

// Chromium's print layout of a 個票 part grows with its elements: an element
// per header piece and a wrapper per scale made it about a third slower
// (docs/performance.md, 12月7日), for the same pixels.
describe('個票 markup: as few elements as the look needs', () => {
  it('draws a header as text, broken only at <wbr> between its pieces', async () => {
    const { html } = await itemSheets();
    const head = (text: string) =>
      new RegExp(`<th scope="col" style="width:[\\d.]+%">${text}</th>`);
    expect(html).toMatch(head('取組予定・<wbr/>年度目標'));
    expect(html).toMatch(head('課題・<wbr/>改善策'));
    const heads = [...html.matchAll(/<thead>([\s\S]*?)<\/thead>/g)].map((m) => m[1]!);
    expect(heads.length).toBeGreaterThan(0);
    for (const h of heads)
      expect(h.replace(/<\/?(tr|th)[^>]*>|<wbr\/>|<br\/>/g, '')).not.toMatch(/</);
  });

  it('gives the columns their widths on the header cells, with no <col> elements', async () => {
    const { html } = await itemSheets();
    expect(html).not.toMatch(/<col[ >]|<colgroup/);
    // every column of every table has its share of the width: 100 % a table
    for (const [, row] of html.matchAll(/<thead><tr>([\s\S]*?)<\/tr><\/thead>/g)) {
      const shares = [...row!.matchAll(/style="width:([\d.]+)%"/g)].map((m) => Number(m[1]));
      expect(shares.length).toBe(row!.match(/<th /g)!.length);
      expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 3);
    }
  });

  it('puts each scale under its axis name with no wrapper per pair', async () => {
    const { html, items } = await itemSheets();
    expect(html).not.toContain('r-levels-line');
    const pairs =
      html.match(
        /<span class="r-axis">(進捗状況|自己評価|今後の方向性)<\/span><span class="r-level"/g,
      ) ?? [];
    // three scales in every year row of every 個票
    expect(pairs.length).toBeGreaterThanOrEqual(items * 3);
  });
});
