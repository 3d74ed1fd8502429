import { useLayoutStore } from '../stores/layout-store';

/** Switches the detail panel between beside the grid (docked) and over it (overlay). */
export function DetailModeButton() {
  const overlay = useLayoutStore((s) => s.detailOverlay);
  const toggle = useLayoutStore((s) => s.toggleDetailOverlay);
  return (
    <button
      type="button"
      className="icon-button"
      aria-pressed={overlay}
      aria-label="詳細を表に重ねて表示"
      title={
        overlay
          ? '表の横に並べて表示する（表が狭くなります）'
          : '表に重ねて表示する（表を画面いっぱいに使えます）'
      }
      onClick={toggle}
    >
      {overlay ? '⇥' : '⧉'}
    </button>
  );
}
