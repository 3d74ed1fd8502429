import { expect, test } from '@playwright/test';
import { startHost } from './host';
import type { RunningHost } from './host';

/**
 * The plan grid starts with the scripts it needs: the committee materials'
 * drawing code (ReportView, and the print window that uses it) loads when
 * 委員会資料 is first opened, not with the app's first script.
 */
let host: RunningHost;
test.beforeAll(async () => {
  host = await startHost();
});
test.afterAll(async () => {
  await host.stop();
});

test('the report drawing code loads when 委員会資料 is opened, not at start', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
  });
  await page.goto(host.url);
  await page.locator('[data-row-key="i1"]').waitFor();
  expect(scripts.some((s) => s.includes('/index-'))).toBe(true);
  expect(scripts.filter((s) => /ReportView|PrintWindow|ReportsScreen/.test(s))).toEqual([]);

  await page
    .getByRole('navigation', { name: 'メインメニュー' })
    .getByRole('button', { name: '委員会資料' })
    .click();
  await expect(page.getByRole('article', { name: /のプレビュー$/ })).toBeVisible();
  expect(scripts.some((s) => s.includes('/ReportView-'))).toBe(true);
  expect(scripts.filter((s) => s.includes('/PrintWindow-'))).toEqual([]);
});
