/** Keys of what the renderer keeps in the browser's storage between sessions. */
export const LAST_PLAN_KEY = 'gyokaku.lastPlanId';
/** The left panel (plan outline, years and rounds) folded away, for small screens. */
export const SIDEBAR_COLLAPSED_KEY = 'gyokaku.sidebarCollapsed';
/** The detail panels (item detail, record panel) float over the grid instead of taking a column. */
export const DETAIL_OVERLAY_KEY = 'gyokaku.detailOverlay';
