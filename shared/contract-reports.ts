import { z } from 'zod';
import { channel } from './channel';
import { fileOutputSchema } from './domain/exchange';
import { fiscalYearSchema, idSchema } from './domain/common';
import { reportDataSchema } from './reports/build';
import { reportOptionsSchema } from './reports/model';
import { printJobSchema } from './reports/print-job';

/** Committee materials (spread into the one map in contract.ts). */
export const reportChannels = {
  'reports.data': channel({
    summary:
      '委員会資料の元になる計画・年度・照会回のデータ（計画、改革項目、記録、各年度の記録、指標、意見、集計）',
    input: z
      .object({ planId: idSchema, fiscalYear: fiscalYearSchema, roundId: idSchema.optional() })
      .strict(),
    result: reportDataSchema,
    mutates: false,
  }),
  'reports.xlsx': channel({
    summary:
      '委員会資料を印刷用の Excel（用紙・向き、幅に合わせる、見出し行の繰り返し、ヘッダー・フッター）で作る',
    input: reportOptionsSchema,
    result: fileOutputSchema,
    mutates: false,
  }),
  'reports.pdf': channel({
    summary:
      '資料を PDF にして保存する（デスクトップ版のみ。ブラウザ版は印刷画面の「PDF に保存」を使う）。表示中の資料、または長い個票を分冊ごとに印刷して 1 つにつないだもの',
    input: z
      .object({
        fileName: z.string().min(1).max(200),
        /** A long 個票: its parts, printed by print windows side by side and joined in order. Absent: the page shown. */
        job: printJobSchema.optional(),
      })
      .strict(),
    result: z.object({ saved: z.string().nullable(), cancelled: z.boolean() }),
    mutates: false,
  }),
} as const;
