// Plain JavaScript: `npm start` (electron/launcher/run.mjs) asks it whether the
// prebuilt launcher is fresh before anything is compiled.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** What `npm start` serves: the renderer, rebuilt at start when stale. */
export const RENDERER_BUILD = {
  script: 'build:renderer',
  output: 'dist/renderer/index.html',
  sources: ['renderer', 'shared', 'vite.config.ts', 'index.html'],
};

/** The prebuilt launcher `npm start` runs when it is fresh (else compiled as it loads). */
export const LAUNCHER_BUILD = {
  script: 'build:electron',
  output: 'dist/electron/launcher.cjs',
  sources: ['electron', 'shared', 'vite.electron.config.ts'],
};

function newestMtime(dir) {
  let newest = 0;
  if (!fs.existsSync(dir)) return 0;
  if (fs.statSync(dir).isFile()) return fs.statSync(dir).mtimeMs;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** True when an output is missing or older than any of the sources it is built from. */
export function isStale(root, output, sources) {
  const out = path.join(root, output);
  if (!fs.existsSync(out)) return true;
  const built = fs.statSync(out).mtimeMs;
  return sources.some((s) => newestMtime(path.join(root, s)) > built);
}

/**
 * Runs `npm run <script>` when its output is stale. The build's own (English)
 * output is kept back and shown only when it fails: a normal start prints just
 * the Japanese lines staff need, and stdout stays clean for the URL line.
 */
export function buildIfNeeded(root, script, output, sources) {
  if (!isStale(root, output, sources)) return;
  console.error(`画面を準備しています（${script}）…`);
  const r = spawnSync(
    process.platform === 'win32' ? 'npm.cmd' : 'npm',
    ['run', '--silent', script],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: process.platform === 'win32',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  if (r.status !== 0) {
    process.stderr.write(r.stdout ?? '');
    process.stderr.write(r.stderr ?? '');
    throw new Error(
      `ビルドに失敗しました（npm run ${script}）。上のメッセージを確認してください。`,
    );
  }
}
