import type {
  PdcaSettings,
  RoundTemplate,
  ScaleAxis,
  ScaleLevel,
  ScaleLevelInput,
} from '../../shared/domain/pdca';
import { SCALE_AXIS_DEFAULT_LABELS } from '../../shared/domain/pdca';
import { AppError } from '../../shared/errors';
import { DEFAULT_CITY_PRESET, ROUND_PRESETS, SCALE_PRESETS } from '../../shared/pdca-presets';
import type { CityPreset } from '../../shared/pdca-presets';
import type { ChangeSet } from '../audit/audit-log';
import { recordChange, recordFieldChanges } from '../audit/audit-log';
import type { Db } from '../db/open-store';
import { stmt } from '../db/statements';
import { requirePlan } from '../plans/plan-queries';

interface SettingsRow {
  plan_id: number;
  progress_label: string;
  progress2_label: string | null;
  evaluation_label: string;
  direction_label: string;
  amount_unit: 'yen' | 'thousand';
  rounds_json: string;
  answer_policy: 'lead' | 'all';
}

interface LevelRow {
  id: number;
  axis: ScaleAxis;
  code: string;
  label: string;
  definition: string;
  color: string;
  default_percent: number | null;
  excluded: number;
  sort_order: number;
  usage: number;
}

/**
 * The plan's live levels. `usage` (records per level, for the settings screen)
 * needs a pass over every record of the plan, so callers that only read the
 * scales skip it.
 */
export function listLevels(db: Db, planId: number, withUsage = true): ScaleLevel[] {
  const rows = stmt(
    db,
    `SELECT l.*, 0 AS usage FROM scale_levels l WHERE l.plan_id = ? AND l.retired_at IS NULL
       ORDER BY l.axis, l.sort_order`,
  ).all(planId) as LevelRow[];
  if (withUsage) {
    const counts = new Map(
      stmt(
        db,
        `SELECT level, count(*) FROM (
             SELECT r.progress_id AS level FROM pdca_records r JOIN pdca_rounds o ON o.id = r.round_id WHERE o.plan_id = @p
             UNION ALL SELECT r.progress2_id FROM pdca_records r JOIN pdca_rounds o ON o.id = r.round_id WHERE o.plan_id = @p
             UNION ALL SELECT r.evaluation_id FROM pdca_records r JOIN pdca_rounds o ON o.id = r.round_id WHERE o.plan_id = @p
             UNION ALL SELECT r.direction_id FROM pdca_records r JOIN pdca_rounds o ON o.id = r.round_id WHERE o.plan_id = @p
           ) WHERE level IS NOT NULL GROUP BY level`,
      )
        .raw()
        .all({ p: planId }) as [number, number][],
    );
    for (const r of rows) r.usage = counts.get(r.id) ?? 0;
  }
  return rows.map((r) => ({
    id: r.id,
    axis: r.axis,
    code: r.code,
    label: r.label,
    definition: r.definition,
    color: r.color,
    defaultPercent: r.default_percent,
    excluded: r.excluded === 1,
    sortOrder: r.sort_order,
    usage: r.usage,
  }));
}

export function getPdcaSettings(db: Db, planId: number, withUsage = true): PdcaSettings {
  if (!stmt(db, 'SELECT 1 FROM plans WHERE id = ?').get(planId)) requirePlan(db, planId);
  const row = stmt(db, 'SELECT * FROM pdca_settings WHERE plan_id = ?').get(planId) as
    SettingsRow | undefined;
  if (!row) {
    throw new AppError(
      'NOT_FOUND',
      'この計画には進捗管理の設定がありません。計画を開き直してください。',
    );
  }
  return {
    planId,
    axisLabels: {
      progress: row.progress_label,
      progress2: row.progress2_label,
      evaluation: row.evaluation_label,
      direction: row.direction_label,
    },
    amountUnit: row.amount_unit,
    rounds: JSON.parse(row.rounds_json) as RoundTemplate[],
    levels: listLevels(db, planId, withUsage),
    answerPolicy: row.answer_policy,
  };
}

/** Default scales and one year-end round for a new plan (sample, import, rollover). */
export function seedPdcaDefaults(
  cs: ChangeSet,
  planId: number,
  city: CityPreset = DEFAULT_CITY_PRESET,
): void {
  const rounds = (ROUND_PRESETS.find((r) => r.id === city.rounds) ?? ROUND_PRESETS[0]!).rounds;
  cs.db
    .prepare(
      `INSERT INTO pdca_settings (plan_id, progress_label, progress2_label, evaluation_label, direction_label, amount_unit, rounds_json)
       VALUES (?, ?, NULL, ?, ?, 'thousand', ?)`,
    )
    .run(
      planId,
      SCALE_AXIS_DEFAULT_LABELS.progress,
      SCALE_AXIS_DEFAULT_LABELS.evaluation,
      SCALE_AXIS_DEFAULT_LABELS.direction,
      JSON.stringify(rounds),
    );
  for (const presetId of [city.scales.progress, city.scales.evaluation, city.scales.direction]) {
    const preset = SCALE_PRESETS.find((p) => p.id === presetId)!;
    insertLevels(cs, planId, preset.axis, preset.levels);
  }
}

