/**
 * What holds in a fiscal year, as SQL conditions. Every view and file of a
 * year asks through these, so 令和6年度 reads the sections and items it had
 * in 令和6年度 whatever happened later.
 */

/** An 実施担当 row `a` in force in the year bound to `@fy` (or still in force when fy is null). */
export function assignmentInForce(a: string, fyParam: string | null): string {
  if (fyParam === null) return `${a}.valid_to_fy IS NULL`;
  return `(${a}.valid_from_fy IS NULL OR ${a}.valid_from_fy <= ${fyParam}) AND (${a}.valid_to_fy IS NULL OR ${a}.valid_to_fy >= ${fyParam})`;
}

/** A 改革項目 `i` that belongs to the year bound to `fyParam` (追加年度 … 完了・廃止年度). */
export function itemInYear(i: string, fyParam: string): string {
  return `(${i}.start_fy IS NULL OR ${i}.start_fy <= ${fyParam}) AND (${i}.end_fy IS NULL OR ${i}.end_fy >= ${fyParam})`;
}
