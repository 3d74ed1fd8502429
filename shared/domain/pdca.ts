import { z } from 'zod';
import {
  fiscalYearSchema,
  idSchema,
  isoTimeSchema,
  requiredTextSchema,
  textSchema,
} from './common';

/**
 * PDCA: the yearly progress management of a plan. Cities differ (see
 * domain.md), so every scale and every reporting round is the plan's own.
 */

/** The scales a plan defines: one or two status axes, the evaluation, the direction. */
export const SCALE_AXES = ['progress', 'progress2', 'evaluation', 'direction'] as const;
export const scaleAxisSchema = z.enum(SCALE_AXES);
export type ScaleAxis = z.infer<typeof scaleAxisSchema>;

export const SCALE_AXIS_DEFAULT_LABELS: Record<ScaleAxis, string> = {
  progress: '進捗状況',
  progress2: '達成度',
  evaluation: '自己評価',
  direction: '今後の方向性',
};

const colorSchema = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, { message: '色は #RRGGBB の形で指定してください' });

export const scaleLevelSchema = z.object({
  id: idSchema,
  axis: scaleAxisSchema,
  code: z.string(),
  label: z.string(),
  definition: z.string(),
  color: z.string(),
  /** 進捗率 implied by the level (e.g. 完了 = 100), if the plan uses one. */
  defaultPercent: z.number().nullable(),
  /** 対象外: counted apart, never in the percentages of evaluated items. */
  excluded: z.boolean(),
  sortOrder: z.number().int(),
  /** How many yearly records use it, so the screen can say what a change touches. */
  usage: z.number().int(),
});
export type ScaleLevel = z.infer<typeof scaleLevelSchema>;

export const scaleLevelInputSchema = z
  .object({
    id: idSchema.optional(),
    code: requiredTextSchema(10, '記号'),
    label: requiredTextSchema(30, '名称'),
    definition: textSchema(200, '定義'),
    color: colorSchema,
    defaultPercent: z.number().min(0).max(100).nullable(),
    excluded: z.boolean(),
  })
  .strict();
export type ScaleLevelInput = z.infer<typeof scaleLevelInputSchema>;

export const AMOUNT_UNITS = ['yen', 'thousand'] as const;
export const amountUnitSchema = z.enum(AMOUNT_UNITS);
export type AmountUnit = z.infer<typeof amountUnitSchema>;

/** A reporting round as the plan defines it; each year gets its own copy with a deadline. */
export const roundTemplateSchema = z
  .object({
    name: requiredTextSchema(20, '照会回の名称'),
    /** Deadline: month and day, in the fiscal year or (afterYearEnd) just after it. */
    month: z.number().int().min(1).max(12),
    day: z.number().int().min(1).max(31),
    afterYearEnd: z.boolean(),
  })
  .strict();
export type RoundTemplate = z.infer<typeof roundTemplateSchema>;

export const pdcaSettingsSchema = z.object({
  planId: idSchema,
  axisLabels: z.object({
    progress: z.string(),
    progress2: z.string().nullable(),
    evaluation: z.string(),
    direction: z.string(),
  }),
  amountUnit: amountUnitSchema,
  rounds: z.array(roundTemplateSchema),
  levels: z.array(scaleLevelSchema),
  /** Who answers an item with several sections (lead: the 主担当 only). */
  answerPolicy: z.enum(['lead', 'all']).default('lead'),
});
export type PdcaSettings = z.infer<typeof pdcaSettingsSchema>;

/** Per item and round: 未依頼 → 依頼中 → 回答済 → 確認済 → 確定 (locks the record). */
export const RECORD_STATUSES = [
  'unrequested',
  'requested',
  'answered',
  'checked',
  'final',
] as const;
export const recordStatusSchema = z.enum(RECORD_STATUSES);
export type RecordStatus = z.infer<typeof recordStatusSchema>;
export const RECORD_STATUS_LABELS: Record<RecordStatus, string> = {
  unrequested: '未依頼',
  requested: '依頼中',
  answered: '回答済',
  checked: '確認済',
  final: '確定',
};

export const roundSchema = z.object({
  id: idSchema,
  planId: idSchema,
  fiscalYear: fiscalYearSchema,
  name: z.string(),
  sortOrder: z.number().int(),
  deadline: z.string().nullable(),
  /** Records per status, for the round's progress bar and 未回答一覧. */
  counts: z.record(recordStatusSchema, z.number().int()),
});
export type Round = z.infer<typeof roundSchema>;

/** Yen amounts of 効果額: null is 未入力, 0 is a real zero. */
const yen = z.number().int().min(-1e13).max(1e13).nullable();

