import type { HistoryField } from '../../shared/domain/history-fields';
import type { MappingPreview, PlanMapping } from '../../shared/domain/plan-import';
import { HISTORY_FIELD_LABELS } from '../../shared/domain/history-fields';
import type { PdcaRecordPatch, ScaleLevel } from '../../shared/domain/pdca';
import { AppError } from '../../shared/errors';
import { formatFiscalYear } from '../../shared/fiscal-year';
import { parsePercentText } from '../../shared/pdca-math';
import type { CityPreset } from '../../shared/pdca-presets';
import { SCALE_PRESETS } from '../../shared/pdca-presets';
import type { ChangeSet } from '../audit/audit-log';
import { recordChange } from '../audit/audit-log';
import { decodeAmount, decodeLevel, decodeText } from '../inquiry/field-codecs';
import { at } from '../inquiry/return-meta';
import type { Decoded } from '../inquiry/field-codecs';
import { saveKpis } from '../pdca/kpis';
import { openYear } from '../pdca/rounds';
import { updateRecords } from '../pdca/records';
import { listLevels } from '../pdca/settings';
import type { CellData, SheetData } from '../xlsx/read-book';
import { columnLetter } from '../xlsx/read-book';
import { closeYear } from '../year-close/year-close';

/**
 * A city's past years, kept in its own plan sheet (one column per year and
 * field: 「R1評価」「R2評価」「R2取組実績」…), taken in as those years'
 * records: every value read exactly or the whole import refused, each value
 * remembered with the file, sheet and cell it came from, and each year closed
 * as imported history so that it reads as published from then on.
 */
const LEVEL_AXIS = {
  evaluation: 'evaluation',
  progress: 'progress',
  direction: 'direction',
} as const;
type LevelField = keyof typeof LEVEL_AXIS;
const isLevelField = (f: HistoryField): f is LevelField => f in LEVEL_AXIS;

type KpiField = 'kpiTarget' | 'kpiActual';
const isKpiField = (f: HistoryField): f is KpiField => f === 'kpiTarget' || f === 'kpiActual';

const PATCH_FIELD: Record<Exclude<HistoryField, KpiField>, keyof PdcaRecordPatch> = {
  evaluation: 'evaluationId',
  progress: 'progressId',
  direction: 'directionId',
  resultText: 'resultText',
  evaluationReason: 'evaluationReason',
  issuesText: 'issuesText',
  revenueActual: 'revenueActual',
  savingActual: 'savingActual',
};

/** One value of one past year for one item: a level's code, a text or yen. */
export interface HistoryValue {
  item: number;
  fiscalYear: number;
  field: HistoryField;
  value: string | number;
  cell: string;
}

export interface ReadHistory {
  values: HistoryValue[];
  problems: string[];
  summary: MappingPreview['history'];
  /** Items first valued after the first history year: added mid-plan, from that year. */
  startYears: Map<number, number>;
  /** The 指標 of items with past 指標 values: its name and unit from the sheet. */
  kpis: Map<number, { name: string; unit: string }>;
}

/** A 指標's number as the sheet has it (数値, or text like 「1,200」「85%」). */
function decodeKpiNumber(cell: CellData, label: string): Decoded<number | null> {
  if (cell.formula)
    return { ok: false, message: `「${label}」に数式が入っています。数値を入力してください。` };
  if (cell.error) return { ok: false, message: `「${label}」がエラー値（${cell.error}）です。` };
  if (typeof cell.value === 'number' && cell.date)
    return {
      ok: false,
      message: `「${label}」に日付（${cell.text}）が入っています。数値を入力してください。`,
    };
  if (typeof cell.value === 'number') return { ok: true, value: cell.value };
  const parsed = parsePercentText(cell.value ?? '', label);
  return parsed.ok ? { ok: true, value: parsed.value } : { ok: false, message: parsed.message };
}

function presetLevels(city: CityPreset, field: LevelField) {
  const preset = SCALE_PRESETS.find((p) => p.id === city.scales[field]);
  return (preset?.levels ?? []).map((l, i): ScaleLevel => ({
    ...l,
    id: i + 1,
    axis: LEVEL_AXIS[field],
    sortOrder: i,
    usage: 0,
  }));
}

