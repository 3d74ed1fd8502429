import type { HandlerContext } from '../ipc/context';
import type { HandlerRegistry } from '../ipc/registry';
import { publicationCsv, publicationXlsx } from './publication';

/** Results published: the year's table as CSV or Excel. */
export function publicationHandlers(ctx: HandlerContext): Partial<HandlerRegistry> {
  const { db } = ctx;
  return {
    'exchange.publication': async ({ planId, fiscalYear, format }) => {
      const out =
        format === 'csv'
          ? publicationCsv(db, planId, fiscalYear)
          : await publicationXlsx(db, planId, fiscalYear);
      return { fileName: out.fileName, data: out.data };
    },
  };
}
