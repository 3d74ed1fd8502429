import type { ImportEntry, ImportSummary } from '../../shared/domain/exchange';
import type { PdcaRecordPatch, RecordStatus } from '../../shared/domain/pdca';
import { RECORD_STATUS_LABELS } from '../../shared/domain/pdca';
import { AppError } from '../../shared/errors';
import type { ChangeSet } from '../audit/audit-log';
import { recordChange } from '../audit/audit-log';
import type { Db } from '../db/open-store';
import { stmt } from '../db/statements';
import { setKpiValues } from '../pdca/kpis';
import { getRecord, RECORD_COLUMNS, updateRecords } from '../pdca/records';
import type { ReadResult } from './read-return';

export interface Decision {
  recordId: number;
  field: string;
}

/**
 * Applies what the user accepted from a returned workbook, in the caller's
 * transaction, under an import source (file name and hash) so every change
 * traces back to the file: accepted fields, KPI actuals, and 回答済 for the
 * records the file answers. Records changed since the preview refuse the whole.
 */
export function applyReturn(
  cs: ChangeSet,
  read: ReadResult,
  accepted: readonly Decision[],
  revisions: ReadonlyMap<number, string>,
): ImportSummary {
  const plan = read.plan;
  if (!plan) {
    const first = read.preview.problems.find((p) => p.level === 'error');
    throw new AppError('VALIDATION', first ? first.message : 'このファイルは取り込めません。');
  }
  for (const [recordId, seenAt] of revisions) {
    if (plan.revisions.get(recordId) !== undefined && plan.revisions.get(recordId) !== seenAt) {
      throw new AppError(
        'CONFLICT',
        '確認画面を表示した後に、記録が別の操作で変更されました。もう一度ファイルを読み込んで、変更内容を確認してください。',
      );
    }
  }
  const wanted = new Set(accepted.map((a) => `${a.recordId}:${a.field}`));
  const patches = new Map<number, PdcaRecordPatch>();
  const kpis: { kpiId: number; fiscalYear: number; actual: number | null }[] = [];
  let applied = 0;
  for (const f of plan.fields) {
    if (f.kind !== 'change' && f.kind !== 'conflict') continue;
    if (!wanted.has(`${f.recordId}:${f.field}`)) continue;
    applied++;
    if (f.kpiId != null) {
      kpis.push({ kpiId: f.kpiId, fiscalYear: f.fiscalYear!, actual: f.value as number | null });
      continue;
    }
    const p = patches.get(f.recordId) ?? {};
    (p as Record<string, unknown>)[f.field] = f.value;
    patches.set(f.recordId, p);
  }
  if (patches.size > 0) {
    updateRecords(
      cs,
      [...patches].map(([recordId, patch]) => ({ recordId, patch })),
    );
  }
  if (kpis.length > 0) setKpiValues(cs, plan.roundId, kpis);

  // 回答状況: a record the file answers is 回答済 unless the 事務局 has gone further.
  let answered = 0;
  const upd = stmt(
    cs.db,
    "UPDATE pdca_records SET status = 'answered', updated_at = ? WHERE id = ?",
  );
  const states = stmt(cs.db, 'SELECT item_id AS itemId, status FROM pdca_records WHERE id = ?');
  for (const recordId of plan.recordIds) {
    const r = states.get(recordId) as { itemId: number; status: RecordStatus } | undefined;
    if (!r || (r.status !== 'unrequested' && r.status !== 'requested')) continue;
    upd.run(cs.at, recordId);
    recordChange(cs, {
      action: 'update',
      entity: 'pdca_record',
      entityId: recordId,
      field: 'status',
      oldValue: RECORD_STATUS_LABELS[r.status],
      newValue: RECORD_STATUS_LABELS.answered,
      itemId: r.itemId,
    });
    answered++;
  }
  // The same file again (or one that answers nothing): no history entry of nothing.
  if (applied === 0 && answered === 0) {
    return { importId: null, fileName: plan.fileName, applied, answered };
  }
  const importId = Number(
    cs.db
      .prepare(
        `INSERT INTO exchange_imports (export_id, file_name, file_hash, imported_at, imported_by, batch_id, changes)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        plan.exportId,
        plan.fileName,
        plan.fileHash,
        cs.at,
        cs.actor.displayName,
        cs.batchId,
        applied,
      ).lastInsertRowid,
  );
  recordChange(cs, {
    action: 'create',
    entity: 'exchange_import',
    entityId: importId,
    newValue: { fileName: plan.fileName, changes: applied, answered },
  });
  return { importId, fileName: plan.fileName, applied, answered };
}

const STATUS_BY_LABEL = new Map(
  Object.entries(RECORD_STATUS_LABELS).map(([k, v]) => [v, k as RecordStatus]),
);

/**
 * Takes back an import as a whole, from its audit batch: every value returns
 * to what it was before, unless something changed it since (then nothing is
 * undone and the user is told which item).
 */
export function undoImport(cs: ChangeSet, importId: number): number {
  const db = cs.db;
  const imp = db.prepare('SELECT * FROM exchange_imports WHERE id = ?').get(importId) as
    { id: number; batch_id: string; undone_at: string | null; file_name: string } | undefined;
  if (!imp)
    throw new AppError('NOT_FOUND', '取込の記録が見つかりません。画面を開き直してください。');
  if (imp.undone_at)
    throw new AppError('CONFLICT', `「${imp.file_name}」の取込はすでに取り消しています。`);
  const rows = db
    .prepare(
      `SELECT entity, entity_id, field, old_value, new_value, item_id FROM audit_log
       WHERE batch_id = ? AND action = 'update' AND entity IN ('pdca_record', 'kpi') ORDER BY id DESC`,
    )
    .all(imp.batch_id) as {
    entity: string;
    entity_id: number;
    field: string;
    old_value: string | null;
    new_value: string | null;
    item_id: number | null;
  }[];
  const parse = (v: string | null) => (v === null ? null : (JSON.parse(v) as unknown));
  // Check everything first: undo is all or nothing.
  for (const r of rows) {
    if (r.entity === 'pdca_record') {
      const rec = getRecord(db, r.entity_id);
      if (rec.status === 'final') {
        throw new AppError(
          'LOCKED',
          'この取込で変わった記録の中に確定済みのものがあるため、取り消せません。確定を解除してから取り消してください。',
        );
      }
      const now =
        r.field === 'status'
          ? RECORD_STATUS_LABELS[rec.status]
          : (rec as unknown as Record<string, unknown>)[r.field];
      if (JSON.stringify(now ?? null) !== JSON.stringify(parse(r.new_value))) {
        throw new AppError(
          'CONFLICT',
          '取込の後に、同じ欄が別の操作で変更されています。取り消すと新しい変更が失われるため、取り消せません。',
        );
      }
    }
  }
  let n = 0;
  for (const r of rows) {
    const old = parse(r.old_value);
    if (r.entity === 'pdca_record') {
      if (r.field === 'status') {
        db.prepare('UPDATE pdca_records SET status = ?, updated_at = ? WHERE id = ?').run(
          STATUS_BY_LABEL.get(String(old)) ?? 'requested',
          cs.at,
          r.entity_id,
        );
      } else {
        const col = (RECORD_COLUMNS as Record<string, string>)[r.field];
        if (!col) continue;
        db.prepare(`UPDATE pdca_records SET ${col} = ?, updated_at = ? WHERE id = ?`).run(
          old as never,
          cs.at,
          r.entity_id,
        );
      }
    } else {
      const m = /^(target|actual)\.(\d{4})$/.exec(r.field);
      if (!m) continue;
      db.prepare(
        `INSERT INTO kpi_values (kpi_id, fiscal_year, ${m[1]}) VALUES (?, ?, ?)
         ON CONFLICT (kpi_id, fiscal_year) DO UPDATE SET ${m[1]} = excluded.${m[1]}`,
      ).run(r.entity_id, Number(m[2]), old as never);
    }
    recordChange(cs, {
      action: 'update',
      entity: r.entity,
      entityId: r.entity_id,
      field: r.field,
      oldValue: parse(r.new_value),
      newValue: old,
      itemId: r.item_id,
    });
    n++;
  }
  db.prepare('UPDATE exchange_imports SET undone_at = ? WHERE id = ?').run(cs.at, importId);
  recordChange(cs, {
    action: 'update',
    entity: 'exchange_import',
    entityId: importId,
    field: 'undoneAt',
    newValue: cs.at,
  });
  return n;
}

export function listImports(db: Db, roundId: number): ImportEntry[] {
  return (
    db
      .prepare(
        `SELECT i.id, i.file_name, i.file_hash, i.imported_at, i.imported_by, u.name AS unit, i.changes, i.undone_at
         FROM exchange_imports i JOIN exchange_exports e ON e.id = i.export_id
         LEFT JOIN org_units u ON u.id = e.org_unit_id
         WHERE e.round_id = ? ORDER BY i.id DESC`,
      )
      .all(roundId) as {
      id: number;
      file_name: string;
      file_hash: string;
      imported_at: string;
      imported_by: string;
      unit: string | null;
      changes: number;
      undone_at: string | null;
    }[]
  ).map((r) => ({
    id: r.id,
    fileName: r.file_name,
    fileHash: r.file_hash,
    importedAt: r.imported_at,
    importedBy: r.imported_by,
    orgUnitName: r.unit,
    changes: r.changes,
    undoneAt: r.undone_at,
  }));
}
