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
/** Three years of plausible answers through the API, as the grid would save them. */
async function seedPdca(h: Awaited<ReturnType<typeof startHost>>) {
  const api = async <T>(channel: string, data: unknown): Promise<T> => {
    const res = await fetch(`${h.origin}/api/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-gyokaku-token': h.token },
      body: JSON.stringify(data),
    });
    const env = (await res.json()) as { ok: boolean; value: T; error?: { message: string } };
    if (!env.ok) throw new Error(`${channel}: ${env.error?.message}`);
    return env.value;
  };
  type Level = { id: number; axis: string; code: string };
  const settings = await api<{ levels: Level[] }>('pdca.settings.get', { planId: 1 });
  const lv = (axis: string, code: string) =>
    settings.levels.find((l) => l.axis === axis && l.code === code)!.id;
  const pattern = ['A', 'A', 'S', 'B', 'A', 'C', 'A', 'B', 'A', 'S', 'A', '－'];
  const results = [
    '電子申請の対象手続を拡大し、年間の申請件数が増加した。',
    '関係課と協議を行い、押印を廃止する手続を整理した。',
    '窓口にキャッシュレス決済端末を導入した。',
    '入札参加資格の電子申請に向けた調整を行った。',
  ];
  for (const fy of [2022, 2023, 2024]) {
    const [round] = await api<{ id: number }[]>('pdca.rounds.open', { planId: 1, fiscalYear: fy });
    const records = await api<{ id: number; itemId: number }[]>('pdca.records.list', {
      roundId: round!.id,
    });
    await api('pdca.records.update', {
      changes: records.map((r, i) => {
        const code = pattern[(i + fy) % pattern.length]!;
        return {
          recordId: r.id,
          patch: {
            planText: '年度目標：手続の見直しと周知を進める。',
            resultText: results[i % results.length],
            progressId: lv('progress', i % 5 === 0 ? '完' : '中'),
            evaluationId: lv('evaluation', code),
            evaluationReason:
              code === 'S'
                ? '目標を前倒しで達成した。'
                : code === 'A'
                  ? '計画どおり実施した。'
                  : code === '－'
                    ? '今年度は取組の対象外。'
                    : '関係機関との調整に時間を要した。',
            directionId: lv('direction', i % 7 === 0 ? '拡充' : '継続'),
            savingPlan: (i % 4) * 500_000,
            savingActual: (i % 4) * 450_000 + (fy - 2022) * 120_000,
            revenueActual: i % 6 === 0 ? 800_000 : null,
          },
        };
      }),
    });
    await api('pdca.records.setStatus', {
      recordIds: records.map((r) => r.id).slice(0, fy === 2024 ? 20 : records.length),
      status: 'final',
    });
  }
  await api('kpis.save', {
    itemId: 4,
    kpis: [
      {
        name: '電子申請件数',
        unit: '件',
        direction: 'higher',
        progressMethod: 'cumulative',
        baseFy: 2020,
        baseValue: 0,
        finalTarget: 3000,
        values: [
          { fiscalYear: 2022, target: 500, actual: 420 },
          { fiscalYear: 2023, target: 600, actual: 640 },
          { fiscalYear: 2024, target: 700, actual: 760 },
        ],
      },
    ],
  });
}

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

  // PDCA: a year's records as a section would have answered them
  await seedPdca(host);
  await page.evaluate(() => localStorage.setItem('gyokaku.pdca.fiscalYear', '2024'));
  await page.reload();
  await page.locator('[data-row-key="i1"]').waitFor();
  await page
    .getByRole('navigation', { name: 'メインメニュー' })
    .getByRole('button', { name: 'PDCA進捗管理' })
    .click();
  await page.locator('[data-row-key^="r"]').nth(3).locator('[data-col="evaluationId"]').click();
  await page
    .getByRole('complementary', { name: /の進捗の詳細/ })
    .getByText('指標（KPI）')
    .waitFor();
  await page.screenshot({ path: path.join(out, 'pdca-grid.png') });
  await page
    .getByRole('navigation', { name: 'メインメニュー' })
    .getByRole('button', { name: 'ダッシュボード' })
    .click();
  await page.locator('.dash-card').first().waitFor();
  await page.setViewportSize({ width: 1600, height: 2400 });
  await page.screenshot({ path: path.join(out, 'dashboard.png'), fullPage: true });
  await page.setViewportSize({ width: 1600, height: 950 });
  await page
    .getByRole('navigation', { name: 'メインメニュー' })
    .getByRole('button', { name: '評価基準・照会回' })
    .click();
  await page.getByRole('heading', { name: /自己評価の段階/ }).waitFor();
  await page.screenshot({ path: path.join(out, 'pdca-settings.png') });
  console.log(`screenshots written to ${out}`);
} finally {
  await browser.close();
  await host.stop();
}
