import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { PDFDocument } from 'pdf-lib';
import { makeReportStore } from '../../bench/bench-store';
import { printInParts } from '../../electron/reports/print-parts';
import type { ReportData } from '../../shared/reports/build';
import { selectedItems } from '../../shared/reports/build';
import { ITEMS_PER_PART, printParts } from '../../shared/reports/print-job';
import { missingTexts, readPdf } from '../interop/pdf-text';
import { callApi, openAtFiscalYear, startHost } from './host';
import type { RunningHost } from './host';
import { openPagePrintWindow } from './print-window';
import { reportOpts } from '../support/report-options';

/**
 * A 個票 report too long for one print job is saved in parts (ITEMS_PER_PART
 * items), as the desktop app's 「PDF に保存」 does: the screen sends the parts,
 * print windows (the app's page in print-window mode, one renderer each)
 * draw and print them side by side, and the parts are joined in order and
 * numbered n / N.
 */
let host: RunningHost;
// three parts, the last a short one
const ITEMS = 2 * ITEMS_PER_PART + 10;
const OPTIONS = reportOpts('item', 2027, { documentNo: '資料4' });

test.beforeAll(async () => {
  host = await startHost(makeReportStore(ITEMS));
});
test.afterAll(async () => {
  await host.stop();
});

/** The report's first `count` items, as one part of the 個票 to print. */
async function firstItemsPart(page: Page, count: number) {
  const data = await callApi<ReportData>(page, host, 'reports.data', {
    planId: 1,
    fiscalYear: 2027,
  });
  const items = selectedItems(data, OPTIONS).slice(0, count);
  const [part] = printParts(
    OPTIONS,
    items.map((i) => i.id),
    new Date('2027-07-01T10:00:00+09:00'),
  );
  return { items, part: part! };
}

test('the screen shows a long 個票 one part at a time', async ({ page }) => {
  await openAtFiscalYear(page, host, 2027);
  await page
    .getByRole('navigation', { name: 'メインメニュー' })
    .getByRole('button', { name: '委員会資料' })
    .click();
  await page.getByRole('radio', { name: '個票' }).check();
  await expect(page.getByRole('article', { name: '個票のプレビュー' })).toBeVisible();
  const pager = page.getByRole('group', { name: '個票の分冊' });
  await expect(pager.getByRole('status')).toHaveText(
    `${ITEMS}件のうち 1～${ITEMS_PER_PART}件目（1／3分冊）`,
  );
});

test('two print windows print the three parts side by side: every item once, in order, numbered n / N', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const names = (await callApi<{ name: string }[]>(page, host, 'items.list', { planId: 1 })).map(
    (i) => i.name,
  );
  expect(names).toHaveLength(ITEMS);
  const data = await callApi<ReportData>(page, host, 'reports.data', {
    planId: 1,
    fiscalYear: 2027,
  });
  const parts = printParts(
    OPTIONS,
    selectedItems(data, OPTIONS).map((i) => i.id),
    new Date('2027-07-01T10:00:00+09:00'),
  );
  expect(parts).toHaveLength(3);

  const windows = [
    await openPagePrintWindow(browser, host),
    await openPagePrintWindow(browser, host),
  ];
  try {
    // a print window is the report and nothing else: no menu, no plan grid
    await expect(windows[0]!.page.getByRole('navigation')).toHaveCount(0);
    const printed: number[][] = [[], []];
    const joined = await printInParts(
      parts,
      windows.map((w, i) => ({
        print: async (part) => {
          printed[i]!.push(part.options.itemIds[0]!);
          return w.printer.print(part);
        },
      })),
    );
    // both windows printed
    expect(printed.every((p) => p.length > 0)).toBe(true);
    // drawn by the same ReportView as the preview (for paper only: hidden on the screen)
    await expect(
      windows[0]!.page.getByRole('article', { name: '個票のプレビュー', includeHidden: true }),
    ).toBeAttached();

    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gyokaku-parts-')), 'items.pdf');
    fs.writeFileSync(file, joined);
    const pdf = readPdf(file);
    const n = pdf.pages.length;
    expect(n).toBeGreaterThanOrEqual(ITEMS);
    const onPage = (p: number) =>
      pdf.lines
        .filter((l) => l.page === p)
        .map((l) => l.text)
        .join('')
        .replace(/\s+/g, '');
    // numbered on the joined PDF, first, last and the first page of the second part
    expect(onPage(1)).toContain(`1/${n}`);
    expect(onPage(n)).toContain(`${n}/${n}`);
    expect(onPage(ITEMS_PER_PART + 1)).toContain(`${ITEMS_PER_PART + 1}/${n}`);
    // the running header of every part: the 資料番号 chosen on the screen
    expect(onPage(ITEMS_PER_PART * 2 + 1)).toContain('資料4');
    // every item, in the order of the plan, and none twice
    expect(missingTexts(pdf, names)).toEqual([]);
    const body = pdf.body.replace(/\s+/g, '');
    let at = -1;
    for (const name of names.slice(ITEMS_PER_PART - 5, ITEMS_PER_PART + 5)) {
      const key = name.replace(/\s+/g, '');
      expect(body.split(key).length - 1).toBe(1);
      expect(body.indexOf(key)).toBeGreaterThan(at);
      at = body.indexOf(key);
    }

    // An item deleted after the screen sent the parts: the window draws one 個票
    // fewer than asked, and the part is refused rather than printed short.
    const gone = parts[2]!.options.itemIds[0]!;
    await callApi(page, host, 'items.delete', { itemIds: [gone] });
    const fresh = await openPagePrintWindow(browser, host);
    try {
      await expect(fresh.printer.print(parts[2]!)).rejects.toThrow(
        `drew ${parts[2]!.options.itemIds.length - 1} of ${parts[2]!.options.itemIds.length}`,
      );
    } finally {
      await fresh.close();
    }
  } finally {
    for (const w of windows) await w.close();
  }
});

