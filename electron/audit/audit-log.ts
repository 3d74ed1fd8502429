import crypto from 'node:crypto';
import type { ChangeSource } from '../../shared/domain/audit';
import type { AuditEntry } from '../../shared/domain/audit';
import type { Db } from '../db/open-store';
import { stmt } from '../db/statements';

export interface Actor {
  login: string;
  displayName: string;
}

/**
 * One user operation: every audit row it writes shares the batch id, time,
 * actor and source, so an import or a paste can be shown and undone as one.
 */
export interface ChangeSet {
  db: Db;
  at: string;
  actor: Actor;
  source: ChangeSource;
  batchId: string;
}

export function beginChangeSet(db: Db, actor: Actor, source: ChangeSource, now: Date): ChangeSet {
  return { db, at: now.toISOString(), actor, source, batchId: crypto.randomUUID() };
}

export interface ChangeRecord {
  action: 'create' | 'update' | 'delete';
  entity: string;
  entityId: number;
  field?: string | null;
  oldValue?: unknown;
  newValue?: unknown;
  /** The 改革項目 this change belongs to, for the item's history. */
  itemId?: number | null;
}

function json(v: unknown): string | null {
  return v === undefined ? null : JSON.stringify(v);
}

export function recordChange(cs: ChangeSet, rec: ChangeRecord): void {
  const src = cs.source;
  stmt(
    cs.db,
    `INSERT INTO audit_log (at, user_login, user_name, action, entity, entity_id, field, old_value, new_value,
         source_kind, source_file, source_hash, source_note, batch_id, item_id)
       VALUES (@at, @login, @name, @action, @entity, @entityId, @field, @old, @new,
         @kind, @file, @hash, @note, @batch, @itemId)`,
  ).run({
    at: cs.at,
    login: cs.actor.login,
    name: cs.actor.displayName,
    action: rec.action,
    entity: rec.entity,
    entityId: rec.entityId,
    field: rec.field ?? null,
    old: json(rec.oldValue),
    new: json(rec.newValue),
    kind: src.kind,
    file: src.kind === 'import' ? src.fileName : null,
    hash: src.kind === 'import' ? src.fileHash : null,
    note: src.kind === 'system' ? src.note : null,
    batch: cs.batchId,
    itemId: rec.itemId ?? null,
  });
}

/** One 'update' row per field whose value really changed; returns how many. */
export function recordFieldChanges<T extends object>(
  cs: ChangeSet,
  entity: string,
  entityId: number,
  before: T,
  after: T,
  fields: readonly (keyof T & string)[],
  itemId?: number,
): number {
  let n = 0;
  for (const f of fields) {
    if (Object.is(before[f], after[f])) continue;
    recordChange(cs, {
      action: 'update',
      entity,
      entityId,
      field: f,
      oldValue: before[f],
      newValue: after[f],
      itemId: itemId ?? null,
    });
    n++;
  }
  return n;
}

interface AuditRow {
  id: number;
  at: string;
  user_login: string;
  user_name: string;
  action: AuditEntry['action'];
  entity: string;
  entity_id: number;
  field: string | null;
  old_value: string | null;
  new_value: string | null;
  source_kind: ChangeSource['kind'];
  source_file: string | null;
  source_hash: string | null;
  source_note: string | null;
  batch_id: string;
  cell?: string | null;
}

function toEntry(r: AuditRow): AuditEntry {
  const source: ChangeSource =
    r.source_kind === 'import'
      ? { kind: 'import', fileName: r.source_file ?? '', fileHash: r.source_hash ?? '' }
      : r.source_kind === 'system'
        ? { kind: 'system', note: r.source_note ?? '' }
        : { kind: 'screen' };
  return {
    id: r.id,
    at: r.at,
    userLogin: r.user_login,
    userName: r.user_name,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    field: r.field,
    oldValue: r.old_value == null ? null : JSON.parse(r.old_value),
    newValue: r.new_value == null ? null : JSON.parse(r.new_value),
    source,
    batchId: r.batch_id,
    ...(r.cell ? { cell: r.cell } : {}),
  };
}

export function listAudit(
  db: Db,
  filter: { entity?: string; entityId?: number; itemId?: number; limit: number },
): AuditEntry[] {
  const where: string[] = [];
  const params: Record<string, unknown> = { limit: filter.limit };
  if (filter.itemId != null) {
    where.push('item_id = @itemId');
    params.itemId = filter.itemId;
  }
  if (filter.entity != null) {
    where.push('entity = @entity');
    params.entity = filter.entity;
  }
  if (filter.entityId != null) {
    where.push('entity_id = @entityId');
    params.entityId = filter.entityId;
  }
  // A value taken in from a city's sheet names the cell it came from.
  const sql = `SELECT a.*,
      (SELECT c.sheet || '!' || c.cell FROM cell_sources c
        WHERE a.source_kind = 'import' AND c.entity = a.entity AND c.entity_id = a.entity_id
          AND c.field = a.field AND c.source_file = a.source_file AND c.imported_at = a.at) AS cell
    FROM audit_log a ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY a.id DESC LIMIT @limit`;
  return (db.prepare(sql).all(params) as AuditRow[]).map(toEntry);
}
