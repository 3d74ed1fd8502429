import fs from 'node:fs/promises';
import { dialog } from 'electron';
import type { WebContents } from 'electron';
import type { HandlerRegistry } from './ipc/registry';
import { ReportJoiner } from './reports/pdf-merge';

/**
 * Save as PDF in the desktop app: the page as it is on screen (the report
 * preview), through Chromium's own printing with the page size the report's
 * CSS asks for, into a file the user chooses. A long report comes in parts:
 * the first asks where to save, the last joins them and writes the file.
 */
export function desktopPdf(sender: () => WebContents | null) {
  let job: { path: string; parts: ReportJoiner; first: Uint8Array | null } | null = null;
  return async (input: { fileName: string; part: number; parts: number }) => {
    const wc = sender();
    if (!wc) return { saved: null, cancelled: true };
    if (input.part === 0) {
      const choice = await dialog.showSaveDialog({
        title: 'PDF に保存',
        defaultPath: input.fileName.endsWith('.pdf') ? input.fileName : `${input.fileName}.pdf`,
        filters: [{ name: 'PDF', extensions: ['pdf'] }],
      });
      if (choice.canceled || !choice.filePath) {
        job = null;
        return { saved: null, cancelled: true };
      }
      job = { path: choice.filePath, parts: new ReportJoiner(), first: null };
    }
    if (!job) return { saved: null, cancelled: true };
    const pdf = await wc.printToPDF({ preferCSSPageSize: true, printBackground: true });
    // joined while the next part renders and prints
    if (input.parts > 1) job.parts.add(pdf);
    else job.first = pdf;
    if (input.part < input.parts - 1) return { saved: null, cancelled: false };
    const { path, parts, first } = job;
    job = null;
    await fs.writeFile(path, first ?? (await parts.finish()));
    return { saved: path, cancelled: false };
  };
}

/** The handler map with the one channel only the desktop shell can answer. */
export function withDesktopPrinting(
  handlers: HandlerRegistry,
  sender: () => WebContents | null,
): HandlerRegistry {
  return { ...handlers, 'reports.pdf': desktopPdf(sender) };
}
