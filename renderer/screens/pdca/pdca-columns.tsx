import type { PdcaSettings, ScaleLevel } from '../../../shared/domain/pdca';
import { RECORD_STATUS_LABELS } from '../../../shared/domain/pdca';
import {
  achievementRate,
  amountUnitLabel,
  formatAmount,
  formatNumber,
  formatPercent,
} from '../../../shared/pdca-math';
import type { GridColumn } from '../../grid/DataGrid';
import { levelText } from '../../../shared/pdca-levels';
import type { PdcaRow } from './pdca-rows';
import { StatusBadge } from './StatusBadge';

function LevelBadge({ level }: { level: ScaleLevel | undefined }) {
  if (!level) return null;
  return (
    <span className="level-badge" style={{ borderColor: level.color }}>
      <span className="level-dot" style={{ background: level.color }} aria-hidden="true" />
      {levelText(level)}
    </span>
  );
}

const AXIS_OF = {
  progressId: 'progress',
  progress2Id: 'progress2',
  evaluationId: 'evaluation',
  directionId: 'direction',
} as const;

/** Columns of the PDCA grid: P, D, C, A, 効果額 and KPI actuals of the chosen year. */
export function pdcaColumns(settings: PdcaSettings, fiscalYear: number): GridColumn<PdcaRow>[] {
  const levels = new Map(settings.levels.map((l) => [l.id, l]));
  const unit = amountUnitLabel(settings.amountUnit);
  const labels = settings.axisLabels;
  const level = (
    key: 'progressId' | 'progress2Id' | 'evaluationId' | 'directionId',
    header: string,
    width: number,
  ): GridColumn<PdcaRow> => ({
    key,
    header,
    width,
    minWidth: 60,
    kind: 'text',
    text: (r) => levelText(levels.get(r.record[key] ?? 0)),
    render: (r) => <LevelBadge level={levels.get(r.record[key] ?? 0)} />,
    options: () => [
      ...settings.levels
        .filter((l) => l.axis === AXIS_OF[key])
        .sort((a, b) => a.sortOrder - b.sortOrder)
        .map((l) => ({ value: levelText(l), label: levelText(l) })),
      { value: '', label: '（空欄にする）' },
    ],
    cellClass:
      key === 'evaluationId' ? (r) => (r.record.evaluationId ? `eval-cell` : undefined) : undefined,
  });
  const text = (
    key: 'planText' | 'resultText' | 'evaluationReason' | 'issuesText',
    header: string,
    width: number,
  ): GridColumn<PdcaRow> => ({
    key,
    header,
    width,
    minWidth: 80,
    kind: 'text',
    multiline: true,
    text: (r) => r.record[key],
  });
  const amount = (
    key: 'revenuePlan' | 'savingPlan' | 'revenueActual' | 'savingActual',
    header: string,
  ): GridColumn<PdcaRow> => ({
    key,
    header: `${header}（${unit}）`,
    width: 104,
    minWidth: 70,
    kind: 'text',
    text: (r) => formatAmount(r.record[key], settings.amountUnit),
    cellClass: () => 'number',
  });
  const kpi = (i: number): GridColumn<PdcaRow> => ({
    key: `kpi${i}`,
    header: `指標${i === 0 ? '①' : '②'} 実績`,
    width: 150,
    minWidth: 90,
    kind: 'text',
    text: (r) => {
      const k = r.kpis[i];
      return k
        ? formatNumber(k.values.find((v) => v.fiscalYear === fiscalYear)?.actual ?? null)
        : '';
    },
    lines: (r) => (r.kpis[i] ? 2 : 1),
    render: (r) => {
      const k = r.kpis[i];
      if (!k) return <span className="muted">—</span>;
      const v = k.values.find((x) => x.fiscalYear === fiscalYear);
      const rate = achievementRate(v?.target ?? null, v?.actual ?? null, k.direction);
      return (
        <span
          className="kpi-cell"
          title={`${k.name}　目標 ${formatNumber(v?.target ?? null)}${k.unit}`}
        >
          <span className="kpi-value">
            {v?.actual != null ? `${formatNumber(v.actual)}${k.unit}` : '未入力'}
          </span>
          <span className="kpi-meta">
            {k.name}／達成率 {formatPercent(rate)}
          </span>
        </span>
      );
    },
  });
  const columns: GridColumn<PdcaRow>[] = [
    {
      key: 'code',
      header: 'No.',
      width: 70,
      minWidth: 56,
      frozen: true,
      kind: 'readonly',
      text: (r) => r.item.code,
      cellClass: () => 'item-code',
    },
    {
      key: 'name',
      header: '改革項目',
      width: 180,
      minWidth: 100,
      frozen: true,
      kind: 'readonly',
      multiline: true,
      text: (r) => r.item.name,
      cellClass: () => 'item-name',
    },
    {
      key: 'lead',
      header: '担当課',
      width: 110,
      minWidth: 70,
      kind: 'readonly',
      multiline: true,
      text: (r) => r.lead,
    },
    {
      key: 'status',
      header: '状況',
      width: 76,
      minWidth: 60,
      kind: 'readonly',
      align: 'center',
      text: (r) => RECORD_STATUS_LABELS[r.record.status],
      render: (r) => <StatusBadge status={r.record.status} />,
    },
    text('planText', 'P 取組予定・年度目標', 220),
    text('resultText', 'D 取組実績', 220),
    level('progressId', `C ${labels.progress}`, 100),
  ];
  if (labels.progress2 !== null) columns.push(level('progress2Id', labels.progress2, 100));
  columns.push(
    level('evaluationId', labels.evaluation, 130),
    text('evaluationReason', '評価の理由', 200),
    text('issuesText', 'A 課題・改善策', 200),
    level('directionId', labels.direction, 100),
    amount('revenuePlan', '計画 歳入増'),
    amount('savingPlan', '計画 歳出削減'),
    amount('revenueActual', '実績 歳入増'),
    amount('savingActual', '実績 歳出削減'),
    kpi(0),
    kpi(1),
  );
  return columns;
}
