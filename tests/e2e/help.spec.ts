import { expect, test } from '@playwright/test';
import { startHost } from './host';
import type { RunningHost } from './host';

let host: RunningHost;
test.beforeAll(async () => {
  host = await startHost();
});
test.afterAll(async () => {
  await host.stop();
});

test('F1 opens the help from the grid: the yearly flow with pictures, every key, the statuses, where the data is; Esc returns to the grid', async ({
  page,
}) => {
  await page.goto(host.url);
  await page.locator('[data-row-key="i1"] [data-col="name"]').click();
  await page.keyboard.press('F1');
  const help = page.getByRole('dialog', { name: '行革デスクの使い方' });
  await expect(help).toBeVisible();

  // the flow: seven steps, each with a picture that loads (bundled, no network)
  const steps = help.locator('.help-flow > li');
  await expect(steps).toHaveCount(7);
  await expect(steps.first()).toContainText('評価基準と照会回を決める');
  const pictures = help.locator('.help-flow img');
  for (let i = 0; i < 7; i++) {
    const img = pictures.nth(i);
    await img.scrollIntoViewIfNeeded();
    await expect(img).toHaveAttribute('alt', /の画面：/);
    await expect
      .poll(() => img.evaluate((el: HTMLImageElement) => el.naturalWidth))
      .toBeGreaterThan(0);
  }

  await help.getByRole('tab', { name: 'キー操作' }).click();
  const keys = help.getByRole('table', { name: /使えるキー/ });
  for (const k of ['F1', 'Alt+↓', 'Ctrl+Z／Ctrl+Y', 'Ctrl+－', 'Alt+Shift+↑／↓', 'F2'])
    await expect(keys.getByRole('rowheader', { name: k, exact: true })).toBeVisible();

  await help.getByRole('tab', { name: '状況の意味' }).click();
  for (const s of ['未依頼', '依頼中', '回答済', '確認済', '確定'])
    await expect(help.getByRole('term').filter({ hasText: s })).toHaveCount(1);

  await help.getByRole('tab', { name: 'データとバックアップ' }).click();
  await expect(help).toContainText(host.storePath);
  await expect(help).toContainText('backups');

  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  await expect(page.getByTestId('grid-input')).toBeFocused();

  // the ？ button in the header opens the same help
  await page.getByRole('button', { name: '使い方（F1）' }).click();
  await expect(help).toBeVisible();
});
