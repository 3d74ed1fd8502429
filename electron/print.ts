import fs from 'node:fs/promises';
import os from 'node:os';
import { dialog } from 'electron';
import type { WebContents } from 'electron';
import type { PrintJob } from '../shared/reports/print-job';
import type { HandlerRegistry } from './ipc/registry';
import { printInParts, printWindowCount } from './reports/print-parts';
import type { PrintMachine } from './reports/print-parts';
import type { PrintWindow } from './window';

export interface DesktopPrinting {
  /** The window whose page is saved when no parts are given (the report preview). */
  sender: () => WebContents | null;
  /** A hidden print window (window.ts openPrintWindow); tests give their own. */
  openPrintWindow: () => PrintWindow;
  /** This PC's cores and free memory; tests give their own. */
  machine?: () => PrintMachine;
}

const thisMachine = (): PrintMachine => ({
  cores: os.availableParallelism(),
  freeBytes: os.freemem(),
});

/**
 * Save as PDF in the desktop app, into a file the user chooses. A report that
 * fits one print job is the page as it is on screen (the preview), printed by
 * Chromium with the page size the report's CSS asks for. A long 個票 comes as
 * parts: hidden print windows draw and print them (side by side where the PC
 * has cores and memory to spare), and the parts are joined in order and
 * numbered n / N. Nothing is written unless every
 * part printed; the print windows are closed whatever happens.
 */
export function desktopPdf(p: DesktopPrinting) {
  return async (input: { fileName: string; job?: PrintJob }) => {
    const wc = p.sender();
    if (!wc) return { saved: null, cancelled: true };
    // The print windows start (a page to load, the report's data to read, a
    // first part drawn) while the user chooses where to save; a cancel closes
    // them unused.
    const windows: PrintWindow[] = [];
    try {
      if (input.job) {
        const count = printWindowCount(input.job.parts.length, (p.machine ?? thisMachine)());
        for (let i = 0; i < count; i++) windows.push(p.openPrintWindow());
        // each draws the part it will print first (printInParts hands them out in order)
        windows.forEach((w, i) => w.warm(input.job!.parts[i]!));
      }
      const choice = await dialog.showSaveDialog({
        title: 'PDF に保存',
        defaultPath: input.fileName.endsWith('.pdf') ? input.fileName : `${input.fileName}.pdf`,
        filters: [{ name: 'PDF', extensions: ['pdf'] }],
      });
      if (choice.canceled || !choice.filePath) return { saved: null, cancelled: true };
      const pdf = input.job
        ? await printInParts(
            input.job.parts,
            windows.map((w) => w.printer),
          )
        : await wc.printToPDF({ preferCSSPageSize: true, printBackground: true });
      await fs.writeFile(choice.filePath, pdf);
      return { saved: choice.filePath, cancelled: false };
    } finally {
      for (const w of windows) w.close();
    }
  };
}

/** The handler map with the one channel only the desktop shell can answer. */
export function withDesktopPrinting(
  handlers: HandlerRegistry,
  printing: DesktopPrinting,
): HandlerRegistry {
  return { ...handlers, 'reports.pdf': desktopPdf(printing) };
}
