import { BrowserWindow } from 'electron';
import type { Session } from 'electron';
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

/**
 * The app window. It shows only app:// pages: navigation elsewhere and new
 * windows are refused, and no URL is handed to the OS browser either.
 */
export function createMainWindow(input: MainWindowInput): BrowserWindow {
  const win = new BrowserWindow(mainWindowOptions(input));
  const wc = win.webContents;
  wc.setWindowOpenHandler(() => ({ action: 'deny' }));
  wc.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url)) event.preventDefault();
  });
  wc.on('will-redirect', (event, url) => {
    if (!isAllowedNavigation(url)) event.preventDefault();
  });
  wc.on('will-attach-webview', (event) => event.preventDefault());
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}
