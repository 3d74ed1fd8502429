import { useEffect, useMemo, useState } from 'react';
import type { ReformItem } from '../../../shared/domain/item';
import type { PdcaSettings } from '../../../shared/domain/pdca';
import type { PlanDetail } from '../../../shared/domain/plan';
import { fiscalYearsBetween, formatFiscalYear } from '../../../shared/fiscal-year';
import { call, errorMessage } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { useAppStore } from '../../stores/app-store';
import { usePlanStore } from '../../stores/plan-store';

/** Directions that usually end an item with the plan: unchecked by default. */
const ENDING = /完了|廃止|中止/;

/**
 * 次期計画の作成: the next plan from this one, carrying the chosen items as
 * 【継続項目】. Items whose latest 今後の方向性 is 完了 or 廃止 start unchecked.
 */
export function RolloverDialog({
  plan,
  items,
  settings,
  onClose,
}: {
  plan: PlanDetail;
  items: readonly ReformItem[];
  settings: PdcaSettings;
  onClose(): void;
}) {
  const notify = useAppStore((s) => s.notify);
  const length = plan.lastFy - plan.firstFy;
  const [title, setTitle] = useState(`${plan.title}（次期）`);
  const [firstFy, setFirstFy] = useState(plan.lastFy + 1);
  const [lastFy, setLastFy] = useState(plan.lastFy + 1 + length);
  const [chosen, setChosen] = useState<Set<number>>(() => new Set(items.map((i) => i.id)));
  const [direction, setDirection] = useState<Map<number, string>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // The latest direction per item, from the newest round that has records.
  useEffect(() => {
    let live = true;
    (async () => {
      const rounds = await call('pdca.rounds.list', { planId: plan.id });
      const last = rounds[rounds.length - 1];
      if (!last) return;
      const records = await call('pdca.records.list', { roundId: last.id });
      const label = new Map(settings.levels.map((l) => [l.id, l.label]));
      const m = new Map<number, string>();
      for (const r of records) if (r.directionId) m.set(r.itemId, label.get(r.directionId) ?? '');
      if (!live) return;
      setDirection(m);
      setChosen(new Set(items.filter((i) => !ENDING.test(m.get(i.id) ?? '')).map((i) => i.id)));
    })().catch((e: unknown) => notify('error', errorMessage(e)));
    return () => {
      live = false;
    };
  }, [plan.id, items, settings, notify]);

  const toggle = (id: number) =>
    setChosen((c) => {
      const next = new Set(c);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const years = useMemo(() => fiscalYearsBetween(plan.firstFy + 1, plan.lastFy + 10), [plan]);

  const create = async () => {
    setBusy(true);
    try {
      const { planId } = await call('plans.rollover', {
        planId: plan.id,
        title,
        firstFy,
        lastFy,
        itemIds: items.filter((i) => chosen.has(i.id)).map((i) => i.id),
      });
      await useAppStore.getState().refreshPlans();
      notify('info', `「${title}」を作成しました（継続項目 ${chosen.size}件）。`);
      onClose();
      await usePlanStore.getState().openPlan(planId);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title="次期計画の作成"
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
          <button type="button" className="primary" disabled={busy} onClick={() => void create()}>
            {busy ? '作成しています…' : `継続項目 ${chosen.size}件で作成`}
          </button>
          <button type="button" onClick={onClose}>
            取り消し
          </button>
        </>
      }
    >
      <p>
        重点項目・取組分野、実施時期の区分、評価基準と照会回の設定を引き継ぎ、選んだ改革項目を【継続項目】として新しい計画に登録します。主な取組・実施担当・指標の定義も引き継ぎます（実施時期と年度の値は新しい計画で決めます）。今の計画はそのまま残ります。
      </p>
      <div className="settings-grid">
        <label>
          計画の名称
          <input value={title} onChange={(e) => setTitle(e.target.value)} />
        </label>
        <label>
          開始年度
          <select value={firstFy} onChange={(e) => setFirstFy(Number(e.target.value))}>
            {years.map((fy) => (
              <option key={fy} value={fy}>
                {formatFiscalYear(fy)}
              </option>
            ))}
          </select>
        </label>
        <label>
          終了年度
          <select value={lastFy} onChange={(e) => setLastFy(Number(e.target.value))}>
            {fiscalYearsBetween(firstFy, firstFy + 9).map((fy) => (
              <option key={fy} value={fy}>
                {formatFiscalYear(fy)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="toolbar">
        <button type="button" onClick={() => setChosen(new Set(items.map((i) => i.id)))}>
          すべて選ぶ
        </button>
        <button type="button" onClick={() => setChosen(new Set())}>
          すべて外す
        </button>
      </div>
      <ul className="rollover-list" aria-label="引き継ぐ改革項目">
        {items.map((i) => (
          <li key={i.id}>
            <label className="check">
              <input type="checkbox" checked={chosen.has(i.id)} onChange={() => toggle(i.id)} />
              {i.code} {i.name}
              {direction.get(i.id) ? (
                <span className="muted">（方向性：{direction.get(i.id)}）</span>
              ) : null}
            </label>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
