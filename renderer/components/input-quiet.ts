/**
 * Work that follows the user rather than serves them (the detail panel of the
 * row under the cursor, its change history) waits for a pause in their input:
 * drawn between two keys, it would hold up the next key and the cell it
 * types. A key, a click or a paste restarts the wait.
 */
let lastInput = -Infinity;
let listening = false;

function listen(): void {
  if (listening || typeof window === 'undefined') return;
  listening = true;
  const note = () => (lastInput = performance.now());
  for (const type of ['keydown', 'pointerdown', 'paste'] as const)
    window.addEventListener(type, note, { capture: true, passive: true });
}

/** Runs `fn` once `ms` have passed, and no input has come for `ms`. Returns a cancel. */
export function afterInputPause(ms: number, fn: () => void): () => void {
  listen();
  const check = () => {
    const wait = lastInput + ms - performance.now();
    if (wait > 0) {
      timer = setTimeout(check, wait);
      return;
    }
    fn();
  };
  let timer = setTimeout(check, ms);
  return () => clearTimeout(timer);
}
