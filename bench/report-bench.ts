import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import type { Browser, Page } from '@playwright/test';
import type { Recorder } from './run';
import config from '../playwright.config';
import { openAtFiscalYear, startHost } from '../tests/e2e/host';
import { printInParts, printWindowCount } from '../electron/reports/print-parts';
import { openPagePrintWindow } from '../tests/e2e/print-window';
import type { PrintPart } from '../shared/reports/print-job';
import { printParts } from '../shared/reports/print-job';
import { makeReportStore } from './bench-store';
import Database from 'better-sqlite3';
import { reportData } from '../electron/reports/report-data';
import { reportWorkbook } from '../electron/reports/report-xlsx';
import { buildReport, selectedItems } from '../shared/reports/build';
import { libreOfficeConvert } from '../tests/interop/lo-convert';
import { reportOpts } from '../tests/support/report-options';
import { pairedRatio } from './paired';
import { REPEATS, median } from './peer-grids/run-peers';

type Record = Recorder;

/**
 * Memory of a process and all its descendants (bytes; the process itself left
 * out with withRoot false), as PSS: resident pages
 * with shared ones divided among their sharers, so Chromium's many processes
 * mapping the same memory are not counted many times over.
 */
function treeRss(root: number, withRoot = true, skip: ReadonlySet<number> = new Set()): number {
  const children = new Map<number, number[]>();
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(d)]);
    } catch {
      // the process ended meanwhile
    }
  }
  let total = 0;
  const walk = (pid: number, count: boolean) => {
    try {
      const m = /Pss:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
      if (m && count) total += Number(m[1]) * 1024;
    } catch {
      return;
    }
    for (const c of children.get(pid) ?? []) if (!skip.has(c)) walk(c, true);
  };
  walk(root, withRoot);
  return total;
}

/** The processes whose parent is `pid`. */
function childPids(pid: number): number[] {
  const out: number[] = [];
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) out.push(Number(d));
    } catch {
      // the process ended meanwhile
    }
  }
  return out;
}

/**
 * The floor under the 個票 PDF: Chromium printing the same pages as static
 * HTML (each part's report as a print window drew it, with the app's CSS and
 * the part's @page rules, in a page of its own with nothing else), one part
 * after another in one page. Returns the milliseconds of the printing alone.
 */
async function chromiumFloor(
  browser: Browser,
  printWindow: Page,
  parts: readonly PrintPart[],
): Promise<number> {
  const plain = await browser.newPage();
  let ms = 0;
  try {
    for (const part of parts) {
      await printWindow.evaluate((p) => window.__gyokakuPrintPart!(p), part);
      const html = await printWindow.evaluate(async () => {
        const links = [...document.querySelectorAll<HTMLLinkElement>('link[rel=stylesheet]')];
        const sheets = await Promise.all(links.map((l) => fetch(l.href).then((r) => r.text())));
        const adopted = document.adoptedStyleSheets.map((s) =>
          [...s.cssRules].map((r) => r.cssText).join('\n'),
        );
        return `<style>${[...sheets, ...adopted].join('\n')}</style>${document.querySelector('article.report')!.outerHTML}`;
      });
      await plain.setContent(`<html lang="ja"><head></head><body>${html}</body></html>`);
      const t0 = performance.now();
      await plain.pdf({ preferCSSPageSize: true, printBackground: true });
      ms += performance.now() - t0;
    }
  } finally {
    await plain.close();
  }
  return ms;
}

/** The 個票 of 令和9年度, all items, on the default paper: what the screen's 「PDF に保存」 sends. */
const ITEM_OPTIONS = reportOpts('item', 2027);

/** The parts the report screen sends for the 個票 (ReportsScreen savePdf), over the same store. */
function itemParts(file: string): PrintPart[] {
  const db = new Database(file, { readonly: true });
  try {
    const ids = selectedItems(reportData(db, 1, 2027, null), ITEM_OPTIONS).map((i) => i.id);
    return printParts(ITEM_OPTIONS, ids, new Date());
  } finally {
    db.close();
  }
}

/**
 * What a user would do instead: the same 個票 as the app's print-ready
 * workbook (reports.xlsx), printed to PDF by LibreOffice (headless, one
 * process). Returns the milliseconds of LibreOffice alone and its page count.
 */
async function libreOfficePeer(file: string, dir: string): Promise<{ ms: number; pages: number }> {
  const db = new Database(file, { readonly: true });
  let xlsx: string;
  try {
    const options = ITEM_OPTIONS;
    const out = await reportWorkbook(buildReport(reportData(db, 1, 2027, null), options), options);
    xlsx = path.join(dir, 'items-lo.xlsx');
    fs.writeFileSync(xlsx, out.data);
  } finally {
    db.close();
  }
  const outDir = path.join(dir, 'lo-pdf');
  fs.mkdirSync(outDir, { recursive: true });
  const t0 = performance.now();
  // its own folder: the store's folder also holds the app's profile
  libreOfficeConvert([xlsx], { to: 'pdf', dir: path.join(dir, 'lo'), outDir, timeoutMs: 900_000 });
  const ms = performance.now() - t0;
  const info = execFileSync('pdfinfo', [path.join(outDir, 'items-lo.pdf')], { encoding: 'utf8' });
  return { ms, pages: Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 0) };
}

