import { AppError } from '../../shared/errors';
import { formatFiscalYear } from '../../shared/fiscal-year';
import type { ChangeSet } from '../audit/audit-log';
import type { Db } from '../db/open-store';
import { stmt } from '../db/statements';

/**
 * Which years an item belongs to, and which years are closed. A closed year
 * (年度の締め) never gains or loses items; an open round gains an item added
 * while it is open.
 */

export function isYearClosed(db: Db, planId: number, fiscalYear: number): boolean {
  return (
    stmt(db, 'SELECT 1 FROM year_closes WHERE plan_id = ? AND fiscal_year = ?').get(
      planId,
      fiscalYear,
    ) != null
  );
}

export function closedYears(db: Db, planId: number): number[] {
  return stmt(db, 'SELECT fiscal_year FROM year_closes WHERE plan_id = ? ORDER BY fiscal_year')
    .pluck()
    .all(planId) as number[];
}

/** The year staff are working on: the latest year with rounds that is not closed, if any. */
export function currentOpenYear(db: Db, planId: number): number | null {
  const fy = stmt(
    db,
    `SELECT max(o.fiscal_year) FROM pdca_rounds o WHERE o.plan_id = ?
     AND NOT EXISTS (SELECT 1 FROM year_closes c WHERE c.plan_id = o.plan_id AND c.fiscal_year = o.fiscal_year)`,
  )
    .pluck()
    .get(planId) as number | null;
  return fy ?? null;
}

/** 令和6年度は締めています… : the message every refused change to a closed year gives. */
export function closedYearMessage(fiscalYear: number): string {
  return `${formatFiscalYear(fiscalYear)}は締めています（年度の締め）。締めた年度の内容を直すときは「訂正」を使ってください。締めを解除する場合は、理由を付けて「締めを解除」してください。`;
}

export function requireYearOpen(db: Db, planId: number, fiscalYear: number): void {
  if (isYearClosed(db, planId, fiscalYear))
    throw new AppError('LOCKED', closedYearMessage(fiscalYear));
}

/**
 * Gives an item a record in every round of its years that is not closed, and
 * none elsewhere. Records in years it left stay (answers are never dropped)
 * but no view of those years shows them.
 */
export function provideRecords(cs: ChangeSet, itemId: number): void {
  stmt(
    cs.db,
    `INSERT OR IGNORE INTO pdca_records (item_id, round_id, updated_at)
     SELECT i.id, o.id, @at FROM reform_items i JOIN pdca_rounds o ON o.plan_id = i.plan_id
     WHERE i.id = @itemId
       AND (i.start_fy IS NULL OR i.start_fy <= o.fiscal_year)
       AND (i.end_fy IS NULL OR i.end_fy >= o.fiscal_year)
       AND NOT EXISTS (SELECT 1 FROM year_closes c WHERE c.plan_id = o.plan_id AND c.fiscal_year = o.fiscal_year)`,
  ).run({ at: cs.at, itemId });
}

/**
 * Refuses a change of an item's years that would make a closed year gain or
 * lose it: the published count of that year must stay as published.
 */
export function checkYearsChange(
  db: Db,
  planId: number,
  before: { startFy: number | null; endFy: number | null },
  after: { startFy: number | null; endFy: number | null },
): void {
  const inYears = (y: { startFy: number | null; endFy: number | null }, fy: number) =>
    (y.startFy == null || y.startFy <= fy) && (y.endFy == null || y.endFy >= fy);
  for (const fy of closedYears(db, planId)) {
    if (inYears(before, fy) !== inYears(after, fy)) {
      throw new AppError(
        'LOCKED',
        `${formatFiscalYear(fy)}は締めているため、その年度の改革項目は増やしたり減らしたりできません。追加年度・完了年度は締めていない年度で指定してください。`,
      );
    }
  }
  if (after.startFy != null && after.endFy != null && after.endFy < after.startFy) {
    throw new AppError('VALIDATION', '完了・廃止の年度は、追加年度より後にしてください。');
  }
}
