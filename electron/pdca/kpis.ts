import type { Kpi, KpiInput, KpiValue } from '../../shared/domain/pdca';
import { AppError } from '../../shared/errors';
import type { ChangeSet } from '../audit/audit-log';
import { recordChange, recordFieldChanges } from '../audit/audit-log';
import type { Db } from '../db/open-store';
import { closedYearMessage, closedYears, isYearClosed } from '../years/membership';
import { getItemRow } from '../items/item-queries';
import { lockedMessage } from './records';
import { stmt } from '../db/statements';

interface KpiRow {
  id: number;
  item_id: number;
  name: string;
  unit: string;
  direction: 'higher' | 'lower';
  progress_method: 'cumulative' | 'fromBase';
  base_fy: number | null;
  base_value: number | null;
  final_target: number | null;
  sort_order: number;
}

/** KPIs with their yearly values: one query for all values (plans have thousands of KPIs). */
function toKpis(db: Db, rows: KpiRow[], where: string, params: Record<string, unknown>): Kpi[] {
  const values = new Map<number, KpiValue[]>();
  for (const [kpiId, fy, target, actual] of stmt(
    db,
    `SELECT v.kpi_id, v.fiscal_year, v.target, v.actual FROM kpi_values v
       JOIN kpis k ON k.id = v.kpi_id JOIN reform_items i ON i.id = k.item_id
       WHERE ${where} ORDER BY v.kpi_id, v.fiscal_year`,
  )
    .raw()
    .all(params) as [number, number, number | null, number | null][]) {
    const list = values.get(kpiId);
    const v = { fiscalYear: fy, target, actual };
    if (list) list.push(v);
    else values.set(kpiId, [v]);
  }
  return rows.map((r) => ({
    id: r.id,
    itemId: r.item_id,
    name: r.name,
    unit: r.unit,
    direction: r.direction,
    progressMethod: r.progress_method,
    baseFy: r.base_fy,
    baseValue: r.base_value,
    finalTarget: r.final_target,
    sortOrder: r.sort_order,
    values: values.get(r.id) ?? [],
  }));
}

export function listKpis(
  db: Db,
  q: {
    itemId?: number;
    planId?: number;
    /** These items' only (one workbook's). */
    itemIds?: readonly number[];
  },
): Kpi[] {
  // Only the filters given, each its own statement: with `@itemId IS NULL OR …`
  // SQLite planned one scan of every KPI of every plan, also for one item's.
  const conds = ['i.deleted_at IS NULL'];
  const params: Record<string, number | string> = {};
  if (q.itemId != null) {
    conds.push('k.item_id = @itemId');
    params.itemId = q.itemId;
  }
  if (q.planId != null) {
    // with items given, the plan is a check, not the way in (`+`: not by the plan_id index)
    conds.push(q.itemId != null || q.itemIds ? '+i.plan_id = @planId' : 'i.plan_id = @planId');
    params.planId = q.planId;
  }
  if (q.itemIds) {
    conds.push('k.item_id IN (SELECT value FROM json_each(@itemIds))');
    params.itemIds = JSON.stringify(q.itemIds);
  }
  const where = conds.join(' AND ');
  const rows = stmt(
    db,
    `SELECT k.* FROM kpis k JOIN reform_items i ON i.id = k.item_id WHERE ${where}
       ORDER BY k.item_id, k.sort_order`,
  ).all(params) as KpiRow[];
  return toKpis(db, rows, where, params);
}

function requireKpi(db: Db, kpiId: number): KpiRow {
  const row = db.prepare('SELECT * FROM kpis WHERE id = ?').get(kpiId) as KpiRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', '指標が見つかりません。画面を開き直してください。');
  return row;
}

/** The fiscal year whose KPI values are locked: the round's, if the item's record there is 確定. */
function lockedFiscalYear(db: Db, itemId: number, roundId: number | undefined): number | null {
  if (roundId == null) return null;
  const row = db
    .prepare(
      `SELECT o.fiscal_year AS fy FROM pdca_records r JOIN pdca_rounds o ON o.id = r.round_id
       WHERE r.item_id = ? AND r.round_id = ? AND r.status = 'final'`,
    )
    .get(itemId, roundId) as { fy: number } | undefined;
  return row?.fy ?? null;
}