test('a print window that draws no frame (as a hidden window may not) still prints its part on the paper its page rules ask for', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const { part } = await firstItemsPart(page, 3);
  const w = await openPagePrintWindow(browser, host);
  try {
    // no animation frame ever comes
    await w.page.evaluate(() => {
      window.requestAnimationFrame = () => 0;
    });
    const pdf = await PDFDocument.load(await w.printer.print(part));
    const sizes = pdf.getPages().map((p) => [Math.round(p.getWidth()), Math.round(p.getHeight())]);
    expect(sizes.length).toBeGreaterThanOrEqual(3);
    // A4 from the part's @page rules, not the printer's default Letter
    expect(new Set(sizes.map((s) => s.join('x')))).toEqual(new Set(['595x842']));
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gyokaku-parts-')), 'one.pdf');
    fs.writeFileSync(file, await pdf.save());
    // the running header of the page rules, on the first and the last page
    const pages = readPdf(file);
    const onPage = (p: number) =>
      pages.lines
        .filter((l) => l.page === p)
        .map((l) => l.text)
        .join('');
    expect(onPage(1)).toContain('資料4');
    expect(onPage(sizes.length)).toContain('資料4');
  } finally {
    await w.close();
  }
});

test('a print window lays its part out for paper only: nothing on screen, every 個票 and header in the PDF', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const { items, part } = await firstItemsPart(page, 4);
  const w = await openPagePrintWindow(browser, host);
  try {
    const bytes = await w.printer.print(part);
    // drawn (four 個票 in the page) but given no box on the hidden window's screen:
    // Chromium lays a page out for the screen again around each print
    const report = w.page.locator('article.report');
    await expect(report.locator('h2')).toHaveCount(4);
    expect(await report.evaluate((el) => el.getClientRects().length)).toBe(0);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gyokaku-parts-')), 'paper.pdf');
    fs.writeFileSync(file, bytes);
    const pdf = readPdf(file);
    expect(
      missingTexts(
        pdf,
        items.map((i) => i.name),
      ),
    ).toEqual([]);
    // the staff PCs' font, running header and footer included: every font a
    // TrueType subset of BIZ UDPゴシック, none drawn as Type 3 glyphs
    const fonts = execFileSync('pdftohtml', ['-xml', '-i', '-stdout', file], { encoding: 'utf8' })
      .split('\n')
      .filter((l) => l.includes('<fontspec'));
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.filter((l) => !l.includes('BIZUDPGothic'))).toEqual([]);
    // headers drawn as text with break chances: whole, in their two pieces
    expect(
      missingTexts(pdf, ['取組予定・', '年度目標', '課題・', '改善策', '進捗状況', '自己評価']),
    ).toEqual([]);
  } finally {
    await w.close();
  }
});
