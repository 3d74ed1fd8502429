import { z } from 'zod';

/**
 * Every failure that crosses the process boundary is one of these codes with a
 * Japanese message that tells staff what to do. Stack traces stay in the main
 * process log.
 */
export const ERROR_CODES = [
  'VALIDATION', // 入力が契約に合わない
  'NOT_FOUND',
  'CONFLICT', // 他の変更と衝突した
  'LOCKED', // 確定済みなどで変更できない
  'READ_ONLY', // データファイルが読み取り専用
  'UNKNOWN_CHANNEL',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'STORE', // データファイルを開けない・書けない
  'INTERNAL',
] as const;

export const errorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const appErrorSchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  /** Field-level problems, e.g. [{ path: 'patch.name', message: '…' }]. */
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type AppErrorData = z.infer<typeof appErrorSchema>;

/** Thrown inside handlers; the dispatcher turns it into an error envelope. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly issues: AppErrorData['issues'];
  constructor(code: ErrorCode, message: string, issues?: AppErrorData['issues']) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.issues = issues;
  }
  toData(): AppErrorData {
    return this.issues
      ? { code: this.code, message: this.message, issues: this.issues }
      : { code: this.code, message: this.message };
  }
}

/** undo: the operation's batch, when the call made an undoable change (history.undo takes it). */
export type Envelope<T> =
  { ok: true; value: T; undo?: string } | { ok: false; error: AppErrorData };

export function isAppErrorData(value: unknown): value is AppErrorData {
  return appErrorSchema.safeParse(value).success;
}
