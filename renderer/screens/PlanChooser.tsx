import { formatFiscalYearRange } from '../../shared/fiscal-year';
import { useAppStore } from '../stores/app-store';
import { usePlanStore } from '../stores/plan-store';

/** The plans in the store; choosing one opens it. */
export function PlanChooser() {
  const plans = useAppStore((s) => s.plans);
  const openPlan = usePlanStore((s) => s.openPlan);
  return (
    <main className="chooser">
      <h1>計画を選択</h1>
      {plans.length === 0 ? (
        <p>
          登録されている計画がありません。計画の Excel ファイルの取り込みは「Excel
          照会・回収」から行えるようになります（今後の更新で追加）。
        </p>
      ) : (
        <ul className="plan-cards" aria-label="計画の一覧">
          {plans.map((p) => (
            <li key={p.id}>
              <button type="button" className="plan-card" onClick={() => void openPlan(p.id)}>
                <span className="plan-card-title">{p.title}</span>
                <span className="plan-card-meta">
                  {p.municipality}　{formatFiscalYearRange(p.firstFy, p.lastFy)}　改革項目{' '}
                  {p.itemCount}件
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
