/**
 * Runs saves one after another. Typing through the cells of one row sends
 * several saves before the first answer is back; each must carry the revision
 * the previous one produced, so they go in order and read the revision when
 * they leave, not when they were queued. With nothing waiting, a save starts
 * at once, in the caller's own turn: a typed cell leaves before the page
 * draws it, and the store saves while the page paints.
 */
export function serialQueue() {
  let tail: Promise<unknown> = Promise.resolve();
  let waiting = 0;
  return function enqueue<T>(run: () => Promise<T>): Promise<T> {
    const next = waiting === 0 ? run() : tail.then(run, run);
    waiting++;
    const done = () => {
      waiting--;
    };
    tail = next.then(done, done);
    return next;
  };
}

/**
 * Resolves once the page has painted its next frame (or after 100 ms, for a
 * page in the background, which paints no frames). A save of many cells waits
 * for it, so the cells are shown before the page spends its time sending them.
 */
export function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    const late = setTimeout(resolve, 100);
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(late);
        resolve();
      }, 0),
    );
  });
}
