import type { AuditEntry } from '../shared/domain/audit';
import type { Initiative, ReformItem } from '../shared/domain/item';
import type { SchedulePhase } from '../shared/domain/plan';
import { formatFiscalYear } from '../shared/fiscal-year';

/** 実施担当 as the printed plan writes it: 部 then 課, 関係部課 last. */
export function assignmentLines(item: ReformItem): string[] {
  const lines: string[] = [];
  let lastDept: string | null = null;
  for (const a of item.assignments) {
    if (a.departmentName && a.departmentName !== lastDept) lines.push(a.departmentName);
    lastDept = a.departmentName;
    lines.push(a.role === 'support' ? `${a.sectionName}（支援）` : a.sectionName);
  }
  if (item.involvesRelatedSections) lines.push('関係部課');
  return lines;
}

const ENTITY_LABELS: Record<string, string> = {
  plan: '計画',
  priority: '重点項目',
  area: '取組分野',
  reform_item: '改革項目',
  initiative: '主な取組',
  item_assignment: '実施担当',
  org_unit: '部・課',
  setting: '設定',
  pdca_record: '進捗の記録',
  pdca_round: '照会回',
  pdca_settings: '進捗管理の設定',
  scale_level: '評価などの段階',
  kpi: '指標',
  meeting: '会議',
  opinion: '意見',
};

const FIELD_LABELS: Record<string, string> = {
  name: '改革項目名',
  writtenNumber: '計画での番号',
  numberPattern: '番号の表し方',
  repostCounting: '再掲の数え方',
  promotion: '推進内容',
  isContinued: '継続項目',
  involvesRelatedSections: '関係部課',
  'user.displayName': '表示名',
  planText: '取組予定・年度目標',
  resultText: '取組実績',
  progressId: '進捗状況',
  progress2Id: '進捗（2軸目）',
  progress_id: '進捗状況',
  progress2_id: '進捗（2軸目）',
  evaluationId: '自己評価',
  evaluation_id: '自己評価',
  evaluationReason: '評価の理由',
  issuesText: '課題・改善策',
  directionId: '今後の方向性',
  direction_id: '今後の方向性',
  revenuePlan: '効果額 計画・歳入増（円）',
  savingPlan: '効果額 計画・歳出削減（円）',
  revenueActual: '効果額 実績・歳入増（円）',
  savingActual: '効果額 実績・歳出削減（円）',
  status: '状況',
  unlockReason: '確定解除の理由',
  body: '意見',
  response: '対応',
};

export function entityLabel(entity: string): string {
  return ENTITY_LABELS[entity] ?? entity;
}

export function fieldLabel(field: string | null): string {
  if (!field) return '';
  const kpi = /^(target|actual)\.(\d{4})$/.exec(field);
  if (kpi)
    return `${kpi[1] === 'target' ? '目標値' : '実績値'}（${formatFiscalYear(Number(kpi[2]))}）`;
  return FIELD_LABELS[field] ?? field;
}

export function valueText(v: unknown): string {
  if (v === null || v === undefined || v === '') return '（空欄）';
  if (v === true) return 'はい';
  if (v === false) return 'いいえ';
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  return JSON.stringify(v);
}

export function sourceLabel(e: AuditEntry): string {
  switch (e.source.kind) {
    case 'screen':
      return '画面';
    case 'import':
      return `取込：${e.source.fileName}${e.cell ? `（${e.cell}）` : ''}`;
    case 'system':
      return e.source.note || 'システム';
  }
}

/** ①：令和3年度～令和7年度（実施） */
export function spanDescription(ini: Initiative, phases: SchedulePhase[]): string {
  const name = ini.label || '取組';
  if (ini.spans.length === 0) return `${name}：実施時期なし`;
  return `${name}：${ini.spans
    .map((s) => {
      const phase = phases.find((p) => p.id === s.phaseId)?.label ?? '';
      const range =
        s.startFy === s.endFy
          ? formatFiscalYear(s.startFy)
          : `${formatFiscalYear(s.startFy)}～${formatFiscalYear(s.endFy)}`;
      return phase ? `${range}（${phase}）` : range;
    })
    .join('、')}`;
}
