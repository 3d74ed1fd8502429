import type { Browser, Page } from '@playwright/test';
import type { PrintPart } from '../../shared/reports/print-job';
import { PRINT_WINDOW_QUERY } from '../../shared/reports/print-job';
import type { PartPrinter } from '../../electron/reports/print-parts';
import type { RunningHost } from './host';

export interface PagePrintWindow {
  page: Page;
  printer: PartPrinter;
  close(): Promise<void>;
}

/**
 * The app's print window as the desktop shell opens it (window.ts
 * openPrintWindow), here as a page of the browser host: a context of its own,
 * so a renderer process of its own as each BrowserWindow has. It draws a part
 * through the same hook and prints it with the CSS page size.
 */
export async function openPagePrintWindow(
  browser: Browser,
  host: RunningHost,
): Promise<PagePrintWindow> {
  const context = await browser.newContext({ locale: 'ja-JP' });
  const page = await context.newPage();
  page.setDefaultTimeout(120_000);
  const url = new URL(host.url);
  url.search = `?${PRINT_WINDOW_QUERY}`;
  await page.goto(url.toString());
  await page.waitForFunction(() => typeof window.__gyokakuPrintPart === 'function');
  return {
    page,
    printer: {
      async print(part: PrintPart) {
        const drawn = await page.evaluate((p) => window.__gyokakuPrintPart!(p), part);
        if (drawn.items !== part.options.itemIds.length)
          throw new Error(`drew ${drawn.items} of ${part.options.itemIds.length} 個票`);
        return page.pdf({ preferCSSPageSize: true, printBackground: true });
      },
    },
    close: () => context.close(),
  };
}
