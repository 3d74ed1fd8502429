import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { openStore } from '../../electron/db/open-store';
import { startHost } from './host';

/** データファイル through the screens: another file, a new one, read-only, a damaged one restored. */
const menu = (page: Page) => page.getByRole('navigation', { name: 'メインメニュー' });
const notice = (page: Page) => page.locator('.notice').last();

/** A data file as the app leaves it: the sample plan, and a backup made with 今すぐバックアップ. */
async function storeWithSample(dir: string): Promise<string> {
  const file = path.join(dir, 'gyokaku.sqlite3');
  const h = await startHost(file);
  const res = await fetch(`${h.origin}/api/backups.create`, {
    method: 'POST',
    headers: { 'x-gyokaku-token': h.token, 'content-type': 'application/json' },
    body: '{}',
  });
  expect(((await res.json()) as { ok: boolean }).ok).toBe(true);
  await h.stop();
  return file;
}

test('create a new data file, come back through the recently used list', async ({ page }) => {
  const host = await startHost();
  try {
    await page.goto(host.url);
    await page.locator('[data-row-key="i1"]').waitFor();
    await menu(page).getByRole('button', { name: 'データファイル' }).click();
    await expect(page.getByRole('heading', { name: 'データファイル', exact: true })).toBeVisible();
    await expect(
      page.getByRole('region', { name: '使用中のデータファイル' }).getByText(host.storePath),
    ).toBeVisible();

    const create = page.getByRole('region', { name: '新しいデータファイルを作る' });
    const newFile = path.join(path.dirname(host.storePath), '令和8年度試行.sqlite3');
    // a name taken is refused, nothing changes
    await create.getByLabel('データファイルの場所').fill(host.storePath);
    await create.getByRole('button', { name: '作って開く' }).click();
    await expect(notice(page)).toContainText('上書きはしません');
    await create.getByLabel('データファイルの場所').fill(newFile);
    await create.getByRole('button', { name: '作って開く' }).click();
    await expect(notice(page)).toContainText(
      '新しいデータファイル「令和8年度試行.sqlite3」を作って開きました',
    );
    await expect(page.getByText('登録されている計画がありません')).toBeVisible();
    expect(fs.existsSync(newFile)).toBe(true);

    await menu(page).getByRole('button', { name: 'データファイル' }).click();
    const recent = page.getByRole('table', { name: '最近使ったデータファイル' });
    await expect(recent.getByRole('row')).toHaveCount(3);
    await recent.getByRole('button', { name: 'gyokaku.sqlite3を開く' }).click();
    await expect(notice(page)).toContainText('データファイル「gyokaku.sqlite3」を開きました');
    await page
      .locator('[data-row-key="i1"]')
      .or(page.getByText('二本松市市政改革推進行動計画'))
      .first()
      .waitFor();

    // a path outside the user's folders is refused in the browser host
    await menu(page).getByRole('button', { name: 'データファイル' }).click();
    const open = page.getByRole('region', { name: '別のデータファイルを開く' });
    await open.getByLabel('データファイルの場所').fill('/etc/passwd.db');
    await open.getByRole('button', { name: '開く', exact: true }).click();
    await expect(notice(page)).toContainText('ブラウザ版で開けるのは');
  } finally {
    await host.stop();
  }
});

test('a second start on the same data file gives the address of the running one (with its token) instead of a second copy', async ({
  page,
}) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gyokaku-e2e-'));
  const file = await storeWithSample(dir);
  const first = await startHost(file);
  try {
    const second = await startHost(file);
    expect(second.url).toBe(first.url);
    await second.stop(); // already ended by itself
    await page.goto(second.url);
    await expect(page.locator('[data-row-key="i1"]')).toBeVisible();
    await expect(page.locator('.read-only-banner')).toHaveCount(0);
  } finally {
    await first.stop();
  }
  // once the first has ended, a start opens the file itself, at a new address
  const third = await startHost(file);
  try {
    expect(third.url).not.toBe(first.url);
  } finally {
    await third.stop();
  }
});

