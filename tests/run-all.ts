import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * `npm test`: unit tests (vitest), then the system check, the build and the
 * e2e tests (Playwright against the browser host), then one closing line
 * "N passed, N failed" over both.
 */
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gyokaku-tests-'));
const unitJson = path.join(tmp, 'unit.json');
const e2eJson = path.join(tmp, 'e2e.json');
const only = process.argv[2] as 'unit' | 'e2e' | undefined;

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): number {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

let passed = 0;
let failed = 0;
let status = 0;

// Missing system packages are named (with the install command) before anything runs.
if (run(npx, ['tsx', 'tests/e2e/check-system.ts']) !== 0) {
  console.log('0 passed, 1 failed');
  process.exit(1);
}

if (only !== 'e2e') {
  status |= run(npx, [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${unitJson}`,
  ]);
  if (fs.existsSync(unitJson)) {
    const r = JSON.parse(fs.readFileSync(unitJson, 'utf8')) as {
      numPassedTests: number;
      numFailedTests: number;
    };
    passed += r.numPassedTests;
    failed += r.numFailedTests;
  } else failed += 1;
}

if (only !== 'unit') {
  const prep = run('npm', ['run', '--silent', 'build']);
  if (prep !== 0) {
    status |= prep;
    failed += 1;
  } else {
    status |= run(npx, ['playwright', 'test', '--reporter=list,json'], {
      PLAYWRIGHT_JSON_OUTPUT_FILE: e2eJson,
    });
    if (fs.existsSync(e2eJson)) {
      const r = JSON.parse(fs.readFileSync(e2eJson, 'utf8')) as {
        stats: { expected: number; unexpected: number; flaky: number };
      };
      passed += r.stats.expected + r.stats.flaky;
      failed += r.stats.unexpected;
    } else failed += 1;
  }
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(status !== 0 || failed > 0 || passed === 0 ? 1 : 0);