/** Refuses a KPI change while the item's record of the given round is 確定. */
function assertUnlocked(db: Db, itemId: number, roundId: number | undefined): void {
  if (roundId == null) return;
  const status = db
    .prepare('SELECT status FROM pdca_records WHERE item_id = ? AND round_id = ?')
    .pluck()
    .get(itemId, roundId);
  if (status === 'final') throw new AppError('LOCKED', lockedMessage(db, itemId));
}

/**
 * An item's KPIs as listed: with id updated, without id created, missing ones
 * deleted (with their values). Values per fiscal year are replaced.
 */
export function saveKpis(cs: ChangeSet, itemId: number, kpis: KpiInput[], roundId?: number): void {
  const db = cs.db;
  const item = getItemRow(db, itemId);
  const plan = db.prepare('SELECT first_fy, last_fy FROM plans WHERE id = ?').get(item.plan_id) as {
    first_fy: number;
    last_fy: number;
  };
  const current = listKpis(db, { itemId });
  const byId = new Map(current.map((k) => [k.id, k]));
  for (const k of kpis) {
    if (k.id != null && !byId.has(k.id)) {
      throw new AppError(
        'NOT_FOUND',
        'この改革項目にない指標が指定されました。画面を開き直してください。',
      );
    }
    const years = k.values.map((v) => v.fiscalYear);
    if (new Set(years).size !== years.length) {
      throw new AppError('VALIDATION', `指標「${k.name}」に同じ年度の値が2つあります。`);
    }
    const outside = years.find((y) => y < plan.first_fy - 5 || y > plan.last_fy);
    if (outside != null) {
      throw new AppError('VALIDATION', `指標「${k.name}」の年度が計画期間の外です。`);
    }
  }
  // Values of a 確定 round stay as they are, whichever screen tries to change them.
  const lockedFy = lockedFiscalYear(db, itemId, roundId);
  if (lockedFy != null) {
    const valueOf = (
      list: readonly { fiscalYear: number; target: number | null; actual: number | null }[],
    ) =>
      JSON.stringify(
        list.filter((v) => v.fiscalYear === lockedFy).map((v) => [v.target, v.actual]),
      );
    const changed =
      kpis.some((k) => valueOf(k.values) !== valueOf(k.id != null ? byId.get(k.id)!.values : [])) ||
      current.some((k) => !kpis.some((x) => x.id === k.id) && valueOf(k.values) !== '[]');
    if (changed) throw new AppError('LOCKED', lockedMessage(db, itemId));
  }
  // Values of closed years stay as closed: a wrong one is corrected through 訂正.
  for (const fy of closedYears(db, item.plan_id)) {
    const valueOf = (
      list: readonly { fiscalYear: number; target: number | null; actual: number | null }[],
    ) => JSON.stringify(list.filter((v) => v.fiscalYear === fy).map((v) => [v.target, v.actual]));
    const changed =
      kpis.some((k) => valueOf(k.values) !== valueOf(k.id != null ? byId.get(k.id)!.values : [])) ||
      current.some((k) => !kpis.some((x) => x.id === k.id) && valueOf(k.values) !== '[]');
    if (changed) throw new AppError('LOCKED', closedYearMessage(fy));
  }
  const keep = new Set(kpis.filter((k) => k.id != null).map((k) => k.id!));
  for (const old of current) {
    if (keep.has(old.id)) continue;
    db.prepare('DELETE FROM kpis WHERE id = ?').run(old.id);
    recordChange(cs, { action: 'delete', entity: 'kpi', entityId: old.id, oldValue: old, itemId });
  }
  kpis.forEach((k, i) => {
    const row = {
      name: k.name.trim(),
      unit: k.unit.trim(),
      direction: k.direction,
      progressMethod: k.progressMethod,
      baseFy: k.baseFy,
      baseValue: k.baseValue,
      finalTarget: k.finalTarget,
    };
    let id = k.id;
    if (id != null) {
      db.prepare(
        `UPDATE kpis SET name = ?, unit = ?, direction = ?, progress_method = ?, base_fy = ?, base_value = ?,
           final_target = ?, sort_order = ? WHERE id = ?`,
      ).run(
        row.name,
        row.unit,
        row.direction,
        row.progressMethod,
        row.baseFy,
        row.baseValue,
        row.finalTarget,
        i + 1,
        id,
      );
      recordFieldChanges(
        cs,
        'kpi',
        id,
        byId.get(id)!,
        row,
        ['name', 'unit', 'direction', 'progressMethod', 'baseFy', 'baseValue', 'finalTarget'],
        itemId,
      );
    } else {
      id = Number(
        db
          .prepare(
            `INSERT INTO kpis (item_id, name, unit, direction, progress_method, base_fy, base_value, final_target, sort_order)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            itemId,
            row.name,
            row.unit,
            row.direction,
            row.progressMethod,
            row.baseFy,
            row.baseValue,
            row.finalTarget,
            i + 1,
          ).lastInsertRowid,
      );
      recordChange(cs, { action: 'create', entity: 'kpi', entityId: id, newValue: row, itemId });
    }
    const before = new Map((byId.get(id)?.values ?? []).map((v) => [v.fiscalYear, v]));
    db.prepare('DELETE FROM kpi_values WHERE kpi_id = ?').run(id);
    const ins = db.prepare(
      'INSERT INTO kpi_values (kpi_id, fiscal_year, target, actual) VALUES (?, ?, ?, ?)',
    );
    for (const v of k.values) {
      if (v.target === null && v.actual === null) continue;
      ins.run(id, v.fiscalYear, v.target, v.actual);
    }
    const after = new Map(k.values.map((v) => [v.fiscalYear, v]));
    for (const fy of new Set([...before.keys(), ...after.keys()])) {
      const b = before.get(fy) ?? { target: null, actual: null };
      const a = after.get(fy) ?? { target: null, actual: null };
      for (const f of ['target', 'actual'] as const) {
        if (b[f] === a[f]) continue;
        recordChange(cs, {
          action: 'update',
          entity: 'kpi',
          entityId: id,
          field: `${f}.${fy}`,
          oldValue: b[f],
          newValue: a[f],
          itemId,
        });
      }
    }
  });
}

export interface KpiValueChange {
  kpiId: number;
  fiscalYear: number;
  target?: number | null;
  actual?: number | null;
}

/** Single values from the PDCA grid; refused while the item's record of the round is 確定. */
export function setKpiValues(
  cs: ChangeSet,
  roundId: number | undefined,
  changes: KpiValueChange[],
): Kpi[] {
  const db = cs.db;
  const touched = new Set<number>();
  for (const c of changes) {
    const kpi = requireKpi(db, c.kpiId);
    assertUnlocked(db, kpi.item_id, roundId);
    const planId = getItemRow(db, kpi.item_id).plan_id;
    if (isYearClosed(db, planId, c.fiscalYear))
      throw new AppError('LOCKED', closedYearMessage(c.fiscalYear));
    const before = (db
      .prepare('SELECT target, actual FROM kpi_values WHERE kpi_id = ? AND fiscal_year = ?')
      .get(c.kpiId, c.fiscalYear) as Omit<KpiValue, 'fiscalYear'> | undefined) ?? {
      target: null,
      actual: null,
    };
    const after = {
      target: c.target === undefined ? before.target : c.target,
      actual: c.actual === undefined ? before.actual : c.actual,
    };
    db.prepare(
      `INSERT INTO kpi_values (kpi_id, fiscal_year, target, actual) VALUES (?, ?, ?, ?)
       ON CONFLICT (kpi_id, fiscal_year) DO UPDATE SET target = excluded.target, actual = excluded.actual`,
    ).run(c.kpiId, c.fiscalYear, after.target, after.actual);
    for (const f of ['target', 'actual'] as const) {
      if (before[f] === after[f]) continue;
      recordChange(cs, {
        action: 'update',
        entity: 'kpi',
        entityId: c.kpiId,
        field: `${f}.${c.fiscalYear}`,
        oldValue: before[f],
        newValue: after[f],
        itemId: kpi.item_id,
      });
    }
    touched.add(kpi.item_id);
  }
  return [...touched].flatMap((itemId) => listKpis(db, { itemId }));
}
