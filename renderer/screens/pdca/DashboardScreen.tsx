import { useEffect, useState } from 'react';
import type { Dashboard, EvaluationBreakdown, ScaleLevel } from '../../../shared/domain/pdca';
import { RECORD_STATUSES, RECORD_STATUS_LABELS } from '../../../shared/domain/pdca';
import type { PlanDetail } from '../../../shared/domain/plan';
import { formatFiscalYear } from '../../../shared/fiscal-year';
import { amountUnitLabel, formatAmount, roundHalfUp, signedCount } from '../../../shared/pdca-math';
import { call, errorMessage } from '../../api/client';
import { AmountChart, Legend, StackedBars } from '../../components/charts';
import type { StackedRow } from '../../components/charts';
import { FiscalYearSelect } from '../../components/FiscalYearSelect';
import { usePageStyle } from '../../components/usePageStyle';
import { useAppStore } from '../../stores/app-store';
import { EMPTY_PDCA_FILTER, usePdcaStore } from '../../stores/pdca-store';
import { usePlanStore } from '../../stores/plan-store';
import { levelText } from '../../../shared/pdca-levels';

/** Percent as published: one decimal, as computed per level (the column may add up to 100.1). */
const pct = (n: number | undefined) => `${(n ?? 0).toFixed(1)}%`;

function stackedRows(list: EvaluationBreakdown[], levels: ScaleLevel[]): StackedRow[] {
  return list.map((b) => ({
    key: b.key,
    label: b.label,
    total: b.evaluated,
    segments: levels.map((l) => ({
      key: String(l.id),
      label: levelText(l),
      value: b.counts[String(l.id)] ?? 0,
      color: l.color,
      text: pct(b.percents[String(l.id)]),
    })),
  }));
}

/**
 * The year at a glance, as the 事務局 reports it to the 推進本部 and the
 * committee: evaluations per 重点項目 and per section, 効果額 by year with 累計
 * against plan, KPI achievement, and the trend across the plan's years. Every
 * number leads to the items behind it.
 */
