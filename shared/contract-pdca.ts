import { z } from 'zod';
import { channel } from './channel';
import { fiscalYearSchema, idSchema, requiredTextSchema, textSchema } from './domain/common';
import {
  amountUnitSchema,
  dashboardSchema,
  isoDateSchema,
  kpiInputSchema,
  kpiSchema,
  lineageEntrySchema,
  meetingSchema,
  MEETING_KINDS,
  opinionSchema,
  pdcaRecordPatchSchema,
  pdcaRecordSchema,
  pdcaSettingsSchema,
  recordStatusSchema,
  roundSchema,
  roundTemplateSchema,
  scaleAxisSchema,
  scaleLevelInputSchema,
} from './domain/pdca';

/** The PDCA part of the IPC contract (spread into the one map in contract.ts). */
const done = z.object({ ok: z.literal(true) });
const kpiNumber = z.number().min(-1e12).max(1e12).nullable();
const kpiValueChange = z
  .object({
    kpiId: idSchema,
    fiscalYear: fiscalYearSchema,
    target: kpiNumber.optional(),
    actual: kpiNumber.optional(),
  })
  .strict();

export const pdcaChannels = {
  'pdca.settings.get': channel({
    summary:
      '計画の進捗管理の設定（評価などの段階、照会回、効果額の単位）。withUsage で段階ごとの使用件数も数える',
    input: z.object({ planId: idSchema, withUsage: z.boolean().default(false) }).strict(),
    result: pdcaSettingsSchema,
    mutates: false,
  }),
  'pdca.settings.update': channel({
    summary: '区分の名称（2軸目の有無を含む）、効果額の表示単位、照会回の構成を変える',
    input: z
      .object({
        planId: idSchema,
        axisLabels: z
          .object({
            progress: requiredTextSchema(20, '進捗の名称'),
            progress2: requiredTextSchema(20, '2つ目の進捗の名称').nullable(),
            evaluation: requiredTextSchema(20, '評価の名称'),
            direction: requiredTextSchema(20, '方向性の名称'),
          })
          .strict(),
        amountUnit: amountUnitSchema,
        rounds: z
          .array(roundTemplateSchema)
          .min(1, { message: '照会回を1つ以上設けてください' })
          .max(6),
        answerPolicy: z.enum(['lead', 'all']).optional(),
      })
      .strict(),
    result: pdcaSettingsSchema,
    mutates: true,
  }),
  'pdca.scale.save': channel({
    summary:
      '1つの区分の段階を保存する。使用中の段階を除くときは mapping（除く段階 id → 統合先 id）が必要で、記録は統合先に付け替えられる',
    input: z
      .object({
        planId: idSchema,
        axis: scaleAxisSchema,
        levels: z.array(scaleLevelInputSchema).max(12),
        mapping: z.record(z.string(), idSchema).default({}),
      })
      .strict(),
    result: pdcaSettingsSchema,
    mutates: true,
  }),
  'pdca.rounds.list': channel({
    summary: '照会回の一覧（年度で絞り込み可）と、状況ごとの件数',
    input: z.object({ planId: idSchema, fiscalYear: fiscalYearSchema.optional() }).strict(),
    result: z.array(roundSchema),
    mutates: false,
  }),
  'pdca.rounds.open': channel({
    summary:
      '年度の照会回を計画の設定どおりに作り、全改革項目の記録を用意する（前の回の内容を引き継ぐ）',
    input: z.object({ planId: idSchema, fiscalYear: fiscalYearSchema }).strict(),
    result: z.array(roundSchema),
    mutates: true,
  }),
  'pdca.rounds.update': channel({
    summary: '照会回の締切日を変える',
    input: z.object({ roundId: idSchema, deadline: isoDateSchema.nullable() }).strict(),
    result: z.array(roundSchema),
    mutates: true,
  }),
  'pdca.records.list': channel({
    summary: '照会回の全改革項目の記録（P・D・C・A、効果額、状況）',
    input: z.object({ roundId: idSchema }).strict(),
    result: z.array(pdcaRecordSchema),
    mutates: false,
  }),
  'pdca.records.update': channel({
    summary:
      '記録の項目と指標の実績値を1つの取引で変更する。確定済みの記録があれば LOCKED、表示後に変更されていれば CONFLICT で全体を拒否',
    input: z
      .object({
        changes: z
          .array(
            z
              .object({
                recordId: idSchema,
                patch: pdcaRecordPatchSchema,
                expectedUpdatedAt: z.string().optional(),
              })
              .strict(),
          )
          .max(10000),
        /** KPI actuals typed in the same grid edit; locked with the round's record. */
        roundId: idSchema.optional(),
        kpis: z.array(kpiValueChange).max(10000).default([]),
      })
      .strict()
      .refine((x) => x.changes.length + x.kpis.length > 0, { message: '変更がありません' }),
    result: z.object({ records: z.array(pdcaRecordSchema), kpis: z.array(kpiSchema) }),
    mutates: true,
  }),
  'pdca.records.setStatus': channel({
    summary: '記録の状況を変える（未依頼→依頼中→回答済→確認済→確定）。確定の解除には理由が必要',
    input: z
      .object({
        recordIds: z.array(idSchema).min(1).max(20000),
        status: recordStatusSchema,
        reason: textSchema(500, '解除の理由').optional(),
        /** Records with empty 取組実績 or 進捗状況・評価 that the user confirmed to 確定. */
        confirmEmptyIds: z.array(idSchema).max(20000).optional(),
      })
      .strict(),
    result: z.object({ changed: z.number().int() }),
    mutates: true,
  }),
  'pdca.roundAnswerers.set': channel({
    summary:
      '実施担当の課がない改革項目（関係部課のみ）について、この照会回で回答する課を指定する（null なら事務局が入力）',
    input: z
      .object({
        roundId: idSchema,
        itemIds: z.array(idSchema).min(1).max(20000),
        orgUnitId: idSchema.nullable(),
      })
      .strict(),
    result: done,
    mutates: true,
  }),
  'pdca.unassigned': channel({
    summary:
      '実施担当の課がない改革項目（関係部課のみ）と、この照会回で回答する課（null なら事務局が入力し、照会ファイルには入らない）',
    input: z.object({ roundId: idSchema }).strict(),
    result: z.array(
      z.object({
        itemId: idSchema,
        code: z.string(),
        name: z.string(),
        orgUnitId: idSchema.nullable(),
      }),
    ),
    mutates: false,
  }),
  'pdca.itemYears': channel({
    summary: '改革項目の年度ごとの記録（各年度の最終回）。効果額の累計や評価の推移に使う',
    input: z.object({ itemId: idSchema }).strict(),
    result: z.array(pdcaRecordSchema),
    mutates: false,
  }),
  'pdca.unanswered': channel({
    summary: '未回答一覧：担当課ごとの、まだ回答のない改革項目',
    input: z.object({ roundId: idSchema }).strict(),
    result: z.array(
      z.object({
        sectionId: idSchema.nullable(),
        sectionName: z.string(),
        departmentName: z.string().nullable(),
        items: z.array(z.object({ itemId: idSchema, status: recordStatusSchema })),
      }),
    ),
    mutates: false,
  }),
  'kpis.list': channel({
    summary: '指標（KPI）と年度ごとの目標値・実績値。計画全体または改革項目1件',
    input: z
      .object({ planId: idSchema.optional(), itemId: idSchema.optional() })
      .strict()
      .refine((q) => q.planId != null || q.itemId != null, {
        message: 'planId か itemId を指定してください',
      }),
    result: z.array(kpiSchema),
    mutates: false,
  }),
  'kpis.save': channel({
    summary: '改革項目の指標を一覧どおりに保存する（id のないものは追加、載っていないものは削除）',
    input: z
      .object({
        itemId: idSchema,
        kpis: z.array(kpiInputSchema).max(20),
        /** The round on screen: its year's values cannot change while the record is 確定. */
        roundId: idSchema.optional(),
      })
      .strict(),
    result: z.array(kpiSchema),
    mutates: true,
  }),
  'kpis.setValues': channel({
    summary: '指標の年度の目標値・実績値を変える。roundId の記録が確定済みなら LOCKED',
    input: z
      .object({
        roundId: idSchema.optional(),
        changes: z.array(kpiValueChange).min(1).max(10000),
      })
      .strict(),
    result: z.array(kpiSchema),
    mutates: true,
  }),
  'meetings.list': channel({
    summary: '年度の推進本部・委員会の会議と、改革項目ごとの意見と対応',
    input: z.object({ planId: idSchema, fiscalYear: fiscalYearSchema }).strict(),
    result: z.object({ meetings: z.array(meetingSchema), opinions: z.array(opinionSchema) }),
    mutates: false,
  }),
  'meetings.save': channel({
    summary: '会議（推進本部・委員会、名称、開催日）を追加・変更する',
    input: z
      .object({
        id: idSchema.optional(),
        planId: idSchema,
        fiscalYear: fiscalYearSchema,
        kind: z.enum(MEETING_KINDS),
        name: requiredTextSchema(100, '会議名'),
        heldOn: isoDateSchema.nullable(),
      })
      .strict(),
    result: z.object({ id: idSchema }),
    mutates: true,
  }),
  'opinions.save': channel({
    summary: '改革項目への意見と担当課の対応を追加・変更する',
    input: z
      .object({
        id: idSchema.optional(),
        meetingId: idSchema,
        itemId: idSchema,
        body: requiredTextSchema(4000, '意見'),
        response: textSchema(4000, '対応'),
      })
      .strict(),
    result: z.object({ id: idSchema }),
    mutates: true,
  }),
  'opinions.delete': channel({
    summary: '意見を削除する',
    input: z.object({ id: idSchema }).strict(),
    result: done,
    mutates: true,
  }),
  'dashboard.get': channel({
    summary: '年度の評価の件数と割合（重点項目別・担当課別）、効果額の推移と累計、指標の達成状況',
    input: z
      .object({ planId: idSchema, fiscalYear: fiscalYearSchema, roundId: idSchema.optional() })
      .strict(),
    result: dashboardSchema,
    mutates: false,
  }),
  'plans.rollover': channel({
    summary: '次期計画を作る。選んだ改革項目を【継続項目】として引き継ぐ',
    input: z
      .object({
        planId: idSchema,
        title: requiredTextSchema(200, '計画の名称'),
        firstFy: fiscalYearSchema,
        lastFy: fiscalYearSchema,
        itemIds: z.array(idSchema).max(10000),
      })
      .strict(),
    result: z.object({ planId: idSchema }),
    mutates: true,
  }),
  'items.lineage': channel({
    summary: '改革項目の計画をまたいだ系譜（前計画・次期計画の項目と各年度の評価）',
    input: z.object({ itemId: idSchema }).strict(),
    result: z.array(lineageEntrySchema),
    mutates: false,
  }),
} as const;
