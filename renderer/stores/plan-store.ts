import { create } from 'zustand';
import type { AuditEntry } from '../../shared/domain/audit';
import type { ReformItem } from '../../shared/domain/item';
import type { OrgUnit } from '../../shared/domain/org';
import type { PlanDetail } from '../../shared/domain/plan';
import { fiscalYearOf } from '../../shared/fiscal-year';
import { jsonEqual } from '../../shared/equal';
import { call, errorMessage } from '../api/client';
import { useAppStore } from './app-store';
import { onDataChanged, useUndoStore } from './undo-store';
import { LAST_PLAN_KEY } from './storage-keys';
import { replaceAt } from '../grid/replaced';
import { afterInputPause } from '../components/input-quiet';

/** What the tree has selected: the whole plan, a 重点項目 or a 取組分野. */
export type PlanNode =
  | { kind: 'plan' }
  | { kind: 'group'; id: number }
  | { kind: 'priority'; id: number }
  | { kind: 'area'; id: number };

export interface ItemFilter {
  sectionId: number | null;
  continued: 'all' | 'yes' | 'no';
  query: string;
}

export type PlanView =
  'items' | 'sections' | 'pdca' | 'dashboard' | 'exchange' | 'reports' | 'pdcaSettings';

interface PlanState {
  plan: PlanDetail | null;
  view: PlanView;
  setView(view: PlanView): void;
  /** Every live item of the plan, in plan order; filters apply on screen. */
  items: ReformItem[];
  orgUnits: OrgUnit[];
  node: PlanNode;
  filter: ItemFilter;
  collapsed: ReadonlySet<string>;
  itemsLoading: boolean;
  selectedItemId: number | null;
  /** The change history of historyItemId (the panel shows it only for that item). */
  history: AuditEntry[];
  historyItemId: number | null;
  /** performance.now() when items last arrived, for the bench. */
  itemsArrivedAt: number;
  openPlan(planId: number): Promise<void>;
  closePlan(): void;
  reload(): Promise<void>;
  selectNode(node: PlanNode): void;
  setFilter(patch: Partial<ItemFilter>): void;
  toggleGroup(key: string): void;
  selectItem(itemId: number | null): Promise<void>;
  refreshHistory(): Promise<void>;
  /** Items as the server answered: those the screen already shows are not redrawn. */
  mergeItems(updated: readonly ReformItem[]): void;
  /**
   * Items as the screen is to show them now (an edit before the server has
   * answered, or its undoing): drawn without comparing, as they differ.
   */
  showItems(shown: readonly ReformItem[]): void;
}

const HISTORY_DELAY_MS = 150;
/** Cancels the history's pending read. */
let historyTimer: (() => void) | null = null;
/** Everyone waiting for the history: a later call replaces the timer, never their promise. */
let historyWaiting: (() => void)[] = [];

function fail(e: unknown) {
  useAppStore.getState().notify('error', errorMessage(e));
}

export const usePlanStore = create<PlanState>((set, get) => ({
  plan: null,
  view: 'items',
  setView(view) {
    set({ view });
  },
  items: [],
  orgUnits: [],
  node: { kind: 'plan' },
  filter: { sectionId: null, continued: 'all', query: '' },
  collapsed: new Set(),
  itemsLoading: false,
  selectedItemId: null,
  history: [],
  historyItemId: null,
  itemsArrivedAt: 0,
  async openPlan(planId) {
    set({ itemsLoading: true });
    try {
      const [plan, items, orgUnits] = await Promise.all([
        call('plans.get', { planId }),
        call('items.list', { planId }),
        call('org.list', {}),
      ]);
      localStorage.setItem(LAST_PLAN_KEY, String(planId));
      useUndoStore.getState().clear();
      set({
        plan,
        items,
        orgUnits,
        itemsLoading: false,
        itemsArrivedAt: performance.now(),
        view: 'items',
        node: { kind: 'plan' },
        collapsed: new Set(),
        selectedItemId: null,
        history: [],
        historyItemId: null,
      });
    } catch (e) {
      localStorage.removeItem(LAST_PLAN_KEY);
      set({ itemsLoading: false });
      fail(e);
    }
  },
  closePlan() {
    localStorage.removeItem(LAST_PLAN_KEY);
    useUndoStore.getState().clear();
    set({ plan: null, items: [], selectedItemId: null, history: [], historyItemId: null });
  },
  async reload() {
    const plan = get().plan;
    if (!plan) return;
    const [detail, items, orgUnits] = await Promise.all([
      call('plans.get', { planId: plan.id }),
      call('items.list', { planId: plan.id }),
      call('org.list', {}),
    ]);
    set({ plan: detail, items, orgUnits, itemsArrivedAt: performance.now() });
    await get().refreshHistory();
  },
  selectNode(node) {
    set({ node });
  },
  setFilter(patch) {
    set({ filter: { ...get().filter, ...patch } });
  },
  toggleGroup(key) {
    const next = new Set(get().collapsed);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    set({ collapsed: next });
  },
  async selectItem(itemId) {
    if (itemId === get().selectedItemId) return;
    // The history shown stays the previous item's until this one's arrives: the
    // panel follows the cursor after a pause, and shows a history only for its own item.
    set({ selectedItemId: itemId });
    await get().refreshHistory();
  },
  refreshHistory() {
    // Debounced: moving through rows with the arrow keys or saving cell after cell
    // asks once, after the user pauses, instead of on every step.
    // (A replaced timer used to leave its caller waiting forever: a structure
    // change then never said it was done.)
    historyTimer?.();
    return new Promise<void>((resolve) => {
      historyWaiting.push(resolve);
      historyTimer = afterInputPause(HISTORY_DELAY_MS, () => {
        historyTimer = null;
        const waiting = historyWaiting;
        historyWaiting = [];
        const done = () => waiting.forEach((r) => r());
        const itemId = get().selectedItemId;
        if (itemId == null) return done();
        call('audit.list', { itemId, limit: 100 })
          .then((history) => {
            if (get().selectedItemId === itemId) set({ history, historyItemId: itemId });
          })
          .catch(fail)
          .finally(done);
      });
    });
  },
  mergeItems(updated) {
    replaceItems(updated, true);
  },
  showItems(shown) {
    // A hundred pasted items compared field by field cost the paste's frame
    // about 0.8 ms (12月7日), for an answer known beforehand.
    replaceItems(shown, false);
  },
}));