/** The history columns of the sheet, for the items read from `rows` (item index → sheet row). */
export function readHistory(
  ws: SheetData,
  m: PlanMapping,
  rows: readonly number[],
  city: CityPreset,
  plan: { firstFy: number; lastFy: number },
  kpiDefs: readonly { name: string; unit: string }[] = [],
): ReadHistory {
  const cols = m.history ?? [];
  const values: HistoryValue[] = [];
  const problems: string[] = [];
  const byYear = new Map<
    number,
    { fields: Set<string>; items: Set<number>; evals: Map<string, number> }
  >();
  const levels = {
    evaluation: presetLevels(city, 'evaluation'),
    progress: presetLevels(city, 'progress'),
    direction: presetLevels(city, 'direction'),
  };
  for (const h of cols) {
    if (h.fiscalYear < plan.firstFy || h.fiscalYear > plan.lastFy) {
      problems.push(
        `${columnLetter(h.column)}列（${formatFiscalYear(h.fiscalYear)}の${HISTORY_FIELD_LABELS[h.field]}）は計画期間の外の年度です。年度を確かめてください。`,
      );
      continue;
    }
    const year = byYear.get(h.fiscalYear) ?? {
      fields: new Set(),
      items: new Set(),
      evals: new Map(),
    };
    byYear.set(h.fiscalYear, year);
    year.fields.add(HISTORY_FIELD_LABELS[h.field]);
    rows.forEach((r, item) => {
      const cell = at(ws, r, h.column);
      const address = `${columnLetter(h.column)}${r}`;
      const label = `${formatFiscalYear(h.fiscalYear)}の${HISTORY_FIELD_LABELS[h.field]}`;
      let d: Decoded<string | number | null>;
      if (isLevelField(h.field)) {
        const lv = levels[h.field];
        const got = decodeLevel(cell, label, lv);
        d = got.ok ? { ok: true, value: lv.find((l) => l.id === got.value)?.code ?? null } : got;
      } else if (h.field === 'revenueActual' || h.field === 'savingActual') {
        d = decodeAmount(cell, label, 'thousand');
      } else if (isKpiField(h.field)) {
        d = decodeKpiNumber(cell, label);
      } else {
        d = decodeText(cell, label, 4000);
        if (d.ok && d.value === '') d = { ok: true, value: null };
      }
      if (!d.ok) {
        problems.push(`${m.sheet}!${address}：${d.message}`);
        return;
      }
      if (d.value === null) return;
      values.push({
        item,
        fiscalYear: h.fiscalYear,
        field: h.field,
        value: d.value,
        cell: address,
      });
      year.items.add(item);
      if (h.field === 'evaluation') {
        const code = String(d.value);
        year.evals.set(code, (year.evals.get(code) ?? 0) + 1);
      }
    });
  }
  const years = [...byYear.keys()].sort((a, b) => a - b);
  const startYears = new Map<number, number>();
  const first = years[0];
  if (first !== undefined)
    rows.forEach((_, item) => {
      const y = years.find((fy) => byYear.get(fy)!.items.has(item));
      if (y !== undefined && y > first) startYears.set(item, y);
    });
  const kpis = new Map<number, { name: string; unit: string }>();
  for (const v of values)
    if (isKpiField(v.field) && !kpis.has(v.item))
      kpis.set(v.item, {
        name: (kpiDefs[v.item]?.name || '指標').slice(0, 100),
        unit: (kpiDefs[v.item]?.unit ?? '').slice(0, 20),
      });
  return {
    values,
    problems,
    startYears,
    kpis,
    summary: years.map((fy) => {
      const y = byYear.get(fy)!;
      return {
        fiscalYear: fy,
        fields: [...y.fields],
        items: y.items.size,
        evaluations: Object.fromEntries(y.evals),
      };
    }),
  };
}

/**
 * Writes the history into the new plan (items in file order = `itemIds`)
 * and closes each year, oldest first. Runs inside the import's transaction.
 */
