import { beforeEach, describe, expect, it, vi } from 'vitest';

/**
 * The Electron binary cannot run here, so the shell is tested against a
 * mocked `electron` module: what it asks Electron to do is what we assert.
 */
const created: { options: Record<string, unknown>; wc: FakeWebContents; loaded: string[] }[] = [];

class FakeWebContents {
  handlers = new Map<string, (...args: unknown[]) => void>();
  openHandler: ((d: { url: string }) => { action: string }) | null = null;
  on(event: string, fn: (...args: unknown[]) => void) {
    this.handlers.set(event, fn);
    return this;
  }
  setWindowOpenHandler(fn: (d: { url: string }) => { action: string }) {
    this.openHandler = fn;
  }
}

vi.mock('electron', () => {
  class BrowserWindow {
    webContents = new FakeWebContents();
    constructor(options: Record<string, unknown>) {
      created.push({ options, wc: this.webContents, loaded: [] });
    }
    once() {}
    loadURL(url: string) {
      created[created.length - 1]!.loaded.push(url);
      return Promise.resolve();
    }
  }
  return { BrowserWindow };
});

const { createMainWindow, hardenSession } = await import('../../../electron/window');

function navEvent() {
  return { preventDefault: vi.fn() };
}

describe('the main window (mocked electron)', () => {
  beforeEach(() => {
    created.length = 0;
  });

  it('is created with the secure options and loads the app scheme', () => {
    createMainWindow({ preloadPath: '/x/preload.cjs', devTools: false });
    const w = created[0]!;
    expect(w.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    expect(w.loaded).toEqual(['app://gyokaku/index.html']);
  });

  it('denies every new window and navigation away from the app', () => {
    createMainWindow({ preloadPath: '/x/preload.cjs', devTools: false });
    const wc = created[0]!.wc;
    expect(wc.openHandler!({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    expect(wc.openHandler!({ url: 'app://gyokaku/index.html' })).toEqual({ action: 'deny' });
    const away = navEvent();
    wc.handlers.get('will-navigate')!(away, 'https://example.com/');
    expect(away.preventDefault).toHaveBeenCalled();
    const redirect = navEvent();
    wc.handlers.get('will-redirect')!(redirect, 'http://10.0.0.1/');
    expect(redirect.preventDefault).toHaveBeenCalled();
    const inside = navEvent();
    wc.handlers.get('will-navigate')!(inside, 'app://gyokaku/index.html');
    expect(inside.preventDefault).not.toHaveBeenCalled();
    const webview = navEvent();
    wc.handlers.get('will-attach-webview')!(webview);
    expect(webview.preventDefault).toHaveBeenCalled();
  });

  it('hardens the session: permissions denied, downloads cancelled unless the app made the file', () => {
    let request: ((wc: unknown, p: string, cb: (ok: boolean) => void) => void) | null = null;
    let check: ((wc: unknown, p: string) => boolean) | null = null;
    const on = vi.fn();
    hardenSession({
      setPermissionRequestHandler: (fn: typeof request) => (request = fn),
      setPermissionCheckHandler: (fn: typeof check) => (check = fn),
      on,
    } as never);
    const answers: boolean[] = [];
    request!(null, 'media', (ok) => answers.push(ok));
    request!(null, 'geolocation', (ok) => answers.push(ok));
    request!(null, 'clipboard-sanitized-write', (ok) => answers.push(ok));
    expect(answers).toEqual([false, false, true]);
    expect(check!(null, 'notifications')).toBe(false);
    expect(on).toHaveBeenCalledWith('will-download', expect.any(Function));
    const handler = on.mock.calls[0]![1] as (e: unknown, item: { getURL(): string }) => void;
    const foreign = navEvent();
    handler(foreign, { getURL: () => 'https://example.com/x.xlsx' });
    expect(foreign.preventDefault).toHaveBeenCalled();
    const own = navEvent();
    handler(own, { getURL: () => 'blob:app://gyokaku/0b1c' });
    expect(own.preventDefault).not.toHaveBeenCalled();
  });
});
