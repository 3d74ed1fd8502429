import type { PdcaRecord, PdcaRecordPatch } from '../../shared/domain/pdca';
import { RECORD_LEVEL_FIELDS } from '../../shared/domain/pdca';
import type { YearCorrection, YearState } from '../../shared/domain/years';
import { AppError } from '../../shared/errors';
import { formatFiscalYear } from '../../shared/fiscal-year';
import { levelText } from '../../shared/pdca-levels';
import { formatAmount, formatNumber } from '../../shared/pdca-math';
import { RECORD_FIELD_LABELS } from '../../shared/domain/years';
import { roundTotals } from '../../shared/year-figures';
import type { ChangeSet } from '../audit/audit-log';
import { recordChange } from '../audit/audit-log';
import type { Db } from '../db/open-store';
import { stmt } from '../db/statements';
import { getRecord, updateRecords } from '../pdca/records';
import { requireRound } from '../pdca/rounds';
import { requirePlan } from '../plans/plan-queries';
import { liveReportData } from '../reports/report-data';
import { itemInYear } from '../years/in-force';
import { closedYearMessage, isYearClosed } from '../years/membership';
import type { YearSnapshot } from '../years/snapshot-read';
import { readSnapshot } from '../years/snapshot-read';

/**
 * 年度の締め: when every record of a year's last round is 確定, the year is
 * closed and kept as it was (a snapshot of every round's report data). Later
 * changes to structure, sections, scales or items never reach it. A wrong
 * published figure is corrected openly (訂正): the record and the snapshot
 * change together, and the correction — old value, new value, date, reason —
 * is listed for publication beside the year's results.
 */

function yearRounds(db: Db, planId: number, fy: number) {
  return stmt(
    db,
    'SELECT id, name FROM pdca_rounds WHERE plan_id = ? AND fiscal_year = ? ORDER BY sort_order',
  ).all(planId, fy) as { id: number; name: string }[];
}

/** Records of the year's last round that keep the year from closing. */
function notFinal(db: Db, planId: number, fy: number, roundId: number): number {
  return stmt(
    db,
    `SELECT count(*) FROM pdca_records r JOIN reform_items i ON i.id = r.item_id
     JOIN areas a ON a.id = i.area_id AND a.deleted_at IS NULL
     JOIN priorities p ON p.id = a.priority_id AND p.deleted_at IS NULL
     WHERE r.round_id = @roundId AND i.plan_id = @planId AND i.deleted_at IS NULL
       AND ${itemInYear('i', '@fy')} AND r.status <> 'final'`,
  )
    .pluck()
    .get({ roundId, planId, fy }) as number;
}

export function yearState(db: Db, planId: number, fiscalYear: number): YearState {
  requirePlan(db, planId);
  const close = stmt(
    db,
    'SELECT closed_at, closed_by FROM year_closes WHERE plan_id = ? AND fiscal_year = ?',
  ).get(planId, fiscalYear) as { closed_at: string; closed_by: string } | undefined;
  const rounds = yearRounds(db, planId, fiscalYear);
  const last = rounds[rounds.length - 1];
  const pending = last ? notFinal(db, planId, fiscalYear, last.id) : 0;
  return {
    fiscalYear,
    closed: close != null,
    closedAt: close?.closed_at ?? null,
    closedBy: close?.closed_by ?? null,
    canClose: close == null && last != null && pending === 0,
    notFinal: pending,
    lastRoundName: last?.name ?? null,
    corrections: stmt(
      db,
      'SELECT count(*) FROM year_corrections WHERE plan_id = ? AND fiscal_year = ?',
    )
      .pluck()
      .get(planId, fiscalYear) as number,
  };
}

function buildSnapshot(db: Db, planId: number, fy: number): YearSnapshot {
  return {
    version: 1,
    fiscalYear: fy,
    rounds: yearRounds(db, planId, fy).map((r) => {
      const data = liveReportData(db, planId, fy, r.id);
      // Later years are not part of this year; the 個票 shows the years up to it.
      data.yearRecords = data.yearRecords.filter((x) => x.fiscalYear <= fy);
      return { roundId: r.id, roundName: r.name, data };
    }),
  };
}

function totalsOf(snap: YearSnapshot): string {
  const last = snap.rounds[snap.rounds.length - 1];
  if (!last) return JSON.stringify(roundTotals([]));
  const items = new Set(last.data.items.map((i) => i.id));
  return JSON.stringify(roundTotals(last.data.records.filter((r) => items.has(r.itemId))));
}

