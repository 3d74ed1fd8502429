import { z } from 'zod';
import { appInfoSchema } from './domain/app';
import { auditEntrySchema } from './domain/audit';
import { fiscalYearSchema, idSchema, requiredTextSchema, textSchema } from './domain/common';
import {
  assignmentRoleSchema,
  initiativeInputSchema,
  reformItemPatchSchema,
  reformItemSchema,
} from './domain/item';
import { orgUnitSchema } from './domain/org';
import { numberPatternSchema, planDetailSchema, planSummarySchema } from './domain/plan';
import { channel } from './channel';
import { exchangeChannels } from './contract-exchange';
import { pdcaChannels } from './contract-pdca';
import { planFileChannels } from './contract-plan-files';
import { reportChannels } from './contract-reports';
import { yearChannels } from './contract-years';
import { backupChannels } from './contract-backups';
import { dataFileChannels } from './contract-data-files';
import { historyChannels } from './contract-history';

/**
 * The one IPC contract: channel → input schema → result schema. The main
 * process validates every input against it, the renderer's client is typed
 * from it, the browser host serves it as POST /api/<channel>, and docs/api.md
 * is generated from it.
 */
const empty = z.object({}).strict();
const done = z.object({ ok: z.literal(true) });
const itemIds = z.array(idSchema).min(1).max(10000);
const outlineKind = z.enum(['priority', 'area']);
/** 基本目標 are renamed like the headings below them. */
const renamableKind = z.enum(['priority', 'area', 'group']);
const deletionSummarySchema = z.object({
  itemIds: z.array(idSchema),
  initiatives: z.number().int(),
  points: z.number().int(),
  spans: z.number().int(),
  assignments: z.number().int(),
});

