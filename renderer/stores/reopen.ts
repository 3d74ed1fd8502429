import type { PlanSummary } from '../../shared/domain/plan';
import { LAST_PLAN_KEY } from './storage-keys';

/**
 * Which plan a start reopens. Kept apart from the stores so that the page's
 * first script (boot.ts) can ask for that plan before the app itself has loaded.
 */
export function rememberedPlanId(): number | null {
  const v = Number(localStorage.getItem(LAST_PLAN_KEY));
  return Number.isInteger(v) && v > 0 ? v : null;
}

/** The plan a start reopens: the one used last time, or the only one there is. */
export function planToReopen(plans: readonly PlanSummary[]): PlanSummary | undefined {
  const remembered = rememberedPlanId();
  return plans.find((p) => p.id === remembered) ?? (plans.length === 1 ? plans[0] : undefined);
}
