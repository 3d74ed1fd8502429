import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, ipcMain, net, protocol, session } from 'electron';
import { dbArgument, resolveStorePath } from './app/paths';
import { openSession } from './data-files/session';
import type { Session } from './data-files/session';
import { lastOpened } from './data-files/recent';
import { dispatch } from './ipc/dispatch';
import { withDesktopPrinting } from './print';
import {
  APP_HOST,
  APP_SCHEME,
  IPC_CHANNEL,
  isTrustedSender,
  resolveAsset,
} from './security/policy';
import { chooseDataFile, showStartupError } from './dialogs';
import { createMainWindow, hardenSession, openPrintWindow } from './window';

// The browser host and the desktop app share one data folder.
app.setPath('userData', path.join(app.getPath('appData'), 'gyokaku-desk'));

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

if (!app.requestSingleInstanceLock()) {
  // A second start focuses the first window instead of opening the store twice.
  app.quit();
} else {
  let dataFiles: Session | null = null;
  let mainWindow: Electron.BrowserWindow | null = null;

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });

  void app.whenReady().then(() => {
    const rendererDir = path.join(__dirname, '..', 'renderer');
    protocol.handle(APP_SCHEME, (request) => {
      const url = new URL(request.url);
      const file = url.host === APP_HOST ? resolveAsset(rendererDir, url.pathname) : null;
      if (!file || !fs.existsSync(file)) return new Response('見つかりません', { status: 404 });
      return net.fetch(pathToFileURL(file).toString());
    });
    hardenSession(session.defaultSession);

    const userDataDir = app.getPath('userData');
    const storePath = resolveStorePath({
      cliPath: dbArgument(process.argv),
      env: process.env,
      userDataDir,
      readConfig: (f) => (fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : null),
      lastOpened: lastOpened(userDataDir),
    });
    try {
      // A file that cannot be opened leaves the app running with recovery offered.
      dataFiles = openSession({
        storePath,
        userDataDir,
        host: 'electron',
        allowedFolders: null,
        choose: (purpose) =>
          chooseDataFile(purpose, mainWindow, path.dirname(dataFiles?.state().path ?? storePath)),
      });
    } catch (e) {
      showStartupError(`データファイルを開けません: ${(e as Error).message}`);
      app.exit(1);
      return;
    }
    const windowInput = {
      preloadPath: path.join(__dirname, 'preload.cjs'),
      devTools: !app.isPackaged,
    };
    const handlers = withDesktopPrinting(dataFiles.handlers, {
      sender: () => mainWindow?.webContents ?? null,
      openPrintWindow: () => openPrintWindow(windowInput),
    });
    ipcMain.handle(IPC_CHANNEL, async (event, channel: unknown, payload: unknown) => {
      const frame = event.senderFrame;
      if (!frame || !isTrustedSender(frame.url, frame === event.sender.mainFrame)) {
        return {
          ok: false,
          error: { code: 'FORBIDDEN', message: '許可されていない画面からの操作です。' },
        };
      }
      return dispatch(handlers, typeof channel === 'string' ? channel : '', payload, {
        log: (m, err) => console.error(m, err),
      });
    });

    mainWindow = createMainWindow(windowInput);
    mainWindow.on('closed', () => (mainWindow = null));
  });

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => dataFiles?.close());
}
