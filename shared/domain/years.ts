import { z } from 'zod';
import { fiscalYearSchema, idSchema, isoTimeSchema } from './common';
import type { PdcaRecordPatch } from './pdca';

/** Where a fiscal year stands: open, ready to close, or closed (年度の締め). */
export const yearStateSchema = z.object({
  fiscalYear: fiscalYearSchema,
  closed: z.boolean(),
  closedAt: isoTimeSchema.nullable(),
  closedBy: z.string().nullable(),
  /** Every record of the year's last round is 確定 and the year is not closed yet. */
  canClose: z.boolean(),
  /** Records of the last round not yet 確定. */
  notFinal: z.number().int(),
  lastRoundName: z.string().nullable(),
  corrections: z.number().int(),
});
export type YearState = z.infer<typeof yearStateSchema>;

/** One 訂正 of a closed year, as listed for publication. */
export const yearCorrectionSchema = z.object({
  id: idSchema,
  fiscalYear: fiscalYearSchema,
  roundName: z.string(),
  itemId: idSchema.nullable(),
  itemCode: z.string(),
  itemName: z.string(),
  fieldLabel: z.string(),
  oldText: z.string(),
  newText: z.string(),
  reason: z.string(),
  correctedAt: isoTimeSchema,
  correctedBy: z.string(),
});
export type YearCorrection = z.infer<typeof yearCorrectionSchema>;

/** Labels of the record fields that are not scale axes (those take the plan's own names). */
export const RECORD_FIELD_LABELS: Record<keyof PdcaRecordPatch, string> = {
  planText: '取組予定・年度目標',
  resultText: '取組実績',
  progressId: '進捗状況',
  progress2Id: '進捗状況2',
  evaluationId: '自己評価',
  evaluationReason: '評価の理由',
  issuesText: '課題・改善策',
  directionId: '今後の方向性',
  revenuePlan: '効果額 計画（歳入増）',
  revenueActual: '効果額 実績（歳入増）',
  savingPlan: '効果額 計画（歳出削減）',
  savingActual: '効果額 実績（歳出削減）',
};

/** Who answers an item with several sections: only its 主担当, or any section named on it. */
export const ANSWER_POLICIES = ['lead', 'all'] as const;
export const answerPolicySchema = z.enum(ANSWER_POLICIES);
export type AnswerPolicy = z.infer<typeof answerPolicySchema>;
export const ANSWER_POLICY_LABELS: Record<AnswerPolicy, string> = {
  lead: '主担当課が回答（支援課のファイルには参考として表示）',
  all: '担当するどの課も回答できる',
};
