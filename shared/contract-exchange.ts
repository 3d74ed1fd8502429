import { z } from 'zod';
import { channel } from './channel';
import { fiscalYearSchema, idSchema, textSchema } from './domain/common';
import {
  acceptSchema,
  exportScopeSchema,
  exportTargetSchema,
  fileInputSchema,
  importEntrySchema,
  importSummarySchema,
  returnPreviewSchema,
  fileOutputSchema,
} from './domain/exchange';

/** The Excel exchange part of the IPC contract (spread into the one map in contract.ts). */
const fileOutput = fileOutputSchema;

export const exchangeChannels = {
  'exchange.exportTargets': channel({
    summary: '照会ファイルを出力する課（または部）の一覧と、担当する改革項目の数・ファイル名',
    input: z.object({ roundId: idSchema, scope: exportScopeSchema }).strict(),
    result: z.array(exportTargetSchema),
    mutates: false,
  }),
  'exchange.exportWorkbook': channel({
    summary:
      '1つの課（部）の照会ファイル（記入要領・進捗管理表・管理用の隠しシート）を作り、出力した記録の内容を取込の比較用に保存する。data は xlsx のバイト列',
    input: z
      .object({
        roundId: idSchema,
        orgUnitId: idSchema,
        scope: exportScopeSchema,
        contact: textSchema(100, '問合せ先'),
      })
      .strict(),
    result: fileOutput.extend({ items: z.number().int() }),
    mutates: true,
    undo: false,
  }),
  'exchange.previewReturn': channel({
    summary:
      '返送された照会ファイルを読み、項目・欄ごとの変更（現在→回答、衝突、確定済み、変更できない欄）と問題点を返す。何も書き込まない',
    input: z.object({ roundId: idSchema, file: fileInputSchema }).strict(),
    result: returnPreviewSchema,
    mutates: false,
  }),
  'exchange.applyReturn': channel({
    summary:
      '返送ファイルを読み直し、accept に挙げた欄だけを1つの取引で反映する（ファイル名・ハッシュを変更履歴に記録、回答済にする）。確認後に記録が変わっていれば CONFLICT',
    input: z
      .object({
        roundId: idSchema,
        file: fileInputSchema,
        accept: z.array(acceptSchema).max(100000),
        revisions: z
          .array(z.object({ recordId: idSchema, revision: z.string() }).strict())
          .max(20000),
      })
      .strict(),
    result: importSummarySchema,
    mutates: true,
  }),
  'exchange.imports': channel({
    summary: '照会回の取込の履歴（取り消し済みを含む）',
    input: z.object({ roundId: idSchema }).strict(),
    result: z.array(importEntrySchema),
    mutates: false,
  }),
  'exchange.undoImport': channel({
    summary: '取込1回分をまとめて取り消す（その後に同じ欄が変更されていれば CONFLICT）',
    input: z.object({ importId: idSchema }).strict(),
    result: z.object({ undone: z.number().int() }),
    mutates: true,
  }),
  'exchange.publication': channel({
    summary:
      '年度の進捗結果の公表用ファイル。format: csv（UTF-8 BOM・CRLF・数式にならない）または xlsx（1行1項目の表）',
    input: z
      .object({
        planId: idSchema,
        fiscalYear: fiscalYearSchema,
        format: z.enum(['csv', 'xlsx']),
      })
      .strict(),
    result: fileOutput,
    mutates: false,
  }),
} as const;
