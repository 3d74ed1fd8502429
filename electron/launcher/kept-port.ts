import { readProfileJson, writeProfileJson } from './profile-file';

/**
 * The port the browser version listens on, kept from one start to the next.
 * What the page itself remembers — the plan opened last, column widths, the
 * PDCA screens' fiscal year, the chosen report — lives in the browser's
 * storage for its address, 127.0.0.1:port: a new port at every start had the
 * browser version forget all of it each morning.
 */
const FILE = 'browser-port.json';

export function keptPort(userDataDir: string): number | null {
  const port = (readProfileJson(userDataDir, FILE) as { port?: unknown } | null)?.port;
  return typeof port === 'number' && Number.isInteger(port) && port > 0 && port <= 65535
    ? port
    : null;
}

export function keepPort(userDataDir: string, port: number): void {
  try {
    writeProfileJson(userDataDir, FILE, { port });
  } catch {
    // an unwritable profile folder costs the page's settings, never the start
  }
}

/** Errors of a port another program holds (or may not be used): another one is taken. */
const PORT_TAKEN = new Set(['EADDRINUSE', 'EACCES', 'EADDRNOTAVAIL']);

/**
 * Listens where the page's settings are: on the port given (`--port`, never
 * remembered), else on the port of the last start, else — the first start,
 * or that port now held by another program — on a free one, kept for next
 * time. When the one holding it is another of the user's own hosts (a second
 * data file opened beside the first), the free port is for this start only.
 */
export async function listenOnKeptPort<T extends { port: number }>(
  userDataDir: string,
  given: number | null,
  listen: (port: number) => Promise<T>,
  heldByOwnHost: (port: number) => boolean = () => false,
): Promise<T> {
  if (given !== null) return listen(given);
  const kept = keptPort(userDataDir);
  let server: T | null = null;
  if (kept !== null) {
    try {
      server = await listen(kept);
    } catch (e) {
      if (!PORT_TAKEN.has((e as NodeJS.ErrnoException).code ?? '')) throw e;
    }
  }
  if (server) return server;
  server = await listen(0);
  if (kept === null || !heldByOwnHost(kept)) keepPort(userDataDir, server.port);
  return server;
}
