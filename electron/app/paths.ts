import os from 'node:os';
import path from 'node:path';

export const APP_DIR_NAME = 'gyokaku-desk';
export const STORE_FILE_NAME = 'gyokaku.sqlite3';

/**
 * The per-user data folder, the same one Electron's app.getPath('userData')
 * gives for this app, so the desktop app and the browser host share a store.
 */
export function defaultUserDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = os.homedir(),
): string {
  if (platform === 'win32') return path.win32.join(env.APPDATA ?? path.win32.join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', APP_DIR_NAME);
  return path.posix.join(env.XDG_CONFIG_HOME ?? path.posix.join(home, '.config'), APP_DIR_NAME);
}

export function defaultStorePath(userDataDir: string = defaultUserDataDir()): string {
  return path.join(userDataDir, STORE_FILE_NAME);
}
