import { z } from 'zod';
import { channel } from './channel';
import { idSchema, requiredTextSchema } from './domain/common';
import { fileInputSchema, fileOutputSchema } from './domain/exchange';
import { mappingPreviewSchema, planMappingSchema } from './domain/plan-import';

/** Plan workbooks: the printed layout out and back, and other layouts through a column mapping. */
const fileOutput = fileOutputSchema;

export const planFileChannels = {
  'planFiles.export': channel({
    summary:
      '計画を印刷された計画と同じ形の Excel（重点項目・分野の見出し、年度ごとの実施時期、実施担当）で書き出す',
    input: z.object({ planId: idSchema }).strict(),
    result: fileOutput,
    mutates: false,
  }),
  'planFiles.import': channel({
    summary: '行革デスクで書き出した形の計画の Excel を、新しい計画として取り込む',
    input: z.object({ file: fileInputSchema }).strict(),
    result: z.object({ planId: idSchema, title: z.string() }),
    mutates: true,
  }),
  'planFiles.inspect': channel({
    summary: '他の様式の Excel の各シートの先頭15行（列の対応付けの画面用）',
    input: z.object({ file: fileInputSchema }).strict(),
    result: z.array(z.object({ name: z.string(), rows: z.array(z.array(z.string())) })),
    mutates: false,
  }),
  'planFiles.previewMapping': channel({
    summary:
      '列の対応付けで読んだ結果の見本と、読めなかった行・対応付けていない列の一覧。何も書き込まない',
    input: z.object({ file: fileInputSchema, mapping: planMappingSchema }).strict(),
    result: mappingPreviewSchema,
    mutates: false,
  }),
  'planFiles.importMapped': channel({
    summary:
      '列の対応付けで計画を取り込む（過去の年度の列は、その年度の記録として締めた状態で取り込む。1つでも読めない値があれば何も書かない）。saveAs を付けると対応付けを名前を付けて保存する',
    input: z
      .object({
        file: fileInputSchema,
        mapping: planMappingSchema,
        saveAs: requiredTextSchema(50, '対応付けの名前').optional(),
      })
      .strict(),
    result: z.object({ planId: idSchema, title: z.string() }),
    mutates: true,
  }),
  'planFiles.mappings': channel({
    summary: '保存した列の対応付けの一覧',
    input: z.object({}).strict(),
    result: z.array(z.object({ id: idSchema, name: z.string(), mapping: planMappingSchema })),
    mutates: false,
  }),
} as const;
