// Builds the one native module (better-sqlite3) for the Node.js that runs the
// app, before `npm start`, `npm test` and the bench. Plain JavaScript: it runs
// before anything is compiled, and before better-sqlite3 can be loaded.
//
// Why a step of our own: the project's .npmrc turns off dependencies' install
// scripts (no third-party code runs at `npm ci`). better-sqlite3's own script
// would download a prebuilt binary or, failing that, Node's headers — neither
// reachable on a closed network. Here the module is built against the headers
// of the Node.js already installed (Debian's nodejs has them in /usr/include/node),
// offline; only where there are none is a download tried, as npm would.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(path.join(ROOT, 'package.json'));
const NODE = process.versions.node;

/** Loads and opens an in-memory database: the module is there and fits this Node. */
export function nativeWorks() {
  try {
    const Database = require('better-sqlite3');
    new Database(':memory:').close();
    return { ok: true };
  } catch (e) {
    return { ok: false, reason: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * A folder holding this exact Node's headers (include/node/node_version.h of
 * the same version, and common.gypi), or null.
 */
export function localHeaders(env = process.env, execPath = process.execPath) {
  const candidates = [
    env.npm_config_nodedir,
    path.resolve(path.dirname(execPath), '..'),
    '/usr',
    '/usr/local',
  ].filter(Boolean);
  for (const dir of candidates) {
    const inc = path.join(dir, 'include', 'node');
    try {
      const h = fs.readFileSync(path.join(inc, 'node_version.h'), 'utf8');
      const part = (name) => h.match(new RegExp(`#define NODE_${name}_VERSION (\\d+)`))?.[1];
      const version = `${part('MAJOR')}.${part('MINOR')}.${part('PATCH')}`;
      if (version === NODE && fs.existsSync(path.join(inc, 'common.gypi'))) return dir;
    } catch {
      // not here
    }
  }
  return null;
}

/** What is missing to compile C++ here, by the command that installs it. */
function missingTools() {
  if (process.platform === 'win32') return [];
  const has = (cmd) => spawnSync(cmd, ['--version'], { stdio: 'ignore' }).status === 0;
  const missing = [];
  if (!has('python3')) missing.push('python3');
  if (!has('make')) missing.push('make');
  if (!has('g++') && !has('c++')) missing.push('g++');
  return missing;
}

function run(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', shell: process.platform === 'win32' });
  return { ok: r.status === 0, output: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

function fail(lines, output) {
  if (output) {
    console.error('--- 組み立ての記録（最後の部分） ---');
    console.error(output.trim().split('\n').slice(-25).join('\n'));
    console.error('---');
  }
  console.error(lines.join('\n'));
  process.exit(1);
}

function build() {
  let pkgDir;
  try {
    pkgDir = path.dirname(require.resolve('better-sqlite3/package.json'));
  } catch {
    fail([
      'データベース部品（better-sqlite3）が入っていません。',
      'このフォルダーで「npm ci」を実行してから、もう一度実行してください。',
    ]);
  }
  const headers = localHeaders();
  const tools = missingTools();
  if (tools.length > 0)
    fail([
      `データベース部品（better-sqlite3）を組み立てるための道具がありません：${tools.join('、')}`,
      `Debian / Ubuntu では「sudo apt install ${['build-essential', ...tools.filter((t) => t === 'python3')].join(' ')}」で入れてから、もう一度実行してください。`,
    ]);
  console.error(
    `初回のみ：データベース部品（better-sqlite3）を、このパソコンの Node.js ${NODE} に合わせて組み立てています（1〜2分かかります）…`,
  );
  const gyp = require.resolve('node-gyp/bin/node-gyp.js');
  let result;
  if (headers) {
    // The installed Node's own headers: nothing is downloaded.
    result = run(process.execPath, [gyp, 'rebuild', '--release', `--nodedir=${headers}`], pkgDir);
  } else {
    // No headers here: a prebuilt binary, else the headers, from the internet (as npm would).
    const prebuilt = run(
      process.execPath,
      [createRequire(path.join(pkgDir, 'package.json')).resolve('prebuild-install/bin.js')],
      pkgDir,
    );
    result = prebuilt.ok ? prebuilt : run(process.execPath, [gyp, 'rebuild', '--release'], pkgDir);
    if (!result.ok) result.output = `${prebuilt.output}\n${result.output}`;
  }
  if (!result.ok) {
    fail(
      headers
        ? [
            'データベース部品（better-sqlite3）を組み立てられませんでした（上の記録を参照）。',
            process.platform === 'win32'
              ? '「Visual Studio Build Tools」の「C++ によるデスクトップ開発」を入れてから、もう一度実行してください。'
              : 'Debian / Ubuntu では「sudo apt install build-essential python3」を実行してから、もう一度実行してください。',
          ]
        : [
            `この Node.js ${NODE} のヘッダーファイルが見つからず、インターネットからも取得できませんでした。`,
            'Debian / Ubuntu では、Node.js を「sudo apt install nodejs」で入れるとヘッダーも入ります（/usr/include/node）。',
            `公式の Node.js を使う場合は、同じ版のヘッダー（node-v${NODE}-headers.tar.gz）を展開し、そのフォルダーを環境変数 npm_config_nodedir に指定してから、もう一度実行してください。`,
          ],
      result.output,
    );
  }
  const after = nativeWorks();
  if (!after.ok)
    fail(
      [
        'データベース部品（better-sqlite3）を組み立てましたが、読み込めませんでした。',
        '「node_modules」フォルダーを削除し、「npm ci」からやり直してください。',
      ],
      after.reason,
    );
  console.error('データベース部品の準備ができました。');
}

/** Builds better-sqlite3 for this Node unless it already loads; exits with the fix on failure. */
export function ensureNative() {
  if (!nativeWorks().ok) build();
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  ensureNative();
}
