import { z } from 'zod';
import { channel } from './channel';
import { fiscalYearSchema, idSchema, requiredTextSchema } from './domain/common';
import { pdcaRecordPatchSchema, pdcaRecordSchema } from './domain/pdca';
import { yearCorrectionSchema, yearStateSchema } from './domain/years';

/** Fiscal years: closing (年度の締め), reopening and corrections (訂正). */
const reason = requiredTextSchema(500, '理由');
const kpiNumber = z.number().min(-1e12).max(1e12).nullable();

export const yearChannels = {
  'years.state': channel({
    summary: '年度の状態（締めたか、締められるか、確定していない記録の数、訂正の数）',
    input: z.object({ planId: idSchema, fiscalYear: fiscalYearSchema }).strict(),
    result: yearStateSchema,
    mutates: false,
  }),
  'years.list': channel({
    summary: '計画期間の各年度の状態（照会回があるか、締めたか）',
    input: z.object({ planId: idSchema }).strict(),
    result: z.array(yearStateSchema),
    mutates: false,
  }),
  'years.close': channel({
    summary:
      '年度を締める（最後の照会回の記録がすべて確定のとき）。締めた年度の集計・資料・公表ファイルは以後変わらない',
    input: z.object({ planId: idSchema, fiscalYear: fiscalYearSchema }).strict(),
    result: yearStateSchema,
    mutates: true,
    undo: false,
  }),
  'years.reopen': channel({
    summary: '年度の締めを解除する（理由が必要。変更履歴に残る）',
    input: z.object({ planId: idSchema, fiscalYear: fiscalYearSchema, reason }).strict(),
    result: yearStateSchema,
    mutates: true,
    undo: false,
  }),
  'years.correctRecord': channel({
    summary: '締めた年度の記録の訂正（元の値・新しい値・日付・理由を訂正一覧に残す）',
    input: z.object({ recordId: idSchema, patch: pdcaRecordPatchSchema, reason }).strict(),
    result: pdcaRecordSchema,
    mutates: true,
    undo: false,
  }),
  'years.correctKpi': channel({
    summary: '締めた年度の指標の目標値・実績値の訂正',
    input: z
      .object({
        kpiId: idSchema,
        fiscalYear: fiscalYearSchema,
        field: z.enum(['target', 'actual']),
        value: kpiNumber,
        reason,
      })
      .strict(),
    result: z.object({ ok: z.literal(true) }),
    mutates: true,
    undo: false,
  }),
  'years.corrections': channel({
    summary: '訂正一覧（年度を指定しなければ計画の全年度）',
    input: z.object({ planId: idSchema, fiscalYear: fiscalYearSchema.optional() }).strict(),
    result: z.array(yearCorrectionSchema),
    mutates: false,
  }),
};