test('the browser version starts again on the port of the last start: what the page kept (the list hidden) is still there', async ({
  page,
}) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gyokaku-e2e-'));
  const file = await storeWithSample(dir);
  const first = await startHost(file, { keptPort: true });
  try {
    await page.goto(first.url);
    await page.locator('[data-row-key="i1"]').waitFor();
    await page.getByRole('button', { name: '左の一覧を隠す' }).click();
    await expect(page.getByRole('button', { name: '左の一覧を表示する' })).toBeVisible();
  } finally {
    await first.stop();
  }
  const second = await startHost(file, { keptPort: true });
  try {
    expect(new URL(second.url).port).toBe(new URL(first.url).port);
    expect(second.token).not.toBe(first.token);
    await page.goto(second.url);
    await page.locator('[data-row-key="i1"]').waitFor();
    await expect(page.getByRole('button', { name: '左の一覧を表示する' })).toBeVisible();
    // another data file opened beside it (same user) takes another port for the day
    const beside = await startHost(path.join(dir, 'もう一つ.sqlite3'), { keptPort: true });
    expect(new URL(beside.url).port).not.toBe(new URL(first.url).port);
    await beside.stop();
  } finally {
    await second.stop();
  }
  // and the next start is back where the page's settings are
  const third = await startHost(file, { keptPort: true });
  try {
    expect(new URL(third.url).port).toBe(new URL(first.url).port);
  } finally {
    await third.stop();
  }
});

test('a file another user has open is shown read-only: banner, locked grid, changes refused', async ({
  page,
}) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gyokaku-e2e-'));
  const file = await storeWithSample(dir);
  const other = openStore({ path: file }); // "another user" holding the file
  const host = await startHost(file);
  try {
    await page.goto(host.url);
    const banner = page.locator('.read-only-banner');
    await expect(banner).toContainText('読み取り専用');
    await page.locator('[data-row-key="i1"]').waitFor();
    await page.locator('[data-row-key="i1"] [role="gridcell"]').nth(2).click();
    await page.keyboard.type('あ');
    await expect(notice(page)).toContainText('読み取り専用で開いているため、変更できません');
    await banner.getByRole('button', { name: '理由と開き直し' }).click();
    await expect(page.locator('.read-only-reason')).toContainText('別の行革デスクで開かれています');
    await page.screenshot({ path: 'docs/screenshots/data-file-read-only.png' });
    // once the other user closes it, 開き直す makes it editable
    other.close();
    await page.getByRole('button', { name: '開き直す' }).click();
    await expect(notice(page)).toContainText('開き直しました。変更できます');
    await expect(page.locator('.read-only-banner')).toHaveCount(0);
  } finally {
    if (other.db.open) other.close();
    await host.stop();
  }
});

test('a damaged data file: the app opens on recovery, restores a backup, keeps the damaged file', async ({
  page,
}) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gyokaku-e2e-'));
  const file = await storeWithSample(dir);
  const buf = fs.readFileSync(file);
  const mid = Math.floor(buf.length / 2 / 4096) * 4096;
  buf.fill(0x5a, mid, mid + 16 * 1024);
  fs.writeFileSync(file, buf);
  const host = await startHost(file);
  try {
    await page.goto(host.url);
    await expect(
      page.getByRole('heading', { name: 'データファイルを開けませんでした' }),
    ).toBeVisible();
    await expect(page.getByRole('alert')).toContainText('一部が壊れています');
    await page.screenshot({ path: 'docs/screenshots/data-file-recovery.png', fullPage: true });
    const table = page.getByRole('table', { name: 'バックアップの一覧' });
    await table
      .getByRole('button', { name: /から復元/ })
      .first()
      .click();
    const dialog = page.getByRole('dialog', { name: 'バックアップから復元' });
    await expect(dialog).toContainText('壊れたデータファイルは消さずに');
    await dialog.getByRole('button', { name: 'このバックアップに戻す' }).click();
    await expect(notice(page)).toContainText('壊れていたファイルは、同じフォルダーに');
    await page
      .locator('[data-row-key="i1"]')
      .or(page.getByText('二本松市市政改革推進行動計画'))
      .first()
      .waitFor();
    expect(fs.readdirSync(dir).filter((f) => f.includes('.damaged-'))).toHaveLength(1);
  } finally {
    await host.stop();
  }
});
