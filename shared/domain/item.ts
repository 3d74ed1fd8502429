import { z } from 'zod';
import {
  fiscalYearSchema,
  idSchema,
  isoTimeSchema,
  requiredTextSchema,
  textSchema,
} from './common';

/** One span of 実施時期 for an initiative, inclusive of both fiscal years. */
export const scheduleSpanSchema = z.object({
  id: idSchema,
  startFy: fiscalYearSchema,
  endFy: fiscalYearSchema,
  phaseId: idSchema,
});
export type ScheduleSpan = z.infer<typeof scheduleSpanSchema>;

/** 主な取組 ①②③ with its ・points. An unnumbered plan item has one initiative with label ''. */
export const initiativeSchema = z.object({
  id: idSchema,
  label: z.string(),
  text: z.string(),
  points: z.array(z.string()),
  spans: z.array(scheduleSpanSchema),
});
export type Initiative = z.infer<typeof initiativeSchema>;

export const assignmentRoleSchema = z.enum(['lead', 'support']);
export type AssignmentRole = z.infer<typeof assignmentRoleSchema>;

/** 実施担当: a 課 with the 部 it belongs to, as named in the year shown. */
export const assignmentSchema = z.object({
  orgUnitId: idSchema,
  role: assignmentRoleSchema,
  sectionName: z.string(),
  departmentName: z.string().nullable(),
});
export type Assignment = z.infer<typeof assignmentSchema>;

/** 改革項目 */
export const reformItemSchema = z.object({
  id: idSchema,
  planId: idSchema,
  priorityId: idSchema,
  areaId: idSchema,
  number: z.number().int().positive(),
  /** The number as the plan prints it: 1-(1)-1, or 「82」「R1-1」 as the city wrote it (the plan's numberPattern). */
  code: z.string(),
  /** The number as the city's plan wrote it; null for items made here. */
  writtenNumber: z.string().nullable().default(null),
  name: z.string(),
  /** 【継続項目】: carried over from the predecessor plan. */
  isContinued: z.boolean(),
  predecessorItemId: idSchema.nullable(),
  /** 推進内容 */
  promotion: z.string(),
  initiatives: z.array(initiativeSchema),
  assignments: z.array(assignmentSchema),
  /** 「関係部課」: every section concerned, decided per year. */
  involvesRelatedSections: z.boolean(),
  sortOrder: z.number().int(),
  /** 追加年度: the first fiscal year the item has records (null = the plan's first year). */
  startFy: fiscalYearSchema.nullable(),
  /** 完了・廃止: the last fiscal year it has records (null = to the plan's end). */
  endFy: fiscalYearSchema.nullable(),
  updatedAt: isoTimeSchema,
});
export type ReformItem = z.infer<typeof reformItemSchema>;

/** Fields of a 改革項目 that staff edit directly (structure has its own channels). */
export const reformItemPatchSchema = z
  .object({
    name: requiredTextSchema(200, '改革項目名'),
    /** The number within its 取組分野 (the last part of 1-(1)-3). */
    number: z
      .number()
      .int()
      .positive({ message: '番号は1以上の整数で入力してください' })
      .max(99999),
    /** The number as the city's plan writes it (「82」「R1-1」); null = none. */
    writtenNumber: z
      .string()
      .trim()
      .max(20, { message: '計画での番号は20文字以内で入力してください' })
      .nullable()
      .transform((v) => (v === '' ? null : v)),
    isContinued: z.boolean(),
    promotion: textSchema(4000, '推進内容'),
    involvesRelatedSections: z.boolean(),
    /** 追加年度 (null = from the plan's first year). */
    startFy: fiscalYearSchema.nullable(),
    /** 完了・廃止の年度 (null = to the plan's end). */
    endFy: fiscalYearSchema.nullable(),
  })
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, { message: '変更する項目がありません' });
export type ReformItemPatch = z.infer<typeof reformItemPatchSchema>;

/** An initiative as the editors send it: with its id when it already exists. */
export const initiativeInputSchema = z
  .object({
    id: idSchema.optional(),
    label: z.string().max(4, { message: '取組の番号は①②…の1文字で入力してください' }),
    text: requiredTextSchema(1000, '主な取組'),
    points: z.array(requiredTextSchema(500, '取組の内容（・）')).max(100),
    spans: z
      .array(
        z
          .object({ startFy: fiscalYearSchema, endFy: fiscalYearSchema, phaseId: idSchema })
          .strict(),
      )
      .max(50),
  })
  .strict();
export type InitiativeInput = z.infer<typeof initiativeInputSchema>;
