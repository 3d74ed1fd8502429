import { chromium } from '@playwright/test';
import type { Recorder } from './run';
import config from '../playwright.config';
import { startHost } from '../tests/e2e/host';
import { REPEATS, median } from './peer-grids/run-peers';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  LAUNCHER_BUILD,
  RENDERER_BUILD,
  buildIfNeeded,
} from '../electron/launcher/build-if-needed.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Cold start as staff meet it: from `npm start` (built, browser host) on a
 * new data file to the sample plan's first row shown in the browser. Each
 * repetition is a new process and a new file, so the sample plan is written
 * each time; the browser is already running, as a staff PC's is.
 */
export async function coldStartBench(record: Recorder): Promise<void> {
  // The start as installed: built first when a source changed since the last
  // build. A stale launcher is compiled as it loads, a stale renderer rebuilt
  // by the first start (12月7日: 2,753 ms with a stale launcher, 1,672 ms built).
  for (const b of [RENDERER_BUILD, LAUNCHER_BUILD])
    buildIfNeeded(ROOT, b.script, b.output, b.sources);
  const browser = await chromium.launch({ ...config.use!.launchOptions });
  const times: number[] = [];
  try {
    for (let r = 0; r < REPEATS; r++) {
      const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
      const t0 = performance.now();
      const host = await startHost();
      try {
        await page.goto(host.url);
        await page.locator('[data-row-key="i1"] [data-col="name"]').waitFor();
        times.push(performance.now() - t0);
      } finally {
        await page.close();
        await host.stop();
      }
    }
  } finally {
    await browser.close();
  }
  record(
    'app.coldStart',
    '起動（npm start のブラウザ版、新しいデータファイル）→見本の計画が表示されるまで 中央値',
    median(times),
    'ms',
    1500,
    'lower',
    { spread: times },
  );
}
