import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it, vi } from 'vitest';
import type { PrintPart } from '../../../shared/reports/print-job';
import { printParts } from '../../../shared/reports/print-job';
import { tempDir } from '../helpers';
import { reportOpts } from '../../support/report-options';

const answers: { canceled: boolean; filePath?: string }[] = [];
vi.mock('electron', () => ({
  dialog: { showSaveDialog: vi.fn(async () => answers.shift()) },
}));

async function pdfOf(pages: number): Promise<Uint8Array> {
  const d = await PDFDocument.create();
  for (let i = 0; i < pages; i++) d.addPage([595, 842]);
  return d.save();
}

const OPTIONS = reportOpts('item', 2027);

/** Print windows that print a part as one page per item, each page as wide as its first item id. */
function fakeWindows(fail?: (part: PrintPart) => boolean) {
  const opened: { closed: boolean; printed: number[][]; warmed: number[][] }[] = [];
  const open = () => {
    const w = { closed: false, printed: [] as number[][], warmed: [] as number[][] };
    opened.push(w);
    return {
      printer: {
        async print(part: PrintPart) {
          w.printed.push(part.options.itemIds);
          await new Promise((r) => setTimeout(r, Math.random() * 5));
          if (fail?.(part)) throw new Error('印刷できませんでした');
          const d = await PDFDocument.create();
          for (const id of part.options.itemIds) d.addPage([100 + id, 842]);
          return d.save();
        },
      },
      warm: (part: PrintPart) => void w.warmed.push(part.options.itemIds),
      close: () => void (w.closed = true),
    };
  };
  return { opened, open };
}

