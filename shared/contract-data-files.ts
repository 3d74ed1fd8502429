import { z } from 'zod';
import { channel } from './channel';
import { fileOutputSchema } from './domain/exchange';
import { dataFilePathSchema, dataFileStateSchema } from './domain/data-files';

/** Which data file is in use: open another, create one, the recently used list, a copy. */
export const dataFileChannels = {
  'files.state': channel({
    summary:
      '使用中のデータファイル（場所・通常／読み取り専用／開けない、その理由）と最近使ったファイルの一覧',
    input: z.object({}).strict(),
    result: dataFileStateSchema,
    mutates: false,
  }),
  'files.open': channel({
    summary:
      '別のデータファイルを開く（開けなければ今のファイルのまま。書き込めない・使用中なら読み取り専用で開く）',
    input: z.object({ path: dataFilePathSchema }).strict(),
    result: dataFileStateSchema,
    mutates: false,
  }),
  'files.create': channel({
    summary: '新しいデータファイルを作って開く（同じ名前のファイルがあれば作らない）',
    input: z.object({ path: dataFilePathSchema, samplePlan: z.boolean() }).strict(),
    result: dataFileStateSchema,
    mutates: false,
  }),
  'files.forget': channel({
    summary: '最近使ったファイルの一覧から外す（ファイルはそのまま）',
    input: z.object({ path: dataFilePathSchema }).strict(),
    result: dataFileStateSchema,
    mutates: false,
  }),
  'files.choose': channel({
    summary: 'デスクトップ版: データファイルを選ぶ・保存先を決める画面を出す（選ばなければ null）',
    input: z.object({ purpose: z.enum(['open', 'create']) }).strict(),
    result: z.object({ path: z.string().nullable() }),
    mutates: false,
  }),
  'files.saveCopy': channel({
    summary: '使用中のデータファイルのコピー（その時点の完全な内容）を別の場所に保存する',
    input: z.object({}).strict(),
    result: fileOutputSchema,
    mutates: false,
  }),
};
