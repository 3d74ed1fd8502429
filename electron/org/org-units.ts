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
