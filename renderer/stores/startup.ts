import type { PlanSummary } from '../../shared/domain/plan';
import { useAppStore } from './app-store';
import { rememberedPlanId, usePlanStore } from './plan-store';

/** The plan a start reopens: the one used last time, or the only one there is. */
export function planToReopen(plans: readonly PlanSummary[]): PlanSummary | undefined {
  const remembered = rememberedPlanId();
  return plans.find((p) => p.id === remembered) ?? (plans.length === 1 ? plans[0] : undefined);
}

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
