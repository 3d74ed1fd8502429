import { z } from 'zod';
import { appInfoSchema } from './domain/app';
import { auditEntrySchema } from './domain/audit';
import { idSchema, requiredTextSchema, fiscalYearSchema } from './domain/common';
import { reformItemPatchSchema, reformItemSchema } from './domain/item';
import { orgUnitSchema } from './domain/org';
import { planDetailSchema, planSummarySchema } from './domain/plan';

/**
 * The one IPC contract: channel → input schema → result schema. The main
 * process validates every input against it, the renderer's client is typed
 * from it, the browser host serves it as POST /api/<channel>, and docs/api.md
 * is generated from it.
 */
interface ChannelSpec<I extends z.ZodType, R extends z.ZodType> {
  /** One Japanese line for docs/api.md. */
  summary: string;
  input: I;
  result: R;
  /** Channels that change the store; the host refuses them on a read-only store. */
  mutates: boolean;
}

function channel<I extends z.ZodType, R extends z.ZodType>(spec: ChannelSpec<I, R>) {
  return spec;
}

const empty = z.object({}).strict();

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
  }),
  'plans.list': channel({
    summary: '登録されている行動計画の一覧',
    input: empty,
    result: z.array(planSummarySchema),
    mutates: false,
  }),
  'plans.get': channel({
    summary: '計画の重点項目・取組分野の構成、実施時期の区分、用語解説',
    input: z.object({ planId: idSchema }).strict(),
    result: planDetailSchema,
    mutates: false,
  }),
  'items.list': channel({
    summary: '改革項目の一覧（計画全体、または重点項目・取組分野で絞り込み）',
    input: z
      .object({ planId: idSchema, priorityId: idSchema.optional(), areaId: idSchema.optional() })
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