export function closeYear(cs: ChangeSet, planId: number, fiscalYear: number): YearState {
  const db = cs.db;
  const state = yearState(db, planId, fiscalYear);
  const label = formatFiscalYear(fiscalYear);
  if (state.closed) throw new AppError('VALIDATION', `${label}はすでに締めています。`);
  if (state.lastRoundName == null)
    throw new AppError('VALIDATION', `${label}には照会回がないため締められません。`);
  if (state.notFinal > 0) {
    throw new AppError(
      'VALIDATION',
      `${label}を締めるには、最後の照会回（${state.lastRoundName}）の記録をすべて「確定」にしてください。まだ確定していない記録が${state.notFinal}件あります。`,
    );
  }
  const snap = buildSnapshot(db, planId, fiscalYear);
  stmt(
    db,
    `INSERT INTO year_closes (plan_id, fiscal_year, closed_at, closed_by, snapshot, totals)
     VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(planId, fiscalYear, cs.at, cs.actor.displayName, JSON.stringify(snap), totalsOf(snap));
  recordChange(cs, {
    action: 'create',
    entity: 'year_close',
    entityId: planId,
    field: String(fiscalYear),
    newValue: { fiscalYear, items: snap.rounds[snap.rounds.length - 1]!.data.items.length },
  });
  return yearState(db, planId, fiscalYear);
}

export function reopenYear(
  cs: ChangeSet,
  input: { planId: number; fiscalYear: number; reason: string },
): YearState {
  const db = cs.db;
  const reason = input.reason.trim();
  if (!isYearClosed(db, input.planId, input.fiscalYear))
    throw new AppError('VALIDATION', `${formatFiscalYear(input.fiscalYear)}は締めていません。`);
  if (reason === '') {
    throw new AppError(
      'VALIDATION',
      '締めを解除するには理由の入力が必要です（例：監査の指摘を受けて実績を見直すため）。',
    );
  }
  stmt(db, 'DELETE FROM year_closes WHERE plan_id = ? AND fiscal_year = ?').run(
    input.planId,
    input.fiscalYear,
  );
  recordChange(cs, {
    action: 'delete',
    entity: 'year_close',
    entityId: input.planId,
    field: String(input.fiscalYear),
    oldValue: { fiscalYear: input.fiscalYear },
    newValue: { reason },
  });
  return yearState(db, input.planId, input.fiscalYear);
}

function requireReason(reason: string): string {
  const r = reason.trim();
  if (r === '')
    throw new AppError(
      'VALIDATION',
      '訂正には理由の入力が必要です（例：委員会資料の作成後、担当課から実績の誤りの連絡があったため）。',
    );
  return r;
}

function saveSnapshot(db: Db, planId: number, fy: number, snap: YearSnapshot): void {
  stmt(
    db,
    'UPDATE year_closes SET snapshot = ?, totals = ?, revision = revision + 1 WHERE plan_id = ? AND fiscal_year = ?',
  ).run(JSON.stringify(snap), totalsOf(snap), planId, fy);
}

/** Every closed year's snapshot of the plan, for a correction that may show in several. */
function closedSnapshots(db: Db, planId: number): [number, YearSnapshot][] {
  const years = stmt(db, 'SELECT fiscal_year FROM year_closes WHERE plan_id = ?')
    .pluck()
    .all(planId) as number[];
  // A copy: the cached object is not changed until the transaction writes it.
  return years.map((fy) => [fy, structuredClone(readSnapshot(db, planId, fy)!)]);
}

/**
 * 訂正 of a closed year's record: the fields change in the store and in the
 * year's snapshot (and in later closed years' 個票 history), each change
 * listed with its old and new value and the reason.
 */
export function correctRecord(
  cs: ChangeSet,
  input: { recordId: number; patch: PdcaRecordPatch; reason: string },
): PdcaRecord {
  const db = cs.db;
  const reason = requireReason(input.reason);
  const before = getRecord(db, input.recordId);
  const round = requireRound(db, before.roundId);
  const planId = round.plan_id;
  const fy = round.fiscal_year;
  if (!isYearClosed(db, planId, fy))
    throw new AppError(
      'VALIDATION',
      `${formatFiscalYear(fy)}は締めていないため、訂正ではなく通常の入力で変更してください。`,
    );
  const fields = (Object.keys(input.patch) as (keyof PdcaRecordPatch)[]).filter(
    (f) => input.patch[f] !== before[f],
  );
  if (fields.length === 0) throw new AppError('VALIDATION', '訂正する内容が元の値と同じです。');

  const flag = db.prepare(
    'UPDATE year_closes SET correcting = ? WHERE plan_id = ? AND fiscal_year = ?',
  );
  const status = db.prepare('UPDATE pdca_records SET status = ? WHERE id = ?');
  flag.run(1, planId, fy);
  status.run(before.status === 'final' ? 'checked' : before.status, before.id);
  const [after] = updateRecords(cs, [
    { recordId: before.id, patch: Object.fromEntries(fields.map((f) => [f, input.patch[f]])) },
  ]);
  status.run(before.status, before.id);
  flag.run(0, planId, fy);
  const corrected: PdcaRecord = { ...after!, status: before.status };

  const snaps = closedSnapshots(db, planId);
  const own = snaps.find(([y]) => y === fy)![1];
  const data = own.rounds.find((r) => r.roundId === round.id)?.data;
  if (!data) throw new AppError('NOT_FOUND', 'この照会回は締めた年度の記録にありません。');
  const item = data.items.find((i) => i.id === before.itemId);
  const show = (f: keyof PdcaRecordPatch, v: unknown): string => {
    if (v == null || v === '') return '（空欄）';
    if ((RECORD_LEVEL_FIELDS as readonly string[]).includes(f))
      return levelText(data.settings.levels.find((l) => l.id === v)) || String(v);
    if (typeof v === 'number') return formatAmount(v, data.settings.amountUnit);
    return String(v);
  };
  const snapRecord = data.records.find((r) => r.id === before.id);
  const old = snapRecord ?? before;
  for (const f of fields) {
    stmt(
      db,
      `INSERT INTO year_corrections (plan_id, fiscal_year, round_name, record_id, item_id, item_code, item_name,
         field, field_label, old_text, new_text, reason, corrected_at, corrected_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      planId,
      fy,
      round.name,
      before.id,
      before.itemId,
      item?.code ?? '',
      item?.name ?? '',
      f,
      fieldLabel(data.settings.axisLabels, f),
      show(f, old[f]),
      show(f, input.patch[f]),
      reason,
      cs.at,
      cs.actor.displayName,
    );
  }
  recordChange(cs, {
    action: 'update',
    entity: 'pdca_record',
    entityId: before.id,
    field: 'correctionReason',
    newValue: reason,
    itemId: before.itemId,
  });
  // The record appears in its round's data and, as a year-end record, in the
  // 個票 history of its own and later closed years.
  for (const [y, snap] of snaps) {
    let touched = false;
    for (const r of snap.rounds) {
      const swap = (list: PdcaRecord[]) =>
        list.map((x) => {
          if (x.id !== before.id) return x;
          touched = true;
          return { ...x, ...Object.fromEntries(fields.map((f) => [f, input.patch[f]])) };
        });
      r.data.records = swap(r.data.records);
      r.data.yearRecords = swap(r.data.yearRecords);
    }
    if (touched) saveSnapshot(db, planId, y, snap);
  }
  return corrected;
}

