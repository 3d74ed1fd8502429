import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import os from 'node:os';
import { defaultUserDataDir, resolveStorePath } from '../app/paths';
import { openSession } from '../data-files/session';
import { lastOpened, readRecent } from '../data-files/recent';
import { StoreError } from '../db/store-error';
import { startHostServer } from '../host/server';
import { UsageError, parseLaunchArgs } from './args';
import { RENDERER_BUILD, buildIfNeeded } from './build-if-needed.mjs';
import { findElectronBinary } from './electron-binary';
import { listenOnKeptPort } from './kept-port';
import { portOfRunningHost, recordRunningHost, runningHostFor } from './running-hosts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const RENDERER_SOURCES = RENDERER_BUILD.sources;

function openInBrowser(url: string): void {
  const [cmd, args] =
    process.platform === 'win32'
      ? ['cmd', ['/c', 'start', '""', url]]
      : process.platform === 'darwin'
        ? ['open', [url]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(cmd, args as string[], { stdio: 'ignore', detached: true });
    child.on('error', () =>
      console.error(
        'ブラウザを自動で開けませんでした。上のアドレスをブラウザに貼り付けて開いてください。',
      ),
    );
    child.unref();
  } catch {
    console.error(
      'ブラウザを自動で開けませんでした。上のアドレスをブラウザに貼り付けて開いてください。',
    );
  }
}

async function startBrowserHost(args: ReturnType<typeof parseLaunchArgs>): Promise<void> {
  buildIfNeeded(ROOT, RENDERER_BUILD.script, RENDERER_BUILD.output, RENDERER_SOURCES);
  const userDataDir = defaultUserDataDir();
  const storePath = resolveStorePath({
    cliPath: args.db,
    env: process.env,
    userDataDir,
    readConfig: (f) => (fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : null),
    lastOpened: lastOpened(userDataDir),
  });
  // Typed paths reach only the user's own folders and those the app was pointed at.
  const allowedFolders = [
    ...new Set([
      os.homedir(),
      userDataDir,
      path.dirname(storePath),
      ...readRecent(userDataDir).map((e) => path.dirname(e.path)),
    ]),
  ];
  const running = runningHostFor(userDataDir, storePath);
  if (running) {
    console.error(
      `このデータファイル（${storePath}）は、すでに起動している行革デスクで開かれています。次のアドレスをブラウザで開いてください（閉じたタブもここから開き直せます）。`,
    );
    console.log(running);
    if (args.open) openInBrowser(running);
    return;
  }
  const session = openSession({ storePath, userDataDir, host: 'browser', allowedFolders });
  const state = session.state();
  if (state.mode !== 'normal') console.error(state.problem);
  const host = await listenOnKeptPort(
    userDataDir,
    args.port,
    (port) =>
      startHostServer({
        handlers: session.handlers,
        rendererDir: path.join(ROOT, 'dist', 'renderer'),
        port,
        dispatchOptions: { log: (m, e) => console.error(m, e) },
      }),
    (port) => portOfRunningHost(userDataDir, port),
  );
  const forget = recordRunningHost(userDataDir, storePath, host.url);
  process.on('exit', forget);
  console.error(`データファイル: ${storePath}`);
  // The URL alone on its line: scripts and tests read it from stdout.
  console.log(host.url);
  console.error('終了するには Ctrl+C を押してください。');
  if (args.open) openInBrowser(host.url);
  const stop = () => {
    void host.close().finally(() => {
      session.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

function startElectron(binary: string, argv: string[]): void {
  buildIfNeeded(ROOT, 'build', 'dist/electron/main.cjs', [
    ...RENDERER_SOURCES,
    'electron',
    'vite.electron.config.ts',
  ]);
  const child = spawn(binary, [ROOT, ...argv], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const args = parseLaunchArgs(argv);
  if (args.browser) return startBrowserHost(args);
  const binary = findElectronBinary(process.env, ROOT);
  if (binary) return startElectron(binary, argv);
  console.error(
    'Electron の実行ファイルが見つからないため（閉じたネットワークなど）、同じアプリをブラウザ版で起動します。',
  );
  return startBrowserHost(args);
}

main().catch((e: unknown) => {
  if (e instanceof UsageError || e instanceof StoreError) console.error(e.message);
  else console.error('起動できませんでした:', e instanceof Error ? e.message : e);
  process.exit(1);
});
