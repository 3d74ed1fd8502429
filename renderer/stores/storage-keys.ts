/** Keys of what the renderer keeps in the browser's storage between sessions. */
export const LAST_PLAN_KEY = 'gyokaku.lastPlanId';
