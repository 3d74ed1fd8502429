import { z } from 'zod';
import { fiscalYearSchema, idSchema } from './common';
import { recordStatusSchema } from './pdca';
import { fileTooLargeMessage, MAX_FILE_BYTES } from '../file-limits';

/**
 * Excel exchange with sections: the 照会 workbook going out, the answers
 * coming back, and what the import will do with each field.
 */

/** Bytes (a Uint8Array, a Node Buffer included). */
const bytesSchema = z.custom<Uint8Array>((v) => v instanceof Uint8Array, {
  message: 'ファイルの内容がありません。',
});

/**
 * A file handed over the API: its name and its bytes, as bytes (structured
 * clone over Electron's IPC, a binary frame over the browser host — never
 * base64 in JSON), at most MAX_FILE_BYTES.
 */
export const fileInputSchema = z
  .object({
    name: z.string().min(1).max(260),
    data: bytesSchema,
  })
  .strict()
  .superRefine((f, ctx) => {
    if (f.data.byteLength > MAX_FILE_BYTES)
      ctx.addIssue({
        code: 'custom',
        message: fileTooLargeMessage(f.name, f.data.byteLength),
        path: ['data'],
      });
  });
export type FileInput = z.infer<typeof fileInputSchema>;

/** A file the app hands out (照会ファイル, publication, reports, backups): its name and its bytes. */
export const fileOutputSchema = z.object({
  fileName: z.string(),
  data: bytesSchema,
});

export const exportScopeSchema = z.enum(['section', 'department']);
export type ExportScope = z.infer<typeof exportScopeSchema>;

export const exportTargetSchema = z.object({
  orgUnitId: idSchema,
  name: z.string(),
  departmentName: z.string().nullable(),
  items: z.number().int(),
  fileName: z.string(),
});
export type ExportTarget = z.infer<typeof exportTargetSchema>;

export const problemSchema = z.object({
  level: z.enum(['error', 'warning']),
  message: z.string(),
  /** Sheet and cell, e.g. 進捗管理表!F7, when the problem has a place. */
  where: z.string().nullable(),
});
export type Problem = z.infer<typeof problemSchema>;

/**
 * change: the section changed it, the app did not since the export.
 * conflict: both changed it, differently. locked: the record is 確定.
 * ignored: a fixed field (No., 改革項目, 指標名…) was changed in the workbook.
 */
export const fieldDiffSchema = z.object({
  field: z.string(),
  label: z.string(),
  base: z.string(),
  current: z.string(),
  incoming: z.string(),
  kind: z.enum(['change', 'conflict', 'locked', 'ignored']),
});
export type FieldDiff = z.infer<typeof fieldDiffSchema>;

export const itemPreviewSchema = z.object({
  recordId: idSchema,
  itemId: idSchema,
  code: z.string(),
  name: z.string(),
  status: recordStatusSchema,
  /** The record's revision when read: applying refuses if it moved since. */
  revision: z.string(),
  fields: z.array(fieldDiffSchema),
});
export type ItemPreview = z.infer<typeof itemPreviewSchema>;

export const returnPreviewSchema = z.object({
  fileName: z.string(),
  fileHash: z.string(),
  /** False when any error was found: such a file is never applied. */
  ok: z.boolean(),
  exportId: idSchema.nullable(),
  planTitle: z.string().nullable(),
  fiscalYear: fiscalYearSchema.nullable(),
  roundName: z.string().nullable(),
  orgUnitName: z.string().nullable(),
  /** When the same file was imported before (and not undone). */
  alreadyImportedAt: z.string().nullable(),
  problems: z.array(problemSchema),
  /** Rows read from the workbook. */
  rows: z.number().int(),
  items: z.array(itemPreviewSchema),
});
export type ReturnPreview = z.infer<typeof returnPreviewSchema>;

/** A file not (yet) read: nothing known of it but its name, and nothing to import. */
export function emptyPreview(fileName: string, fileHash = ''): ReturnPreview {
  return {
    fileName,
    fileHash,
    ok: false,
    exportId: null,
    planTitle: null,
    fiscalYear: null,
    roundName: null,
    orgUnitName: null,
    alreadyImportedAt: null,
    problems: [],
    rows: 0,
    items: [],
  };
}

export const acceptSchema = z.object({ recordId: idSchema, field: z.string().max(40) }).strict();

export const importSummarySchema = z.object({
  importId: idSchema.nullable(),
  fileName: z.string(),
  applied: z.number().int(),
  answered: z.number().int(),
});
export type ImportSummary = z.infer<typeof importSummarySchema>;

export const importEntrySchema = z.object({
  id: idSchema,
  fileName: z.string(),
  fileHash: z.string(),
  importedAt: z.string(),
  importedBy: z.string(),
  orgUnitName: z.string().nullable(),
  changes: z.number().int(),
  undoneAt: z.string().nullable(),
});
export type ImportEntry = z.infer<typeof importEntrySchema>;