/** 個票 for a 2,000-item plan printed to PDF through the report screen, as staff would. */
export async function reportBench(record: Record): Promise<void> {
  const file = makeReportStore(2000);
  const dir = path.dirname(file);
  // Processes left from the bench's earlier parts (a LibreOffice or a Chromium
  // still closing) are not this report's: only what starts from here is measured.
  const earlier = new Set(childPids(process.pid));
  const host = await startHost(file);
  const browser = await chromium.launch(config.use!.launchOptions);
  // Chromium runs as children of this process (as does the browser host): the whole tree is measured.
  let peak = 0;
  // ours only: not while the floor's page prints
  let sampling = true;
  const sampler = setInterval(() => {
    if (!sampling) return;
    // the browser and the app (the host), not the bench process measuring them
    peak = Math.max(peak, treeRss(process.pid, false, earlier));
  }, 1000);
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'ja-JP' });
    page.setDefaultTimeout(60_000);
    await openAtFiscalYear(page, host, 2027);
    const parts = itemParts(file);
    const count = parts.length;
    const windowCount = printWindowCount(count, {
      cores: os.availableParallelism(),
      freeBytes: os.freemem(),
    });
    // REPEATS turns, each ours then the floor right after on the same parts:
    // the figure is the median of ours, the ratio the median of each turn's own
    // (paired.ts), so that a slow spell of the machine falls on both halves.
    const times: number[] = [];
    const floors: number[] = [];
    let pages = 0;
    for (let r = 0; r < REPEATS; r++) {
      if (r > 0) await page.reload();
      await page
        .getByRole('navigation', { name: 'メインメニュー' })
        .getByRole('button', { name: '委員会資料' })
        .click();
      const t0 = performance.now();
      await page.getByRole('radio', { name: '個票' }).check();
      await page.getByRole('article', { name: '個票のプレビュー' }).waitFor({ timeout: 120_000 });
      const tPreview = performance.now();
      // As Save as PDF does in the desktop app (print.ts): the parts printed by
      // print windows (as many as the shell opens on this machine: one on 2
      // cores), joined in order. The windows' start is in the time (the app
      // starts them while the save dialog is open; here there is no dialog).
      const windows = await Promise.all(
        Array.from({ length: windowCount }, () => openPagePrintWindow(browser, host)),
      );
      const tWindows = performance.now();
      const joined = await printInParts(
        parts,
        windows.map((w) => w.printer),
      );
      const out = path.join(dir, 'items.pdf');
      fs.writeFileSync(out, joined);
      const ms = performance.now() - t0;
      sampling = false;
      for (const w of windows.slice(1)) await w.close();
      const floor = await chromiumFloor(browser, windows[0]!.page, parts);
      await windows[0]!.close();
      sampling = true;
      times.push(ms);
      floors.push(floor);
      const info = execFileSync('pdfinfo', [out], { encoding: 'utf8' });
      pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 0);
      const last = execFileSync('pdftotext', ['-f', String(pages), '-l', String(pages), out, '-'], {
        encoding: 'utf8',
      });
      if (!last.includes(`${pages} / ${pages}`))
        throw new Error('page numbers missing on the joined PDF');
      console.log(
        `reports: 個票 ${pages} pages in ${count} parts, ${Math.round(ms)} ms (preview ${Math.round(tPreview - t0)}, print windows ${Math.round(tWindows - tPreview)}, printing and joining ${Math.round(ms - (tWindows - t0))}); the floor ${Math.round(floor)} ms`,
      );
    }
    clearInterval(sampler);
    const ms = median(times);
    record(
      'reports.itemSheets2000',
      `個票2,000件の PDF（${pages}ページ、${count}分冊を印刷ウィンドウ${windowCount}つで印刷し結合）中央値`,
      ms / 1000,
      's',
      60,
      'lower',
      {
        peer: { label: 'Chromiumが同じページの静的HTMLを印刷', value: median(floors) / 1000 },
        ratioTarget: 1.5,
        ratio: pairedRatio(times, floors),
        spread: times.map((t) => t / 1000),
      },
    );
    const lo = await libreOfficePeer(file, dir);
    console.log(
      `reports: LibreOffice printed the same 個票 workbook: ${lo.pages} pages in ${Math.round(lo.ms)} ms`,
    );
    record(
      'reports.itemSheets2000VsLibreOffice',
      `同じ個票を印刷用 Excel から LibreOffice で PDF にする時間（${lo.pages}ページ）÷ 行革デスクの時間`,
      lo.ms / ms,
      '倍',
      1,
      'higher',
    );
    record(
      'reports.itemSheets2000Memory',
      '個票2,000件の PDF 作成中の最大メモリ（ブラウザとアプリの合計）',
      peak / 1024 / 1024 / 1024,
      'GB',
      1.5,
    );
  } finally {
    clearInterval(sampler);
    await browser.close();
    await host.stop();
  }
}
