import { useCallback, useLayoutEffect, useRef } from 'react';

/**
 * A function that keeps its identity and always runs the latest `fn`. Handed
 * to a memoised child (the grid), it does not make the child render again
 * each time the parent renders with a new closure (a row selected, a
 * toolbar button enabled).
 */
export function useStableCallback<A extends unknown[], R>(
  fn: (...args: A) => R,
): (...args: A) => R {
  const latest = useRef(fn);
  useLayoutEffect(() => {
    latest.current = fn;
  });
  return useCallback((...args: A) => latest.current(...args), []);
}
