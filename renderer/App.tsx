import { lazy, Suspense } from 'react';
import { Notices } from './components/Notices';
import { AboutDialog } from './screens/AboutDialog';
import { AppFrame } from './screens/AppFrame';
import { RecoveryScreen } from './screens/RecoveryScreen';
import { PlanChooser } from './screens/PlanChooser';
import { PlanWorkspace } from './screens/PlanWorkspace';
import type { PlanDetail } from '../shared/domain/plan';
import type { PlanView as View } from './stores/plan-store';
import { useAppStore } from './stores/app-store';
import { usePlanStore } from './stores/plan-store';

// The plan grid is what a start shows; the other screens load when first
// opened (local files, at once), so the first screen has less code to run.
const BackupScreen = lazy(() =>
  import('./screens/BackupScreen').then((m) => ({ default: m.BackupScreen })),
);
const DataFileScreen = lazy(() =>
  import('./screens/DataFileScreen').then((m) => ({ default: m.DataFileScreen })),
);
const SectionsScreen = lazy(() =>
  import('./screens/SectionsScreen').then((m) => ({ default: m.SectionsScreen })),
);
const DashboardScreen = lazy(() =>
  import('./screens/pdca/DashboardScreen').then((m) => ({ default: m.DashboardScreen })),
);
const ExchangeScreen = lazy(() =>
  import('./screens/exchange/ExchangeScreen').then((m) => ({ default: m.ExchangeScreen })),
);
const ReportsScreen = lazy(() =>
  import('./screens/reports/ReportsScreen').then((m) => ({ default: m.ReportsScreen })),
);
const PdcaScreen = lazy(() =>
  import('./screens/pdca/PdcaScreen').then((m) => ({ default: m.PdcaScreen })),
);
const PdcaSettingsScreen = lazy(() =>
  import('./screens/pdca/PdcaSettingsScreen').then((m) => ({ default: m.PdcaSettingsScreen })),
);

function Loading() {
  return (
    <div className="splash" role="status">
      画面を読み込んでいます…
    </div>
  );
}

export function App() {
  const { status, fatal } = useAppStore();
  const plan = usePlanStore((s) => s.plan);
  const view = usePlanStore((s) => s.view);
  const backupsOpen = useAppStore((s) => s.backupsOpen);
  const dataFilesOpen = useAppStore((s) => s.dataFilesOpen);

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
      <Suspense fallback={<Loading />}>
        {dataFilesOpen ? (
          <DataFileScreen />
        ) : backupsOpen ? (
          <BackupScreen />
        ) : plan ? (
          <PlanView view={view} plan={plan} />
        ) : (
          <PlanChooser />
        )}
      </Suspense>
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
