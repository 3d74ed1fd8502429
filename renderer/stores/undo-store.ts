import { create } from 'zustand';
import type { Channel, InputOf, ResultOf } from '../../shared/contract';
import { call, callUndoable, errorMessage } from '../api/client';
import { useAppStore } from './app-store';

/**
 * One user operation that can be taken back: its label and the batch the
 * server recorded it under. The batch may still be on its way (an edit shown
 * at once, saved a moment later): Ctrl+Z right after typing takes back that
 * edit, never an older one. Undo and redo happen on the server
 * (history.undo): the stack holds nothing but batch ids.
 */
export interface UndoEntry {
  label: string;
  batch: Promise<string | null>;
}

interface UndoState {
  past: UndoEntry[];
  future: UndoEntry[];
  busy: boolean;
  /** Puts an operation on the stack; dropped again if it fails or changes nothing. */
  record(label: string, batch: Promise<string | null>): void;
  undo(): Promise<void>;
  redo(): Promise<void>;
  clear(): void;
}

const LIMIT = 200;

/** Screens that show data register how to read it again after an undo or redo. */
const refreshers = new Set<() => Promise<void> | void>();
export function onDataChanged(fn: () => Promise<void> | void): () => void {
  refreshers.add(fn);
  return () => refreshers.delete(fn);
}
async function refreshAll(): Promise<void> {
  await Promise.all([...refreshers].map(async (fn) => fn()));
}

const notify = (kind: 'error' | 'info', text: string) => useAppStore.getState().notify(kind, text);

let queue: Promise<void> = Promise.resolve();

export const useUndoStore = create<UndoState>((set, get) => {
  const drop = (entry: UndoEntry) =>
    set({
      past: get().past.filter((e) => e !== entry),
      future: get().future.filter((e) => e !== entry),
    });

  /** Takes back (undo) or puts again (redo) the newest entry of one side of the stack. */
  async function step(from: 'past' | 'future'): Promise<void> {
    const list = get()[from];
    const entry = list[list.length - 1];
    if (!entry) return;
    set({ busy: true });
    try {
      const batchId = await entry.batch.catch(() => null);
      if (!batchId) {
        // it never happened (failed, or changed nothing): nothing to take back, try the one before
        drop(entry);
        return await step(from);
      }
      const next = await call('history.undo', { batchId });
      const moved: UndoEntry = { label: entry.label, batch: Promise.resolve(next.batchId) };
      const rest = get()[from].filter((e) => e !== entry);
      set(
        from === 'past'
          ? { past: rest, future: [...get().future, moved] }
          : { future: rest, past: [...get().past, moved] },
      );
      notify('info', `${from === 'past' ? '元に戻しました' : 'やり直しました'}：${entry.label}`);
      await refreshAll();
    } catch (e) {
      notify(
        'error',
        `「${entry.label}」を${from === 'past' ? '元に戻せません' : 'やり直せません'}でした。${errorMessage(e)}`,
      );
    } finally {
      set({ busy: false });
    }
  }

  return {
    past: [],
    future: [],
    busy: false,
    record(label, batch) {
      const entry: UndoEntry = { label, batch };
      set({ past: [...get().past.slice(-(LIMIT - 1)), entry], future: [] });
      batch.then((b) => b === null && drop(entry)).catch(() => drop(entry));
    },
    // Keys pressed quickly are each carried out, one after the other.
    undo: () => (queue = queue.then(() => step('past'))),
    redo: () => (queue = queue.then(() => step('future'))),
    clear() {
      set({ past: [], future: [] });
    },
  };
});

/** A change made from a screen, put on the undo stack as one operation under its label. */
export async function withUndo<C extends Channel>(
  label: string,
  channel: C,
  input: InputOf<C>,
): Promise<ResultOf<C>> {
  const { value, batch } = await callUndoable(channel, input);
  useUndoStore.getState().record(label, Promise.resolve(batch));
  return value;
}
