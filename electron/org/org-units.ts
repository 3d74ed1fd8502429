import { AppError } from '../../shared/errors';
import type { OrgUnit } from '../../shared/domain/org';
import type { ChangeSet } from '../audit/audit-log';
import { recordChange } from '../audit/audit-log';
import type { Db } from '../db/open-store';

interface OrgRow {
  id: number;
  kind: 'department' | 'section';
  name: string;
  parent_id: number | null;
  valid_from_fy: number | null;
  valid_to_fy: number | null;
  successor_id: number | null;
  sort_order: number;
}

function toOrgUnit(r: OrgRow): OrgUnit {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    parentId: r.parent_id,
    validFromFy: r.valid_from_fy,
    validToFy: r.valid_to_fy,
    successorId: r.successor_id,
  };
}

export function listOrgUnits(db: Db, fiscalYear?: number): OrgUnit[] {
  const rows =
    fiscalYear == null
      ? db.prepare('SELECT * FROM org_units ORDER BY kind, sort_order, id').all()
      : db
          .prepare(
            `SELECT * FROM org_units
             WHERE (valid_from_fy IS NULL OR valid_from_fy <= @fy) AND (valid_to_fy IS NULL OR valid_to_fy >= @fy)
             ORDER BY kind, sort_order, id`,
          )
          .all({ fy: fiscalYear });
  return (rows as OrgRow[]).map(toOrgUnit);
}

/** The unit of that name still in force (no end year), created when missing. */
export function findOrCreateUnit(
  cs: ChangeSet,
  kind: 'department' | 'section',
  name: string,
  parentId: number | null,
): number {
  const found = cs.db
    .prepare(
      `SELECT id FROM org_units WHERE kind = ? AND name = ? AND parent_id IS ? AND valid_to_fy IS NULL`,
    )
    .get(kind, name, parentId) as { id: number } | undefined;
  if (found) return found.id;
  const order = (
    cs.db.prepare('SELECT coalesce(max(sort_order), 0) + 1 AS n FROM org_units').get() as {
      n: number;
    }
  ).n;
  const id = Number(
    cs.db
      .prepare('INSERT INTO org_units (kind, name, parent_id, sort_order) VALUES (?, ?, ?, ?)')
      .run(kind, name, parentId, order).lastInsertRowid,
  );
  recordChange(cs, {
    action: 'create',
    entity: 'org_unit',
    entityId: id,
    newValue: { kind, name, parentId },
  });
  return id;
}

function requireUnit(db: Db, id: number): OrgRow {
  const row = db.prepare('SELECT * FROM org_units WHERE id = ?').get(id) as OrgRow | undefined;
  if (!row)
    throw new AppError('NOT_FOUND', '指定された部・課が見つかりません。画面を更新してください。');
  return row;
}

export function createUnit(
  cs: ChangeSet,
  input: {
    kind: 'department' | 'section';
    name: string;
    parentId: number | null;
    validFromFy: number | null;
  },
): number {
  if (input.kind === 'section') {
    if (input.parentId == null)
      throw new AppError('VALIDATION', '課を追加するときは、所属する部を選んでください。');
    if (requireUnit(cs.db, input.parentId).kind !== 'department')
      throw new AppError('VALIDATION', '課の所属先には部を選んでください。');
  }
  const dup = cs.db
    .prepare(
      'SELECT 1 FROM org_units WHERE kind = ? AND name = ? AND parent_id IS ? AND valid_to_fy IS NULL',
    )
    .get(input.kind, input.name, input.kind === 'section' ? input.parentId : null);
  if (dup) throw new AppError('VALIDATION', `「${input.name}」はすでにあります。`);
  const order = (
    cs.db.prepare('SELECT coalesce(max(sort_order), 0) + 1 AS n FROM org_units').get() as {
      n: number;
    }
  ).n;
  const id = Number(
    cs.db
      .prepare(
        'INSERT INTO org_units (kind, name, parent_id, valid_from_fy, sort_order) VALUES (?, ?, ?, ?, ?)',
      )
      .run(
        input.kind,
        input.name,
        input.kind === 'section' ? input.parentId : null,
        input.validFromFy,
        order,
      ).lastInsertRowid,
  );
  recordChange(cs, { action: 'create', entity: 'org_unit', entityId: id, newValue: input });
  return id;
}