/** The text fields of a yearly record, by their place in the cycle. */
export const RECORD_TEXT_FIELDS = [
  'planText',
  'resultText',
  'evaluationReason',
  'issuesText',
] as const;
export const RECORD_LEVEL_FIELDS = [
  'progressId',
  'progress2Id',
  'evaluationId',
  'directionId',
] as const;
export const RECORD_AMOUNT_FIELDS = [
  'revenuePlan',
  'revenueActual',
  'savingPlan',
  'savingActual',
] as const;
export type RecordTextField = (typeof RECORD_TEXT_FIELDS)[number];
export type RecordLevelField = (typeof RECORD_LEVEL_FIELDS)[number];
export type RecordAmountField = (typeof RECORD_AMOUNT_FIELDS)[number];
export const LEVEL_FIELD_AXIS: Record<RecordLevelField, ScaleAxis> = {
  progressId: 'progress',
  progress2Id: 'progress2',
  evaluationId: 'evaluation',
  directionId: 'direction',
};

export const pdcaRecordSchema = z.object({
  id: idSchema,
  itemId: idSchema,
  roundId: idSchema,
  fiscalYear: fiscalYearSchema,
  /** P 取組予定・年度目標 */
  planText: z.string(),
  /** D 取組実績 */
  resultText: z.string(),
  /** C 進捗状況 (one or two axes), 自己評価 and its reason */
  progressId: idSchema.nullable(),
  progress2Id: idSchema.nullable(),
  evaluationId: idSchema.nullable(),
  evaluationReason: z.string(),
  /** A 課題・改善策, 今後の方向性 */
  issuesText: z.string(),
  directionId: idSchema.nullable(),
  /** 効果額 in yen: 歳入増 and 歳出削減, 計画 and 実績 */
  revenuePlan: yen,
  revenueActual: yen,
  savingPlan: yen,
  savingActual: yen,
  status: recordStatusSchema,
  updatedAt: isoTimeSchema,
});
export type PdcaRecord = z.infer<typeof pdcaRecordSchema>;

export const pdcaRecordPatchSchema = z
  .object({
    planText: textSchema(4000, '取組予定・年度目標'),
    resultText: textSchema(4000, '取組実績'),
    progressId: idSchema.nullable(),
    progress2Id: idSchema.nullable(),
    evaluationId: idSchema.nullable(),
    evaluationReason: textSchema(2000, '評価の理由'),
    issuesText: textSchema(4000, '課題・改善策'),
    directionId: idSchema.nullable(),
    revenuePlan: yen,
    revenueActual: yen,
    savingPlan: yen,
    savingActual: yen,
  })
  .partial()
  .strict();
export type PdcaRecordPatch = z.infer<typeof pdcaRecordPatchSchema>;

export const KPI_DIRECTIONS = ['higher', 'lower'] as const;
export const PROGRESS_METHODS = ['cumulative', 'fromBase'] as const;

export const kpiValueSchema = z.object({
  fiscalYear: fiscalYearSchema,
  target: z.number().nullable(),
  actual: z.number().nullable(),
});
export type KpiValue = z.infer<typeof kpiValueSchema>;

export const kpiSchema = z.object({
  id: idSchema,
  itemId: idSchema,
  name: z.string(),
  unit: z.string(),
  /** higher: 大きいほど良い; lower: 小さいほど良い (達成率 is inverted). */
  direction: z.enum(KPI_DIRECTIONS),
  /** 進捗率: cumulative = 累計 ÷ 最終目標; fromBase = (実績 − 基準値) ÷ (最終目標 − 基準値). */
  progressMethod: z.enum(PROGRESS_METHODS),
  baseFy: fiscalYearSchema.nullable(),
  baseValue: z.number().nullable(),
  finalTarget: z.number().nullable(),
  sortOrder: z.number().int(),
  values: z.array(kpiValueSchema),
});
export type Kpi = z.infer<typeof kpiSchema>;

const kpiNumber = z.number().min(-1e12).max(1e12).nullable();
export const kpiInputSchema = z
  .object({
    id: idSchema.optional(),
    name: requiredTextSchema(100, '指標名'),
    unit: textSchema(20, '単位'),
    direction: z.enum(KPI_DIRECTIONS),
    progressMethod: z.enum(PROGRESS_METHODS),
    baseFy: fiscalYearSchema.nullable(),
    baseValue: kpiNumber,
    finalTarget: kpiNumber,
    values: z
      .array(
        z.object({ fiscalYear: fiscalYearSchema, target: kpiNumber, actual: kpiNumber }).strict(),
      )
      .max(30),
  })
  .strict();
