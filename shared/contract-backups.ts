import { z } from 'zod';
import { channel } from './channel';
import { fileOutputSchema } from './domain/exchange';
import { backupFileSchema, backupInfoSchema } from './domain/backups';

/** Backups of the data file: list, make, look into, restore, save elsewhere. */
export const backupChannels = {
  'backups.list': channel({
    summary:
      'バックアップの一覧（日時・大きさ・含まれる計画・最新の年度と照会回）と保存先・残す決まり',
    input: z.object({}).strict(),
    result: z.object({
      folder: z.string().nullable(),
      policy: z.string(),
      backups: z.array(backupInfoSchema),
    }),
    mutates: false,
  }),
  'backups.create': channel({
    summary: '今すぐバックアップを作る（書き出してから検査し、完全なものだけを残す）',
    input: z.object({}).strict(),
    result: backupInfoSchema,
    mutates: true,
    undo: false,
  }),
  'backups.inspect': channel({
    summary: '復元する前に、バックアップの中身（計画・年度・照会回・記録の数）を確かめる',
    input: z.object({ file: backupFileSchema }).strict(),
    result: backupInfoSchema,
    mutates: false,
  }),
  'backups.restore': channel({
    summary:
      'バックアップから復元する（いまの状態を先にバックアップし、全体を1つの操作で置き換える。変更履歴に残る）',
    input: z.object({ file: backupFileSchema }).strict(),
    result: z.object({ restoredFrom: z.string(), safetyBackup: z.string() }),
    mutates: true,
    undo: false,
  }),
  'backups.download': channel({
    summary: 'バックアップのファイルを別の場所に保存する',
    input: z.object({ file: backupFileSchema }).strict(),
    result: fileOutputSchema,
    mutates: false,
  }),
};
