import fs from 'node:fs/promises';
import { dialog } from 'electron';
import type { WebContents } from 'electron';
import type { HandlerRegistry } from './ipc/handlers';

/**
 * Save as PDF in the desktop app: the page as it is on screen (the report
 * preview), through Chromium's own printing with the page size the report's
 * CSS asks for, into a file the user chooses.
 */
export async function savePdf(
  wc: WebContents,
  fileName: string,
): Promise<{ saved: string | null }> {
  const choice = await dialog.showSaveDialog({
    title: 'PDF に保存',
    defaultPath: fileName.endsWith('.pdf') ? fileName : `${fileName}.pdf`,
    filters: [{ name: 'PDF', extensions: ['pdf'] }],
  });
  if (choice.canceled || !choice.filePath) return { saved: null };
  const pdf = await wc.printToPDF({ preferCSSPageSize: true, printBackground: true });
  await fs.writeFile(choice.filePath, pdf);
  return { saved: choice.filePath };
}

/** The handler map with the one channel only the desktop shell can answer. */
export function withDesktopPrinting(
  handlers: HandlerRegistry,
  sender: () => WebContents | null,
): HandlerRegistry {
  return {
    ...handlers,
    'reports.pdf': async ({ fileName }) => {
      const wc = sender();
      if (!wc) return { saved: null };
      return savePdf(wc, fileName);
    },
  };
}
