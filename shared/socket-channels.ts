/** Where the browser page opens its socket, and how it names itself and its token. */
export const SOCKET_PATH = '/api/socket';
export const SOCKET_PROTOCOL = 'gyokaku';
/** The token travels as a second offered subprotocol: a page cannot set headers on a WebSocket. */
export const SOCKET_TOKEN_PREFIX = 'token.';

/**
 * The calls the browser page sends over its WebSocket: the edits a user waits
 * on while working in a grid, and the history that follows each. Small going
 * out and coming back. Everything else (a whole plan's items or records, a
 * file) goes over HTTP, which hands a large answer over as it arrives: one
 * 10 MB message on the socket held the page up for 0.4–1.5 s before its
 * first row, against 0.1–0.2 s over HTTP.
 */
export const SOCKET_CHANNELS: ReadonlySet<string> = new Set([
  'items.update',
  'items.updateMany',
  'items.create',
  'items.delete',
  'items.move',
  'items.renumber',
  'items.setInitiatives',
  'items.setAssignments',
  'pdca.records.update',
  'pdca.records.setStatus',
  'kpis.setValues',
  'history.undo',
  'audit.list',
]);
