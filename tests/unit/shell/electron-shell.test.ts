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
  /** What the page answers: the part's 個票 drawn (or a number set by the test). */
  drawn: number | null = null;
  scripts: string[] = [];
  executeJavaScript = vi.fn(async (code: string) => {
    this.scripts.push(code);
    const part = JSON.parse(/__gyokakuPrintPart\((.*)\)$/s.exec(code)![1]!) as {
      options: { itemIds: number[] };
    };
    return { items: this.drawn ?? part.options.itemIds.length };
  });
  printToPDF = vi.fn(async () => Buffer.from('%PDF-part'));
}

vi.mock('electron', () => {
  class BrowserWindow {
    webContents = new FakeWebContents();
    constructor(options: Record<string, unknown>) {
      created.push({ options, wc: this.webContents, loaded: [] });
    }
    once() {}
    destroyed = false;
    isDestroyed() {
      return this.destroyed;
    }
    destroy() {
      this.destroyed = true;
    }
    loadURL(url: string) {
      created[created.length - 1]!.loaded.push(url);
      return Promise.resolve();
    }
  }
  return { BrowserWindow };
});

const { createMainWindow, hardenSession, openPrintWindow } =
  await import('../../../electron/window');

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

describe('a print window (mocked electron)', () => {
  beforeEach(() => {
    created.length = 0;
  });
  const part = (itemIds: number[]) => ({
    options: {
      kind: 'item' as const,
      planId: 1,
      fiscalYear: 2027,
      roundId: null,
      priorityIds: [],
      sectionIds: [],
      itemIds,
      paper: 'A4' as const,
      orientation: 'portrait' as const,
      documentNo: '',
      meeting: '',
      meetingDate: '',
      marking: '',
    },
    madeOn: '2027-06-01T00:00:00.000Z',
  });

  it('is hidden, as locked down as the main window, and loads the app page in print-window mode', () => {
    openPrintWindow({ preloadPath: '/x/preload.cjs', devTools: false });
    const w = created[0]!;
    expect(w.options.show).toBe(false);
    expect(w.options.webPreferences).toMatchObject({
      preload: '/x/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      backgroundThrottling: false,
    });
    expect(w.loaded).toEqual(['app://gyokaku/index.html?print-window']);
    expect(w.wc.openHandler!({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    const away = navEvent();
    w.wc.handlers.get('will-navigate')!(away, 'https://example.com/');
    expect(away.preventDefault).toHaveBeenCalled();
  });

  it('draws the part it is given, then prints it with the CSS page size; closing destroys the window', async () => {
    const pw = openPrintWindow({ preloadPath: '/x/preload.cjs', devTools: false });
    const w = created[0]!;
    const pdf = await pw.printer.print(part([3, 1, 2]));
    expect(Buffer.from(pdf).toString()).toBe('%PDF-part');
    expect(w.wc.scripts).toHaveLength(1);
    expect(w.wc.scripts[0]).toContain('"itemIds":[3,1,2]');
    expect(w.wc.printToPDF).toHaveBeenCalledWith({
      preferCSSPageSize: true,
      printBackground: true,
    });
    pw.close();
    pw.close();
  });

  it('draws the first part ahead while the dialog is open; the print waits for it, then draws and prints', async () => {
    const pw = openPrintWindow({ preloadPath: '/x/preload.cjs', devTools: false });
    const w = created[0]!;
    pw.warm(part([3, 1, 2]));
    const pdf = await pw.printer.print(part([3, 1, 2]));
    expect(Buffer.from(pdf).toString()).toBe('%PDF-part');
    expect(w.wc.scripts).toHaveLength(2);
    expect(w.wc.scripts.every((s) => s.includes('"itemIds":[3,1,2]'))).toBe(true);
    expect(w.wc.printToPDF).toHaveBeenCalledTimes(1);
    // a failed warm-up is not the print's failure
    const again = openPrintWindow({ preloadPath: '/x/preload.cjs', devTools: false });
    const w2 = created[1]!;
    w2.wc.executeJavaScript.mockRejectedValueOnce(new Error('page gone'));
    again.warm(part([1]));
    expect(Buffer.from(await again.printer.print(part([1]))).toString()).toBe('%PDF-part');
  });

  it('refuses a part drawn with fewer 個票 than asked (items deleted meanwhile): nothing printed', async () => {
    const pw = openPrintWindow({ preloadPath: '/x/preload.cjs', devTools: false });
    const w = created[0]!;
    w.wc.drawn = 2;
    await expect(pw.printer.print(part([3, 1, 2]))).rejects.toThrow(
      /印刷中に改革項目が変わりました.*もう一度「PDF に保存」/,
    );
    expect(w.wc.printToPDF).not.toHaveBeenCalled();
  });
});
