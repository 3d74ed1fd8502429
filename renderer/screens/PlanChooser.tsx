import { useState } from 'react';
import { formatFiscalYearRange } from '../../shared/fiscal-year';
import { call, errorMessage } from '../api/client';
import { useAppStore } from '../stores/app-store';
import { usePlanStore } from '../stores/plan-store';
import { download } from './exchange/files';
import { PlanImportDialog } from './plan-import/PlanImportDialog';

/** The plans in the store; choosing one opens it. Plans come in and go out as Excel here. */
export function PlanChooser() {
  const plans = useAppStore((s) => s.plans);
  const notify = useAppStore((s) => s.notify);
  const openPlan = usePlanStore((s) => s.openPlan);
  const [importing, setImporting] = useState(false);
  const exportPlan = async (planId: number) => {
    try {
      const out = await call('planFiles.export', { planId });
      download(out.fileName, out.data);
    } catch (e) {
      notify('error', errorMessage(e));
    }
  };
  return (
    <main className="chooser">
      <h1>計画を選択</h1>
      <div className="toolbar">
        <button type="button" onClick={() => setImporting(true)}>
          計画を Excel から取り込む…
        </button>
      </div>
      {plans.length === 0 ? (
        <p>登録されている計画がありません。「計画を Excel から取り込む」で取り込んでください。</p>
      ) : (
        <ul className="plan-cards" aria-label="計画の一覧">
          {plans.map((p) => (
            <li key={p.id} className="plan-card-wrap">
              <button type="button" className="plan-card" onClick={() => void openPlan(p.id)}>
                <span className="plan-card-title">{p.title}</span>
                <span className="plan-card-meta">
                  {p.municipality}　{formatFiscalYearRange(p.firstFy, p.lastFy)}　改革項目{' '}
                  {p.itemCount}件
                </span>
              </button>
              <button
                type="button"
                className="plan-card-export"
                aria-label={`${p.title}を Excel に書き出す`}
                onClick={() => void exportPlan(p.id)}
              >
                Excel に書き出す
              </button>
            </li>
          ))}
        </ul>
      )}
      {importing ? <PlanImportDialog onClose={() => setImporting(false)} /> : null}
    </main>
  );
}