describe('Save as PDF in the desktop app', () => {
  it('prints the page shown with the CSS page size into the file the user chose; cancel writes nothing', async () => {
    const { withDesktopPrinting } = await import('../../../electron/print');
    const printToPDF = vi.fn(async () => Buffer.from(await pdfOf(1)));
    const windows = fakeWindows();
    const handlers = withDesktopPrinting({} as never, {
      sender: () => ({ printToPDF }) as never,
      openPrintWindow: windows.open,
    });
    answers.push({ canceled: true });
    expect(await handlers['reports.pdf']({ fileName: '資料2' })).toEqual({
      saved: null,
      cancelled: true,
    });
    expect(printToPDF).not.toHaveBeenCalled();

    const file = path.join(tempDir(), '資料2.pdf');
    answers.push({ canceled: false, filePath: file });
    expect(await handlers['reports.pdf']({ fileName: '資料2' })).toEqual({
      saved: file,
      cancelled: false,
    });
    expect(printToPDF).toHaveBeenCalledWith({ preferCSSPageSize: true, printBackground: true });
    expect((await PDFDocument.load(fs.readFileSync(file))).getPageCount()).toBe(1);
    expect(windows.opened).toHaveLength(0);
  });

  it('prints a long 個票 in print windows side by side and joins the parts in order, numbered; the windows are closed', async () => {
    const { withDesktopPrinting } = await import('../../../electron/print');
    const ids = Array.from({ length: 250 }, (_, i) => i + 1);
    const parts = printParts(OPTIONS, ids, new Date('2027-06-01T09:00:00+09:00'));
    const windows = fakeWindows();
    const sender = { printToPDF: vi.fn() };
    const handlers = withDesktopPrinting({} as never, {
      sender: () => sender as never,
      openPrintWindow: windows.open,
      machine: () => ({ cores: 4, freeBytes: 8 * 1024 ** 3 }),
    });
    const file = path.join(tempDir(), '個票.pdf');
    answers.push({ canceled: false, filePath: file });
    expect(await handlers['reports.pdf']({ fileName: '個票', job: { parts } })).toEqual({
      saved: file,
      cancelled: false,
    });
    // three parts, three windows on four cores, all used, all closed; the page on screen is not printed
    expect(windows.opened).toHaveLength(3);
    expect(windows.opened.every((w) => w.closed && w.printed.length > 0)).toBe(true);
    expect(sender.printToPDF).not.toHaveBeenCalled();
    expect(
      windows.opened
        .flatMap((w) => w.printed)
        .flat()
        .sort((a, b) => a - b),
    ).toEqual(ids);
    const merged = await PDFDocument.load(fs.readFileSync(file));
    expect(merged.getPages().map((p) => p.getWidth() - 100)).toEqual(ids);
  });

  it('writes nothing when a part fails, says why, and still closes every window', async () => {
    const { withDesktopPrinting } = await import('../../../electron/print');
    const parts = printParts(
      OPTIONS,
      Array.from({ length: 600 }, (_, i) => i + 1),
      new Date(),
    );
    const windows = fakeWindows((p) => p.options.itemIds[0] === 241);
    const handlers = withDesktopPrinting({} as never, {
      sender: () => ({}) as never,
      openPrintWindow: windows.open,
      machine: () => ({ cores: 8, freeBytes: 16 * 1024 ** 3 }),
    });
    const file = path.join(tempDir(), '個票.pdf');
    answers.push({ canceled: false, filePath: file });
    await expect(handlers['reports.pdf']({ fileName: '個票', job: { parts } })).rejects.toThrow(
      '印刷できませんでした',
    );
    expect(fs.existsSync(file)).toBe(false);
    expect(windows.opened).toHaveLength(3);
    expect(windows.opened.every((w) => w.closed)).toBe(true);
  });

  it('starts the print windows while the user chooses where to save; a cancel closes them unused', async () => {
    const { withDesktopPrinting } = await import('../../../electron/print');
    const windows = fakeWindows();
    let openAtDialog = -1;
    let warmedAtDialog: number[] = [];
    const { dialog } = await import('electron');
    vi.mocked(dialog.showSaveDialog).mockImplementationOnce(async () => {
      openAtDialog = windows.opened.filter((w) => !w.closed).length;
      warmedAtDialog = windows.opened.map((w) => w.warmed[0]?.[0] ?? 0);
      return { canceled: true, filePath: '' };
    });
    const handlers = withDesktopPrinting({} as never, {
      sender: () => ({}) as never,
      openPrintWindow: windows.open,
      machine: () => ({ cores: 4, freeBytes: 8 * 1024 ** 3 }),
    });
    const parts = printParts(
      OPTIONS,
      Array.from({ length: 130 }, (_, i) => i + 1),
      new Date(),
    );
    expect(await handlers['reports.pdf']({ fileName: '個票', job: { parts } })).toEqual({
      saved: null,
      cancelled: true,
    });
    expect(openAtDialog).toBe(2);
    // each window drew the part it prints first: items 1– and 121–
    expect(warmedAtDialog).toEqual([1, 121]);
    expect(windows.opened).toHaveLength(2);
    expect(windows.opened.every((w) => w.closed && w.printed.length === 0)).toBe(true);
  });

  it('prints with one window on a 2-core PC or when memory is short', async () => {
    const { withDesktopPrinting } = await import('../../../electron/print');
    const ids = Array.from({ length: 300 }, (_, i) => i + 1);
    const parts = printParts(OPTIONS, ids, new Date());
    for (const machine of [
      { cores: 2, freeBytes: 8 * 1024 ** 3 },
      { cores: 8, freeBytes: 1.5 * 1024 ** 3 },
      { cores: 8, freeBytes: 0.2 * 1024 ** 3 },
    ]) {
      const windows = fakeWindows();
      const handlers = withDesktopPrinting({} as never, {
        sender: () => ({}) as never,
        openPrintWindow: windows.open,
        machine: () => machine,
      });
      const file = path.join(tempDir(), '個票.pdf');
      answers.push({ canceled: false, filePath: file });
      await handlers['reports.pdf']({ fileName: '個票', job: { parts } });
      expect(windows.opened).toHaveLength(1);
      expect(windows.opened[0]!.printed.flat()).toEqual(ids);
      const merged = await PDFDocument.load(fs.readFileSync(file));
      expect(merged.getPages().map((p) => p.getWidth() - 100)).toEqual(ids);
    }
  });
});
