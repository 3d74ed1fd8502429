import { useUndoStore } from '../stores/undo-store';

/** Own subscription: the undo stack changes on every edit, the grid need not re-render for it. */
export function UndoButtons() {
  const past = useUndoStore((s) => s.past[s.past.length - 1]?.label ?? null);
  const future = useUndoStore((s) => s.future[s.future.length - 1]?.label ?? null);
  const { undo, redo } = useUndoStore.getState();
  return (
    <>
      <button
        type="button"
        onClick={() => void undo()}
        disabled={past === null}
        title={past ? `元に戻す：${past}（Ctrl+Z）` : '元に戻す操作はありません'}
      >
        元に戻す
      </button>
      <button
        type="button"
        onClick={() => void redo()}
        disabled={future === null}
        title={future ? `やり直す：${future}（Ctrl+Y）` : 'やり直す操作はありません'}
      >
        やり直す
      </button>
    </>
  );
}