export const contract = {
  'app.info': channel({
    summary: 'アプリのバージョン、データファイルの場所、利用者名',
    input: empty,
    result: appInfoSchema,
    mutates: false,
  }),
  'app.setDisplayName': channel({
    summary: '変更履歴に記録する利用者の表示名を変える（既定は OS のユーザー名）',
    input: z.object({ displayName: requiredTextSchema(50, '表示名') }).strict(),
    result: appInfoSchema.shape.user,
    mutates: true,
    undo: false,
  }),
  'plans.list': channel({
    summary: '登録されている行動計画の一覧',
    input: empty,
    result: z.array(planSummarySchema),
    mutates: false,
  }),
  'plans.rename': channel({
    summary:
      '計画の名前と、見出しの呼び方（重点項目・取組分野にあたる語）、改革項目の番号の表し方を変える',
    input: z
      .object({
        planId: idSchema,
        title: requiredTextSchema(200, '計画の名前'),
        headingNames: z
          .object({
            priority: requiredTextSchema(20, '1段目の見出しの呼び方'),
            area: requiredTextSchema(20, '2段目の見出しの呼び方'),
            group: requiredTextSchema(20, '重点項目の上の見出しの呼び方').optional(),
          })
          .strict()
          .optional(),
        numberPattern: numberPatternSchema.optional(),
        repostCounting: z.enum(['home', 'every']).optional(),
      })
      .strict(),
    result: z.array(planSummarySchema),
    mutates: true,
  }),
  'plans.archive': channel({
    summary: '計画をアーカイブする（計画の選択に出さない。内容はそのまま）、または戻す',
    input: z.object({ planId: idSchema, archived: z.boolean() }).strict(),
    result: z.array(planSummarySchema),
    mutates: true,
  }),
  'plans.delete': channel({
    summary: '計画を削除する（名前の入力で確認し、先にバックアップを作る。変更履歴に残る）',
    input: z
      .object({ planId: idSchema, confirmTitle: requiredTextSchema(200, '確認のための計画の名前') })
      .strict(),
    result: z.array(planSummarySchema),
    mutates: true,
  }),
  'plans.get': channel({
    summary: '計画の重点項目・取組分野の構成、実施時期の区分、用語解説',
    input: z.object({ planId: idSchema }).strict(),
    result: planDetailSchema,
    mutates: false,
  }),
  'plans.setPhases': channel({
    summary:
      '計画の実施時期の区分（検討・試行・実施・継続…）を並べ替え・名称変更・追加・削除する。使用中の区分は削除できない',
    input: z
      .object({
        planId: idSchema,
        phases: z
          .array(
            z
              .object({
                id: idSchema.optional(),
                code: requiredTextSchema(20, '区分'),
                label: requiredTextSchema(20, '区分の表示名'),
              })
              .strict(),
          )
          .min(1)
          .max(20),
      })
      .strict(),
    result: planDetailSchema,
    mutates: true,
  }),
  'items.list': channel({
    summary: '改革項目の一覧（計画全体、または重点項目・取組分野で絞り込み）',
    input: z
      .object({
        planId: idSchema,
        priorityId: idSchema.optional(),
        areaId: idSchema.optional(),
        /** A year's view: that year's items, with the sections they had then. */
        fiscalYear: fiscalYearSchema.optional(),
      })
      .strict(),
    result: z.array(reformItemSchema),
    mutates: false,
  }),
  'items.get': channel({
    summary: '改革項目1件（主な取組、実施時期、実施担当を含む）',
    input: z.object({ itemId: idSchema }).strict(),
    result: reformItemSchema,
    mutates: false,
  }),
  'items.update': channel({
    summary:
      '改革項目の名称・継続フラグ・推進内容・関係部課を変更する。expectedUpdatedAt が現在と違えば CONFLICT',
    input: z
      .object({
        itemId: idSchema,
        patch: reformItemPatchSchema,
        expectedUpdatedAt: z.string().optional(),
      })
      .strict(),
    result: reformItemSchema,
    mutates: true,
  }),
  'items.updateMany': channel({
    summary:
      '複数の改革項目の欄（主な取組を含む）をまとめて変更する（貼り付け・フィル・元に戻す）。1件でも不正または衝突なら何も変更しない',
    input: z
      .object({
        changes: z
          .array(
            z
              .object({
                itemId: idSchema,
                patch: reformItemPatchSchema.optional(),
                initiatives: z
                  .array(initiativeInputSchema)
                  .max(100, { message: '主な取組は100件までです' })
                  .optional(),
                expectedUpdatedAt: z.string().optional(),
              })
              .strict()
              .refine((c) => c.patch != null || c.initiatives != null, {
                message: '変更する項目がありません',
              }),
          )
          .min(1)
          .max(20000, { message: '一度に変更できるのは20,000件までです' }),
      })
      .strict(),
    result: z.array(reformItemSchema),
    mutates: true,
  }),
  'items.create': channel({
    summary:
      '取組分野に改革項目を追加する（afterItemId の後ろ、null なら先頭）。番号は分野内の最大番号＋1',
    input: z
      .object({
        areaId: idSchema,
        afterItemId: idSchema.nullable(),
        name: requiredTextSchema(200, '改革項目名'),
        /** 追加年度; omitted = the year being worked on, null = from the plan's first year. */
        startFy: fiscalYearSchema.nullable().optional(),
      })
      .strict(),
    result: reformItemSchema,
    mutates: true,
  }),
  'items.deletionSummary': channel({
    summary: '削除すると一緒に消えるもの（主な取組・実施時期・実施担当の件数）',
    input: z.object({ itemIds }).strict(),
    result: deletionSummarySchema,
    mutates: false,
  }),
  'items.delete': channel({
    summary: '改革項目を削除する（履歴は残り、items.restore で元に戻せる）',
    input: z.object({ itemIds }).strict(),
    result: deletionSummarySchema,
    mutates: true,
  }),
  'items.move': channel({
    summary: '改革項目を並べ替える・別の取組分野へ移す（beforeItemId の前、null なら末尾）',
    input: z
      .object({ itemId: idSchema, areaId: idSchema, beforeItemId: idSchema.nullable() })
      .strict(),
    result: done,
    mutates: true,
  }),
  'items.renumber': channel({
    summary: '取組分野内の番号を表示順に 1 から振り直す。元の番号を返す（元に戻す用）',
    input: z.object({ areaId: idSchema }).strict(),
    result: done,
    mutates: true,
  }),
  'items.setInitiatives': channel({
    summary: '改革項目の主な取組（①②…、・、実施時期）をまとめて置き換える',
    input: z
      .object({
        itemId: idSchema,
        initiatives: z
          .array(initiativeInputSchema)
          .max(100, { message: '主な取組は100件までです' }),
        expectedUpdatedAt: z.string().optional(),
      })
      .strict(),
    result: reformItemSchema,
    mutates: true,
  }),
  'items.setAssignments': channel({
    summary: '改革項目の実施担当（主担当・支援の課、関係部課）を設定する',
    input: z
      .object({
        itemId: idSchema,
        assignments: z
          .array(z.object({ orgUnitId: idSchema, role: assignmentRoleSchema }).strict())
          .max(50),
        involvesRelatedSections: z.boolean(),
      })
      .strict(),
    result: reformItemSchema,
    mutates: true,
  }),
  'outline.create': channel({
    summary: '重点項目（parentId は計画）または取組分野（parentId は重点項目）を追加する',
    input: z
      .object({
        kind: outlineKind,
        parentId: idSchema,
        title: requiredTextSchema(200, '名称'),
        afterId: idSchema.nullable(),
      })
      .strict(),
    result: z.object({ id: idSchema }),
    mutates: true,
  }),
  'outline.update': channel({
    summary: '基本目標・重点項目・取組分野の名称と説明文を変更する',
    input: z
      .object({
        kind: renamableKind,
        id: idSchema,
        title: requiredTextSchema(200, '名称').optional(),
        leadText: textSchema(4000, '説明文').optional(),
      })
      .strict(),
    result: done,
    mutates: true,
  }),
  'outline.move': channel({
    summary: '重点項目・取組分野の順番を変える（番号は順番どおりに振り直される）',
    input: z
      .object({ kind: outlineKind, id: idSchema, position: z.number().int().min(0).max(1000) })
      .strict(),
    result: done,
    mutates: true,
  }),
  'outline.delete': channel({
    summary:
      '重点項目・取組分野を削除する（中の改革項目も非表示になる。history.undo で元に戻せる）',
    input: z.object({ kind: outlineKind, id: idSchema }).strict(),
    result: z.object({ items: z.number().int() }),
    mutates: true,
  }),
  'org.create': channel({
    summary: '部・課を追加する（課は所属する部を指定）',
    input: z
      .object({
        kind: z.enum(['department', 'section']),
        name: requiredTextSchema(100, '名称'),
        parentId: idSchema.nullable(),
        validFromFy: fiscalYearSchema.nullable(),
      })
      .strict(),
    result: z.array(orgUnitSchema),
    mutates: true,
  }),
  'org.rename': channel({
    summary: '部・課の名称を変更する（fromFy から新名称、それより前の年度は旧名称のまま）',
    input: z
      .object({ unitId: idSchema, name: requiredTextSchema(100, '名称'), fromFy: fiscalYearSchema })
      .strict(),
    result: z.array(orgUnitSchema),
    mutates: true,
  }),
  'org.merge': channel({
    summary: '複数の部・課を統合する（fromFy から統合後の名称）',
    input: z
      .object({
        unitIds: z.array(idSchema).min(2).max(20),
        name: requiredTextSchema(100, '名称'),
        parentId: idSchema.nullable(),
        fromFy: fiscalYearSchema,
      })
      .strict(),
    result: z.array(orgUnitSchema),
    mutates: true,
  }),
  'org.retire': channel({
    summary: '部・課を廃止する（lastFy まで有効）',
    input: z.object({ unitId: idSchema, lastFy: fiscalYearSchema }).strict(),
    result: z.array(orgUnitSchema),
    mutates: true,
  }),
  'org.list': channel({
    summary: '部・課の一覧（fiscalYear を指定するとその年度に有効なものだけ）',
    input: z.object({ fiscalYear: fiscalYearSchema.optional() }).strict(),
    result: z.array(orgUnitSchema),
    mutates: false,
  }),
  'audit.list': channel({
    summary: '変更履歴（新しい順）。entity・entityId、または改革項目（itemId）で絞り込む',
    input: z
      .object({
        entity: z.string().max(40).optional(),
        entityId: z.number().int().optional(),
        /** Everything concerning one 改革項目: the item, its initiatives, spans and sections. */
        itemId: idSchema.optional(),
        limit: z.number().int().min(1).max(1000).default(200),
      })
      .strict(),
    result: z.array(auditEntrySchema),
    mutates: false,
  }),
  ...pdcaChannels,
  ...exchangeChannels,
  ...planFileChannels,
  ...reportChannels,
  ...yearChannels,
  ...backupChannels,
  ...dataFileChannels,
  ...historyChannels,
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
/** What a caller passes (before defaults are applied). */
export type InputOf<C extends Channel> = z.input<Contract[C]['input']>;
/** What a handler receives (validated, defaults applied). */
export type ParsedInputOf<C extends Channel> = z.output<Contract[C]['input']>;
export type ResultOf<C extends Channel> = z.output<Contract[C]['result']>;

export const CHANNELS = Object.keys(contract) as Channel[];

export function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(contract, name);
}
