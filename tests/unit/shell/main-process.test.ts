import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../helpers';

/**
 * Boots electron/main.ts against a mocked `electron` and drives what the real
 * one would: app ready, an IPC call from a trusted and an untrusted frame.
 */
interface Booted {
  ipc: Map<string, (event: unknown, ...args: unknown[]) => unknown>;
  app: Record<string, ReturnType<typeof vi.fn>> & {
    events: Map<string, (...a: unknown[]) => void>;
  };
  errorBoxes: [string, string][];
  windows: unknown[];
  schemes: unknown[];
}

async function boot(opts: { lock: boolean; userData: string; argv: string[] }): Promise<Booted> {
  vi.resetModules();
  const ipc = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  const events = new Map<string, (...a: unknown[]) => void>();
  const errorBoxes: [string, string][] = [];
  const windows: unknown[] = [];
  const schemes: unknown[] = [];
  let ready!: () => void;
  const whenReady = new Promise<void>((r) => (ready = r));
  const app = {
    events,
    setPath: vi.fn(),
    getPath: vi.fn((name: string) =>
      name === 'appData' ? path.dirname(opts.userData) : opts.userData,
    ),
    requestSingleInstanceLock: vi.fn(() => opts.lock),
    quit: vi.fn(),
    exit: vi.fn(),
    whenReady: vi.fn(() => whenReady),
    on: vi.fn((e: string, fn: (...a: unknown[]) => void) => events.set(e, fn)),
    isPackaged: false,
  };
  class BrowserWindow {
    webContents = { on: vi.fn(), setWindowOpenHandler: vi.fn() };
    constructor(o: unknown) {
      windows.push(o);
    }
    once() {}
    on() {}
    loadURL() {
      return Promise.resolve();
    }
  }
  vi.doMock('electron', () => ({
    app,
    BrowserWindow,
    ipcMain: {
      handle: (ch: string, fn: (event: unknown, ...args: unknown[]) => unknown) => ipc.set(ch, fn),
    },
    protocol: { registerSchemesAsPrivileged: (s: unknown) => schemes.push(s), handle: vi.fn() },
    net: { fetch: vi.fn() },
    session: {
      defaultSession: {
        setPermissionRequestHandler: vi.fn(),
        setPermissionCheckHandler: vi.fn(),
        on: vi.fn(),
      },
    },
    dialog: { showErrorBox: (t: string, m: string) => errorBoxes.push([t, m]) },
  }));
  const argv = process.argv;
  process.argv = ['electron', '.', ...opts.argv];
  try {
    await import('../../../electron/main');
    ready();
    await whenReady;
    await new Promise((r) => setTimeout(r, 0));
  } finally {
    process.argv = argv;
  }
  return { ipc, app: app as unknown as Booted['app'], errorBoxes, windows, schemes };
}

afterEach(() => {
  // close the store the booted main process opened
  for (const fn of openQuitHandlers.splice(0)) fn();
  vi.doUnmock('electron');
});
const openQuitHandlers: (() => void)[] = [];

describe('electron/main.ts (mocked electron)', () => {
  it('quits at once when another instance holds the single-instance lock', async () => {
    const dir = tempDir();
    const b = await boot({ lock: false, userData: path.join(dir, 'ud'), argv: [] });
    expect(b.app.requestSingleInstanceLock).toHaveBeenCalled();
    expect(b.app.quit).toHaveBeenCalled();
    expect(b.ipc.size).toBe(0);
    expect(b.windows).toHaveLength(0);
  });

  it('opens the store from --db, registers the app scheme and answers IPC only from the app frame', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'data', 'store.sqlite3');
    const b = await boot({ lock: true, userData: path.join(dir, 'ud'), argv: [`--db=${db}`] });
    openQuitHandlers.push(() => b.app.events.get('will-quit')?.());
    expect(fs.existsSync(db)).toBe(true);
    expect(b.schemes).toEqual([
      [{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }],
    ]);
    expect(b.windows).toHaveLength(1);
    const handle = b.ipc.get('gyokaku:invoke')!;
    const mainFrame = { url: 'app://gyokaku/index.html' };
    const trusted = { senderFrame: mainFrame, sender: { mainFrame } };
    await expect(handle(trusted, 'plans.list', {})).resolves.toMatchObject({
      ok: true,
      value: [{ itemCount: 37 }],
    });
    const evilFrame = { url: 'https://example.com/' };
    await expect(
      handle({ senderFrame: evilFrame, sender: { mainFrame: evilFrame } }, 'plans.list', {}),
    ).resolves.toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const subFrame = { url: 'app://gyokaku/index.html' };
    await expect(
      handle({ senderFrame: subFrame, sender: { mainFrame } }, 'plans.list', {}),
    ).resolves.toMatchObject({ ok: false });
    await expect(handle(trusted, 'plans.get', { planId: 'x' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
  });

  it('a file it cannot open leaves the app running with the problem and recovery on screen, the file untouched', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'broken.sqlite3');
    fs.writeFileSync(db, 'not a database at all');
    const b = await boot({ lock: true, userData: path.join(dir, 'ud'), argv: ['--db', db] });
    openQuitHandlers.push(() => b.app.events.get('will-quit')?.());
    expect(b.errorBoxes).toHaveLength(0);
    expect(b.app.exit).not.toHaveBeenCalled();
    expect(b.windows).toHaveLength(1);
    const handle = b.ipc.get('gyokaku:invoke')!;
    const mainFrame = { url: 'app://gyokaku/index.html' };
    const trusted = { senderFrame: mainFrame, sender: { mainFrame } };
    await expect(handle(trusted, 'files.state', {})).resolves.toMatchObject({
      ok: true,
      value: {
        mode: 'unavailable',
        dialogs: true,
        problem: expect.stringMatching(/ファイルは変更していません/),
      },
    });
    await expect(handle(trusted, 'plans.list', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'STORE' },
    });
    expect(fs.readFileSync(db, 'utf8')).toBe('not a database at all');
  });
});
