import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test } from '@playwright/test';
import { findElectronBinary } from '../../electron/launcher/electron-binary';

/**
 * Runs the real desktop app. Only on machines that have the Electron binary
 * (`npm run test:electron`); CI here cannot download it and does not run this.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

test('the desktop app opens the sample plan with a locked-down renderer', async () => {
  const binary = findElectronBinary(process.env, ROOT);
  expect(binary, 'Electron の実行ファイルがありません').not.toBeNull();
  const db = path.join(
    fs.mkdtempSync(path.join(os.tmpdir(), 'gyokaku-electron-')),
    'gyokaku.sqlite3',
  );
  const app = await electron.launch({ executablePath: binary!, args: [ROOT, `--db=${db}`] });
  try {
    const page = await app.firstWindow();
    await expect(page.locator('tr.item-row')).toHaveCount(37);
    expect(page.url()).toBe('app://gyokaku/index.html');
    const exposed = await page.evaluate(() => ({
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
      bridge: Object.keys(window.gyokaku ?? {}),
    }));
    expect(exposed).toEqual({ require: 'undefined', process: 'undefined', bridge: ['invoke'] });
    await page.evaluate(() => window.open('https://example.com'));
    expect(app.windows()).toHaveLength(1);
  } finally {
    await app.close();
  }
});
