import { create } from 'zustand';
import { errorMessage } from '../api/client';
import { useAppStore } from './app-store';

/** One user operation that can be taken back: a cell edit, a paste, a move, a deletion. */
export interface Command {
  label: string;
  undo(): Promise<void>;
  redo(): Promise<void>;
}

interface UndoState {
  past: Command[];
  future: Command[];
  busy: boolean;
  push(cmd: Command): void;
  /** Takes back a command whose own change failed (it never happened). */
  discard(cmd: Command): void;
  undo(): Promise<void>;
  redo(): Promise<void>;
  clear(): void;
}

const LIMIT = 200;

async function run(fn: () => Promise<void>, what: string): Promise<boolean> {
  try {
    await fn();
    return true;
  } catch (e) {
    useAppStore.getState().notify('error', `${what}できませんでした。${errorMessage(e)}`);
    return false;
  }
}

export const useUndoStore = create<UndoState>((set, get) => ({
  past: [],
  future: [],
  busy: false,
  push(cmd) {
    set({ past: [...get().past.slice(-(LIMIT - 1)), cmd], future: [] });
  },
  discard(cmd) {
    set({
      past: get().past.filter((c) => c !== cmd),
      future: get().future.filter((c) => c !== cmd),
    });
  },
  async undo() {
    const { past, future, busy } = get();
    const cmd = past[past.length - 1];
    if (!cmd || busy) return;
    set({ busy: true });
    const ok = await run(() => cmd.undo(), `「${cmd.label}」を元に戻`);
    set(ok ? { past: past.slice(0, -1), future: [...future, cmd], busy: false } : { busy: false });
    if (ok) useAppStore.getState().notify('info', `元に戻しました：${cmd.label}`);
  },
  async redo() {
    const { past, future, busy } = get();
    const cmd = future[future.length - 1];
    if (!cmd || busy) return;
    set({ busy: true });
    const ok = await run(() => cmd.redo(), `「${cmd.label}」をやり直`);
    set(ok ? { past: [...past, cmd], future: future.slice(0, -1), busy: false } : { busy: false });
    if (ok) useAppStore.getState().notify('info', `やり直しました：${cmd.label}`);
  },
  clear() {
    set({ past: [], future: [] });
  },
}));
