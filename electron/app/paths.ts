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
  // Tests and portable setups keep the recently used list and config elsewhere.
  if (env.GYOKAKU_USER_DATA) return path.resolve(env.GYOKAKU_USER_DATA);
  if (platform === 'win32')
    return path.win32.join(
      env.APPDATA ?? path.win32.join(home, 'AppData', 'Roaming'),
      APP_DIR_NAME,
    );
  if (platform === 'darwin')
    return path.posix.join(home, 'Library', 'Application Support', APP_DIR_NAME);
  return path.posix.join(env.XDG_CONFIG_HOME ?? path.posix.join(home, '.config'), APP_DIR_NAME);
}

export function defaultStorePath(userDataDir: string = defaultUserDataDir()): string {
  return path.join(userDataDir, STORE_FILE_NAME);
}

export const CONFIG_FILE_NAME = 'config.json';

/**
 * Where the store lives, first match wins: --db on the command line, the
 * GYOKAKU_DB environment variable, the file staff opened last (「データファイル」
 * screen; if it still exists), "storePath" in config.json in the user data
 * folder (set by IT for a shared drive), then the user data folder itself.
 */
export function resolveStorePath(input: {
  cliPath: string | null;
  env: NodeJS.ProcessEnv;
  userDataDir: string;
  readConfig: (file: string) => string | null;
  lastOpened?: string | null;
}): string {
  if (input.cliPath) return path.resolve(input.cliPath);
  if (input.env.GYOKAKU_DB) return path.resolve(input.env.GYOKAKU_DB);
  if (input.lastOpened) return input.lastOpened;
  const raw = input.readConfig(path.join(input.userDataDir, CONFIG_FILE_NAME));
  if (raw) {
    try {
      const cfg = JSON.parse(raw) as { storePath?: unknown };
      if (typeof cfg.storePath === 'string' && cfg.storePath.trim()) {
        return path.resolve(input.userDataDir, cfg.storePath.trim());
      }
    } catch {
      // A broken config.json must not stop the app: fall back to the default.
    }
  }
  return defaultStorePath(input.userDataDir);
}

/** The value of --db from an argv (Electron passes its own flags too, which are ignored). */
export function dbArgument(argv: readonly string[]): string | null {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--db') return argv[i + 1] ?? null;
    if (a.startsWith('--db=')) return a.slice(5) || null;
  }
  return null;
}
