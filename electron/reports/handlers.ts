import { buildReport } from '../../shared/reports/build';
import { AppError } from '../../shared/errors';
import type { HandlerContext } from '../ipc/context';
import type { HandlerRegistry } from '../ipc/registry';
import { reportData } from './report-data';
import { reportWorkbook } from './report-xlsx';

/** Committee materials: the data of the five reports and their print-ready Excel. */
export function reportHandlers(ctx: HandlerContext): Partial<HandlerRegistry> {
  const { db } = ctx;
  return {
    'reports.data': ({ planId, fiscalYear, roundId }) =>
      reportData(db, planId, fiscalYear, roundId ?? null),
    'reports.xlsx': async (options) => {
      const doc = buildReport(
        reportData(db, options.planId, options.fiscalYear, options.roundId),
        options,
      );
      const out = await reportWorkbook(doc, options);
      return { fileName: out.fileName, data: out.data };
    },
    // Printing to PDF needs Electron's webContents; the desktop shell answers this itself.
    'reports.pdf': () => {
      throw new AppError(
        'VALIDATION',
        'ブラウザ版では「印刷」を押し、印刷先に「PDF に保存」を選んで保存してください。',
      );
    },
  };
}
