import { create } from 'zustand';
import type { ReformItem } from '../../shared/domain/item';
import type { Kpi, PdcaRecord, PdcaSettings, RecordStatus, Round } from '../../shared/domain/pdca';
import type { YearState } from '../../shared/domain/years';
import { RECORD_STATUS_LABELS } from '../../shared/domain/pdca';
import { jsonEqual } from '../../shared/equal';
import { fiscalYearOf } from '../../shared/fiscal-year';
import { call, errorMessage } from '../api/client';
import { useAppStore } from './app-store';
import { onDataChanged, withUndo } from './undo-store';

export interface PdcaFilter {
  sectionId: number | null;
  status: RecordStatus | null;
  /** A level id of the evaluation, 0 for 未評価. */
  evaluationId: number | null;
  directionId: number | null;
  query: string;
  /** Items behind a dashboard number, when the user clicked through. */
  itemIds: number[] | null;
  itemIdsLabel: string;
}

export const EMPTY_PDCA_FILTER: PdcaFilter = {
  sectionId: null,
  status: null,
  evaluationId: null,
  directionId: null,
  query: '',
  itemIds: null,
  itemIdsLabel: '',
};

interface PdcaState {
  planId: number | null;
  settings: PdcaSettings | null;
  fiscalYear: number;
  rounds: Round[];
  roundId: number | null;
  records: PdcaRecord[];
  /** The items of the year shown, with the sections they had that year. */
  items: ReformItem[];
  year: YearState | null;
  kpis: Kpi[];
  loading: boolean;
  filter: PdcaFilter;
  /** performance.now() when records arrived, for the bench. */
  arrivedAt: number;
  load(planId: number, firstFy: number, lastFy: number): Promise<void>;
  setYear(fy: number): Promise<void>;
  openYear(): Promise<void>;
  selectRound(roundId: number): Promise<void>;
  refreshRounds(): Promise<void>;
  setSettings(settings: PdcaSettings): void;
  setFilter(patch: Partial<PdcaFilter>): void;
  mergeRecords(updated: readonly PdcaRecord[]): void;
  mergeKpis(updated: readonly Kpi[]): void;
  setStatus(
    recordIds: number[],
    status: RecordStatus,
    options?: { reason?: string; confirmEmptyIds?: number[] },
  ): Promise<boolean>;
  /** The year's items, records and state again (after changes made elsewhere). */
  reload(): Promise<void>;
  refreshYear(): Promise<void>;
}

const fail = (e: unknown) => useAppStore.getState().notify('error', errorMessage(e));
const YEAR_KEY = 'gyokaku.pdca.fiscalYear';

/** The year a coordinator works on by default: last fiscal year, inside the plan. */
export function defaultPdcaYear(firstFy: number, lastFy: number): number {
  const remembered = Number(localStorage.getItem(YEAR_KEY));
  if (Number.isInteger(remembered) && remembered >= firstFy && remembered <= lastFy)
    return remembered;
  return Math.min(lastFy, Math.max(firstFy, fiscalYearOf(new Date()) - 1));
}

