import type { ParsedInputOf } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { ChangeSet } from '../audit/audit-log';
import { setInitiatives } from './initiatives';
import { getItemRow } from './item-queries';
import { setNumbers } from './structure';
import { updateItem } from './update-item';

/**
 * A paste, a fill or typed cells over many items, in one transaction: every
 * revision is checked before anything is touched, numbers are set together
 * (a pasted column that swaps numbers never collides midway), then the rest.
 */
export function updateMany(
  cs: ChangeSet,
  changes: ParsedInputOf<'items.updateMany'>['changes'],
): number[] {
  for (const c of changes) {
    if (
      c.expectedUpdatedAt != null &&
      getItemRow(cs.db, c.itemId).updated_at !== c.expectedUpdatedAt
    )
      throw new AppError(
        'CONFLICT',
        'この改革項目は、表示した後に別の操作で変更されています。最新の内容を読み込み直してから、もう一度入力してください。',
      );
  }
  const numbers = changes
    .filter((c) => c.patch?.number != null)
    .map((c) => ({ itemId: c.itemId, number: c.patch!.number! }));
  if (numbers.length > 0) setNumbers(cs, numbers);
  for (const c of changes) {
    const { number: _n, ...rest } = c.patch ?? {};
    if (Object.keys(rest).length > 0) updateItem(cs, c.itemId, rest);
    if (c.initiatives) setInitiatives(cs, c.itemId, c.initiatives);
  }
  return [...new Set(changes.map((c) => c.itemId))];
}
