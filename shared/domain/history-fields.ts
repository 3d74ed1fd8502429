// Zod-free on purpose, as ./headings: the plan import dialog (in the renderer's
// first bundle) names these columns.

/** What a past year's column can hold, and how the dialog names it. */
export const HISTORY_FIELDS = [
  'evaluation',
  'progress',
  'resultText',
  'evaluationReason',
  'issuesText',
  'direction',
  'revenueActual',
  'savingActual',
  'kpiTarget',
  'kpiActual',
] as const;
export const HISTORY_FIELD_LABELS: Record<(typeof HISTORY_FIELDS)[number], string> = {
  evaluation: '評価',
  progress: '進捗状況',
  resultText: '取組実績',
  evaluationReason: '評価の理由',
  issuesText: '課題・改善策',
  direction: '今後の方向性',
  revenueActual: '効果額（歳入増）',
  savingActual: '効果額（歳出削減）',
  kpiTarget: '指標の目標値',
  kpiActual: '指標の実績値',
};
export type HistoryField = (typeof HISTORY_FIELDS)[number];
