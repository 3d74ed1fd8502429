import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CIRCLED, formatInitiatives } from '../../shared/initiative-text';
import { charEm, codeEm } from '../../shared/text-width';
import { estimateLines } from '../../renderer/grid/layout';
import { initiativeLines } from '../../renderer/screens/plan-grid/columns';

/** The estimate as it was first written: paragraph by paragraph, character by character. */
function referenceLines(text: string, widthPx: number, fontPx = 14): number {
  if (!text) return 1;
  const perLine = Math.max(1, widthPx / fontPx);
  let lines = 0;
  for (const para of text.split('\n')) {
    let ems = 0;
    for (let i = 0; i < para.length; i++) ems += charEm(para[i]!);
    lines += Math.max(1, Math.ceil(ems / perLine));
  }
  return lines;
}

// plan text as staff type it: kana and kanji, full- and half-width Latin, digits, signs, line breaks
const piece = fc.constantFrom(
  'オンライン化',
  '申請書類の見直し',
  'ﾃﾞｼﾞﾀﾙ',
  'DX',
  'No.',
  '2025',
  'R7',
  '（仮称）',
  'mail@city',
  ' ',
  '\n',
  'i',
  'W',
  '・',
  'é',
);
const text = fc.array(piece, { maxLength: 30 }).map((p) => p.join(''));
const width = fc.integer({ min: 20, max: 700 });

describe('row height estimates', () => {
  it('gives each kind of character its width by code: signs, digits, letters, kana', () => {
    const widths: [string, number][] = [
      [' ', 0.34],
      ['.', 0.36],
      ['i', 0.46],
      ['(', 0.58],
      ['`', 0.64],
      ['M', 1.02],
      ['0', 0.78],
      ['a', 0.74],
      ['A', 0.9],
      ['é', 0.9],
      ['ｶ', 0.5],
      ['Ａ', 1],
      ['あ', 1],
      ['・', 1],
    ];
    for (const [ch, em] of widths) {
      expect(codeEm(ch.charCodeAt(0))).toBe(em);
      expect(charEm(ch)).toBe(em);
    }
  });

  it('counts lines in one pass exactly as paragraph by paragraph', () => {
    fc.assert(
      fc.property(text, width, (t, w) => estimateLines(t, w) === referenceLines(t, w)),
      { numRuns: 500 },
    );
    expect(estimateLines('', 100)).toBe(1);
    expect(estimateLines('\n', 100)).toBe(2);
  });

  it('counts 主な取組 without building the text, to the same number of lines as the text shown', () => {
    const initiative = fc.record({
      label: fc.constantFrom(...CIRCLED.slice(0, 5), '', '(21)'),
      text,
      points: fc.array(text, { maxLength: 3 }),
    });
    fc.assert(
      fc.property(fc.array(initiative, { maxLength: 6 }), width, (list, w) => {
        expect(initiativeLines(list, w)).toBe(estimateLines(formatInitiatives(list), w));
      }),
      { numRuns: 500 },
    );
  });
});
