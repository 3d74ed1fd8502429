import { useEffect, useRef } from 'react';
import { Notices } from './components/Notices';
import { AboutDialog } from './screens/AboutDialog';
import { AppFrame } from './screens/AppFrame';
import { BackupScreen } from './screens/BackupScreen';
import { DataFileScreen } from './screens/DataFileScreen';
import { RecoveryScreen } from './screens/RecoveryScreen';
import { PlanChooser } from './screens/PlanChooser';
import { PlanWorkspace } from './screens/PlanWorkspace';
import { SectionsScreen } from './screens/SectionsScreen';
import { DashboardScreen } from './screens/pdca/DashboardScreen';
import { ExchangeScreen } from './screens/exchange/ExchangeScreen';
import { ReportsScreen } from './screens/reports/ReportsScreen';
import { PdcaScreen } from './screens/pdca/PdcaScreen';
import { PdcaSettingsScreen } from './screens/pdca/PdcaSettingsScreen';
import type { PlanDetail } from '../shared/domain/plan';
import type { PlanView as View } from './stores/plan-store';
import { useAppStore } from './stores/app-store';
import { rememberedPlanId, usePlanStore } from './stores/plan-store';

export function App() {
  const { status, fatal, plans, start } = useAppStore();
  const plan = usePlanStore((s) => s.plan);
  const view = usePlanStore((s) => s.view);
  const openPlan = usePlanStore((s) => s.openPlan);
  const backupsOpen = useAppStore((s) => s.backupsOpen);
  const dataFilesOpen = useAppStore((s) => s.dataFilesOpen);

  useEffect(() => {
    void start();
  }, [start]);

  // At start only: reopen the plan used last time, or the only plan there is.
  const autoOpened = useRef(false);
  useEffect(() => {
    if (status !== 'ready' || plan || autoOpened.current) return;
    autoOpened.current = true;
    const remembered = rememberedPlanId();
    const target =
      plans.find((p) => p.id === remembered) ?? (plans.length === 1 ? plans[0] : undefined);
    if (target) void openPlan(target.id);
  }, [status, plans, plan, openPlan]);

  if (status === 'loading')
    return (
      <div className="splash" role="status">
        行革デスクを起動しています…
      </div>
    );
  if (status === 'recovery')
    return (
      <>
        <RecoveryScreen />
        <Notices />
      </>
    );
  if (status === 'failed') {
    return (
      <div className="splash" role="alert">
        <h1>行革デスクを開けませんでした</h1>
        <p>{fatal}</p>
      </div>
    );
  }
  return (
    <AppFrame>
      {dataFilesOpen ? (
        <DataFileScreen />
      ) : backupsOpen ? (
        <BackupScreen />
      ) : plan ? (
        <PlanView view={view} plan={plan} />
      ) : (
        <PlanChooser />
      )}
      <AboutDialog />
      <Notices />
    </AppFrame>
  );
}

function PlanView({ view, plan }: { view: View; plan: PlanDetail }) {
  switch (view) {
    case 'sections':
      return <SectionsScreen plan={plan} />;
    case 'pdca':
      return <PdcaScreen plan={plan} />;
    case 'dashboard':
      return <DashboardScreen plan={plan} />;
    case 'exchange':
      return <ExchangeScreen plan={plan} />;
    case 'reports':
      return <ReportsScreen plan={plan} />;
    case 'pdcaSettings':
      return <PdcaSettingsScreen plan={plan} />;
    default:
      return <PlanWorkspace plan={plan} />;
  }
}
