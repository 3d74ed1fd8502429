import { create } from 'zustand';
import type { AppInfo } from '../../shared/domain/app';
import type { DataFileState } from '../../shared/domain/data-files';
import type { PlanSummary } from '../../shared/domain/plan';
import { call, errorMessage, forgetPrefetched } from '../api/client';
import { LAST_PLAN_KEY } from './storage-keys';

import type { Notice } from './notices';
import { INFO_MS, withNotice } from './notices';
export type { Notice } from './notices';

/** Shown once after the page reloads (a switch of data file starts every screen afresh). */
const NOTICE_AFTER_RELOAD = 'gyokaku.noticeAfterReload';

interface AppState {
  /** recovery: the data file could not be opened; only restoring or another file is offered. */
  status: 'loading' | 'ready' | 'failed' | 'recovery';
  fatal: string | null;
  info: AppInfo | null;
  dataFile: DataFileState | null;
  plans: PlanSummary[];
  notices: Notice[];
  aboutOpen: boolean;
  /** The バックアップ screen, reachable with or without a plan open. */
  backupsOpen: boolean;
  /** The データファイル screen: which file is in use, open another, create one. */
  dataFilesOpen: boolean;
  /**
   * Loads the data file's state, the app info and the plans (once). `beforeReady`
   * runs before the first screen is shown (the plan to reopen is opened there).
   */
  start(beforeReady?: (plans: PlanSummary[]) => Promise<void>): Promise<void>;
  /** After another data file was opened or restored: every screen starts afresh on it. */
  reloadWith(notice: string): void;
  setDataFilesOpen(open: boolean): void;
  refreshPlans(): Promise<void>;
  setDisplayName(name: string): Promise<boolean>;
  notify(kind: Notice['kind'], text: string): void;
  dismiss(id: number): void;
  setAboutOpen(open: boolean): void;
  setBackupsOpen(open: boolean): void;
}

let nextNoticeId = 1;
let started: Promise<void> | null = null;

export const useAppStore = create<AppState>((set, get) => ({
  status: 'loading',
  fatal: null,
  info: null,
  dataFile: null,
  plans: [],
  notices: [],
  aboutOpen: false,
  backupsOpen: false,
  dataFilesOpen: false,
  start(beforeReady) {
    // Called as the page loads (main.tsx) and by App's first effect: runs once.
    return (started ??= (async () => {
      const pending = sessionStorage.getItem(NOTICE_AFTER_RELOAD);
      if (pending) {
        sessionStorage.removeItem(NOTICE_AFTER_RELOAD);
        get().notify('info', pending);
      }
      try {
        // All three at once: a start waits for one round trip, not two. The plan
        // list of a data file that could not be opened fails, and is not needed.
        const plansCall = call('plans.list', {}).then(
          (value) => ({ ok: true as const, value }),
          (error: unknown) => ({ ok: false as const, error }),
        );
        const [dataFile, info] = await Promise.all([call('files.state', {}), call('app.info', {})]);
        if (dataFile.mode === 'unavailable') {
          set({ dataFile, info, status: 'recovery' });
          return;
        }
        const plans = await plansCall;
        if (!plans.ok) throw plans.error;
        set({ dataFile, info, plans: plans.value });
        await beforeReady?.(plans.value);
        set({ status: 'ready' });
      } catch (e) {
        set({ status: 'failed', fatal: errorMessage(e) });
      } finally {
        forgetPrefetched();
      }
    })());
  },
  reloadWith(notice) {
    sessionStorage.setItem(NOTICE_AFTER_RELOAD, notice);
    // plan ids belong to one data file: never reopen "the last plan" of another
    localStorage.removeItem(LAST_PLAN_KEY);
    window.location.reload();
  },
  setDataFilesOpen(dataFilesOpen) {
    set(dataFilesOpen ? { dataFilesOpen, backupsOpen: false } : { dataFilesOpen });
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
    const id = nextNoticeId++;
    set({ notices: withNotice(get().notices, { id, kind, text }) });
    // Errors stay until dismissed or replaced: staff must be able to read what to do.
    if (kind === 'info') setTimeout(() => get().dismiss(id), INFO_MS);
  },
  dismiss(id) {
    set({ notices: get().notices.filter((n) => n.id !== id) });
  },
  setBackupsOpen(backupsOpen) {
    set(backupsOpen ? { backupsOpen, dataFilesOpen: false } : { backupsOpen });
  },
  setAboutOpen(aboutOpen) {
    set({ aboutOpen });
  },
}));

/** What a grid says when a key is pressed on a file opened read-only (null: editable). */
export const READ_ONLY_EDIT_MESSAGE =
  '読み取り専用で開いているため、変更できません。理由と開き直し方は「データファイル」の画面にあります。';
export function useReadOnly(): boolean {
  return useAppStore((s) => s.dataFile?.mode === 'readOnly');
}
