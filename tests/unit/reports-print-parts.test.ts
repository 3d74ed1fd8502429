import fc from 'fast-check';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { printInParts, printWindowCount } from '../../electron/reports/print-parts';
import type { PrintPart } from '../../shared/reports/print-job';
import { ITEMS_PER_PART, printParts, printJobSchema } from '../../shared/reports/print-job';
import { reportOpts } from '../support/report-options';

const OPTIONS = reportOpts('item', 2027, { documentNo: '資料3' });

describe('a long report in parts', () => {
  it('splits the chosen items into parts of ITEMS_PER_PART, in order, each with the same options and date', () => {
    const ids = Array.from({ length: 2 * ITEMS_PER_PART + 7 }, (_, i) => 1000 - i);
    const madeOn = new Date('2027-06-01T23:59:59+09:00');
    const parts = printParts(OPTIONS, ids, madeOn);
    expect(parts.map((p) => p.options.itemIds.length)).toEqual([ITEMS_PER_PART, ITEMS_PER_PART, 7]);
    expect(parts.flatMap((p) => p.options.itemIds)).toEqual(ids);
    for (const p of parts) {
      expect(p.options.documentNo).toBe('資料3');
      expect(p.madeOn).toBe(madeOn.toISOString());
    }
    expect(printJobSchema.safeParse({ parts }).success).toBe(true);
  });

  it('refuses a job whose part is larger than a print job may be, or empty', () => {
    const big = printParts(OPTIONS, [1], new Date())[0]!;
    const tooMany = {
      ...big,
      options: {
        ...big.options,
        itemIds: Array.from({ length: ITEMS_PER_PART + 1 }, (_, i) => i + 1),
      },
    };
    expect(printJobSchema.safeParse({ parts: [big, tooMany] }).success).toBe(false);
    const empty = { ...big, options: { ...big.options, itemIds: [] } };
    expect(printJobSchema.safeParse({ parts: [big, empty] }).success).toBe(false);
  });

  it('gives a print window a core of its own beyond the first, at most three, as memory allows, never more than parts', () => {
    const GB = 1024 ** 3;
    const m = (cores: number, free = 16) => ({ cores, freeBytes: free * GB });
    expect(printWindowCount(17, m(1))).toBe(1);
    expect(printWindowCount(17, m(2))).toBe(1);
    expect(printWindowCount(17, m(3))).toBe(2);
    expect(printWindowCount(17, m(4))).toBe(3);
    expect(printWindowCount(17, m(16))).toBe(3);
    expect(printWindowCount(2, m(16))).toBe(2);
    expect(printWindowCount(1, m(16))).toBe(1);
    // each window needs a GB free: 2.5 GB free → two; under one → still one
    expect(printWindowCount(17, m(16, 2.5))).toBe(2);
    expect(printWindowCount(17, m(16, 0.3))).toBe(1);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 1, max: 256 }),
        fc.double({ min: 0, max: 64, noNaN: true }),
        (parts, cores, free) => {
          const n = printWindowCount(parts, m(cores, free));
          return n >= 1 && n <= 3 && n <= parts && (n === 1 || (n < cores && n * GB <= free * GB));
        },
      ),
    );
  });

  it('joins the parts in their order whatever order the windows finish in, never printing two at once in a window (fast-check)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 9, maxLength: 9 }),
        async (count, windows, delays) => {
          const parts: PrintPart[] = Array.from({ length: count }, (_, k) => ({
            options: { ...OPTIONS, itemIds: [k + 1] },
            madeOn: new Date(0).toISOString(),
          }));
          const busy = new Array<boolean>(windows).fill(false);
          const printers = busy.map((_, w) => ({
            async print(part: PrintPart) {
              expect(busy[w]).toBe(false);
              busy[w] = true;
              const k = part.options.itemIds[0]!;
              await new Promise((r) => setTimeout(r, delays[k - 1]));
              const d = await PDFDocument.create();
              d.addPage([100 + k, 842]);
              busy[w] = false;
              return d.save();
            },
          }));
          const out = await PDFDocument.load(await printInParts(parts, printers));
          expect(out.getPages().map((p) => p.getWidth() - 100)).toEqual(parts.map((_, k) => k + 1));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('stops handing out parts after a failure and throws it once the parts out are back', async () => {
    const printed: number[] = [];
    let out = 0;
    let maxOut = 0;
    const parts: PrintPart[] = Array.from({ length: 10 }, (_, k) => ({
      options: { ...OPTIONS, itemIds: [k + 1] },
      madeOn: new Date(0).toISOString(),
    }));
    const printer = {
      async print(part: PrintPart) {
        out++;
        maxOut = Math.max(maxOut, out);
        await new Promise((r) => setTimeout(r, 2));
        out--;
        const k = part.options.itemIds[0]!;
        printed.push(k);
        if (k === 3) throw new Error('3番目の分冊を印刷できませんでした');
        return (await PDFDocument.create()).save();
      },
    };
    await expect(printInParts(parts, [printer, printer])).rejects.toThrow('3番目の分冊');
    expect(out).toBe(0);
    expect(maxOut).toBe(2);
    expect(printed.length).toBeLessThanOrEqual(4);
  });
});
