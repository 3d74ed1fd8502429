import type { PrintPart } from '../../shared/reports/print-job';
import { ReportJoiner } from './pdf-merge';

/** A page that draws one part of a report at a time and prints it to PDF (a hidden window, a test's page). */
export interface PartPrinter {
  print(part: PrintPart): Promise<Uint8Array>;
}

/**
 * How many print windows a long report gets. Printing is one busy thread in
 * each window's renderer (measured: 2,000 個票, 84 % of the time in
 * Chromium's print), so windows side by side share the cores: two even on a
 * 2-core PC (measured 20–28 % quicker there), one per further core up to
 * three, never more than there are parts. Each window holds a part's pages in
 * memory, hence the cap.
 */
export function printWindowCount(parts: number, cores: number): number {
  return Math.max(1, Math.min(parts, Math.max(2, Math.min(3, cores - 1))));
}

/**
 * Prints the parts with the printers side by side — each takes the next part
 * when it is free — and joins them into one PDF in the parts' order,
 * whichever finishes first; numbered n / N by the joiner. The first failure
 * stops the handing out and is thrown once the parts being printed are done
 * (nothing half-joined is returned).
 */
export async function printInParts(
  parts: readonly PrintPart[],
  printers: readonly PartPrinter[],
): Promise<Uint8Array> {
  if (printers.length === 0) throw new Error('no printer');
  const joiner = new ReportJoiner();
  const done = new Map<number, Uint8Array>();
  let next = 0;
  let joined = 0;
  let failure: { error: unknown } | null = null;
  const work = async (printer: PartPrinter) => {
    while (!failure && next < parts.length) {
      const k = next++;
      try {
        done.set(k, await printer.print(parts[k]!));
      } catch (error) {
        failure ??= { error };
        return;
      }
      // joined in order, as soon as every part before is in
      while (done.has(joined)) {
        joiner.add(done.get(joined)!);
        done.delete(joined++);
      }
    }
  };
  await Promise.all(printers.map(work));
  if (failure) throw (failure as { error: unknown }).error;
  return joiner.finish();
}
