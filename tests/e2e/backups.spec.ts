import Database from 'better-sqlite3';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { callApi, startHost } from './host';
import type { RunningHost } from './host';

/** 復元 through the screen: a change, a restore, the change gone, the state before kept, the audit log. */
let host: RunningHost;
test.beforeAll(async () => {
  host = await startHost();
});
test.afterAll(async () => {
  await host.stop();
});

const api = <T>(page: Page, channel: string, data: unknown) =>
  callApi<T>(page, host, channel, data);

test('restore from a backup: the change is gone, the state before is itself a backup, the audit log says who', async ({
  page,
}) => {
  await page.goto(host.url);
  await page.locator('[data-row-key="i1"]').waitFor();
  const menu = page.getByRole('navigation', { name: 'メインメニュー' });
  await menu.getByRole('button', { name: 'バックアップ' }).click();
  await expect(page.getByRole('heading', { name: 'バックアップ', exact: true })).toBeVisible();
  await page.getByRole('button', { name: '今すぐバックアップ' }).click();
  await expect(page.locator('.notice').last()).toContainText('バックアップを作りました');
  const table = page.getByRole('table', { name: 'バックアップの一覧' });
  const manual = table.getByRole('row').filter({ hasText: '今すぐバックアップ' });
  await expect(manual).toContainText('二本松市市政改革推進行動計画');

  // a change after the backup
  await api(page, 'items.update', { itemId: 1, patch: { name: '復元で消える名前' } });

  await manual.getByRole('button', { name: /から復元/ }).click();
  const dialog = page.getByRole('dialog', { name: 'バックアップから復元' });
  await expect(dialog.getByLabel('バックアップの中身')).toContainText(
    '二本松市市政改革推進行動計画',
  );
  await dialog.getByRole('button', { name: 'このバックアップに戻す' }).click();
  await expect(page.locator('.notice').last()).toContainText('から復元しました');
  await page.locator('[data-row-key="i1"]').waitFor();

  const item = await api<{ name: string }>(page, 'items.get', { itemId: 1 });
  expect(item.name).not.toBe('復元で消える名前');
  const list = await api<{ backups: { reason: string; file: string }[] }>(page, 'backups.list', {});
  expect(list.backups.map((b) => b.reason)).toContain('restore');

  const db = new Database(host.storePath, { readonly: true });
  const audit = db
    .prepare(
      "SELECT user_login, new_value FROM audit_log WHERE entity = 'store' AND field = 'restore'",
    )
    .all() as { user_login: string; new_value: string }[];
  db.close();
  expect(audit).toHaveLength(1);
  expect(audit[0]!.user_login.length).toBeGreaterThan(0);
  expect(JSON.parse(audit[0]!.new_value).restoredFrom).toMatch(/manual\.sqlite3$/);
});