/** Puts items in their places in the store; `compare`: skip those already shown. */
function replaceItems(updated: readonly ReformItem[], compare: boolean): void {
  const items = usePlanStore.getState().items;
  const pos = positionsOf(items);
  const changes: [number, ReformItem][] = [];
  for (const u of updated) {
    const i = pos.get(u.id);
    if (i === undefined) continue;
    const item = items[i]!;
    if (compare && sameContent(item, u)) {
      // The server confirmed what the screen already shows (an optimistic edit):
      // only the revision stamp moved. It is never drawn, so it is updated in
      // place and 10,000 rows are not rebuilt for nothing.
      item.updatedAt = u.updatedAt;
      continue;
    }
    changes.push([i, u]);
  }
  if (changes.length > 0) {
    // Replaced in place (the rows and their heights follow only these places);
    // same ids at the same places: the index carries over.
    const next = replaceAt(items, changes);
    positions.set(next, pos);
    usePlanStore.setState({ items: next });
  }
}

/**
 * Each item's place in an items array, by id. A merge keeps every item where
 * it was, so the index passes to the next array: a typed cell costs as little
 * at 10,000 items as at 100.
 */
const positions = new WeakMap<readonly ReformItem[], Map<number, number>>();
function positionsOf(items: readonly ReformItem[]): Map<number, number> {
  let m = positions.get(items);
  if (!m) {
    m = new Map(items.map((it, i) => [it.id, i]));
    positions.set(items, m);
  }
  return m;
}

const NO_HISTORY: AuditEntry[] = [];

/** The change history of one item, or none while it is still on its way. */
export function useItemHistory(itemId: number): AuditEntry[] {
  return usePlanStore((s) => (s.historyItemId === itemId ? s.history : NO_HISTORY));
}

export function itemById(items: readonly ReformItem[], id: number): ReformItem | undefined {
  const i = positionsOf(items).get(id);
  return i === undefined ? undefined : items[i];
}

/** The item under the grid's cursor, as it is now (null when it was deleted). */
export function selectedItemOf(s: Pick<PlanState, 'items' | 'selectedItemId'>): ReformItem | null {
  return s.selectedItemId == null ? null : (itemById(s.items, s.selectedItemId) ?? null);
}

/**
 * The selected item, for the few parts that show it (the toolbar, the detail
 * panel). The screen around them does not subscribe: moving the cursor then
 * redraws a toolbar, not the whole 改革項目 screen in the middle of an edit.
 */
export function useSelectedItem(): ReformItem | null {
  return usePlanStore(selectedItemOf);
}

function sameContent(a: ReformItem, b: ReformItem): boolean {
  return jsonEqual({ ...a, updatedAt: '' }, { ...b, updatedAt: '' });
}

/** The fiscal year whose section names are shown: today's, within the plan. */
export function displayFiscalYear(plan: PlanDetail): number {
  return Math.min(plan.lastFy, Math.max(plan.firstFy, fiscalYearOf(new Date())));
}

// After an undo or redo on the server, the open plan is read again.
onDataChanged(() => usePlanStore.getState().reload());
