import { useAppStore } from './app-store';
import { usePlanStore } from './plan-store';
import { planToReopen } from './reopen';

/**
 * The start of the app, begun as the page loads: the data file, the app info
 * and the plans at once, then the plan to reopen — all before the first screen
 * is drawn, so a start goes from the splash straight to the plan.
 */
export function startApp(): Promise<void> {
  return useAppStore.getState().start(async (plans) => {
    const target = planToReopen(plans);
    if (target) await usePlanStore.getState().openPlan(target.id);
  });
}
