import { useState } from 'react';
import type { ReformItem } from '../../../shared/domain/item';
import type { Kpi, KpiInput } from '../../../shared/domain/pdca';
import type { PlanDetail } from '../../../shared/domain/plan';
import { fiscalYearsBetween, formatFiscalYear } from '../../../shared/fiscal-year';
import {
  achievementFormula,
  achievementRate,
  formatNumber,
  formatPercent,
  parseNumber,
  progressFormula,
} from '../../../shared/pdca-math';
import { errorMessage } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { useAppStore } from '../../stores/app-store';
import { usePdcaStore } from '../../stores/pdca-store';
import { usePlanStore } from '../../stores/plan-store';
import { withUndo } from '../../stores/undo-store';

interface Draft {
  id?: number;
  name: string;
  unit: string;
  direction: Kpi['direction'];
  progressMethod: Kpi['progressMethod'];
  baseFy: string;
  baseValue: string;
  finalTarget: string;
  values: Record<number, { target: string; actual: string }>;
}

const toDraft = (k: Kpi): Draft => ({
  id: k.id,
  name: k.name,
  unit: k.unit,
  direction: k.direction,
  progressMethod: k.progressMethod,
  baseFy: k.baseFy == null ? '' : String(k.baseFy),
  baseValue: formatNumber(k.baseValue),
  finalTarget: formatNumber(k.finalTarget),
  values: Object.fromEntries(
    k.values.map((v) => [
      v.fiscalYear,
      { target: formatNumber(v.target), actual: formatNumber(v.actual) },
    ]),
  ),
});

const blank = (): Draft => ({
  name: '',
  unit: '',
  direction: 'higher',
  progressMethod: 'cumulative',
  baseFy: '',
  baseValue: '',
  finalTarget: '',
  values: {},
});

