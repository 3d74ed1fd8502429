import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { missingTexts, pageProblems, readPdf } from '../interop/pdf-text';
import { openAtFiscalYear, startHost } from './host';
import type { RunningHost } from './host';

/**
 * Every committee report, from the sample plan with a full year of PDCA
 * data, printed to PDF by headless Chromium and checked with poppler: paper
 * size and orientation, the running header and n / N on every page, every
 * selected item present — and before printing, no cell whose content
 * overflows its box.
 */
let host: RunningHost;
const PLAN = '二本松市市政改革推進行動計画';

async function api<T>(channel: string, data: unknown): Promise<T> {
  const res = await fetch(`${host.origin}/api/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-gyokaku-token': host.token },
    body: JSON.stringify(data),
  });
  const env = (await res.json()) as { ok: boolean; value: T; error?: { message: string } };
  if (!env.ok) throw new Error(`${channel}: ${env.error?.message}`);
  return env.value;
}

test.beforeAll(async () => {
  host = await startHost();
  type Level = { id: number; axis: string; code: string };
  const settings = await api<{ levels: Level[] }>('pdca.settings.get', { planId: 1 });
  const lv = (axis: string, code: string) =>
    settings.levels.find((l) => l.axis === axis && l.code === code)!.id;
  const [round] = await api<{ id: number }[]>('pdca.rounds.open', { planId: 1, fiscalYear: 2024 });
  const recs = await api<{ id: number; itemId: number }[]>('pdca.records.list', {
    roundId: round!.id,
  });
  const evals = ['S', 'A', 'A', 'B', 'A', 'C', '－'];
  await api('pdca.records.update', {
    changes: recs.map((r, i) => ({
      recordId: r.id,
      patch: {
        planText: '年度目標：手続の見直しを進め、利用者の負担を減らす。',
        // one very long answer: it must wrap and never be clipped
        resultText:
          i === 0
            ? '長い取組実績の記述です。'.repeat(330)
            : `取組を実施した（${i + 1}）。関係課と調整し、計画どおり進めた。`,
        progressId: lv('progress', '中'),
        evaluationId: lv('evaluation', evals[i % evals.length]!),
        evaluationReason: '計画に沿って実施した。',
        issuesText: '次年度は対象を広げる。',
        directionId: lv('direction', '継続'),
        savingPlan: 500_000,
        savingActual: (i % 5) * 120_000,
      },
    })),
  });
  await api('kpis.save', {
    itemId: 1,
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
          { fiscalYear: 2023, target: 600, actual: 640 },
          { fiscalYear: 2024, target: 700, actual: 760 },
        ],
      },
    ],
  });
  const { id: meetingId } = await api<{ id: number }>('meetings.save', {
    planId: 1,
    fiscalYear: 2024,
    kind: 'committee',
    name: '第2回行政改革推進委員会',
    heldOn: '2024-11-20',
  });
  for (const itemId of [1, 3, 12]) {
    await api('opinions.save', {
      meetingId,
      itemId,
      body: '市民への周知を強化してほしい。',
      response: '広報紙とウェブサイトで周知する。',
    });
  }
});
test.afterAll(async () => {
  await host.stop();
});

const compact = (s: string) => s.replace(/\s+/g, '');

async function openReport(page: Page, title: string) {
  await openAtFiscalYear(page, host, 2024);
  await page
    .getByRole('navigation', { name: 'メインメニュー' })
    .getByRole('button', { name: '委員会資料' })
    .click();
  await page.getByRole('radio', { name: title }).check();
  await page.getByLabel('資料番号').fill('資料2');
  await page.getByLabel('会議名').fill('第2回行政改革推進委員会');
  await page.getByLabel('表示（任意）').fill('取扱注意');
  await expect(page.getByRole('article', { name: `${title}のプレビュー` })).toBeVisible();
}

/** Cells whose content is wider or taller than their box (clipped text). */
async function overflowing(page: Page): Promise<string[]> {
  return page
    .locator('.report td, .report th')
    .evaluateAll((cells) =>
      cells
        .filter((c) => c.scrollWidth > c.clientWidth + 1 || c.scrollHeight > c.clientHeight + 1)
        .map((c) => (c.textContent ?? '').slice(0, 40)),
    );
}

function pdfPages(file: string): { w: number; h: number }[] {
  const info = execFileSync('pdfinfo', ['-f', '1', '-l', '9999', file], { encoding: 'utf8' });
  return [...info.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/g)].map((m) => ({
    w: Number(m[1]),
    h: Number(m[2]),
  }));
}
function pageText(file: string, n: number): string {
  return execFileSync('pdftotext', ['-f', String(n), '-l', String(n), '-layout', file, '-'], {
    encoding: 'utf8',
  });
}

const SIZES = { A4: [595.3, 841.9], A3: [841.9, 1191.1] } as const;
/** Points, within a couple (paper sizes are rounded to the millimetre). */
const near = (a: number, b: number) => Math.abs(a - b) < 2;

/** The texts the preview shows (what must be on paper) and its headings, captions and headers. */
async function domTexts(page: Page): Promise<{ texts: string[]; furniture: string[] }> {
  return page.locator('article.report').evaluate((root) => {
    const texts = [...root.querySelectorAll('td, th, caption, h2, h3, .r-note')].map(
      (e) => (e as HTMLElement).innerText,
    );
    const furniture = [...root.querySelectorAll('thead th, caption, h2, h3, .r-title')].map(
      (e) => (e as HTMLElement).innerText,
    );
    return { texts, furniture };
  });
}

/**
 * The report laid out as it prints — print media, the page's printable width —
 * then: cells and labels whose content is wider or taller than their box, and
 * headers or levels broken inside a word (a header breaks only between its
 * pieces, a level only at its space).
 */
async function printLayout(
  page: Page,
  widthMm: number,
): Promise<{ overflow: string[]; breaks: { text: string; at: number[] }[] }> {
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: Math.round((widthMm * 96) / 25.4), height: 900 });
  const overflow = await page
    .locator('.report td, .report th, .report .r-bar, .report .r-level')
    .evaluateAll((cells) =>
      cells
        .filter((c) => c.scrollWidth > c.clientWidth + 1 || c.scrollHeight > c.clientHeight + 1)
        .map((c) => `${c.className}: ${(c.textContent ?? '').slice(0, 40)}`),
    );
  // where each header and level breaks its line: the characters that start a new line
  const breaks = await page.locator('.report thead th, .report .r-level').evaluateAll((els) =>
    els.map((el) => {
      const text = el.textContent ?? '';
      const at: number[] = [];
      // a header's own lines (R3 / 目標／実績) are apart by <br> and start new lines on purpose
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
      let index = 0;
      let lastTop: number | null = null;
      let line = 0;
      let lastLine = 0;
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (n.nodeType === Node.ELEMENT_NODE) {
          if ((n as Element).tagName === 'BR') line++;
          continue;
        }
        for (let i = 0; i < (n.textContent ?? '').length; i++, index++) {
          const r = document.createRange();
          r.setStart(n, i);
          r.setEnd(n, i + 1);
          const rect = r.getClientRects()[0];
          if (!rect || /\s/.test(n.textContent![i]!)) continue;
          if (lastTop !== null && rect.top > lastTop + 2 && line === lastLine) at.push(index);
          lastTop = rect.top;
          lastLine = line;
        }
      }
      return { text, at };
    }),
  );
  await page.emulateMedia({ media: null });
  await page.setViewportSize({ width: 1600, height: 950 });
  return { overflow, breaks };
}

/**
 * Breaks inside a word: fine after a header piece's end (・／）), before （ or
 * at a space; a level's word longer than 8 characters may break like text.
 */
function wordBreaks(breaks: { text: string; at: number[] }[]): string[] {
  return breaks.flatMap(({ text, at }) =>
    at
      .filter((i) => !/[・／）\s]/.test(text[i - 1] ?? '') && !/[（\s]/.test(text[i] ?? ''))
      .filter((i) => {
        const word = /\S*$/.exec(text.slice(0, i))![0] + /^\S*/.exec(text.slice(i))![0];
        return [...word].length <= 8;
      })
      .map((i) => `${text.slice(0, i)}｜${text.slice(i)}`),
  );
}

const PRINT_WIDTH_MM = {
  A4: { portrait: 186, landscape: 273 },
  A3: { portrait: 273, landscape: 396 },
};

for (const [title, paper, orientation, names] of [
  ['進捗状況一覧', 'A3', 'landscape', 'all'],
  ['進捗状況一覧', 'A4', 'portrait', 'all'],
  ['計画書', 'A4', 'landscape', 'all'],
  ['計画書', 'A4', 'portrait', 'all'],
  ['個票', 'A4', 'portrait', 'all'],
  ['総括表', 'A4', 'landscape', 'none'],
  ['意見一覧表', 'A4', 'landscape', 'opinions'],
] as const) {
  test(`${title}: ${paper} ${orientation}, header and n / N on every page, every text on paper, no blank or heading-only page, nothing clipped`, async ({
    page,
  }) => {
    test.setTimeout(180_000);
    await openReport(page, title);
    await page.getByLabel('用紙の大きさ').selectOption(paper);
    await page.getByLabel('用紙の向き').selectOption(orientation);
    expect(await overflowing(page)).toEqual([]);
    const printed_ = await printLayout(page, PRINT_WIDTH_MM[paper][orientation]);
    expect(printed_.overflow, 'clipped at print size').toEqual([]);
    expect(wordBreaks(printed_.breaks), 'broken inside a word').toEqual([]);
    const file = test.info().outputPath(`${title}-${paper}-${orientation}.pdf`);
    await page.pdf({ path: file, preferCSSPageSize: true, printBackground: true });
    const pages = pdfPages(file);
    expect(pages.length).toBeGreaterThan(0);
    const [short, long] = SIZES[paper];
    for (const p of pages) {
      expect(near(p.w, orientation === 'landscape' ? long : short), `width ${p.w}`).toBe(true);
      expect(near(p.h, orientation === 'landscape' ? short : long), `height ${p.h}`).toBe(true);
    }
    // the staff PCs' font embedded as a TrueType subset, never as Type 3 glyph
    // drawings (blurred on some printers, twice the size and the time); only the
    // chart labels' translucent outline is drawn as shapes
    const fonts = execFileSync('pdftohtml', ['-xml', '-i', '-stdout', file], { encoding: 'utf8' })
      .split('\n')
      .filter((l) => l.includes('<fontspec') && !l.includes('opacity='));
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.filter((l) => !l.includes('BIZUDPGothic'))).toEqual([]);
    const printed = readPdf(file);
    for (let n = 1; n <= pages.length; n++) {
      const text = pageText(file, n);
      expect(compact(text), `page ${n}`).toContain(`${n}/${pages.length}`);
      expect(text, `page ${n}`).toContain('資料2');
      expect(text, `page ${n}`).toContain('取扱注意');
      expect(compact(text), `page ${n}`).toContain('第2回行政改革推進委員会');
      // the running header on one line: never broken inside a word (「令和6年｜度」)
      const top = printed.lines.filter((l) => l.page === n && l.y < 40).map((l) => compact(l.text));
      expect(
        top.some(
          (t) =>
            t.includes(compact(PLAN)) &&
            t.includes(title === '計画書' ? '令和3年度～令和7年度' : '令和6年度'),
        ),
        `page ${n} header: ${top.join(' / ')}`,
      ).toBe(true);
    }
    // chart labels are whole too (wrapped beside the bars, never cut short with …)
    const chartLabels = await page.locator('.report svg text.chart-label').allTextContents();
    expect(chartLabels.filter((t) => t.includes('…'))).toEqual([]);
    expect(missingTexts(printed, chartLabels), 'chart labels not on paper').toEqual([]);
    const { texts, furniture } = await domTexts(page);
    expect(missingTexts(printed, texts), 'texts not on paper').toEqual([]);
    expect(
      pageProblems(
        printed,
        [...new Set(furniture.flatMap((t) => t.split(/[\s\u3000]+/)).filter(Boolean))].sort(
          (a, b) => b.length - a.length,
        ),
      ),
    ).toEqual([]);
    const items = await api<{ id: number; name: string }[]>('items.list', { planId: 1 });
    const expected =
      names === 'all'
        ? items.map((i) => i.name)
        : names === 'opinions'
          ? items.filter((i) => [1, 3, 12].includes(i.id)).map((i) => i.name)
          : [];
    expect(missingTexts(printed, expected)).toEqual([]);
    if (title === '総括表') expect(compact(printed.body)).toContain('重点項目1');
  });
}

test('items can be chosen one by one', async ({ page }) => {
  await openReport(page, '進捗状況一覧');
  await page.getByLabel('改革項目を探す').fill('押印');
  await page.getByRole('checkbox', { name: /1-\(1\)-2 押印の見直し/ }).check();
  const preview = page.getByRole('article', { name: '進捗状況一覧のプレビュー' });
  await expect(preview).toContainText('押印の見直し');
  await expect(preview).not.toContainText('キャッシュレス決済の導入');
});

test('an empty selection gives a clear message, not a broken page; Excel of the same report', async ({
  page,
}) => {
  await openReport(page, '意見一覧表');
  await page.getByRole('checkbox', { name: '重点項目3' }).check();
  await expect(page.getByRole('article', { name: '意見一覧表のプレビュー' })).toContainText(
    '意見はまだ登録されていません',
  );
  await page.getByRole('radio', { name: '進捗状況一覧' }).check();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Excel に書き出す' }).click();
  const dl = await downloading;
  expect(dl.suggestedFilename()).toMatch(/^資料2_進捗状況一覧_.*\.xlsx$/);
});
