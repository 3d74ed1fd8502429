import { z } from 'zod';
import { idSchema } from '../domain/common';
import { reportOptionsSchema } from './model';
import type { ReportOptions } from './model';

/**
 * Items per print job of a long 個票 report. Chromium keeps every page of a
 * job in memory (2,000 個票 at once take gigabytes), and each job has a fixed
 * start-up cost (0.2–0.6 s measured): 120 balances the two.
 */
export const ITEMS_PER_PART = 120;

/**
 * One part of a long report as a print window draws it: the report's options
 * with the part's items, and the date every part prints as made on (one
 * report, one date, even across midnight).
 */
export const printPartSchema = z
  .object({
    options: reportOptionsSchema.extend({
      itemIds: z.array(idSchema).min(1).max(ITEMS_PER_PART),
    }),
    madeOn: z.string().datetime(),
  })
  .strict();
export type PrintPart = z.infer<typeof printPartSchema>;

/** A long report to save as PDF: its parts, in order. */
export const printJobSchema = z
  .object({
    parts: z.array(printPartSchema).min(2).max(1000),
  })
  .strict();
export type PrintJob = z.infer<typeof printJobSchema>;

/** The parts of a report over the chosen items, ITEMS_PER_PART each, in the order given. */
export function printParts(
  options: ReportOptions,
  itemIds: readonly number[],
  madeOn: Date,
): PrintPart[] {
  const parts: PrintPart[] = [];
  for (let i = 0; i < itemIds.length; i += ITEMS_PER_PART)
    parts.push({
      options: { ...options, itemIds: itemIds.slice(i, i + ITEMS_PER_PART) },
      madeOn: madeOn.toISOString(),
    });
  return parts;
}

export { PRINT_WINDOW_QUERY } from './print-window';

/** What a print window answers for a part: the 個票 it drew (fewer than asked: items gone meanwhile). */
export interface PartDrawn {
  items: number;
}
