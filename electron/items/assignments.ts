import { AppError } from '../../shared/errors';
import type { AssignmentRole } from '../../shared/domain/item';
import type { ChangeSet } from '../audit/audit-log';
import { recordChange } from '../audit/audit-log';
import { getItemRow } from './item-queries';

function describe(cs: ChangeSet, itemId: number): { assignments: string[]; related: boolean } {
  const rows = cs.db
    .prepare(
      `SELECT ia.role, u.name FROM item_assignments ia JOIN org_units u ON u.id = ia.org_unit_id
       WHERE ia.item_id = ? AND ia.valid_to_fy IS NULL ORDER BY ia.role, ia.sort_order`,
    )
    .all(itemId) as { role: AssignmentRole; name: string }[];
  const related =
    (
      cs.db
        .prepare('SELECT involves_related_sections AS r FROM reform_items WHERE id = ?')
        .get(itemId) as { r: number }
    ).r === 1;
  return {
    assignments: rows.map((r) => (r.role === 'lead' ? r.name : `${r.name}（支援）`)),
    related,
  };
}

/** 実施担当: the lead and supporting sections of an item, and the 関係部課 flag. */
export function setAssignments(
  cs: ChangeSet,
  itemId: number,
  input: {
    assignments: readonly { orgUnitId: number; role: AssignmentRole }[];
    involvesRelatedSections: boolean;
  },
): void {
  getItemRow(cs.db, itemId);
  const seen = new Set<number>();
  for (const a of input.assignments) {
    if (seen.has(a.orgUnitId)) throw new AppError('VALIDATION', '同じ課が2回指定されています。');
    seen.add(a.orgUnitId);
    const unit = cs.db.prepare('SELECT kind FROM org_units WHERE id = ?').get(a.orgUnitId) as
      { kind: string } | undefined;
    if (!unit)
      throw new AppError(
        'NOT_FOUND',
        '指定された課が見つかりません。部・課の画面で確認してください。',
      );
    if (unit.kind !== 'section')
      throw new AppError(
        'VALIDATION',
        '実施担当には「課」を指定してください（部は課から自動で表示されます）。',
      );
  }
  const before = describe(cs, itemId);
  // The sections in force now are replaced from the year they took effect;
  // rows that ended before (a 機構改革's past years) stay as they were.
  const from = cs.db
    .prepare(
      'SELECT max(valid_from_fy) FROM item_assignments WHERE item_id = ? AND valid_to_fy IS NULL',
    )
    .pluck()
    .get(itemId) as number | null;
  cs.db
    .prepare('DELETE FROM item_assignments WHERE item_id = ? AND valid_to_fy IS NULL')
    .run(itemId);
  const ins = cs.db.prepare(
    'INSERT INTO item_assignments (item_id, org_unit_id, role, sort_order, valid_from_fy) VALUES (?, ?, ?, ?, ?)',
  );
  input.assignments.forEach((a, i) => ins.run(itemId, a.orgUnitId, a.role, i + 1, from));
  cs.db
    .prepare('UPDATE reform_items SET involves_related_sections = ?, updated_at = ? WHERE id = ?')
    .run(input.involvesRelatedSections ? 1 : 0, cs.at, itemId);
  const after = describe(cs, itemId);
  if (JSON.stringify(before) !== JSON.stringify(after)) {
    recordChange(cs, {
      action: 'update',
      entity: 'reform_item',
      entityId: itemId,
      itemId,
      field: 'assignments',
      oldValue: before,
      newValue: after,
    });
  }
}