export type KpiInput = z.infer<typeof kpiInputSchema>;

export const MEETING_KINDS = ['headquarters', 'committee'] as const;
export const MEETING_KIND_LABELS: Record<(typeof MEETING_KINDS)[number], string> = {
  headquarters: '推進本部',
  committee: '委員会',
};

export const meetingSchema = z.object({
  id: idSchema,
  planId: idSchema,
  fiscalYear: fiscalYearSchema,
  kind: z.enum(MEETING_KINDS),
  name: z.string(),
  heldOn: z.string().nullable(),
});
export type Meeting = z.infer<typeof meetingSchema>;

export const opinionSchema = z.object({
  id: idSchema,
  meetingId: idSchema,
  itemId: idSchema,
  /** 意見 */
  body: z.string(),
  /** 担当課の対応 */
  response: z.string(),
  sortOrder: z.number().int(),
});
export type Opinion = z.infer<typeof opinionSchema>;

const dateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: '日付は YYYY-MM-DD の形で指定してください' });
export const isoDateSchema = dateSchema;

/** One bar of the dashboard: counts per evaluation level for a group. */
export const evaluationBreakdownSchema = z.object({
  key: z.string(),
  label: z.string(),
  counts: z.record(z.string(), z.number().int()),
  /** Percent of evaluated items per level, rounded to 0.1 one by one as cities publish. */
  percents: z.record(z.string(), z.number()),
  evaluated: z.number().int(),
  excluded: z.number().int(),
  unevaluated: z.number().int(),
  /** Items behind each count, for click-through. */
  itemsByLevel: z.record(z.string(), z.array(idSchema)),
});
export type EvaluationBreakdown = z.infer<typeof evaluationBreakdownSchema>;

export const statusAxisBreakdownSchema = z.object({
  axis: z.enum(['progress', 'progress2']),
  label: z.string(),
  total: evaluationBreakdownSchema,
  byPriority: z.array(evaluationBreakdownSchema),
});
export type StatusAxisBreakdown = z.infer<typeof statusAxisBreakdownSchema>;

export const amountYearSchema = z.object({
  fiscalYear: fiscalYearSchema,
  plan: z.number(),
  actual: z.number(),
  cumulativePlan: z.number(),
  cumulativeActual: z.number(),
  revenueActual: z.number(),
  savingActual: z.number(),
});

export const dashboardSchema = z.object({
  planId: idSchema,
  fiscalYear: fiscalYearSchema,
  roundId: idSchema.nullable(),
  roundName: z.string().nullable(),
  total: evaluationBreakdownSchema,
  byPriority: z.array(evaluationBreakdownSchema),
  bySection: z.array(evaluationBreakdownSchema),
  amounts: z.array(amountYearSchema),
  kpi: z.object({
    count: z.number().int(),
    withActual: z.number().int(),
    achieved: z.number().int(),
    /** 達成率 bands: ≥100 %, 80–100 %, <80 %. */
    bands: z.record(z.string(), z.array(idSchema)),
  }),
  /** Evaluation shares per fiscal year of the plan, for the across-years view. */
  trend: z.array(
    z.object({ fiscalYear: fiscalYearSchema, counts: z.record(z.string(), z.number().int()) }),
  ),
  statusCounts: z.record(recordStatusSchema, z.number().int()),
  /** The status axes besides the evaluation (進捗状況, and 達成度 where a plan has two), counted the same way. */
  statusAxes: z.array(statusAxisBreakdownSchema).default([]),
  /** The previous fiscal year's counts, for 増減 (null in a plan's first year); its `itemsByLevel` lists are empty. */
  previous: z
    .object({
      fiscalYear: fiscalYearSchema,
      roundName: z.string().nullable(),
      total: evaluationBreakdownSchema,
      byPriority: z.array(evaluationBreakdownSchema),
      statusAxes: z.array(statusAxisBreakdownSchema).default([]),
    })
    .nullable()
    .default(null),
});
export type Dashboard = z.infer<typeof dashboardSchema>;

export const lineageEntrySchema = z.object({
  planId: idSchema,
  planTitle: z.string(),
  firstFy: fiscalYearSchema,
  lastFy: fiscalYearSchema,
  itemId: idSchema,
  code: z.string(),
  name: z.string(),
  evaluations: z.array(
    z.object({ fiscalYear: fiscalYearSchema, round: z.string(), label: z.string() }),
  ),
});
export type LineageEntry = z.infer<typeof lineageEntrySchema>;
