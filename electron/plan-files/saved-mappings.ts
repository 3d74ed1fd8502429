import type { PlanMapping } from '../../shared/domain/plan-import';
import type { ChangeSet } from '../audit/audit-log';
import { recordChange } from '../audit/audit-log';
import type { Db } from '../db/open-store';

/** Column mappings saved by name, suggested again for a sheet with the same headers. */
export function listMappings(db: Db): { id: number; name: string; mapping: PlanMapping }[] {
  return (
    db.prepare('SELECT id, name, mapping FROM import_mappings ORDER BY name').all() as {
      id: number;
      name: string;
      mapping: string;
    }[]
  ).map((r) => ({ id: r.id, name: r.name, mapping: JSON.parse(r.mapping) as PlanMapping }));
}

export function saveMapping(cs: ChangeSet, name: string, mapping: PlanMapping): void {
  const before = cs.db
    .prepare('SELECT id FROM import_mappings WHERE name = ?')
    .pluck()
    .get(name) as number | undefined;
  cs.db
    .prepare(
      `INSERT INTO import_mappings (name, mapping, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET mapping = excluded.mapping, updated_at = excluded.updated_at`,
    )
    .run(name, JSON.stringify(mapping), cs.at);
  const id =
    before ??
    (cs.db.prepare('SELECT id FROM import_mappings WHERE name = ?').pluck().get(name) as number);
  recordChange(cs, {
    action: before ? 'update' : 'create',
    entity: 'import_mapping',
    entityId: id,
    newValue: { name },
  });
}
