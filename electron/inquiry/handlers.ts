import type { ChangeSource } from '../../shared/domain/audit';
import { backupBefore } from '../backups/handlers';
import type { HandlerContext } from '../ipc/context';
import { bytesOf } from '../ipc/context';
import type { HandlerRegistry } from '../ipc/registry';
import { applyReturn, listImports, undoImport } from './apply-return';
import { exportTargets, unassignedItems } from './export-data';
import { buildRoundWorkbook } from './export-round';
import { readReturn } from './read-return';

/** 照会・回収: workbooks out to the sections, their answers back in. */
export function inquiryHandlers(ctx: HandlerContext): Partial<HandlerRegistry> {
  const { db, screen } = ctx;
  return {
    'exchange.exportTargets': ({ roundId, scope }) => exportTargets(db, roundId, scope),
    'exchange.exportWorkbook': async (input) => {
      const built = await buildRoundWorkbook(
        db,
        { ...input, exportedBy: ctx.actor().displayName },
        ctx.clock(),
      );
      screen((cs) => built.commit(cs));
      return { fileName: built.fileName, data: built.buffer, items: built.items };
    },
    'exchange.previewReturn': async ({ roundId, file }) =>
      (await readReturn(db, { name: file.name, data: bytesOf(file.data) }, roundId)).preview,
    'exchange.applyReturn': async ({ roundId, file, accept, revisions }) => {
      const data = bytesOf(file.data);
      backupBefore(ctx.backups, 'import');
      const read = await readReturn(db, { name: file.name, data }, roundId);
      const source: ChangeSource = {
        kind: 'import',
        fileName: file.name,
        fileHash: read.preview.fileHash,
      };
      return ctx.change(source, (cs) =>
        applyReturn(cs, read, accept, new Map(revisions.map((r) => [r.recordId, r.revision]))),
      );
    },
    'exchange.imports': ({ roundId }) => listImports(db, roundId),
    'exchange.undoImport': ({ importId }) => screen((cs) => ({ undone: undoImport(cs, importId) })),
    'pdca.unassigned': ({ roundId }) => unassignedItems(db, roundId),
  };
}
