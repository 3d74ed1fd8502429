import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { tempDir } from '../helpers';

const answers: { canceled: boolean; filePath?: string }[] = [];
vi.mock('electron', () => ({
  dialog: { showSaveDialog: vi.fn(async () => answers.shift()) },
}));

describe('Save as PDF in the desktop app', () => {
  it('prints the page with the CSS page size into the file the user chose; cancel writes nothing', async () => {
    const { savePdf, withDesktopPrinting } = await import('../../../electron/print');
    const printToPDF = vi.fn(async () => Buffer.from('%PDF-1.7 test'));
    const wc = { printToPDF } as never;
    answers.push({ canceled: true });
    expect(await savePdf(wc, '資料2_進捗状況一覧')).toEqual({ saved: null });
    expect(printToPDF).not.toHaveBeenCalled();

    const file = path.join(tempDir(), '資料2.pdf');
    answers.push({ canceled: false, filePath: file });
    const handlers = withDesktopPrinting({} as never, () => wc);
    expect(await handlers['reports.pdf']({ fileName: '資料2_進捗状況一覧' })).toEqual({
      saved: file,
    });
    expect(printToPDF).toHaveBeenCalledWith({ preferCSSPageSize: true, printBackground: true });
    expect(fs.readFileSync(file, 'utf8')).toBe('%PDF-1.7 test');
  });
});
