import type { PdcaRecord, PdcaRecordPatch, RecordStatus } from '../../shared/domain/pdca';
import { LEVEL_FIELD_AXIS, RECORD_LEVEL_FIELDS } from '../../shared/domain/pdca';
import { AppError } from '../../shared/errors';
import type { ChangeSet } from '../audit/audit-log';
import { recordFieldChanges } from '../audit/audit-log';
import type { Db } from '../db/open-store';
import { CODE_COLUMNS, itemCode } from '../items/item-queries';
import type { CodeParts } from '../items/item-queries';
import { requireRound } from './rounds';
import { getPdcaSettings } from './settings';
import { stmt } from '../db/statements';

interface RecordRow {
  id: number;
  item_id: number;
  round_id: number;
  fiscal_year: number;
  plan_text: string;
  result_text: string;
  progress_id: number | null;
  progress2_id: number | null;
  evaluation_id: number | null;
  evaluation_reason: string;
  issues_text: string;
  direction_id: number | null;
  revenue_plan: number | null;
  revenue_actual: number | null;
  saving_plan: number | null;
  saving_actual: number | null;
  status: RecordStatus;
  updated_at: string;
}

const SELECT = `
  SELECT r.*, o.fiscal_year FROM pdca_records r JOIN pdca_rounds o ON o.id = r.round_id`;

function toRecord(r: RecordRow): PdcaRecord {
  return {
    id: r.id,
    itemId: r.item_id,
    roundId: r.round_id,
    fiscalYear: r.fiscal_year,
    planText: r.plan_text,
    resultText: r.result_text,
    progressId: r.progress_id,
    progress2Id: r.progress2_id,
    evaluationId: r.evaluation_id,
    evaluationReason: r.evaluation_reason,
    issuesText: r.issues_text,
    directionId: r.direction_id,
    revenuePlan: r.revenue_plan,
    revenueActual: r.revenue_actual,
    savingPlan: r.saving_plan,
    savingActual: r.saving_actual,
    status: r.status,
    updatedAt: r.updated_at,
  };
}

export function listRecords(
  db: Db,
  roundId: number,
  /** Only these items' records (one workbook's); all the round's when left out. */
  itemIds?: readonly number[],
): PdcaRecord[] {
  requireRound(db, roundId);
  const only = itemIds ? ' AND r.item_id IN (SELECT value FROM json_each(?))' : '';
  return (
    stmt(
      db,
      `${SELECT} JOIN reform_items i ON i.id = r.item_id AND i.deleted_at IS NULL
       WHERE r.round_id = ?${only} ORDER BY r.item_id`,
    ).all(roundId, ...(itemIds ? [JSON.stringify(itemIds)] : [])) as RecordRow[]
  ).map(toRecord);
}

/** The records of these ids that exist, by id: one query for a returned workbook's rows. */
export function recordsById(db: Db, ids: readonly number[]): Map<number, PdcaRecord> {
  const rows = stmt(db, `${SELECT} WHERE r.id IN (SELECT value FROM json_each(?))`).all(
    JSON.stringify(ids),
  ) as RecordRow[];
  return new Map(rows.map((r) => [r.id, toRecord(r)]));
}

export function getRecord(db: Db, recordId: number): PdcaRecord {
  const row = stmt(db, `${SELECT} WHERE r.id = ?`).get(recordId) as RecordRow | undefined;
  if (!row)
    throw new AppError('NOT_FOUND', '進捗の記録が見つかりません。画面を開き直してください。');
  return toRecord(row);
}

/** Record fields and their columns in pdca_records. */
export const RECORD_COLUMNS: Record<keyof PdcaRecordPatch, string> = {
  planText: 'plan_text',
  resultText: 'result_text',
  progressId: 'progress_id',
  progress2Id: 'progress2_id',
  evaluationId: 'evaluation_id',
  evaluationReason: 'evaluation_reason',
  issuesText: 'issues_text',
  directionId: 'direction_id',
  revenuePlan: 'revenue_plan',
  revenueActual: 'revenue_actual',
  savingPlan: 'saving_plan',
  savingActual: 'saving_actual',
};

