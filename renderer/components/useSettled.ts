import { startTransition, useEffect, useState } from 'react';
import { afterInputPause } from './input-quiet';

/** How long the cursor rests before a panel that follows it (an item's detail, its record) does. */
export const PANEL_REST_MS = 120;

/**
 * The value once it has stayed the same for `ms` and the user has paused for
 * `ms`. A panel that follows the grid's cursor (an item's detail and history)
 * is drawn in a pause, not between two keys: the typed cell, its save and the
 * next key come first. While nothing has settled yet, the value shows at once.
 * Drawn as a transition: a key pressed while the panel is being drawn is
 * handled first, and the panel's drawing starts again after it.
 */
export function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => afterInputPause(ms, () => startTransition(() => setSettled(value))), [value, ms]);
  return settled ?? value;
}