export function DashboardScreen({ plan }: { plan: PlanDetail }) {
  const notify = useAppStore((s) => s.notify);
  const settings = usePdcaStore((s) => s.settings);
  const fiscalYear = usePdcaStore((s) => s.fiscalYear);
  const closed = usePdcaStore((s) => s.year?.closed === true && s.year.fiscalYear === s.fiscalYear);
  const rounds = usePdcaStore((s) => s.rounds);
  const roundId = usePdcaStore((s) => s.roundId);
  const [data, setData] = useState<Dashboard | null>(null);
  // The dashboard's own paper, only while it is on screen.
  usePageStyle('@page { size: A4 landscape; margin: 12mm; }');

  useEffect(() => {
    const st = usePdcaStore.getState();
    if (st.planId !== plan.id || !st.settings) void st.load(plan.id, plan.firstFy, plan.lastFy);
  }, [plan.id, plan.firstFy, plan.lastFy]);

  useEffect(() => {
    if (!settings || !fiscalYear) return;
    let live = true;
    call('dashboard.get', { planId: plan.id, fiscalYear, roundId: roundId ?? undefined })
      .then((d) => live && setData(d))
      .catch((e: unknown) => notify('error', errorMessage(e)));
    return () => {
      live = false;
    };
  }, [plan.id, fiscalYear, roundId, settings, notify]);

  if (!settings || !data) {
    return (
      <main className="content" aria-busy="true">
        <p className="muted">集計しています…</p>
      </main>
    );
  }
  const levels = settings.levels.filter((l) => l.axis === 'evaluation' && !l.excluded);
  const unit = settings.amountUnit;
  const scale = unit === 'thousand' ? 1000 : 1;

  /** Click-through: the PDCA grid of the same year and round, showing just these items. */
  const show = (itemIds: number[], label: string) => {
    if (itemIds.length === 0) return;
    usePdcaStore.getState().setFilter({ ...EMPTY_PDCA_FILTER, itemIds, itemIdsLabel: label });
    usePlanStore.getState().setView('pdca');
  };
  const select =
    (list: EvaluationBreakdown[]) => (row: StackedRow, seg: { key: string; label: string }) => {
      const b = list.find((x) => x.key === row.key);
      if (b) show(b.itemsByLevel[seg.key] ?? [], `${row.label}：${seg.label}`);
    };

  const previousOf = (list: EvaluationBreakdown[] | undefined, key: string) =>
    list?.find((x) => x.key === key);
  /**
   * One breakdown table: counts and shares per level (click-through to the
   * items), the row's totals, and the change from the previous year where
   * there is one. Status axes have no 対象外 and call a blank 未記入.
   */
  const table = (
    list: EvaluationBreakdown[],
    caption: string,
    opts: {
      levels?: typeof levels;
      previous?: EvaluationBreakdown[];
      status?: boolean;
    } = {},
  ) => {
    const lv = opts.levels ?? levels;
    return (
      <table className="dash-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">区分</th>
            {lv.map((l) => (
              <th key={l.id} scope="col">
                <span className="legend-swatch" style={{ background: l.color }} />
                {levelText(l)}
              </th>
            ))}
            <th scope="col">{opts.status ? '記入計' : '評価計'}</th>
            <th scope="col">割合の計</th>
            {opts.status ? null : <th scope="col">対象外</th>}
            <th scope="col">{opts.status ? '未記入' : '未評価'}</th>
            <th scope="col">全体</th>
          </tr>
        </thead>
        <tbody>
          {list.map((b) => {
            const sum = roundHalfUp(
              lv.reduce((n, l) => n + (b.percents[String(l.id)] ?? 0), 0),
              1,
            );
            const prev = previousOf(opts.previous, b.key);
            return (
              <tr key={b.key}>
                <th scope="row">{b.label}</th>
                {lv.map((l) => {
                  const ids = b.itemsByLevel[String(l.id)] ?? [];
                  return (
                    <td key={l.id} className="number">
                      <button
                        type="button"
                        className="link-button"
                        disabled={ids.length === 0}
                        aria-label={`${b.label} ${levelText(l)} ${ids.length}件の改革項目を表示`}
                        onClick={() => show(ids, `${b.label}：${levelText(l)}`)}
                      >
                        {ids.length}件
                      </button>
                      <div className="muted">{pct(b.percents[String(l.id)])}</div>
                      {prev ? (
                        <div className="muted dash-change">
                          前年度比 {signedCount(ids.length - (prev.counts[String(l.id)] ?? 0))}
                        </div>
                      ) : null}
                    </td>
                  );
                })}
                <td className="number">{b.evaluated}件</td>
                <td className="number">{b.evaluated ? `${sum.toFixed(1)}%` : '—'}</td>
                {opts.status ? null : <td className="number">{b.excluded}件</td>}
                <td className="number">{b.unevaluated}件</td>
                <td className="number">{b.evaluated + b.excluded + b.unevaluated}件</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    );
  };
  const prev = data.previous;
  const byHeading = `${plan.headingNames.priority}別`;

  const totalRecords = RECORD_STATUSES.reduce((n, s) => n + data.statusCounts[s], 0);
  const last = data.amounts[data.amounts.length - 1];
  return (
    <main className="content dashboard" aria-label="ダッシュボード">
      <header className="content-header dash-header">
        <h1>
          ダッシュボード　{formatFiscalYear(fiscalYear)}
          {data.roundName ? `（${data.roundName}）` : ''}
        </h1>
        {closed ? (
          <span
            className="year-closed-badge"
            title="締めたときの数字です。後の変更では変わりません（訂正を除く）。"
          >
            締め済み
          </span>
        ) : null}
        <FiscalYearSelect firstFy={plan.firstFy} lastFy={plan.lastFy} stacked={false} />
        {rounds.length > 1 ? (
          <label>
            照会回
            <select
              value={roundId ?? ''}
              onChange={(e) => void usePdcaStore.getState().selectRound(Number(e.target.value))}
            >
              {rounds.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <button type="button" onClick={() => window.print()}>
          印刷
        </button>
      </header>
      {data.roundId == null ? (
        <p className="empty">
          {formatFiscalYear(fiscalYear)}
          の照会回はまだありません。「PDCA進捗管理」で照会回を作成してください。
        </p>
      ) : null}

      <section className="dash-cards" aria-label="概要">
        <div className="dash-card">
          <div className="dash-card-label">評価した項目</div>
          <div className="dash-card-value">{data.total.evaluated}件</div>
          <div className="muted">
            対象外 {data.total.excluded}件・未評価 {data.total.unevaluated}件
          </div>
        </div>
        <div className="dash-card">
          <div className="dash-card-label">回答・確定の状況</div>
          <div className="dash-card-value">
            確定 {data.statusCounts.final}／{totalRecords}件
          </div>
          <div className="muted">
            {RECORD_STATUSES.filter((s) => s !== 'final')
              .map((s) => `${RECORD_STATUS_LABELS[s]} ${data.statusCounts[s]}`)
              .join('・')}
          </div>
        </div>
        <div className="dash-card">
          <div className="dash-card-label">効果額 累計（実績／計画）</div>
          <div className="dash-card-value">
            {formatAmount(last?.cumulativeActual ?? 0, unit)}
            {amountUnitLabel(unit)}
          </div>
          <div className="muted">
            計画 {formatAmount(last?.cumulativePlan ?? 0, unit)}
            {amountUnitLabel(unit)}
          </div>
        </div>
        <div className="dash-card">
          <div className="dash-card-label">指標の達成（{formatFiscalYear(fiscalYear)}）</div>
          <div className="dash-card-value">
            {data.kpi.achieved}／{data.kpi.count}指標
          </div>
          <div className="muted">実績入力済み {data.kpi.withActual}指標</div>
        </div>
      </section>

      <section className="dash-section" aria-labelledby="dash-total">
        <h2 id="dash-total">評価の内訳（{settings.axisLabels.evaluation}）</h2>
        <p className="muted">
          割合は評価した項目（対象外・未評価を除く）に対するもので、段階ごとに小数第2位を四捨五入しています。そのため合計が100.0%にならないことがあります。
        </p>
        <Legend items={levels.map((l) => ({ label: levelText(l), color: l.color }))} />
        <StackedBars
          rows={stackedRows([data.total], levels)}
          title="計画全体の評価の内訳"
          onSelect={select([data.total])}
        />
        {table([data.total], '計画全体の評価の内訳', { previous: prev ? [prev.total] : undefined })}
        {prev ? (
          <p className="muted">
            前年度比は{formatFiscalYear(prev.fiscalYear)}
            {prev.roundName ? `（${prev.roundName}）` : ''}の件数との差です。
          </p>
        ) : null}
      </section>

      <section className="dash-section" aria-labelledby="dash-priority">
        <h2 id="dash-priority">{byHeading}</h2>
        <StackedBars
          rows={stackedRows(data.byPriority, levels)}
          title={`${byHeading}の評価`}
          onSelect={select(data.byPriority)}
        />
        {table(data.byPriority, `${byHeading}の評価`, { previous: prev?.byPriority })}
      </section>

      {data.statusAxes.map((axis) => {
        const axisLevels = settings.levels.filter((l) => l.axis === axis.axis);
        const before = prev?.statusAxes.find((x) => x.axis === axis.axis);
        return (
          <section
            key={axis.axis}
            className="dash-section"
            aria-labelledby={`dash-axis-${axis.axis}`}
          >
            <h2 id={`dash-axis-${axis.axis}`}>{axis.label}の内訳</h2>
            <Legend items={axisLevels.map((l) => ({ label: levelText(l), color: l.color }))} />
            <StackedBars
              rows={stackedRows([axis.total, ...axis.byPriority], axisLevels)}
              title={`${axis.label}の内訳（計画全体・${byHeading}）`}
              onSelect={select([axis.total, ...axis.byPriority])}
            />
            {table([axis.total, ...axis.byPriority], `${axis.label}の内訳`, {
              levels: axisLevels,
              status: true,
              previous: before ? [before.total, ...before.byPriority] : undefined,
            })}
          </section>
        );
      })}

      <section className="dash-section" aria-labelledby="dash-section">
        <h2 id="dash-section">担当課別</h2>
        <StackedBars
          rows={stackedRows(data.bySection, levels)}
          title="担当課別の評価"
          onSelect={select(data.bySection)}
        />
        {table(data.bySection, '担当課別の評価')}
      </section>

      <section className="dash-section" aria-labelledby="dash-amount">
        <h2 id="dash-amount">効果額の推移と累計（{amountUnitLabel(unit)}）</h2>
        <Legend
          items={[
            { label: '計画（年度）', className: 'bar-plan' },
            { label: '実績（年度）', className: 'bar-actual' },
            { label: '累計 計画', className: 'line-plan' },
            { label: '累計 実績', className: 'line-actual' },
          ]}
        />
        <AmountChart
          points={data.amounts.map((a) => ({
            ...a,
            label: formatFiscalYear(a.fiscalYear, 'short'),
          }))}
          unitLabel={amountUnitLabel(unit)}
          scale={scale}
        />
        <table className="dash-table">
          <thead>
            <tr>
              <th scope="col">年度</th>
              <th scope="col">計画</th>
              <th scope="col">実績</th>
              <th scope="col">うち歳入増</th>
              <th scope="col">うち歳出削減</th>
              <th scope="col">累計 計画</th>
              <th scope="col">累計 実績</th>
              <th scope="col">累計の達成率</th>
            </tr>
          </thead>
          <tbody>
            {data.amounts.map((a) => (
              <tr key={a.fiscalYear}>
                <th scope="row">{formatFiscalYear(a.fiscalYear)}</th>
                <td className="number">{formatAmount(a.plan, unit)}</td>
                <td className="number">{formatAmount(a.actual, unit)}</td>
                <td className="number">{formatAmount(a.revenueActual, unit)}</td>
                <td className="number">{formatAmount(a.savingActual, unit)}</td>
                <td className="number">{formatAmount(a.cumulativePlan, unit)}</td>
                <td className="number">{formatAmount(a.cumulativeActual, unit)}</td>
                <td className="number">
                  {a.cumulativePlan > 0
                    ? `${roundHalfUp((a.cumulativeActual / a.cumulativePlan) * 100, 1).toFixed(1)}%`
                    : '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="dash-section" aria-labelledby="dash-kpi">
        <h2 id="dash-kpi">指標（KPI）の達成状況（{formatFiscalYear(fiscalYear)}）</h2>
        <p className="muted">達成率 ＝ 実績値 ÷ 目標値（小さいほど良い指標は 目標値 ÷ 実績値）。</p>
        <ul className="kpi-bands">
          {(
            [
              ['achieved', '100%以上'],
              ['near', '80%以上100%未満'],
              ['behind', '80%未満'],
              ['none', '未入力・目標なし'],
            ] as const
          ).map(([key, label]) => {
            const ids = data.kpi.bands[key] ?? [];
            return (
              <li key={key}>
                <span>{label}</span>
                <button
                  type="button"
                  className="link-button"
                  disabled={ids.length === 0}
                  onClick={() => show([...new Set(ids)], `指標の達成率：${label}`)}
                >
                  {ids.length}指標
                </button>
              </li>
            );
          })}
        </ul>
      </section>

      <section className="dash-section" aria-labelledby="dash-trend">
        <h2 id="dash-trend">評価の推移（各年度の最終回）</h2>
        <StackedBars
          title="年度別の評価の推移"
          rows={data.trend.map((t) => {
            const total = levels.reduce((n, l) => n + (t.counts[String(l.id)] ?? 0), 0);
            return {
              key: String(t.fiscalYear),
              label: formatFiscalYear(t.fiscalYear),
              total,
              segments: levels.map((l) => ({
                key: String(l.id),
                label: levelText(l),
                value: t.counts[String(l.id)] ?? 0,
                color: l.color,
                text: `${t.counts[String(l.id)] ?? 0}`,
              })),
            };
          })}
        />
      </section>
    </main>
  );
}