function itemLabel(db: Db, itemId: number): string {
  const r = db
    .prepare(
      `SELECT i.name, ${CODE_COLUMNS} FROM reform_items i
       JOIN areas a ON a.id = i.area_id JOIN priorities p ON p.id = a.priority_id WHERE i.id = ?`,
    )
    .get(itemId) as CodeParts & { name: string };
  return `${itemCode(r)}「${r.name}」`;
}

export function lockedMessage(db: Db, itemId: number): string {
  return `${itemLabel(db, itemId)}のこの回の記録は確定済みのため変更できません。変更が必要な場合は、事務局が理由を付けて確定を解除してください。`;
}

export interface RecordChange {
  recordId: number;
  patch: PdcaRecordPatch;
  expectedUpdatedAt?: string;
}

/**
 * Edits of yearly records, all or nothing: a locked (確定) record, a stale
 * revision, or a scale level of another plan or axis refuses the whole batch.
 */
export function updateRecords(cs: ChangeSet, changes: readonly RecordChange[]): PdcaRecord[] {
  const db = cs.db;
  const rounds = new Set<number>();
  const records = changes.map((c) => getRecord(db, c.recordId));
  records.forEach((r) => rounds.add(r.roundId));
  const planIds = new Set([...rounds].map((id) => requireRound(db, id).plan_id));
  const levelsByPlan = new Map(
    [...planIds].map((planId) => {
      const s = getPdcaSettings(db, planId, false);
      return [planId, { settings: s, levels: new Map(s.levels.map((l) => [l.id, l])) }] as const;
    }),
  );
  changes.forEach((c, i) => {
    const rec = records[i]!;
    if (rec.status === 'final') throw new AppError('LOCKED', lockedMessage(db, rec.itemId));
    if (c.expectedUpdatedAt != null && c.expectedUpdatedAt !== rec.updatedAt) {
      throw new AppError(
        'CONFLICT',
        `${itemLabel(db, rec.itemId)}の記録は、表示した後に別の操作で変更されています。最新の内容を読み込み直してから、もう一度入力してください。`,
      );
    }
    const { settings, levels } = levelsByPlan.get(requireRound(db, rec.roundId).plan_id)!;
    for (const f of RECORD_LEVEL_FIELDS) {
      const v = c.patch[f];
      if (v == null) continue;
      const level = levels.get(v);
      if (!level || level.axis !== LEVEL_FIELD_AXIS[f]) {
        throw new AppError(
          'VALIDATION',
          `${itemLabel(db, rec.itemId)}：この計画の${settings.axisLabels[LEVEL_FIELD_AXIS[f]] ?? '区分'}にない値が指定されました。一覧から選んでください。`,
        );
      }
      if (f === 'progress2Id' && settings.axisLabels.progress2 === null) {
        throw new AppError('VALIDATION', 'この計画は2つ目の進捗の軸を使っていません。');
      }
    }
  });
  const out: PdcaRecord[] = [];
  changes.forEach((c, i) => {
    const before = records[i]!;
    const fields = Object.keys(c.patch) as (keyof PdcaRecordPatch)[];
    if (fields.length === 0) return;
    const sets = fields.map((f) => `${RECORD_COLUMNS[f]} = @${f}`).join(', ');
    stmt(db, `UPDATE pdca_records SET ${sets}, updated_at = @at WHERE id = @id`).run({
      ...c.patch,
      at: cs.at,
      id: c.recordId,
    });
    // What was written, without reading it back: thousands of fields per import.
    const after: PdcaRecord = { ...before, ...c.patch, updatedAt: cs.at };
    recordFieldChanges(cs, 'pdca_record', c.recordId, before, after, fields, before.itemId);
    out.push(after);
  });
  return out;
}

/**
 * An item's year-end records across the plan: each year's last round, for the
 * item's 効果額 by year with 累計 and its evaluations over time.
 */
export function itemYears(db: Db, itemId: number): PdcaRecord[] {
  return (
    db
      .prepare(
        `${SELECT} WHERE r.item_id = ? AND o.sort_order = (
           SELECT max(x.sort_order) FROM pdca_rounds x WHERE x.plan_id = o.plan_id AND x.fiscal_year = o.fiscal_year)
         ORDER BY o.fiscal_year`,
      )
      .all(itemId) as RecordRow[]
  ).map(toRecord);
}
