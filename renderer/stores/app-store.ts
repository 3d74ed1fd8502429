import { create } from 'zustand';
import type { AppInfo } from '../../shared/domain/app';
import type { PlanSummary } from '../../shared/domain/plan';
import { call, errorMessage } from '../api/client';

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  text: string;
}

interface AppState {
  status: 'loading' | 'ready' | 'failed';
  fatal: string | null;
  info: AppInfo | null;
  plans: PlanSummary[];
  notices: Notice[];
  aboutOpen: boolean;
  /** The バックアップ screen, reachable with or without a plan open. */
  backupsOpen: boolean;
  start(): Promise<void>;
  refreshPlans(): Promise<void>;
  setDisplayName(name: string): Promise<boolean>;
  notify(kind: Notice['kind'], text: string): void;
  dismiss(id: number): void;
  setAboutOpen(open: boolean): void;
  setBackupsOpen(open: boolean): void;
}

let nextNoticeId = 1;

export const useAppStore = create<AppState>((set, get) => ({
  status: 'loading',
  fatal: null,
  info: null,
  plans: [],
  notices: [],
  aboutOpen: false,
  backupsOpen: false,
  async start() {
    try {
      const [info, plans] = await Promise.all([call('app.info', {}), call('plans.list', {})]);
      set({ info, plans, status: 'ready' });
    } catch (e) {
      set({ status: 'failed', fatal: errorMessage(e) });
    }
  },
  async refreshPlans() {
    try {
      set({ plans: await call('plans.list', {}) });
    } catch (e) {
      get().notify('error', errorMessage(e));
    }
  },
  async setDisplayName(name) {
    try {
      const user = await call('app.setDisplayName', { displayName: name });
      const info = get().info;
      if (info) set({ info: { ...info, user } });
      get().notify('info', `表示名を「${user.displayName}」にしました。`);
      return true;
    } catch (e) {
      get().notify('error', errorMessage(e));
      return false;
    }
  },
  notify(kind, text) {
    // The same message again (each key pressed on a locked cell) is shown once, moved last.
    const others = get().notices.filter((n) => n.text !== text || n.kind !== kind);
    const id = nextNoticeId++;
    set({ notices: [...others, { id, kind, text }] });
    // Errors stay until dismissed: staff must be able to read what to do.
    if (kind === 'info') setTimeout(() => get().dismiss(id), 5000);
  },
  dismiss(id) {
    set({ notices: get().notices.filter((n) => n.id !== id) });
  },
  setBackupsOpen(backupsOpen) {
    set({ backupsOpen });
  },
  setAboutOpen(aboutOpen) {
    set({ aboutOpen });
  },
}));
