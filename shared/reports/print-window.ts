/**
 * The app page opened with this query string is a print window: it draws the
 * parts of a report it is given, nothing else. (A module of its own, without
 * zod: the page's first module reads it before anything else loads.)
 */
export const PRINT_WINDOW_QUERY = 'print-window';

export function isPrintWindow(search: string): boolean {
  return new URLSearchParams(search).has(PRINT_WINDOW_QUERY);
}
