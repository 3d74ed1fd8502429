import { BrowserWindow } from 'electron';
import type { Session, WebContents } from 'electron';
import { AppError } from '../shared/errors';
import type { PartDrawn, PrintPart } from '../shared/reports/print-job';
import { PRINT_WINDOW_QUERY } from '../shared/reports/print-job';
import type { PartPrinter } from './reports/print-parts';
import {
  APP_ORIGIN,
  isAllowedDownload,
  isAllowedNavigation,
  isPermissionAllowed,
  mainWindowOptions,
} from './security/policy';

/** Locks a session down: no permissions beyond the allow-list, no downloads but the app's own files. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_wc, permission, callback) =>
    callback(isPermissionAllowed(permission)),
  );
  session.setPermissionCheckHandler((_wc, permission) => isPermissionAllowed(permission));
  session.on('will-download', (event, item) => {
    if (!isAllowedDownload(item.getURL())) event.preventDefault();
  });
}

export interface MainWindowInput {
  preloadPath: string;
  iconPath?: string;
  devTools: boolean;
}

/** Only app:// pages, no new windows, no webviews: for every window of the app. */
function keepToApp(wc: WebContents): void {
  wc.setWindowOpenHandler(() => ({ action: 'deny' }));
  wc.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url)) event.preventDefault();
  });
  wc.on('will-redirect', (event, url) => {
    if (!isAllowedNavigation(url)) event.preventDefault();
  });
  wc.on('will-attach-webview', (event) => event.preventDefault());
}

/**
 * The app window. It shows only app:// pages: navigation elsewhere and new
 * windows are refused, and no URL is handed to the OS browser either.
 */
export function createMainWindow(input: MainWindowInput): BrowserWindow {
  const win = new BrowserWindow(mainWindowOptions(input));
  keepToApp(win.webContents);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}

export interface PrintWindow {
  printer: PartPrinter;
  /**
   * Draws a part ahead of its print (while the user chooses where to save):
   * the report's data read and the drawing code run once, so the print
   * itself starts warm. A failure here is left to the print to meet.
   */
  warm(part: PrintPart): void;
  close(): void;
}

/**
 * A hidden window that prints parts of a long report: the app's own page in
 * print-window mode, locked down as the main window is (same preload, same
 * sandbox, same navigation rules). It draws each part it is asked for, says
 * how many 個票 it drew, and Chromium prints it with the CSS page size.
 */
export function openPrintWindow(input: MainWindowInput): PrintWindow {
  const options = mainWindowOptions(input);
  const win = new BrowserWindow({
    ...options,
    show: false,
    // never shown: its timers and tasks run at full speed all the same
    webPreferences: { ...options.webPreferences, backgroundThrottling: false },
  });
  const wc = win.webContents;
  keepToApp(wc);
  const loaded = win.loadURL(`${APP_ORIGIN}/index.html?${PRINT_WINDOW_QUERY}`);
  // a window closed before it loaded (the save dialog cancelled) is not an error;
  // a print still awaits the load and fails with it
  loaded.catch(() => undefined);
  const draw = (part: PrintPart) =>
    wc.executeJavaScript(
      `window.__gyokakuPrintPart(${JSON.stringify(part)})`,
    ) as Promise<PartDrawn>;
  let warming: Promise<unknown> = Promise.resolve();
  return {
    warm(part) {
      warming = loaded.then(() => draw(part)).catch(() => undefined);
    },
    printer: {
      async print(part: PrintPart) {
        await loaded;
        await warming;
        const drawn = await draw(part);
        if (drawn?.items !== part.options.itemIds.length)
          throw new AppError(
            'CONFLICT',
            '印刷中に改革項目が変わりました（削除された項目があります）。PDF は保存していません。もう一度「PDF に保存」を押してください。',
          );
        return wc.printToPDF({ preferCSSPageSize: true, printBackground: true });
      },
    },
    close: () => {
      if (!win.isDestroyed()) win.destroy();
    },
  };
}
