import { prefetch } from './api/client';
import { planToReopen } from './stores/reopen';
import { isPrintWindow } from '../shared/reports/print-window';

/**
 * The first module the page evaluates (main.tsx imports it first): it sends
 * the start's reads (the data file, the app, the plans, then the plan to
 * reopen) while the rest of the app's modules are still being evaluated, so
 * the app finds its data on the way instead of asking for it after it has
 * loaded. startApp asks for exactly these (stores/startup.ts, openPlan).
 */
// A print window reads only its report's data (PrintWindow.tsx).
if (!isPrintWindow(window.location.search)) {
  prefetch('files.state', {});
  prefetch('app.info', {});
  void prefetch('plans.list', {})?.then((env) => {
    const target = env.ok ? planToReopen(env.value) : undefined;
    if (!target) return;
    prefetch('plans.get', { planId: target.id });
    prefetch('items.list', { planId: target.id });
    prefetch('org.list', {});
  });
}
