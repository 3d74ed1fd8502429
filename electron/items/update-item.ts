import { stmt } from '../db/statements';
import { AppError } from '../../shared/errors';
import type { ReformItemPatch } from '../../shared/domain/item';
import type { ChangeSet } from '../audit/audit-log';
import { recordFieldChanges } from '../audit/audit-log';
import { getItemRow } from './item-queries';
import { requirePlan } from '../plans/plan-queries';
import { checkYearsChange, provideRecords } from '../years/membership';

/** The patch fields and the columns they live in. */
const COLUMNS = {
  name: 'name',
  number: 'number',
  writtenNumber: 'written_number',
  isContinued: 'is_continued',
  promotion: 'promotion',
  involvesRelatedSections: 'involves_related_sections',
  startFy: 'start_fy',
  endFy: 'end_fy',
} as const satisfies Record<keyof ReformItemPatch, string>;

type Fields = {
  [K in keyof typeof COLUMNS]-?: K extends 'startFy' | 'endFy'
    ? number | null
    : K extends 'writtenNumber'
      ? string | null
      : NonNullable<ReformItemPatch[K]>;
};

/**
 * Changes the directly editable fields of one item. A caller that read the item
 * at `expectedUpdatedAt` is refused if someone (an import, another window)
 * changed it since, so a stale screen never overwrites newer data.
 */
export function updateItem(
  cs: ChangeSet,
  itemId: number,
  patch: ReformItemPatch,
  expectedUpdatedAt?: string,
): boolean {
  const row = getItemRow(cs.db, itemId);
  if (expectedUpdatedAt != null && expectedUpdatedAt !== row.updated_at) {
    throw new AppError(
      'CONFLICT',
      'この改革項目は、表示した後に別の操作で変更されています。最新の内容を読み込み直してから、もう一度入力してください。',
    );
  }
  const before: Fields = {
    name: row.name,
    number: row.number,
    writtenNumber: row.written_number,
    isContinued: row.is_continued === 1,
    promotion: row.promotion,
    involvesRelatedSections: row.involves_related_sections === 1,
    startFy: row.start_fy,
    endFy: row.end_fy,
  };
  const after: Fields = { ...before, ...(patch as Partial<Fields>) };
  const keys = Object.keys(COLUMNS) as (keyof Fields)[];
  const changed = recordFieldChanges(cs, 'reform_item', itemId, before, after, keys, itemId);
  if (changed === 0) return false;
  const yearsChanged = after.startFy !== before.startFy || after.endFy !== before.endFy;
  if (yearsChanged) {
    const plan = requirePlan(cs.db, row.plan_id);
    for (const fy of [after.startFy, after.endFy]) {
      if (fy != null && (fy < plan.first_fy || fy > plan.last_fy))
        throw new AppError(
          'VALIDATION',
          '追加年度・完了年度は計画期間の中の年度を選んでください。',
        );
    }
    checkYearsChange(cs.db, row.plan_id, before, after);
  }
  if (after.number !== before.number) {
    const taken = stmt(
      cs.db,
      'SELECT name FROM reform_items WHERE area_id = ? AND number = ? AND id <> ? AND deleted_at IS NULL',
    ).get(row.area_id, after.number, itemId) as { name: string } | undefined;
    if (taken) {
      throw new AppError(
        'VALIDATION',
        `番号 ${after.number} は同じ取組分野の「${taken.name}」と重複します。別の番号にするか、「番号を振り直す」を使ってください。`,
      );
    }
  }
  const sets = keys.map((k) => `${COLUMNS[k]} = @${k}`).join(', ');
  stmt(cs.db, `UPDATE reform_items SET ${sets}, updated_at = @at WHERE id = @id`).run({
    name: after.name,
    number: after.number,
    writtenNumber: after.writtenNumber,
    isContinued: after.isContinued ? 1 : 0,
    promotion: after.promotion,
    involvesRelatedSections: after.involvesRelatedSections ? 1 : 0,
    startFy: after.startFy,
    endFy: after.endFy,
    at: cs.at,
    id: itemId,
  });
  if (yearsChanged) provideRecords(cs, itemId);
  return true;
}
