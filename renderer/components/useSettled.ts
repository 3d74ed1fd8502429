import { useEffect, useState } from 'react';

/**
 * The value once it has stayed the same for `ms`. A panel that follows the
 * grid's cursor (an item's detail and history) is drawn when the user pauses,
 * not on every key: typing cell after cell, the cell, its save and the next
 * key come first. While nothing has settled yet, the value shows at once.
 */
export function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled ?? value;
}
