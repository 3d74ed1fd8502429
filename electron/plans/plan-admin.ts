import type { HeadingNames } from '../../shared/domain/headings';
import { AppError } from '../../shared/errors';
import type { ChangeSet } from '../audit/audit-log';
import { recordChange } from '../audit/audit-log';
import { requireCountedPlan, requirePlan } from './plan-queries';

/**
 * A plan's name and place in the chooser: renamed, archived (hidden, kept
 * whole) or deleted — deletion asks for the plan's name typed back and is
 * preceded by a backup (by the caller, outside this transaction).
 */
export function renamePlan(
  cs: ChangeSet,
  input: {
    planId: number;
    title: string;
    headingNames?: Pick<HeadingNames, 'priority' | 'area'> & Partial<Pick<HeadingNames, 'group'>>;
    numberPattern?: string;
    repostCounting?: 'home' | 'every';
  },
): void {
  const before = requirePlan(cs.db, input.planId);
  // Each setting given and changed, recorded as its own change.
  const names = input.headingNames;
  const settings: [
    string,
    'repost_counting' | 'number_pattern' | 'priority_label' | 'area_label' | 'group_label',
    string | undefined,
  ][] = [
    ['repostCounting', 'repost_counting', input.repostCounting],
    ['numberPattern', 'number_pattern', input.numberPattern],
    ['priorityLabel', 'priority_label', names?.priority.trim()],
    ['areaLabel', 'area_label', names?.area.trim()],
    ['groupLabel', 'group_label', names?.group?.trim()],
  ];
  for (const [field, column, value] of settings) {
    if (value == null || value === before[column]) continue;
    cs.db
      .prepare(`UPDATE plans SET ${column} = ?, updated_at = ? WHERE id = ?`)
      .run(value, cs.at, input.planId);
    recordChange(cs, {
      action: 'update',
      entity: 'plan',
      entityId: input.planId,
      field,
      oldValue: before[column],
      newValue: value,
    });
  }
  const title = input.title.trim();
  if (title === before.title) return;
  cs.db
    .prepare('UPDATE plans SET title = ?, updated_at = ? WHERE id = ?')
    .run(title, cs.at, input.planId);
  recordChange(cs, {
    action: 'update',
    entity: 'plan',
    entityId: input.planId,
    field: 'title',
    oldValue: before.title,
    newValue: title,
  });
}

export function archivePlan(cs: ChangeSet, input: { planId: number; archived: boolean }): void {
  const before = requirePlan(cs.db, input.planId);
  if ((before.archived_at != null) === input.archived) return;
  cs.db
    .prepare('UPDATE plans SET archived_at = ? WHERE id = ?')
    .run(input.archived ? cs.at : null, input.planId);
  recordChange(cs, {
    action: 'update',
    entity: 'plan',
    entityId: input.planId,
    field: 'archived',
    oldValue: before.archived_at != null,
    newValue: input.archived,
  });
}

export function deletePlan(cs: ChangeSet, input: { planId: number; confirmTitle: string }): void {
  const before = requireCountedPlan(cs.db, input.planId);
  if (input.confirmTitle.trim() !== before.title) {
    throw new AppError(
      'VALIDATION',
      `削除を確かめるため、計画の名前「${before.title}」をそのまま入力してください。`,
    );
  }
  cs.db.prepare('DELETE FROM plans WHERE id = ?').run(input.planId);
  recordChange(cs, {
    action: 'delete',
    entity: 'plan',
    entityId: input.planId,
    oldValue: { title: before.title, items: before.item_count },
  });
}
