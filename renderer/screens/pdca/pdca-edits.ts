import type {
  PdcaRecordPatch,
  PdcaSettings,
  RecordAmountField,
  RecordLevelField,
  RecordTextField,
} from '../../../shared/domain/pdca';
import {
  LEVEL_FIELD_AXIS,
  RECORD_AMOUNT_FIELDS,
  RECORD_LEVEL_FIELDS,
  RECORD_TEXT_FIELDS,
} from '../../../shared/domain/pdca';
import { formatAmount, parseAmount, parseNumber } from '../../../shared/pdca-math';
import { levelText, parseLevel } from '../../../shared/pdca-levels';
import type { PdcaRow } from './pdca-rows';

export const TEXT_LIMITS: Record<RecordTextField, number> = {
  planText: 4000,
  resultText: 4000,
  evaluationReason: 2000,
  issuesText: 4000,
};

export const FIELD_LABELS: Record<RecordTextField | RecordAmountField, string> = {
  planText: '取組予定・年度目標',
  resultText: '取組実績',
  evaluationReason: '評価の理由',
  issuesText: '課題・改善策',
  revenuePlan: '効果額（計画・歳入増）',
  savingPlan: '効果額（計画・歳出削減）',
  revenueActual: '効果額（実績・歳入増）',
  savingActual: '効果額（実績・歳出削減）',
};

export interface RecordEdit {
  recordId: number;
  patch: PdcaRecordPatch;
  expectedUpdatedAt?: string;
}
export interface KpiEdit {
  kpiId: number;
  fiscalYear: number;
  actual: number | null;
}

export interface PdcaCellInput {
  row: PdcaRow;
  key: string;
  text: string;
}

export type PdcaEditPlan =
  | {
      ok: true;
      records: RecordEdit[];
      kpis: KpiEdit[];
    }
  | { ok: false; message: string };

const isText = (k: string): k is RecordTextField =>
  (RECORD_TEXT_FIELDS as readonly string[]).includes(k);
const isLevel = (k: string): k is RecordLevelField =>
  (RECORD_LEVEL_FIELDS as readonly string[]).includes(k);
const isAmount = (k: string): k is RecordAmountField =>
  (RECORD_AMOUNT_FIELDS as readonly string[]).includes(k);

export const LOCKED_HINT =
  'は確定済みのため変更できません。変更が必要な場合は、状況の「確定を解除」で理由を付けて解除してください。';

/**
 * Typed, pasted, filled or cleared cells of the PDCA grid as record and KPI
 * changes (undone on the server as one operation). Any cell that cannot be read refuses
 * the whole edit with a message: never half-applied, never a silent wrong number.
 */
export function planPdcaEdits(
  cells: readonly PdcaCellInput[],
  settings: PdcaSettings,
  fiscalYear: number,
): PdcaEditPlan {
  const records = new Map<number, RecordEdit>();
  const kpis: KpiEdit[] = [];
  const levelsOf = (f: RecordLevelField) =>
    settings.levels.filter((l) => l.axis === LEVEL_FIELD_AXIS[f]);
  for (const { row, key, text } of cells) {
    const where = `${row.item.code}「${row.item.name}」`;
    if (row.record.status === 'final')
      return { ok: false, message: `${where}の記録${LOCKED_HINT}` };
    const r = row.record;
    const put = <K extends keyof PdcaRecordPatch>(
      field: K,
      value: PdcaRecordPatch[K],
      old: PdcaRecordPatch[K],
    ) => {
      if (value === old) return;
      const e = records.get(r.id) ?? { recordId: r.id, patch: {}, expectedUpdatedAt: r.updatedAt };
      e.patch[field] = value;
      records.set(r.id, e);
    };
    if (isText(key)) {
      const max = TEXT_LIMITS[key];
      if (text.length > max) {
        return {
          ok: false,
          message: `${where}の「${FIELD_LABELS[key]}」は${max.toLocaleString('ja-JP')}文字以内にしてください（${text.length.toLocaleString('ja-JP')}文字あります）。`,
        };
      }
      // eslint-disable-next-line no-control-regex
      if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(text)) {
        return {
          ok: false,
          message: `${where}の「${FIELD_LABELS[key]}」に使えない制御文字が含まれています。`,
        };
      }
      put(key, text, r[key]);
    } else if (isLevel(key)) {
      const levels = levelsOf(key);
      const parsed = parseLevel(text, levels);
      if (!parsed.ok) {
        const axis = settings.axisLabels[LEVEL_FIELD_AXIS[key]] ?? '';
        return {
          ok: false,
          message: `${where}の「${axis}」に「${text.trim()}」は使えません。${levels.map(levelText).join('、')} のいずれかを入力してください。`,
        };
      }
      put(key, parsed.id, r[key]);
    } else if (isAmount(key)) {
      const parsed = parseAmount(text, settings.amountUnit, FIELD_LABELS[key]);
      if (!parsed.ok) return { ok: false, message: `${where}：${parsed.message}` };
      // Re-entering the shown 千円 figure of an odd yen amount must not round it away.
      if (parsed.value !== null && text.trim() === formatAmount(r[key], settings.amountUnit))
        continue;
      put(key, parsed.value, r[key]);
    } else if (key.startsWith('kpi')) {
      const kpi = row.kpis[Number(key.slice(3))];
      if (!kpi) {
        if (text.trim() === '') continue;
        return {
          ok: false,
          message: `${where}には指標${key === 'kpi0' ? '①' : '②'}がありません。右の詳細パネルの「指標」で登録してから入力してください。`,
        };
      }
      // The KPI's own unit typed after the number is fine ("120件", "85%"/"85％").
      const unit = /^[%％]$/.test(kpi.unit) ? '[%％]' : escapeRegExp(kpi.unit);
      const bare = kpi.unit ? text.trim().replace(new RegExp(`${unit}$`), '') : text;
      const parsed = parseNumber(bare, `指標「${kpi.name}」の実績値`);
      if (!parsed.ok) return { ok: false, message: `${where}：${parsed.message}` };
      const old = kpi.values.find((v) => v.fiscalYear === fiscalYear)?.actual ?? null;
      if (parsed.value === old) continue;
      kpis.push({ kpiId: kpi.id, fiscalYear, actual: parsed.value });
    } else {
      return { ok: false, message: 'この欄は直接入力できません。' };
    }
  }
  return {
    ok: true,
    records: [...records.values()],
    kpis,
  };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