export function applyHistory(
  cs: ChangeSet,
  planId: number,
  itemIds: readonly number[],
  history: ReadHistory,
  source: { file: string; sheet: string },
): void {
  const { db } = cs;
  for (const [item, fy] of history.startYears) {
    db.prepare('UPDATE reform_items SET start_fy = ? WHERE id = ?').run(fy, itemIds[item]);
    recordChange(cs, {
      action: 'update',
      entity: 'reform_item',
      entityId: itemIds[item]!,
      itemId: itemIds[item]!,
      field: 'startFy',
      oldValue: null,
      newValue: fy,
    });
  }
  const levelId = new Map(
    listLevels(db, planId, false).map((l) => [`${l.axis}:${l.code}`, l.id] as const),
  );
  const insSource = db.prepare(
    `INSERT INTO cell_sources (entity, entity_id, field, source_file, sheet, cell, imported_at)
     VALUES ('pdca_record', ?, ?, ?, ?, ?, ?)`,
  );
  // 指標 first: their values of a closed year could not be written after.
  for (const [item, def] of history.kpis) {
    const byYear = new Map<
      number,
      { fiscalYear: number; target: number | null; actual: number | null }
    >();
    for (const v of history.values)
      if (v.item === item && isKpiField(v.field)) {
        const y = byYear.get(v.fiscalYear) ?? {
          fiscalYear: v.fiscalYear,
          target: null,
          actual: null,
        };
        y[v.field === 'kpiTarget' ? 'target' : 'actual'] = Number(v.value);
        byYear.set(v.fiscalYear, y);
      }
    saveKpis(cs, itemIds[item]!, [
      {
        name: def.name,
        unit: def.unit,
        direction: 'higher',
        progressMethod: 'cumulative',
        baseFy: null,
        baseValue: null,
        finalTarget: null,
        values: [...byYear.values()].sort((a, b) => a.fiscalYear - b.fiscalYear),
      },
    ]);
  }
  const years = [...new Set(history.values.map((v) => v.fiscalYear))].sort((a, b) => a - b);
  for (const fy of years) {
    const rounds = openYear(cs, planId, fy);
    const last = rounds[rounds.length - 1]!;
    const recordOf = new Map(
      (
        db.prepare('SELECT id, item_id FROM pdca_records WHERE round_id = ?').all(last.id) as {
          id: number;
          item_id: number;
        }[]
      ).map((r) => [r.item_id, r.id]),
    );
    const patches = new Map<number, PdcaRecordPatch>();
    for (const v of history.values.filter((x) => x.fiscalYear === fy)) {
      if (isKpiField(v.field)) continue;
      const recordId = recordOf.get(itemIds[v.item]!);
      if (recordId === undefined)
        throw new AppError(
          'VALIDATION',
          `${source.sheet}!${v.cell}：${formatFiscalYear(fy)}の記録を作れませんでした。改革項目の追加年度を確かめてください。`,
        );
      const patch = patches.get(recordId) ?? {};
      const field = PATCH_FIELD[v.field];
      (patch as Record<string, unknown>)[field] = isLevelField(v.field)
        ? levelId.get(`${LEVEL_AXIS[v.field]}:${v.value}`)
        : v.value;
      patches.set(recordId, patch);
      insSource.run(recordId, field, source.file, source.sheet, v.cell, cs.at);
    }
    updateRecords(
      cs,
      [...patches].map(([recordId, patch]) => ({ recordId, patch })),
    );
    // Every round of the year is history now: 確定, then the year closed as imported.
    const ids = rounds.map((r) => r.id);
    db.prepare(
      `UPDATE pdca_records SET status = 'final' WHERE round_id IN (${ids.map(() => '?').join(',')})`,
    ).run(...ids);
    recordChange(cs, {
      action: 'update',
      entity: 'pdca_round',
      entityId: last.id,
      field: 'status',
      newValue: { status: 'final', importedHistory: true, fiscalYear: fy },
    });
    closeYear(cs, planId, fy);
    db.prepare(
      `UPDATE year_closes SET origin = 'imported' WHERE plan_id = ? AND fiscal_year = ?`,
    ).run(planId, fy);
  }
}
