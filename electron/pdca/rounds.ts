import type { RecordStatus, Round } from '../../shared/domain/pdca';
import { RECORD_STATUSES, RECORD_STATUS_LABELS } from '../../shared/domain/pdca';
import { AppError } from '../../shared/errors';
import { formatFiscalYear } from '../../shared/fiscal-year';
import { roundDeadline } from '../../shared/pdca-presets';
import type { ChangeSet } from '../audit/audit-log';
import { recordChange } from '../audit/audit-log';
import type { Db } from '../db/open-store';
import { stmt } from '../db/statements';
import { requirePlan } from '../plans/plan-queries';
import { getPdcaSettings } from './settings';
import { itemInYear } from '../years/in-force';
import { closedYearMessage, isYearClosed } from '../years/membership';
import { summarizeStatusChange } from '../../shared/status-change';

interface RoundRow {
  id: number;
  plan_id: number;
  fiscal_year: number;
  name: string;
  sort_order: number;
  deadline: string | null;
}

const LIVE_ITEMS = `
  SELECT i.id FROM reform_items i
  JOIN areas a ON a.id = i.area_id JOIN priorities p ON p.id = a.priority_id
  WHERE i.plan_id = @planId AND i.deleted_at IS NULL AND a.deleted_at IS NULL AND p.deleted_at IS NULL
    AND ${itemInYear('i', '@fy')}
  ORDER BY p.sort_order, a.sort_order, i.sort_order`;

export function requireRound(db: Db, roundId: number): RoundRow {
  const row = stmt(db, 'SELECT * FROM pdca_rounds WHERE id = ?').get(roundId) as
    RoundRow | undefined;
  if (!row)
    throw new AppError('NOT_FOUND', 'この照会回は見つかりません。画面を開き直してください。');
  return row;
}

export function listRounds(db: Db, planId: number, fiscalYear?: number): Round[] {
  requirePlan(db, planId);
  const rows = db
    .prepare(
      `SELECT * FROM pdca_rounds WHERE plan_id = ? AND (? IS NULL OR fiscal_year = ?)
       ORDER BY fiscal_year, sort_order`,
    )
    .all(planId, fiscalYear ?? null, fiscalYear ?? null) as RoundRow[];
  const counts = db.prepare(
    `SELECT r.status, count(*) AS n FROM pdca_records r
     JOIN pdca_rounds o ON o.id = r.round_id
     JOIN reform_items i ON i.id = r.item_id AND i.deleted_at IS NULL AND ${itemInYear('i', 'o.fiscal_year')}
     WHERE r.round_id = ? GROUP BY r.status`,
  );
  return rows.map((r) => {
    const c = Object.fromEntries(RECORD_STATUSES.map((s) => [s, 0])) as Record<
      RecordStatus,
      number
    >;
    for (const { status, n } of counts.all(r.id) as { status: RecordStatus; n: number }[])
      c[status] = n;
    return {
      id: r.id,
      planId: r.plan_id,
      fiscalYear: r.fiscal_year,
      name: r.name,
      sortOrder: r.sort_order,
      deadline: r.deadline,
      counts: c,
    };
  });
}

/**
 * Opens a fiscal year: its rounds from the plan's template, each with a
 * record for every live item. A later round starts from the answers of the
 * round before it, as sections update last time's sheet rather than start blank.
 */
export function openYear(cs: ChangeSet, planId: number, fiscalYear: number): Round[] {
  const db = cs.db;
  const plan = requirePlan(db, planId);
  if (fiscalYear < plan.first_fy || fiscalYear > plan.last_fy) {
    throw new AppError(
      'VALIDATION',
      `${formatFiscalYear(fiscalYear)}は計画期間（${formatFiscalYear(plan.first_fy)}～${formatFiscalYear(plan.last_fy)}）の外です。`,
    );
  }
  if (isYearClosed(db, planId, fiscalYear))
    throw new AppError('LOCKED', closedYearMessage(fiscalYear));
  const settings = getPdcaSettings(db, planId, false);
  const existing = new Map(listRounds(db, planId, fiscalYear).map((r) => [r.name, r]));
  const items = db.prepare(LIVE_ITEMS).pluck().all({ planId, fy: fiscalYear }) as number[];
  const insertRound = db.prepare(
    'INSERT INTO pdca_rounds (plan_id, fiscal_year, name, sort_order, deadline) VALUES (?, ?, ?, ?, ?)',
  );
  const copyFrom = db.prepare(
    `INSERT INTO pdca_records (item_id, round_id, plan_text, result_text, progress_id, progress2_id, evaluation_id,
       evaluation_reason, issues_text, direction_id, revenue_plan, revenue_actual, saving_plan, saving_actual, status, updated_at)
     SELECT item_id, @to, plan_text, result_text, progress_id, progress2_id, evaluation_id,
       evaluation_reason, issues_text, direction_id, revenue_plan, revenue_actual, saving_plan, saving_actual, 'unrequested', @at
     FROM pdca_records r JOIN reform_items i ON i.id = r.item_id
     WHERE r.round_id = @from AND ${itemInYear('i', '@fy')}`,
  );
  const blank = db.prepare(
    `INSERT OR IGNORE INTO pdca_records (item_id, round_id, updated_at) VALUES (?, ?, ?)`,
  );
  let previous: number | null = null;
  settings.rounds.forEach((t, i) => {
    const have = existing.get(t.name);
    if (have) {
      previous = have.id;
      return;
    }
    const id = Number(
      insertRound.run(planId, fiscalYear, t.name, i + 1, roundDeadline(fiscalYear, t))
        .lastInsertRowid,
    );
    recordChange(cs, {
      action: 'create',
      entity: 'pdca_round',
      entityId: id,
      newValue: { fiscalYear, name: t.name },
    });
    if (previous != null) copyFrom.run({ to: id, from: previous, at: cs.at, fy: fiscalYear });
    for (const itemId of items) blank.run(itemId, id, cs.at);
    previous = id;
  });
  return listRounds(db, planId, fiscalYear);
}

