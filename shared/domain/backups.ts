import { z } from 'zod';
import { fiscalYearSchema, isoTimeSchema } from './common';

export const BACKUP_REASONS = [
  'daily',
  'manual',
  'import',
  'plan-import',
  'rollover',
  'year-close',
  'restore',
  'migration',
  'plan-delete',
] as const;
export const backupReasonSchema = z.enum(BACKUP_REASONS);
export type BackupReason = z.infer<typeof backupReasonSchema>;

/** One backup of the data file and what it holds. */
export const backupInfoSchema = z.object({
  file: z.string(),
  at: isoTimeSchema,
  reason: backupReasonSchema,
  reasonLabel: z.string(),
  size: z.number().int(),
  /** A whole, valid database (checked when listed). */
  ok: z.boolean(),
  schemaVersion: z.number().int(),
  plans: z.array(z.string()),
  latestYear: fiscalYearSchema.nullable(),
  latestRound: z.string().nullable(),
  records: z.number().int(),
});
export type BackupInfo = z.infer<typeof backupInfoSchema>;

/** Backups are plain file names inside the store's backups folder. */
export const backupFileSchema = z
  .string()
  .regex(/^gyokaku-\d{8}-\d{6}(?:-\d+)?-[a-z-]+\.sqlite3$/, {
    message: 'バックアップのファイル名が正しくありません',
  });
