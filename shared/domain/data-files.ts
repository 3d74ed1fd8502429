import { z } from 'zod';
import { isoTimeSchema } from './common';

/**
 * How the data file in use is open: normally; read-only (the file or its
 * folder cannot be written, or another user has it open — a copy taken at
 * opening is shown, to view, print and export); or unavailable (it could not
 * be opened at all — damaged, missing — and only recovery is offered).
 */
export const dataFileModeSchema = z.enum(['normal', 'readOnly', 'unavailable']);
export type DataFileMode = z.infer<typeof dataFileModeSchema>;

export const recentFileSchema = z.object({
  path: z.string(),
  name: z.string(),
  folder: z.string(),
  openedAt: isoTimeSchema,
  exists: z.boolean(),
});
export type RecentFile = z.infer<typeof recentFileSchema>;

export const dataFileStateSchema = z.object({
  path: z.string(),
  name: z.string(),
  mode: dataFileModeSchema,
  /** Why the file is read-only or unavailable, and what to do (Japanese); null when normal. */
  problem: z.string().nullable(),
  /** The damage can be repaired from a backup in the app. */
  recoverable: z.boolean(),
  /** When the read-only copy was taken. */
  viewedAt: isoTimeSchema.nullable(),
  recent: z.array(recentFileSchema),
  /** The desktop app can show the system's file dialogs; the browser host takes a typed path. */
  dialogs: z.boolean(),
  /** Folders the browser host may open files in (empty on the desktop: any). */
  allowedFolders: z.array(z.string()),
});
export type DataFileState = z.infer<typeof dataFileStateSchema>;

/** A path typed or chosen by staff: checked again in the main process. */
export const dataFilePathSchema = z
  .string()
  .trim()
  .min(1, { message: 'データファイルの場所を入力してください' })
  .max(1000, { message: 'データファイルの場所が長すぎます' })
  .refine((p) => !p.includes('\0'), { message: 'データファイルの場所に使えない文字があります' });

/** Names a data file may have: what the app writes and what staff commonly rename to. */
export const DATA_FILE_EXTENSIONS = ['.sqlite3', '.sqlite', '.db'] as const;