export const usePdcaStore = create<PdcaState>((set, get) => ({
  planId: null,
  settings: null,
  fiscalYear: 0,
  rounds: [],
  roundId: null,
  records: [],
  items: [],
  year: null,
  kpis: [],
  loading: false,
  filter: EMPTY_PDCA_FILTER,
  arrivedAt: 0,
  async load(planId, firstFy, lastFy) {
    const samePlan = get().planId === planId && get().fiscalYear !== 0;
    set({
      loading: true,
      planId,
      ...(samePlan ? {} : { rounds: [], roundId: null, records: [], filter: EMPTY_PDCA_FILTER }),
    });
    try {
      const [settings, kpis] = await Promise.all([
        call('pdca.settings.get', { planId }),
        call('kpis.list', { planId }),
      ]);
      set({ settings, kpis });
      await get().setYear(
        get().planId === planId && get().fiscalYear
          ? get().fiscalYear
          : defaultPdcaYear(firstFy, lastFy),
      );
    } catch (e) {
      fail(e);
    } finally {
      set({ loading: false });
    }
  },
  async setYear(fy) {
    const planId = get().planId;
    if (planId == null) return;
    localStorage.setItem(YEAR_KEY, String(fy));
    const [rounds, items, year] = await Promise.all([
      call('pdca.rounds.list', { planId, fiscalYear: fy }),
      call('items.list', { planId, fiscalYear: fy }),
      call('years.state', { planId, fiscalYear: fy }),
    ]);
    const keep = rounds.find((r) => r.id === get().roundId);
    const round = keep ?? rounds[rounds.length - 1] ?? null;
    set({ fiscalYear: fy, rounds, items, year, roundId: round?.id ?? null, records: [] });
    if (round) await get().selectRound(round.id);
  },
  async openYear() {
    const { planId, fiscalYear } = get();
    if (planId == null) return;
    try {
      const rounds = await call('pdca.rounds.open', { planId, fiscalYear });
      set({
        rounds,
        items: await call('items.list', { planId, fiscalYear }),
        year: await call('years.state', { planId, fiscalYear }),
      });
      const last = rounds[rounds.length - 1];
      if (last) await get().selectRound(last.id);
    } catch (e) {
      fail(e);
    }
  },
  async selectRound(roundId) {
    set({ roundId });
    try {
      const records = await call('pdca.records.list', { roundId });
      if (get().roundId === roundId) set({ records, arrivedAt: performance.now() });
    } catch (e) {
      fail(e);
    }
  },
  async refreshRounds() {
    const { planId, fiscalYear } = get();
    if (planId == null) return;
    const [rounds, year] = await Promise.all([
      call('pdca.rounds.list', { planId, fiscalYear }),
      call('years.state', { planId, fiscalYear }),
    ]);
    set({ rounds, year });
  },
  async refreshYear() {
    const { planId, fiscalYear } = get();
    if (planId == null) return;
    set({ year: await call('years.state', { planId, fiscalYear }) });
  },
  async reload() {
    const { planId, fiscalYear } = get();
    if (planId == null || fiscalYear === 0) return;
    try {
      const [settings, kpis] = await Promise.all([
        call('pdca.settings.get', { planId }),
        call('kpis.list', { planId }),
      ]);
      set({ settings, kpis });
      await get().setYear(fiscalYear);
    } catch (e) {
      fail(e);
    }
  },
  setSettings(settings) {
    set({ settings });
  },
  setFilter(patch) {
    set({ filter: { ...get().filter, ...patch } });
  },
  mergeRecords(updated) {
    const current = new Map(get().records.map((r) => [r.id, r]));
    const changed = new Map<number, PdcaRecord>();
    for (const next of updated) {
      const r = current.get(next.id);
      // Same content as shown (an optimistic edit confirmed): only the revision moves.
      if (r && jsonEqual({ ...r, updatedAt: '' }, { ...next, updatedAt: '' }))
        r.updatedAt = next.updatedAt;
      else changed.set(next.id, next);
    }
    if (changed.size > 0) set({ records: get().records.map((r) => changed.get(r.id) ?? r) });
  },
  mergeKpis(updated) {
    const items = new Set(updated.map((k) => k.itemId));
    set({
      kpis: [...get().kpis.filter((k) => !items.has(k.itemId)), ...updated].sort(
        (a, b) => a.itemId - b.itemId || a.sortOrder - b.sortOrder,
      ),
    });
  },
  async setStatus(recordIds, status, options = {}) {
    if (recordIds.length === 0) return false;
    try {
      const { changed } = await withUndo(
        `${recordIds.length}件の状況を変更`,
        'pdca.records.setStatus',
        {
          recordIds,
          status,
          ...options,
        },
      );
      const roundId = get().roundId;
      if (roundId != null) {
        const records = await call('pdca.records.list', { roundId });
        set({ records });
      }
      await get().refreshRounds();
      useAppStore
        .getState()
        .notify('info', `${changed}件を「${RECORD_STATUS_LABELS[status]}」にしました。`);
      return true;
    } catch (e) {
      fail(e);
      return false;
    }
  },
}));

// After an undo or redo on the server, the year shown is read again.
onDataChanged(() => usePdcaStore.getState().reload());
