import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import config from '../../playwright.config';
import { startHost } from './host';

/**
 * `npm run docs:screenshots`: the screens the README shows, taken from the
 * browser host on a fresh store with the sample plan.
 */
const out = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'docs',
  'screenshots',
);
const host = await startHost();
const browser = await chromium.launch(config.use!.launchOptions);
try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 950 }, locale: 'ja-JP' });
  await page.goto(host.url);
  await page.locator('tr.item-row').first().waitFor();
  await page.screenshot({ path: path.join(out, 'main.png') });
  await page.locator('tr.item-row', { hasText: 'キャッシュレス決済の導入' }).click();
  await page.getByRole('complementary').waitFor();
  await page.screenshot({ path: path.join(out, 'item-detail.png') });
  console.log(`screenshots written to ${out}`);
} finally {
  await browser.close();
  await host.stop();
}
