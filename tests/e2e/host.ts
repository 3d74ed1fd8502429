import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { decodeFrame, FRAME_TYPE } from '../../shared/binary-frame';

const TOKEN_HEADER = 'x-gyokaku-token';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface RunningHost {
  url: string;
  origin: string;
  token: string;
  storePath: string;
  /** The host's process (the bench pins it beside its own floors). */
  pid: number;
  stop(): Promise<void>;
}

/**
 * Starts the browser host as staff do (`npm run start:browser`), on a given
 * store. On any free port, unless `keptPort`: then, as a start without
 * --port, on the port of the last start with the same profile.
 */
export async function startHost(
  storePath?: string,
  options: { keptPort?: boolean } = {},
): Promise<RunningHost> {
  const db =
    storePath ??
    path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gyokaku-e2e-')), 'gyokaku.sqlite3');
  const child: ChildProcess = spawn(
    process.execPath,
    [
      // as `npm run start:browser` does: the prebuilt launcher when it is fresh
      path.join(ROOT, 'electron', 'launcher', 'run.mjs'),
      '--browser',
      '--db',
      db,
      ...(options.keptPort ? [] : ['--port', '0']),
      '--no-open',
    ],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      // the recently used list of each run stays beside its store, not in the real profile
      env: { ...process.env, GYOKAKU_USER_DATA: path.join(path.dirname(db), 'profile') },
    },
  );
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start:\n${stderr}`)), 60_000);
    const rl = readline.createInterface({ input: child.stdout! });
    rl.on('line', (line) => {
      if (line.startsWith('http://127.0.0.1:')) {
        clearTimeout(timer);
        resolve(line.trim());
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`host exited with ${code}:\n${stderr}`));
    });
  });
  const u = new URL(url);
  return {
    url,
    origin: u.origin,
    token: u.hash.replace('#token=', ''),
    storePath: db,
    pid: child.pid!,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * A call to the running host's API as the page makes it (with the run's
 * token); files come back as bytes. Throws with the Japanese message when the
 * call is refused.
 */
export async function callApi<T>(
  page: Page,
  host: RunningHost,
  channel: string,
  data: unknown,
): Promise<T> {
  const res = await page.request.post(`${host.origin}/api/${channel}`, {
    headers: { [TOKEN_HEADER]: host.token },
    data,
  });
  const env = (
    (res.headers()['content-type'] ?? '').startsWith(FRAME_TYPE)
      ? decodeFrame(new Uint8Array(await res.body()))
      : await res.json()
  ) as { ok: boolean; value: T; error?: { message: string } };
  if (!env.ok) throw new Error(env.error?.message);
  return env.value;
}

/**
 * The app opened with the PDCA screens on fiscal year `fy` (kept in the
 * page's storage, as the year picker keeps it), the plan grid loaded.
 */
export async function openAtFiscalYear(page: Page, host: RunningHost, fy: number): Promise<void> {
  await page.goto(host.url);
  await page.locator('[data-row-key="i1"]').waitFor();
  await page.evaluate((y) => localStorage.setItem('gyokaku.pdca.fiscalYear', String(y)), fy);
  await page.reload();
  await page.locator('[data-row-key="i1"]').waitFor();
}