function closeInto(cs: ChangeSet, old: OrgRow, successorId: number, fromFy: number): void {
  if (old.valid_from_fy != null && old.valid_from_fy >= fromFy) {
    throw new AppError(
      'VALIDATION',
      `「${old.name}」は${fromFy}年度より前から有効でないため、その年度からは変更できません。`,
    );
  }
  cs.db
    .prepare('UPDATE org_units SET valid_to_fy = ?, successor_id = ? WHERE id = ?')
    .run(fromFy - 1, successorId, old.id);
  // Items follow the section from that year on; the rows that held before end
  // the year before, so past years keep the section they had (effective dating).
  const rows = cs.db
    .prepare(
      'SELECT id, item_id, role, sort_order, valid_from_fy FROM item_assignments WHERE org_unit_id = ? AND valid_to_fy IS NULL',
    )
    .all(old.id) as {
    id: number;
    item_id: number;
    role: string;
    sort_order: number;
    valid_from_fy: number | null;
  }[];
  const successorHas = cs.db.prepare(
    'SELECT 1 FROM item_assignments WHERE item_id = ? AND org_unit_id = ? AND valid_to_fy IS NULL',
  );
  for (const a of rows) {
    const taken = successorHas.get(a.item_id, successorId) != null;
    if (a.valid_from_fy != null && a.valid_from_fy >= fromFy) {
      // The row starts after the change: it simply belongs to the successor.
      if (taken) cs.db.prepare('DELETE FROM item_assignments WHERE id = ?').run(a.id);
      else
        cs.db
          .prepare('UPDATE item_assignments SET org_unit_id = ? WHERE id = ?')
          .run(successorId, a.id);
      continue;
    }
    cs.db.prepare('UPDATE item_assignments SET valid_to_fy = ? WHERE id = ?').run(fromFy - 1, a.id);
    if (!taken)
      cs.db
        .prepare(
          'INSERT INTO item_assignments (item_id, org_unit_id, role, sort_order, valid_from_fy) VALUES (?, ?, ?, ?, ?)',
        )
        .run(a.item_id, successorId, a.role, a.sort_order, fromFy);
  }
  if (old.kind === 'department') {
    cs.db
      .prepare('UPDATE org_units SET parent_id = ? WHERE parent_id = ? AND valid_to_fy IS NULL')
      .run(successorId, old.id);
  }
  recordChange(cs, {
    action: 'update',
    entity: 'org_unit',
    entityId: old.id,
    field: 'validToFy',
    oldValue: old.valid_to_fy,
    newValue: fromFy - 1,
  });
}

/** A rename from a fiscal year on: the old name stays valid for the years before. */
export function renameUnit(
  cs: ChangeSet,
  input: { unitId: number; name: string; fromFy: number },
): number {
  const old = requireUnit(cs.db, input.unitId);
  if (old.valid_to_fy != null)
    throw new AppError('VALIDATION', `「${old.name}」はすでに廃止または名称変更されています。`);
  const id = Number(
    cs.db
      .prepare(
        'INSERT INTO org_units (kind, name, parent_id, valid_from_fy, sort_order) VALUES (?, ?, ?, ?, (SELECT sort_order FROM org_units WHERE id = ?))',
      )
      .run(old.kind, input.name, old.parent_id, input.fromFy, old.id).lastInsertRowid,
  );
  recordChange(cs, {
    action: 'create',
    entity: 'org_unit',
    entityId: id,
    newValue: { kind: old.kind, name: input.name, renamedFrom: old.name, fromFy: input.fromFy },
  });
  closeInto(cs, old, id, input.fromFy);
  return id;
}

/** Several sections become one from a fiscal year on (統合). */
export function mergeUnits(
  cs: ChangeSet,
  input: { unitIds: readonly number[]; name: string; parentId: number | null; fromFy: number },
): number {
  const olds = input.unitIds.map((id) => requireUnit(cs.db, id));
  if (olds.length < 2)
    throw new AppError('VALIDATION', '統合するには2つ以上の部・課を選んでください。');
  const kind = olds[0]!.kind;
  if (olds.some((o) => o.kind !== kind))
    throw new AppError('VALIDATION', '部と課は統合できません。同じ種類を選んでください。');
  for (const o of olds)
    if (o.valid_to_fy != null)
      throw new AppError('VALIDATION', `「${o.name}」はすでに廃止または名称変更されています。`);
  const parent = kind === 'section' ? (input.parentId ?? olds[0]!.parent_id) : null;
  const id = Number(
    cs.db
      .prepare(
        'INSERT INTO org_units (kind, name, parent_id, valid_from_fy, sort_order) VALUES (?, ?, ?, ?, ?)',
      )
      .run(kind, input.name, parent, input.fromFy, Math.min(...olds.map((o) => o.sort_order)))
      .lastInsertRowid,
  );
  recordChange(cs, {
    action: 'create',
    entity: 'org_unit',
    entityId: id,
    newValue: { kind, name: input.name, mergedFrom: olds.map((o) => o.name), fromFy: input.fromFy },
  });
  for (const o of olds) closeInto(cs, o, id, input.fromFy);
  return id;
}

/** 廃止: valid through `lastFy`; refused while items of the plan still name it. */
export function retireUnit(cs: ChangeSet, input: { unitId: number; lastFy: number }): void {
  const old = requireUnit(cs.db, input.unitId);
  if (old.valid_to_fy != null)
    throw new AppError('VALIDATION', `「${old.name}」はすでに廃止または名称変更されています。`);
  const used = (
    cs.db
      .prepare(
        'SELECT count(*) AS n FROM item_assignments ia JOIN reform_items i ON i.id = ia.item_id WHERE ia.org_unit_id = ? AND i.deleted_at IS NULL AND (ia.valid_to_fy IS NULL OR ia.valid_to_fy > ?)',
      )
      .get(old.id, input.lastFy) as { n: number }
  ).n;
  if (used > 0) {
    throw new AppError(
      'VALIDATION',
      `「${old.name}」は${used}件の改革項目の実施担当です。先に担当を別の課に変えるか、統合・名称変更を使ってください。`,
    );
  }
  cs.db.prepare('UPDATE org_units SET valid_to_fy = ? WHERE id = ?').run(input.lastFy, old.id);
  recordChange(cs, {
    action: 'update',
    entity: 'org_unit',
    entityId: old.id,
    field: 'validToFy',
    oldValue: null,
    newValue: input.lastFy,
  });
}
