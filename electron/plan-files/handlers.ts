import type { ChangeSource } from '../../shared/domain/audit';
import { AppError } from '../../shared/errors';
import { backupBefore } from '../backups/handlers';
import type { HandlerContext } from '../ipc/context';
import { bytesOf, sha256 } from '../ipc/context';
import type { HandlerRegistry } from '../ipc/registry';
import { adoptPlan } from '../pdca/adopt-plan';
import { assertXlsx } from '../xlsx/file-sniff';
import { applyMapping, inspectWorkbook, parseMapped } from './plan-mapping';
import { knownSections } from './plan-mapping-shape';
import { listMappings, saveMapping } from './saved-mappings';
import { applyHistory } from './history-import';
import { buildPlanWorkbook, planToFile, readPlanWorkbook } from './plan-workbook';

/** Plans as Excel workbooks: out in the printed layout, in from ours or another city's. */
export function planFileHandlers(ctx: HandlerContext): Partial<HandlerRegistry> {
  const { db } = ctx;
  const importSource = (name: string, data: Buffer): ChangeSource => ({
    kind: 'import',
    fileName: name,
    fileHash: sha256(data),
  });
  return {
    'planFiles.export': async ({ planId }) => {
      const out = await buildPlanWorkbook(planToFile(db, planId));
      return { fileName: out.fileName, data: out.buffer };
    },
    'planFiles.import': ({ file }) => {
      const data = bytesOf(file.data);
      assertXlsx(data, file.name);
      const read = readPlanWorkbook(data);
      if (!read.ok) {
        throw new AppError(
          'VALIDATION',
          `「${file.name}」を計画として読めませんでした。${read.problems[0]!.message}`,
          read.problems.map((p) => ({ path: p.where ?? '', message: p.message })),
        );
      }
      backupBefore(ctx.backups, 'plan-import');
      return ctx.change(importSource(file.name, data), (cs) => ({
        planId: adoptPlan(cs, read.file, `${file.name}から取り込み`),
        title: read.file.plan.title,
      }));
    },
    'planFiles.inspect': ({ file }) => inspectWorkbook(bytesOf(file.data), file.name),
    'planFiles.previewMapping': ({ file, mapping }) =>
      applyMapping(bytesOf(file.data), file.name, mapping, knownSections(db)).preview,
    'planFiles.importMapped': ({ file, mapping, saveAs }) => {
      const data = bytesOf(file.data);
      const built = applyMapping(data, file.name, mapping, knownSections(db));
      const plan = parseMapped(built);
      backupBefore(ctx.backups, 'plan-import');
      return ctx.change(importSource(file.name, data), (cs) => {
        if (saveAs) saveMapping(cs, saveAs.trim(), { ...mapping, headers: built.headers });
        const planId = adoptPlan(cs, plan, `${file.name}から取り込み`, built.city);
        if (built.history.values.length > 0) {
          const itemIds = db
            .prepare('SELECT id FROM reform_items WHERE plan_id = ? ORDER BY sort_order')
            .pluck()
            .all(planId) as number[];
          applyHistory(cs, planId, itemIds, built.history, {
            file: file.name,
            sheet: mapping.sheet,
          });
        }
        return { planId, title: plan.plan.title };
      });
    },
    'planFiles.mappings': () => listMappings(db),
  };
}
