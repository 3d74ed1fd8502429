import { expect, test } from '@playwright/test';
import { charEm } from '../../shared/text-width';

// The layout estimates (report columns and rows, grid rows) use charEm instead of
// a font. Measured here in the fonts the app prints with (BIZ UDPゴシック on staff
// PCs, Noto Sans CJK JP where it is missing), regular and bold: never narrower
// than the real glyph (a word cut on paper), and not so wide that a column of
// numbers wastes the page.
const ASCII = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i));
const SAMPLES = [...ASCII, 'ｱ', 'ﾝ', 'あ', '漢', '（', '１', '①', '・', '〇'];

test('charEm is never narrower than BIZ UDPゴシック or Noto Sans CJK JP, and close to the wider', async ({
  page,
}) => {
  const widths = await page.evaluate((chars) => {
    const c = document.createElement('canvas').getContext('2d')!;
    const out: Record<string, number> = {};
    for (const ch of chars) {
      let w = 0;
      for (const font of ['BIZ UDPGothic', 'Noto Sans CJK JP'])
        for (const weight of ['normal', 'bold']) {
          c.font = `${weight} 100px '${font}'`;
          w = Math.max(w, c.measureText(ch).width / 100);
        }
      out[ch] = w;
    }
    return out;
  }, SAMPLES);
  const tooNarrow: string[] = [];
  const tooWide: string[] = [];
  for (const ch of SAMPLES) {
    const real = widths[ch]!;
    if (charEm(ch) < real - 0.005) tooNarrow.push(`${ch} ${charEm(ch)} < ${real.toFixed(2)}`);
    if (charEm(ch) > real + 0.35) tooWide.push(`${ch} ${charEm(ch)} > ${real.toFixed(2)}`);
  }
  expect(tooNarrow).toEqual([]);
  expect(tooWide).toEqual([]);
  // the common cases are close: digits and Japanese within 0.05 em
  for (const ch of ['0', '5', '9', 'あ', '漢']) expect(charEm(ch) - widths[ch]!).toBeLessThan(0.05);
});
