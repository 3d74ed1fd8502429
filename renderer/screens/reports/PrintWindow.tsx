import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import type { ReportData } from '../../../shared/reports/build';
import { buildReport, selectedItems } from '../../../shared/reports/build';
import type { PartDrawn } from '../../../shared/reports/print-job';
import { printPartSchema } from '../../../shared/reports/print-job';
import { call } from '../../api/client';
import { ReportView } from './ReportView';

declare global {
  interface Window {
    /** In a print window: draw this part of a report; resolves when it is ready to print. */
    __gyokakuPrintPart?: (part: unknown) => Promise<PartDrawn>;
  }
}

/**
 * The app's page as a print window (opened hidden by the desktop shell to
 * print a long 個票 in parts side by side; the bench and the tests open it as
 * a page). It shows nothing but the part it was last asked for, drawn by the
 * same ReportView as the preview, so what prints is what the preview shows.
 * The report's data is read once per plan, year and round, and kept for the
 * window's next parts.
 */
export function printWindow(container: HTMLElement): (part: unknown) => Promise<PartDrawn> {
  // drawn for paper only: see .print-window in app.css
  container.classList.add('print-window');
  const root = createRoot(container);
  const data = new Map<string, Promise<ReportData>>();
  return async (input) => {
    const part = printPartSchema.parse(input);
    const o = part.options;
    const key = `${o.planId}/${o.fiscalYear}/${o.roundId ?? ''}`;
    let read = data.get(key);
    if (!read) {
      read = call('reports.data', {
        planId: o.planId,
        fiscalYear: o.fiscalYear,
        roundId: o.roundId ?? undefined,
      });
      data.set(key, read);
      // a failed read is asked again by the next part, not remembered
      read.catch(() => data.delete(key));
    }
    const report = await read;
    const doc = buildReport(report, o);
    // Committed with its page rules (layout effects) before this returns. No
    // frame is awaited: a hidden window may draw none (Chromium pauses frames
    // of hidden windows), and printing lays the page out for paper itself.
    // The app's fonts are the PC's own, so there is nothing to load first.
    flushSync(() =>
      root.render(
        <ReportView doc={doc} options={o} madeOn={new Date(part.madeOn)} stampedNumbers />,
      ),
    );
    return { items: selectedItems(report, o).length };
  };
}
