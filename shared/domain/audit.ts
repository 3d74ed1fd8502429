import { z } from 'zod';
import { idSchema, isoTimeSchema } from './common';

/** Where a change came from: typed on a screen, an import (file and hash), or the app itself. */
export const changeSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('screen') }),
  z.object({ kind: z.literal('import'), fileName: z.string(), fileHash: z.string() }),
  z.object({ kind: z.literal('system'), note: z.string() }),
]);
export type ChangeSource = z.infer<typeof changeSourceSchema>;

export const auditEntrySchema = z.object({
  id: idSchema,
  at: isoTimeSchema,
  userLogin: z.string(),
  userName: z.string(),
  action: z.enum(['create', 'update', 'delete']),
  entity: z.string(),
  entityId: z.number().int(),
  field: z.string().nullable(),
  oldValue: z.unknown(),
  newValue: z.unknown(),
  source: changeSourceSchema,
  batchId: z.string(),
  /** The sheet and cell an imported value came from (「取組一覧!G12」). */
  cell: z.string().optional(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