export function updateRound(
  cs: ChangeSet,
  input: { roundId: number; deadline: string | null },
): void {
  const before = requireRound(cs.db, input.roundId);
  cs.db
    .prepare('UPDATE pdca_rounds SET deadline = ? WHERE id = ?')
    .run(input.deadline, input.roundId);
  if (before.deadline !== input.deadline) {
    recordChange(cs, {
      action: 'update',
      entity: 'pdca_round',
      entityId: input.roundId,
      field: 'deadline',
      oldValue: before.deadline,
      newValue: input.deadline,
    });
  }
}

/**
 * Moves records through 未依頼 → 依頼中 → 回答済 → 確認済 → 確定. Any move is
 * allowed but leaving 確定 (unlocking) needs a reason, recorded in the audit log.
 */
export function setRecordStatus(
  cs: ChangeSet,
  input: {
    recordIds: number[];
    status: RecordStatus;
    reason?: string;
    /** Records with empty D/C the user confirmed to 確定 as they are. */
    confirmEmptyIds?: number[];
  },
): number {
  const db = cs.db;
  const get = db.prepare(
    `SELECT r.id, r.item_id, r.status, r.result_text AS resultText, r.progress_id AS progressId,
       r.evaluation_id AS evaluationId, o.plan_id, o.fiscal_year
     FROM pdca_records r JOIN pdca_rounds o ON o.id = r.round_id WHERE r.id = ?`,
  );
  const upd = db.prepare('UPDATE pdca_records SET status = ?, updated_at = ? WHERE id = ?');
  let changed = 0;
  const rows = input.recordIds.map((id) => {
    const r = get.get(id) as
      | {
          id: number;
          item_id: number;
          status: RecordStatus;
          resultText: string;
          progressId: number | null;
          evaluationId: number | null;
          plan_id: number;
          fiscal_year: number;
        }
      | undefined;
    if (!r)
      throw new AppError('NOT_FOUND', '進捗の記録が見つかりません。画面を開き直してください。');
    return r;
  });
  const summary = summarizeStatusChange(rows, input.status);
  const unlocking = summary.unlocking.length > 0;
  if (unlocking) {
    const closed = rows.find(
      (r) => r.status === 'final' && isYearClosed(db, r.plan_id, r.fiscal_year),
    );
    if (closed) throw new AppError('LOCKED', closedYearMessage(closed.fiscal_year));
  }
  const confirmed = new Set(input.confirmEmptyIds ?? []);
  const unconfirmed = summary.emptyFinal.filter((id) => !confirmed.has(id));
  if (unconfirmed.length > 0) {
    throw new AppError(
      'VALIDATION',
      `取組実績または進捗状況・評価が空欄の記録が${unconfirmed.length}件あります。空欄のまま確定するときは、確認画面でその記録も確定することを選んでください。`,
    );
  }
  const reason = input.reason?.trim() ?? '';
  if (unlocking && reason === '') {
    throw new AppError(
      'VALIDATION',
      '確定を解除するには理由の入力が必要です。解除の理由（例：委員会の意見を受けて実績を訂正するため）を入力してください。',
    );
  }
  for (const r of rows) {
    if (r.status === input.status) continue;
    upd.run(input.status, cs.at, r.id);
    recordChange(cs, {
      action: 'update',
      entity: 'pdca_record',
      entityId: r.id,
      field: 'status',
      oldValue: RECORD_STATUS_LABELS[r.status],
      newValue: RECORD_STATUS_LABELS[input.status],
      itemId: r.item_id,
    });
    if (r.status === 'final') {
      recordChange(cs, {
        action: 'update',
        entity: 'pdca_record',
        entityId: r.id,
        field: 'unlockReason',
        newValue: reason,
        itemId: r.item_id,
      });
    }
    changed++;
  }
  return changed;
}