/** 訂正 of a closed year's KPI value (target or actual). */
export function correctKpiValue(
  cs: ChangeSet,
  input: {
    kpiId: number;
    fiscalYear: number;
    field: 'target' | 'actual';
    value: number | null;
    reason: string;
  },
): void {
  const db = cs.db;
  const reason = requireReason(input.reason);
  const kpi = stmt(
    db,
    'SELECT k.id, k.item_id, k.name, k.unit, i.plan_id FROM kpis k JOIN reform_items i ON i.id = k.item_id WHERE k.id = ?',
  ).get(input.kpiId) as
    { id: number; item_id: number; name: string; unit: string; plan_id: number } | undefined;
  if (!kpi) throw new AppError('NOT_FOUND', '指標が見つかりません。画面を開き直してください。');
  if (!isYearClosed(db, kpi.plan_id, input.fiscalYear))
    throw new AppError(
      'VALIDATION',
      `${formatFiscalYear(input.fiscalYear)}は締めていないため、訂正ではなく通常の入力で変更してください。`,
    );
  const now = (stmt(
    db,
    'SELECT target, actual FROM kpi_values WHERE kpi_id = ? AND fiscal_year = ?',
  ).get(kpi.id, input.fiscalYear) as
    { target: number | null; actual: number | null } | undefined) ?? {
    target: null,
    actual: null,
  };
  if (now[input.field] === input.value)
    throw new AppError('VALIDATION', '訂正する内容が元の値と同じです。');
  const next = { ...now, [input.field]: input.value };
  stmt(
    db,
    `INSERT INTO kpi_values (kpi_id, fiscal_year, target, actual) VALUES (?, ?, ?, ?)
     ON CONFLICT (kpi_id, fiscal_year) DO UPDATE SET target = excluded.target, actual = excluded.actual`,
  ).run(kpi.id, input.fiscalYear, next.target, next.actual);
  recordChange(cs, {
    action: 'update',
    entity: 'kpi',
    entityId: kpi.id,
    field: `${input.field}.${input.fiscalYear}`,
    oldValue: now[input.field],
    newValue: input.value,
    itemId: kpi.item_id,
  });
  const snaps = closedSnapshots(db, kpi.plan_id);
  const own = snaps.find(([y]) => y === input.fiscalYear)![1];
  const last = own.rounds[own.rounds.length - 1]!.data;
  const item = last.items.find((i) => i.id === kpi.item_id);
  const show = (v: number | null) => (v === null ? '（空欄）' : `${formatNumber(v)}${kpi.unit}`);
  stmt(
    db,
    `INSERT INTO year_corrections (plan_id, fiscal_year, round_name, record_id, item_id, item_code, item_name,
       field, field_label, old_text, new_text, reason, corrected_at, corrected_by)
     VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    kpi.plan_id,
    input.fiscalYear,
    own.rounds[own.rounds.length - 1]!.roundName,
    kpi.item_id,
    item?.code ?? '',
    item?.name ?? '',
    `kpi.${kpi.id}.${input.field}`,
    `指標「${kpi.name}」の${input.field === 'target' ? '目標値' : '実績値'}`,
    show(now[input.field]),
    show(input.value),
    reason,
    cs.at,
    cs.actor.displayName,
  );
  for (const [y, snap] of snaps) {
    let touched = false;
    for (const r of snap.rounds) {
      for (const k of r.data.kpis) {
        if (k.id !== kpi.id) continue;
        const v = k.values.find((x) => x.fiscalYear === input.fiscalYear);
        if (v) v[input.field] = input.value;
        else
          k.values.push({
            fiscalYear: input.fiscalYear,
            target: null,
            actual: null,
            [input.field]: input.value,
          });
        touched = true;
      }
    }
    if (touched) saveSnapshot(db, kpi.plan_id, y, snap);
  }
}

function fieldLabel(
  axisLabels: { progress: string; progress2: string | null; evaluation: string; direction: string },
  f: keyof PdcaRecordPatch,
): string {
  if (f === 'progressId') return axisLabels.progress;
  if (f === 'progress2Id') return axisLabels.progress2 ?? '進捗状況2';
  if (f === 'evaluationId') return axisLabels.evaluation;
  if (f === 'directionId') return axisLabels.direction;
  return RECORD_FIELD_LABELS[f];
}

export function listCorrections(db: Db, planId: number, fiscalYear?: number): YearCorrection[] {
  requirePlan(db, planId);
  return (
    stmt(
      db,
      `SELECT * FROM year_corrections WHERE plan_id = ? AND (? IS NULL OR fiscal_year = ?)
       ORDER BY fiscal_year, id`,
    ).all(planId, fiscalYear ?? null, fiscalYear ?? null) as {
      id: number;
      fiscal_year: number;
      round_name: string;
      item_id: number | null;
      item_code: string;
      item_name: string;
      field_label: string;
      old_text: string;
      new_text: string;
      reason: string;
      corrected_at: string;
      corrected_by: string;
    }[]
  ).map((r) => ({
    id: r.id,
    fiscalYear: r.fiscal_year,
    roundName: r.round_name,
    itemId: r.item_id,
    itemCode: r.item_code,
    itemName: r.item_name,
    fieldLabel: r.field_label,
    oldText: r.old_text,
    newText: r.new_text,
    reason: r.reason,
    correctedAt: r.corrected_at,
    correctedBy: r.corrected_by,
  }));
}

export { closedYearMessage };
