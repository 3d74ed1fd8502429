import { normText } from './field-codecs';

export type Value = string | number | null;

/** Line endings and trailing blanks that Excel or LibreOffice add are not changes. */
export function same(a: Value, b: Value): boolean {
  if (typeof a === 'number' || typeof b === 'number') return a === b;
  return normText(a) === normText(b);
}

/**
 * The three-way diff of one field: the value as exported (base), in the app
 * now, and in the returned workbook. Unchanged in the workbook, or already
 * what the app has: nothing to do. Changed in the workbook only: a change.
 * Changed in both, differently: a conflict (shown with all three, unticked).
 * A final (確定) record: locked. A supporting section's copy: shown, never taken.
 */
export type FieldOutcome = 'none' | 'change' | 'conflict' | 'locked' | 'ignored';

export function threeWay(
  base: Value,
  now: Value,
  incoming: Value,
  record: { locked: boolean; reference: boolean },
): FieldOutcome {
  if (same(incoming, base) || same(incoming, now)) return 'none';
  if (record.reference) return 'ignored';
  if (record.locked) return 'locked';
  return same(now, base) ? 'change' : 'conflict';
}
