import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { makeReportStore } from '../../bench/bench-store';
import { ReportJoiner } from '../../electron/reports/pdf-merge';
import { missingTexts, readPdf } from '../interop/pdf-text';
import { callApi, openAtFiscalYear, startHost } from './host';
import type { RunningHost } from './host';
import { ITEMS_PER_PART } from '../../renderer/screens/reports/ReportsScreen';

/**
 * A 個票 report too long for one print job is saved in parts (ITEMS_PER_PART items),
 * as the desktop app's 「PDF に保存」 does: each part printed by Chromium,
 * the parts joined and numbered n / N. While it runs, the screen shows
 * progress rather than each part.
 */
let host: RunningHost;
// three parts, the last a short one
const ITEMS = 2 * ITEMS_PER_PART + 10;

test.beforeAll(async () => {
  host = await startHost(makeReportStore(ITEMS));
});
test.afterAll(async () => {
  await host.stop();
});

test('a 個票 of two parts and a bit saved in three parts holds every item once, in order, numbered n / N', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openAtFiscalYear(page, host, 2027);
  await page
    .getByRole('navigation', { name: 'メインメニュー' })
    .getByRole('button', { name: '委員会資料' })
    .click();
  await page.getByRole('radio', { name: '個票' }).check();
  const preview = page.getByRole('article', { name: '個票のプレビュー' });
  await expect(preview).toBeVisible();
  const pager = page.getByRole('group', { name: '個票の分冊' });
  await expect(pager.getByRole('status')).toHaveText(
    `${ITEMS}件のうち 1～${ITEMS_PER_PART}件目（1／3分冊）`,
  );

  const names = (await callApi<{ name: string }[]>(page, host, 'items.list', { planId: 1 })).map(
    (i) => i.name,
  );
  expect(names).toHaveLength(ITEMS);

  const joiner = new ReportJoiner();
  for (let i = 0; i < 3; i++) {
    await page.evaluate((k) => window.__gyokakuReportPart!(k, 3), i);
    // the screen tells how far it is, and does not lay each part out again
    await expect(
      page.getByText(`PDF を作成しています：${i + 1}／3分冊（${ITEMS}件）`),
    ).toBeVisible();
    await expect(preview).toBeHidden();
    // nothing can start a second job or move the parts meanwhile
    for (const name of ['印刷', 'PDF に保存', 'Excel に書き出す', `次の${ITEMS_PER_PART}件`])
      await expect(page.getByRole('button', { name, exact: true })).toBeDisabled();
    joiner.add(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  }
  await page.evaluate(() => window.__gyokakuReportPart!(null));
  await expect(preview).toBeVisible();
  await expect(page.getByText('PDF を作成しています')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'PDF に保存' })).toBeEnabled();

  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gyokaku-parts-')), 'items.pdf');
  fs.writeFileSync(file, await joiner.finish());
  const pdf = readPdf(file);
  const n = pdf.pages.length;
  expect(n).toBeGreaterThanOrEqual(ITEMS);
  // every page numbered on the joined PDF, first and last
  const footer = (p: number) =>
    pdf.lines
      .filter((l) => l.page === p)
      .map((l) => l.text)
      .join('')
      .replace(/\s+/g, '');
  expect(footer(1)).toContain(`1/${n}`);
  expect(footer(n)).toContain(`${n}/${n}`);
  expect(footer(ITEMS_PER_PART + 1)).toContain(`${ITEMS_PER_PART + 1}/${n}`);
  // every item, in the order of the plan, and none twice
  expect(missingTexts(pdf, names)).toEqual([]);
  const body = pdf.body.replace(/\s+/g, '');
  for (const name of names.slice(55, 65))
    expect(body.split(name.replace(/\s+/g, '')).length - 1).toBe(1);
});
