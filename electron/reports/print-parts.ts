import type { PrintPart } from '../../shared/reports/print-job';
import { ReportJoiner } from './pdf-merge';

/** A page that draws one part of a report at a time and prints it to PDF (a hidden window, a test's page). */
export interface PartPrinter {
  print(part: PrintPart): Promise<Uint8Array>;
}

/**
 * What a print window holds at its peak while it prints one 120-item part,
 * with room to spare (measured: 0.60–0.67 GB for its renderer on the 2,000-item
 * bench; the pages' drawing is kept until the PDF is made).
 */
export const PRINT_WINDOW_BYTES = 1024 ** 3;

/** The machine a long report is printed on. */
export interface PrintMachine {
  cores: number;
  /** Memory free now (os.freemem()). */
  freeBytes: number;
}

/**
 * How many print windows a long report gets. Printing is one busy thread in
 * each window's renderer (84 % of a 個票's time is Chromium's print), so a
 * window gets a core of its own: one per core beyond the one the app and the
 * user keep, at most three, and only as many as free memory holds. On a
 * 2-core PC that is one: two windows there shared the cores and were 3–12 %
 * quicker in all, for 0.6 GB more memory (2,000 個票, measured 12月7日).
 * Never more than there are parts.
 */
export function printWindowCount(parts: number, machine: PrintMachine): number {
  const byCores = Math.min(3, machine.cores - 1);
  const byMemory = Math.floor(machine.freeBytes / PRINT_WINDOW_BYTES);
  return Math.max(1, Math.min(parts, byCores, byMemory));
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
