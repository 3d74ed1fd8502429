import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it, vi } from 'vitest';
import { tempDir } from '../helpers';

const answers: { canceled: boolean; filePath?: string }[] = [];
vi.mock('electron', () => ({
  dialog: { showSaveDialog: vi.fn(async () => answers.shift()) },
}));

async function pdfOf(pages: number): Promise<Uint8Array> {
  const d = await PDFDocument.create();
  for (let i = 0; i < pages; i++) d.addPage([595, 842]);
  return d.save();
}

describe('Save as PDF in the desktop app', () => {
  it('prints the page with the CSS page size into the file the user chose; cancel writes nothing', async () => {
    const { withDesktopPrinting } = await import('../../../electron/print');
    const printToPDF = vi.fn(async () => Buffer.from(await pdfOf(1)));
    const wc = { printToPDF } as never;
    const handlers = withDesktopPrinting({} as never, () => wc);
    answers.push({ canceled: true });
    expect(await handlers['reports.pdf']({ fileName: '資料2', part: 0, parts: 1 })).toEqual({
      saved: null,
      cancelled: true,
    });
    expect(printToPDF).not.toHaveBeenCalled();

    const file = path.join(tempDir(), '資料2.pdf');
    answers.push({ canceled: false, filePath: file });
    expect(await handlers['reports.pdf']({ fileName: '資料2', part: 0, parts: 1 })).toEqual({
      saved: file,
      cancelled: false,
    });
    expect(printToPDF).toHaveBeenCalledWith({ preferCSSPageSize: true, printBackground: true });
    expect((await PDFDocument.load(fs.readFileSync(file))).getPageCount()).toBe(1);
  });

  it('joins a long report printed in parts into one file with n / N on every page', async () => {
    const { withDesktopPrinting } = await import('../../../electron/print');
    const sizes = [3, 2, 4];
    let call = 0;
    const wc = { printToPDF: vi.fn(async () => Buffer.from(await pdfOf(sizes[call++]!))) } as never;
    const handlers = withDesktopPrinting({} as never, () => wc);
    const file = path.join(tempDir(), '個票.pdf');
    answers.push({ canceled: false, filePath: file });
    for (let part = 0; part < 3; part++) {
      const r = await handlers['reports.pdf']({ fileName: '個票', part, parts: 3 });
      expect(r.saved).toBe(part === 2 ? file : null);
    }
    const merged = await PDFDocument.load(fs.readFileSync(file));
    expect(merged.getPageCount()).toBe(9);
  });
});
