import path from 'node:path';

/**
 * Security decisions as pure functions: the Electron shell and the browser host
 * apply them, and unit tests assert them without an Electron binary.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'gyokaku';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const IPC_CHANNEL = 'gyokaku:invoke';

/** No remote content of any kind; scripts and styles only from the app itself. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "worker-src 'none'",
  "manifest-src 'none'",
].join('; ');

/** Over HTTP (browser host) the header adds what a <meta> CSP cannot carry. */
export const CONTENT_SECURITY_POLICY_HEADER = `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`;

export interface WindowOptionsInput {
  preloadPath: string;
  iconPath?: string;
  devTools: boolean;
}

/** BrowserWindow options for the main window (typed loosely so this file needs no electron import). */
export function mainWindowOptions(input: WindowOptionsInput) {
  return {
    title: '行革デスク',
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 680,
    show: false,
    backgroundColor: '#f6f7f9',
    autoHideMenuBar: false,
    ...(input.iconPath ? { icon: input.iconPath } : {}),
    webPreferences: {
      preload: input.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: input.devTools,
    },
  } as const;
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** The app's own pages only; every other navigation is refused. */
export function isAppUrl(url: string): boolean {
  const u = parse(url);
  return (
    !!u && u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && !u.username && !u.password
  );
}

export function isAllowedNavigation(url: string): boolean {
  return isAppUrl(url);
}

/**
 * The only permissions granted: writing sanitized text to the clipboard (copy
 * from the grid), and writing into a folder the user picked in the native
 * folder dialog (照会ファイル for every section at once).
 */
export function isPermissionAllowed(permission: string): boolean {
  return permission === 'clipboard-sanitized-write' || permission === 'fileSystem';
}

/**
 * Downloads are files the app itself made (workbooks, CSV) handed over as
 * blob: URLs of the app's own origin; Electron then asks where to save them.
 * Anything else is refused.
 */
export function isAllowedDownload(url: string): boolean {
  return url.startsWith(`blob:${APP_ORIGIN}/`);
}

/** IPC is answered only for the app's own top frame. */
export function isTrustedSender(
  frameUrl: string | undefined | null,
  isMainFrame: boolean,
): boolean {
  return isMainFrame && !!frameUrl && isAppUrl(frameUrl);
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
};

export function mimeTypeOf(file: string): string {
  return MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps a request path to a file inside the renderer folder, or null for any
 * path that would leave it (../, encoded separators, absolute paths).
 */
export function resolveAsset(rendererDir: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split(/[?#]/)[0] ?? '/');
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const rel = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const root = path.resolve(rendererDir);
  const full = path.resolve(root, rel);
  if (full !== root && !full.startsWith(root + path.sep)) return null;
  return full;
}