/** Copies another plan's settings and scales (rollover); returns old level id → new. */
export function copyPdcaSettings(
  cs: ChangeSet,
  fromPlanId: number,
  toPlanId: number,
): Map<number, number> {
  const from = getPdcaSettings(cs.db, fromPlanId);
  cs.db
    .prepare(
      `INSERT INTO pdca_settings (plan_id, progress_label, progress2_label, evaluation_label, direction_label, amount_unit, rounds_json)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      toPlanId,
      from.axisLabels.progress,
      from.axisLabels.progress2,
      from.axisLabels.evaluation,
      from.axisLabels.direction,
      from.amountUnit,
      JSON.stringify(from.rounds),
    );
  const map = new Map<number, number>();
  for (const axis of ['progress', 'progress2', 'evaluation', 'direction'] as const) {
    const levels = from.levels.filter((l) => l.axis === axis);
    const ids = insertLevels(cs, toPlanId, axis, levels);
    levels.forEach((l, i) => map.set(l.id, ids[i]!));
  }
  return map;
}

function insertLevels(
  cs: ChangeSet,
  planId: number,
  axis: ScaleAxis,
  levels: readonly Omit<ScaleLevelInput, 'id'>[],
): number[] {
  const insert = cs.db.prepare(
    `INSERT INTO scale_levels (plan_id, axis, code, label, definition, color, default_percent, excluded, sort_order)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  return levels.map((l, i) => {
    const id = Number(
      insert.run(
        planId,
        axis,
        l.code.trim(),
        l.label.trim(),
        l.definition,
        l.color,
        l.defaultPercent,
        l.excluded ? 1 : 0,
        i + 1,
      ).lastInsertRowid,
    );
    recordChange(cs, {
      action: 'create',
      entity: 'scale_level',
      entityId: id,
      newValue: { axis, code: l.code, label: l.label },
    });
    return id;
  });
}

export interface SettingsInput {
  planId: number;
  axisLabels: PdcaSettings['axisLabels'];
  amountUnit: PdcaSettings['amountUnit'];
  rounds: RoundTemplate[];
  answerPolicy?: PdcaSettings['answerPolicy'];
}

export function updatePdcaSettings(cs: ChangeSet, input: SettingsInput): void {
  const before = getPdcaSettings(cs.db, input.planId);
  const names = input.rounds.map((r) => r.name.trim());
  if (new Set(names).size !== names.length) {
    throw new AppError(
      'VALIDATION',
      '照会回の名称が重複しています。回ごとに別の名称を付けてください。',
    );
  }
  if (before.axisLabels.progress2 !== null && input.axisLabels.progress2 === null) {
    const used = cs.db
      .prepare(
        `SELECT count(*) FROM pdca_records r JOIN pdca_rounds o ON o.id = r.round_id
         WHERE o.plan_id = ? AND r.progress2_id IS NOT NULL`,
      )
      .pluck()
      .get(input.planId) as number;
    if (used > 0) {
      throw new AppError(
        'CONFLICT',
        `2つ目の進捗の軸は ${used} 件の記録で使われているため、やめることができません。名称を変えるか、記録の値を空にしてからやめてください。`,
      );
    }
  }
  cs.db
    .prepare(
      `UPDATE pdca_settings SET progress_label = ?, progress2_label = ?, evaluation_label = ?, direction_label = ?,
         amount_unit = ?, rounds_json = ?, answer_policy = ? WHERE plan_id = ?`,
    )
    .run(
      input.axisLabels.progress.trim(),
      input.axisLabels.progress2?.trim() || null,
      input.axisLabels.evaluation.trim(),
      input.axisLabels.direction.trim(),
      input.amountUnit,
      JSON.stringify(input.rounds.map((r) => ({ ...r, name: r.name.trim() }))),
      input.answerPolicy ?? before.answerPolicy,
      input.planId,
    );
  const flat = (s: PdcaSettings | SettingsInput) => ({
    ...s.axisLabels,
    amountUnit: s.amountUnit,
    rounds: JSON.stringify(s.rounds),
    answerPolicy: s.answerPolicy ?? before.answerPolicy,
  });
  recordFieldChanges(cs, 'pdca_settings', input.planId, flat(before), flat(input), [
    'progress',
    'progress2',
    'evaluation',
    'direction',
    'amountUnit',
    'rounds',
    'answerPolicy',
  ]);
}

/**
 * Saves one axis's levels as listed: existing ones (with id) are renamed or
 * reordered, new ones added. A level left out is removed: if records use it,
 * `mapping` must say which level takes its place, and the records are
 * repointed (audited) before it retires. Nothing is ever lost silently.
 */
export function saveScale(
  cs: ChangeSet,
  planId: number,
  axis: ScaleAxis,
  levels: ScaleLevelInput[],
  mapping: Record<string, number>,
): void {
  const db = cs.db;
  const current = getPdcaSettings(db, planId).levels.filter((l) => l.axis === axis);
  const byId = new Map(current.map((l) => [l.id, l]));
  const codes = levels.map((l) => l.code.trim());
  const dup = codes.find((c, i) => codes.indexOf(c) !== i);
  if (dup)
    throw new AppError(
      'VALIDATION',
      `記号「${dup}」が重複しています。記号は段階ごとに別にしてください。`,
    );
  if (axis !== 'progress2' && levels.length === 0) {
    throw new AppError('VALIDATION', '段階を1つ以上設けてください。');
  }
  for (const l of levels) {
    if (l.id != null && !byId.has(l.id)) {
      throw new AppError(
        'NOT_FOUND',
        'この計画のこの区分にない段階が指定されました。画面を開き直してください。',
      );
    }
  }
  const kept = new Set(levels.filter((l) => l.id != null).map((l) => l.id!));
  const removed = current.filter((l) => !kept.has(l.id));

  // Park codes first so renames that swap codes do not collide midway.
  const park = db.prepare("UPDATE scale_levels SET code = '#' || id WHERE id = ?");
  for (const l of current) park.run(l.id);

  const insert = db.prepare(
    `INSERT INTO scale_levels (plan_id, axis, code, label, definition, color, default_percent, excluded, sort_order)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const update = db.prepare(
    `UPDATE scale_levels SET code = ?, label = ?, definition = ?, color = ?, default_percent = ?, excluded = ?, sort_order = ?
     WHERE id = ?`,
  );
  levels.forEach((l, i) => {
    const row = {
      code: l.code.trim(),
      label: l.label.trim(),
      definition: l.definition,
      color: l.color,
      defaultPercent: l.defaultPercent,
      excluded: l.excluded,
    };
    if (l.id != null) {
      update.run(
        row.code,
        row.label,
        row.definition,
        row.color,
        row.defaultPercent,
        row.excluded ? 1 : 0,
        i + 1,
        l.id,
      );
      const old = byId.get(l.id)!;
      recordFieldChanges(cs, 'scale_level', l.id, old, row, [
        'code',
        'label',
        'definition',
        'color',
        'defaultPercent',
        'excluded',
      ]);
    } else {
      const id = Number(
        insert.run(
          planId,
          axis,
          row.code,
          row.label,
          row.definition,
          row.color,
          row.defaultPercent,
          row.excluded ? 1 : 0,
          i + 1,
        ).lastInsertRowid,
      );
      recordChange(cs, {
        action: 'create',
        entity: 'scale_level',
        entityId: id,
        newValue: { axis, ...row },
      });
    }
  });

  const column = {
    progress: 'progress_id',
    progress2: 'progress2_id',
    evaluation: 'evaluation_id',
    direction: 'direction_id',
  }[axis];
  for (const old of removed) {
    const target = mapping[String(old.id)];
    if (old.usage > 0) {
      if (target == null) {
        throw new AppError(
          'CONFLICT',
          `「${old.label}」は ${old.usage} 件の記録で使われています。削除する前に、代わりに使う段階（統合先）を選んでください。`,
        );
      }
      const targetId = target;
      if (!kept.has(targetId)) {
        throw new AppError(
          'VALIDATION',
          `「${old.label}」の統合先は、残す段階から選んでください。`,
        );
      }
      // Closed years keep the level they were closed with (it stays, retired).
      const affected = db
        .prepare(
          `SELECT r.id, r.item_id FROM pdca_records r JOIN pdca_rounds o ON o.id = r.round_id
           WHERE r.${column} = ? AND NOT EXISTS (
             SELECT 1 FROM year_closes c WHERE c.plan_id = o.plan_id AND c.fiscal_year = o.fiscal_year)`,
        )
        .all(old.id) as { id: number; item_id: number }[];
      const repoint = db.prepare(`UPDATE pdca_records SET ${column} = ? WHERE id = ?`);
      for (const r of affected) repoint.run(targetId, r.id);
      for (const r of affected) {
        recordChange(cs, {
          action: 'update',
          entity: 'pdca_record',
          entityId: r.id,
          field: column,
          oldValue: old.id,
          newValue: targetId,
          itemId: r.item_id,
        });
      }
    }
    db.prepare('UPDATE scale_levels SET retired_at = ?, code = ? WHERE id = ?').run(
      cs.at,
      `${old.code}#${old.id}`,
      old.id,
    );
    recordChange(cs, {
      action: 'delete',
      entity: 'scale_level',
      entityId: old.id,
      oldValue: { axis, code: old.code, label: old.label },
      newValue: target != null ? { mergedInto: target } : undefined,
    });
  }
}
