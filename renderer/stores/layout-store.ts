import { create } from 'zustand';
import { DETAIL_OVERLAY_KEY, SIDEBAR_COLLAPSED_KEY } from './storage-keys';

/** How the screen shares its width: remembered per browser, for small laptop screens. */
interface LayoutState {
  /** The left panel (outline, years and rounds) folded away. */
  sidebarCollapsed: boolean;
  /** The detail panel on the right floats over the grid, which keeps its full width. */
  detailOverlay: boolean;
  toggleSidebar(): void;
  toggleDetailOverlay(): void;
}

function remembered(key: string): boolean {
  try {
    return localStorage.getItem(key) === '1';
  } catch {
    return false;
  }
}

function remember(key: string, on: boolean): void {
  try {
    localStorage.setItem(key, on ? '1' : '0');
  } catch {
    // storage unavailable: the choice lasts until the page is closed
  }
}

export const useLayoutStore = create<LayoutState>((set, get) => ({
  sidebarCollapsed: remembered(SIDEBAR_COLLAPSED_KEY),
  detailOverlay: remembered(DETAIL_OVERLAY_KEY),
  toggleSidebar: () => {
    const on = !get().sidebarCollapsed;
    remember(SIDEBAR_COLLAPSED_KEY, on);
    set({ sidebarCollapsed: on });
  },
  toggleDetailOverlay: () => {
    const on = !get().detailOverlay;
    remember(DETAIL_OVERLAY_KEY, on);
    set({ detailOverlay: on });
  },
}));