/** An item's KPIs: definitions and per-year target and actual, with the formulas shown. */
export function KpiEditor({
  plan,
  item,
  kpis,
  onClose,
}: {
  plan: PlanDetail;
  item: ReformItem;
  kpis: Kpi[];
  onClose(): void;
}) {
  const notify = useAppStore((s) => s.notify);
  const [drafts, setDrafts] = useState<Draft[]>(() =>
    kpis.length ? kpis.map(toDraft) : [blank()],
  );
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const years = fiscalYearsBetween(plan.firstFy, plan.lastFy);
  const update = (i: number, patch: Partial<Draft>) =>
    setDrafts((d) => d.map((x, j) => (j === i ? { ...x, ...patch } : x)));

  const build = (): KpiInput[] | string => {
    const out: KpiInput[] = [];
    for (const d of drafts) {
      if (d.name.trim() === '')
        return '指標名を入力してください（使わない指標は「この指標を削除」で消してください）。';
      const num = (text: string, label: string) => parseNumber(text, `「${d.name}」の${label}`);
      const base = num(d.baseValue, '基準値');
      const fin = num(d.finalTarget, '最終目標値');
      for (const r of [base, fin]) if (!r.ok) return r.message;
      const values: KpiInput['values'] = [];
      for (const fy of years) {
        const v = d.values[fy];
        if (!v) continue;
        const t = num(v.target, `${formatFiscalYear(fy)}の目標値`);
        const a = num(v.actual, `${formatFiscalYear(fy)}の実績値`);
        if (!t.ok) return t.message;
        if (!a.ok) return a.message;
        if (t.value !== null || a.value !== null)
          values.push({ fiscalYear: fy, target: t.value, actual: a.value });
      }
      out.push({
        ...(d.id != null ? { id: d.id } : {}),
        name: d.name,
        unit: d.unit,
        direction: d.direction,
        progressMethod: d.progressMethod,
        baseFy: d.baseFy ? Number(d.baseFy) : null,
        baseValue: base.ok ? base.value : null,
        finalTarget: fin.ok ? fin.value : null,
        values,
      });
    }
    return out;
  };

  const save = async () => {
    const built = build();
    if (typeof built === 'string') return setError(built);
    setSaving(true);
    try {
      const saved = await withUndo('指標の編集', 'kpis.save', {
        itemId: item.id,
        kpis: built,
        roundId: usePdcaStore.getState().roundId ?? undefined,
      });
      usePdcaStore.getState().mergeKpis(saved.length ? saved : []);
      if (saved.length === 0) {
        usePdcaStore.setState((s) => ({ kpis: s.kpis.filter((k) => k.itemId !== item.id) }));
      }
      void usePlanStore.getState().refreshHistory();
      notify('info', `「${item.name}」の指標を保存しました。`);
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog
      title={`指標（KPI）の編集　${item.code} ${item.name}`}
      open
      wide
      onClose={onClose}
      footer={
        <>
          {error ? (
            <p className="field-error" role="alert">
              {error}
            </p>
          ) : null}
          <button type="button" onClick={() => setDrafts((d) => [...d, blank()])}>
            指標を追加
          </button>
          <button type="button" className="primary" disabled={saving} onClick={() => void save()}>
            {saving ? '保存しています…' : '保存'}
          </button>
          <button type="button" onClick={onClose}>
            取り消し
          </button>
        </>
      }
    >
      {drafts.length === 0 ? (
        <p className="muted">指標はありません。「指標を追加」で登録できます。</p>
      ) : null}
      {drafts.map((d, i) => (
        <fieldset key={d.id ?? `new${i}`} className="kpi-editor">
          <legend>指標{i + 1}</legend>
          <div className="kpi-editor-fields">
            <label>
              指標名
              <input value={d.name} onChange={(e) => update(i, { name: e.target.value })} />
            </label>
            <label>
              単位
              <input
                className="short"
                value={d.unit}
                onChange={(e) => update(i, { unit: e.target.value })}
              />
            </label>
            <label>
              良い方向
              <select
                value={d.direction}
                onChange={(e) => update(i, { direction: e.target.value as Kpi['direction'] })}
              >
                <option value="higher">大きいほど良い</option>
                <option value="lower">小さいほど良い</option>
              </select>
            </label>
            <label>
              進捗率の計算
              <select
                value={d.progressMethod}
                onChange={(e) =>
                  update(i, { progressMethod: e.target.value as Kpi['progressMethod'] })
                }
              >
                <option value="cumulative">実績の累計 ÷ 最終目標</option>
                <option value="fromBase">基準値からの伸び ÷ 目標までの幅</option>
              </select>
            </label>
            <label>
              基準年度
              <select value={d.baseFy} onChange={(e) => update(i, { baseFy: e.target.value })}>
                <option value="">なし</option>
                {fiscalYearsBetween(plan.firstFy - 5, plan.lastFy).map((fy) => (
                  <option key={fy} value={fy}>
                    {formatFiscalYear(fy)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              基準値
              <input
                className="short"
                value={d.baseValue}
                onChange={(e) => update(i, { baseValue: e.target.value })}
              />
            </label>
            <label>
              最終目標値
              <input
                className="short"
                value={d.finalTarget}
                onChange={(e) => update(i, { finalTarget: e.target.value })}
              />
            </label>
          </div>
          <table className="kpi-years">
            <thead>
              <tr>
                <th scope="col">年度</th>
                {years.map((fy) => (
                  <th key={fy} scope="col">
                    {formatFiscalYear(fy, 'short')}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {(['target', 'actual'] as const).map((f) => (
                <tr key={f}>
                  <th scope="row">{f === 'target' ? '目標値' : '実績値'}</th>
                  {years.map((fy) => (
                    <td key={fy}>
                      <input
                        aria-label={`${d.name || `指標${i + 1}`} ${formatFiscalYear(fy)}の${f === 'target' ? '目標値' : '実績値'}`}
                        value={d.values[fy]?.[f] ?? ''}
                        onChange={(e) =>
                          update(i, {
                            values: {
                              ...d.values,
                              [fy]: {
                                target: '',
                                actual: '',
                                ...d.values[fy],
                                [f]: e.target.value,
                              },
                            },
                          })
                        }
                      />
                    </td>
                  ))}
                </tr>
              ))}
              <tr>
                <th scope="row">達成率</th>
                {years.map((fy) => {
                  const t = parseNumber(d.values[fy]?.target ?? '', '');
                  const a = parseNumber(d.values[fy]?.actual ?? '', '');
                  return (
                    <td key={fy} className="number">
                      {t.ok && a.ok
                        ? formatPercent(achievementRate(t.value, a.value, d.direction))
                        : '—'}
                    </td>
                  );
                })}
              </tr>
            </tbody>
          </table>
          <p className="formula">
            {achievementFormula(d.direction)}　／　{progressFormula(d.progressMethod)}
          </p>
          <button type="button" onClick={() => setDrafts((x) => x.filter((_, j) => j !== i))}>
            この指標を削除
          </button>
        </fieldset>
      ))}
    </Dialog>
  );
}
