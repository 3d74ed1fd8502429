import { create } from 'zustand';
import type { AuditEntry } from '../../shared/domain/audit';
import type { ReformItem, ReformItemPatch } from '../../shared/domain/item';
import type { PlanDetail } from '../../shared/domain/plan';
import { call, errorMessage } from '../api/client';
import { useAppStore } from './app-store';

/** What the tree has selected: the whole plan, a 重点項目 or a 取組分野. */
export type PlanNode =
  { kind: 'plan' } | { kind: 'priority'; id: number } | { kind: 'area'; id: number };

interface PlanState {
  plan: PlanDetail | null;
  node: PlanNode;
  items: ReformItem[];
  itemsLoading: boolean;
  selectedItemId: number | null;
  history: AuditEntry[];
  openPlan(planId: number): Promise<void>;
  closePlan(): void;
  selectNode(node: PlanNode): Promise<void>;
  selectItem(itemId: number | null): Promise<void>;
  saveItem(itemId: number, patch: ReformItemPatch): Promise<boolean>;
}

const LAST_PLAN_KEY = 'gyokaku.lastPlanId';

export function rememberedPlanId(): number | null {
  const v = Number(localStorage.getItem(LAST_PLAN_KEY));
  return Number.isInteger(v) && v > 0 ? v : null;
}

function fail(e: unknown) {
  useAppStore.getState().notify('error', errorMessage(e));
}

export const usePlanStore = create<PlanState>((set, get) => ({
  plan: null,
  node: { kind: 'plan' },
  items: [],
  itemsLoading: false,
  selectedItemId: null,
  history: [],
  async openPlan(planId) {
    try {
      const plan = await call('plans.get', { planId });
      localStorage.setItem(LAST_PLAN_KEY, String(planId));
      set({ plan, node: { kind: 'plan' }, items: [], selectedItemId: null, history: [] });
      await get().selectNode({ kind: 'plan' });
    } catch (e) {
      localStorage.removeItem(LAST_PLAN_KEY);
      fail(e);
    }
  },
  closePlan() {
    localStorage.removeItem(LAST_PLAN_KEY);
    set({ plan: null, items: [], selectedItemId: null, history: [] });
  },
  async selectNode(node) {
    const plan = get().plan;
    if (!plan) return;
    set({ node, itemsLoading: true });
    try {
      const items = await call('items.list', {
        planId: plan.id,
        ...(node.kind === 'priority' ? { priorityId: node.id } : {}),
        ...(node.kind === 'area' ? { areaId: node.id } : {}),
      });
      // A slower answer for an earlier click must not replace the newer one.
      if (get().node === node) set({ items, itemsLoading: false });
    } catch (e) {
      set({ itemsLoading: false });
      fail(e);
    }
  },
  async selectItem(itemId) {
    set({ selectedItemId: itemId, history: [] });
    if (itemId == null) return;
    try {
      const history = await call('audit.list', { itemId, limit: 100 });
      if (get().selectedItemId === itemId) set({ history });
    } catch (e) {
      fail(e);
    }
  },
  async saveItem(itemId, patch) {
    const current = get().items.find((i) => i.id === itemId);
    try {
      const updated = await call('items.update', {
        itemId,
        patch,
        ...(current ? { expectedUpdatedAt: current.updatedAt } : {}),
      });
      set({ items: get().items.map((i) => (i.id === itemId ? updated : i)) });
      const history = await call('audit.list', { itemId, limit: 100 });
      if (get().selectedItemId === itemId) set({ history });
      useAppStore.getState().notify('info', `「${updated.name}」を保存しました。`);
      return true;
    } catch (e) {
      fail(e);
      return false;
    }
  },
}));
