import { describe, expect, it } from 'vitest';
import type { ReformItem } from '../../../shared/domain/item';
import type { Kpi, PdcaRecord, PdcaSettings } from '../../../shared/domain/pdca';
import { planPdcaEdits } from '../../../renderer/screens/pdca/pdca-edits';
import { levelText, parseLevel } from '../../../shared/pdca-levels';
import type { PdcaRow } from '../../../renderer/screens/pdca/pdca-rows';

const lv = (
  id: number,
  axis: 'evaluation' | 'direction' | 'progress',
  code: string,
  label: string,
  excluded = false,
) => ({
  id,
  axis,
  code,
  label,
  definition: '',
  color: '#000000',
  defaultPercent: null,
  excluded,
  sortOrder: id,
  usage: 0,
});
const settings: PdcaSettings = {
  planId: 1,
  answerPolicy: 'lead',
  axisLabels: {
    progress: '進捗状況',
    progress2: null,
    evaluation: '自己評価',
    direction: '今後の方向性',
  },
  amountUnit: 'thousand',
  rounds: [],
  levels: [
    lv(1, 'evaluation', 'S', '計画以上'),
    lv(2, 'evaluation', 'A', '計画どおり'),
    lv(3, 'evaluation', '－', '対象外', true),
    lv(4, 'direction', '継続', '継続'),
    lv(5, 'progress', '完', '完了'),
  ],
};
const record = (patch: Partial<PdcaRecord> = {}): PdcaRecord => ({
  id: 10,
  itemId: 1,
  roundId: 1,
  fiscalYear: 2025,
  planText: '',
  resultText: '',
  progressId: null,
  progress2Id: null,
  evaluationId: null,
  evaluationReason: '',
  issuesText: '',
  directionId: null,
  revenuePlan: null,
  revenueActual: 1234,
  savingPlan: null,
  savingActual: null,
  status: 'requested',
  updatedAt: 't0',
  ...patch,
});
const kpi: Kpi = {
  id: 7,
  itemId: 1,
  name: '申請件数',
  unit: '%',
  direction: 'higher',
  progressMethod: 'cumulative',
  baseFy: null,
  baseValue: null,
  finalTarget: 100,
  sortOrder: 1,
  values: [{ fiscalYear: 2025, target: 80, actual: null }],
};
const row = (r = record(), kpis: Kpi[] = [kpi]): PdcaRow => ({
  item: { id: 1, code: '1-(1)-1', name: '行政手続' } as ReformItem,
  record: r,
  kpis,
  lead: '人事行政課',
});
const edit = (key: string, text: string, r = row()) =>
  planPdcaEdits([{ row: r, key, text }], settings, 2025);

describe('scale values typed into the PDCA grid', () => {
  const evals = settings.levels.filter((l) => l.axis === 'evaluation');
  it('accepts the code, the label, both as shown, in any width or kana', () => {
    expect(parseLevel('A', evals)).toEqual({ ok: true, id: 2 });
    expect(parseLevel('ａ', evals)).toEqual({ ok: true, id: 2 });
    expect(parseLevel('計画どおり', evals)).toEqual({ ok: true, id: 2 });
    expect(parseLevel(levelText(evals[1]), evals)).toEqual({ ok: true, id: 2 });
    expect(parseLevel('', evals)).toEqual({ ok: true, id: null });
    expect(parseLevel('Z', evals)).toEqual({ ok: false });
  });
  it('refuses a value outside the scale, naming the allowed ones', () => {
    const r = edit('evaluationId', 'D');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('S 計画以上、A 計画どおり');
  });
});

describe('amounts and numbers', () => {
  it('reads 千円 with commas, full-width digits and ▲, and keeps empty apart from zero', () => {
    const r = edit('revenuePlan', '▲１，２００');
    expect(r.ok && r.records[0]!.patch).toEqual({ revenuePlan: -1_200_000 });
    const z = edit('revenuePlan', '0');
    expect(z.ok && z.records[0]!.patch).toEqual({ revenuePlan: 0 });
    const e = edit('revenueActual', '');
    expect(e.ok && e.records[0]!.patch).toEqual({ revenueActual: null });
  });
  it('does not round away yen when the shown 千円 figure is typed back', () => {
    const r = edit('revenueActual', '1');
    expect(r.ok && r.records).toEqual([]);
  });
  it('refuses text in an amount and a fraction of a yen', () => {
    const r = edit('savingActual', 'たくさん');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('効果額（実績・歳出削減）');
    expect(edit('savingActual', '0.0001').ok).toBe(false);
  });
  it('takes KPI actuals over 100 % and the unit typed after them', () => {
    const r = edit('kpi0', '１２０％');
    expect(r.ok && r.kpis).toEqual([{ kpiId: 7, fiscalYear: 2025, actual: 120 }]);
    const bad = edit('kpi0', '120件');
    expect(bad.ok).toBe(false);
  });
  it('says how to add a KPI when there is none', () => {
    const r = edit('kpi1', '5');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('指標②がありません');
  });
});

describe('locked records and bad text', () => {
  it('refuses any edit of a 確定 record, with how to unlock', () => {
    const r = edit('resultText', 'x', row(record({ status: 'final' })));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('確定を解除');
  });
  it('refuses the whole paste when one cell is bad: never half-applied', () => {
    const r = planPdcaEdits(
      [
        { row: row(), key: 'resultText', text: '実績' },
        { row: row(), key: 'evaluationId', text: 'Q' },
      ],
      settings,
      2025,
    );
    expect(r.ok).toBe(false);
  });
  it('refuses over-long text and control characters', () => {
    expect(edit('resultText', 'あ'.repeat(4001)).ok).toBe(false);
    expect(edit('resultText', 'a\u0007b').ok).toBe(false);
  });
  it('groups several cells of one record into one change with its revision', () => {
    const r = planPdcaEdits(
      [
        { row: row(), key: 'resultText', text: '実績' },
        { row: row(), key: 'evaluationId', text: 'S' },
        { row: row(), key: 'directionId', text: '継続' },
      ],
      settings,
      2025,
    );
    expect(r.ok && r.records).toEqual([
      {
        recordId: 10,
        expectedUpdatedAt: 't0',
        patch: { resultText: '実績', evaluationId: 1, directionId: 4 },
      },
    ]);
  });
});
