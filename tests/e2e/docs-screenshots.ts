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
  await page.locator('[data-row-key="i1"]').waitFor();
  await page.getByRole('button', { name: '詳細・履歴' }).click();
  await page.screenshot({ path: path.join(out, 'main.png') });
  // the year columns, scrolled into view, with the active cell on a schedule
  await page.locator('.grid-scroll').evaluate((el) => (el.scrollLeft = 420));
  await page.locator('[data-row-key="i7"] [data-col="fy2023"]').click();
  await page.screenshot({ path: path.join(out, 'grid-schedule.png') });
  await page.keyboard.press('F2');
  await page.getByRole('dialog').waitFor();
  await page.screenshot({ path: path.join(out, 'schedule-editor.png') });
  await page.keyboard.press('Escape');
  await page.locator('.grid-scroll').evaluate((el) => (el.scrollLeft = 0));
  await page.getByRole('button', { name: '詳細・履歴' }).click();
  await page.locator('[data-row-key="i3"] [data-col="promotion"]').click();
  await page.getByRole('complementary').waitFor();
  await page.screenshot({ path: path.join(out, 'item-detail.png') });
  await page
    .getByRole('navigation', { name: 'メインメニュー' })
    .getByRole('button', { name: '部・課' })
    .click();
  await page.getByRole('heading', { name: '部・課' }).waitFor();
  await page.screenshot({ path: path.join(out, 'sections.png') });
  console.log(`screenshots written to ${out}`);
} finally {
  await browser.close();
  await host.stop();
}
