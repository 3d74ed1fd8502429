import { z } from 'zod';
import { fiscalYearSchema, idSchema, isoTimeSchema } from './common';
import { DEFAULT_HEADING_NAMES, DEFAULT_NUMBER_PATTERN } from './headings';
import type { HeadingNames } from './headings';

/** What a plan calls its two heading levels, as its own documents do. */
export const headingNamesSchema = z.object({
  priority: z.string(),
  area: z.string(),
  /** The level above 重点項目 in plans of three heading levels (基本目標, 基本方針 …). */
  group: z.string().default('基本目標'),
});
// The words and numbers screens show live zod-free in ./headings, so the
// renderer's first bundle carries no zod; this schema must read exactly that shape.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const headingNamesMatch: Same<z.infer<typeof headingNamesSchema>, HeadingNames> = true;
void headingNamesMatch;

export const numberPatternSchema = z
  .string()
  .trim()
  .min(1, { message: '番号の表し方を入力してください' })
  .max(30, { message: '番号の表し方は30文字以内で入力してください' })
  .refine((s) => /\{[nc]\}/.test(s), {
    message: '番号の表し方には {n}（分野内の番号）か {c}（計画に書かれた番号）を含めてください',
  })
  .refine((s) => !/\{(?![pacn]\})/.test(s), {
    message: '番号の表し方に使えるのは {p} {a} {n} {c} だけです',
  });

/** 行動計画: one five-year (or any length) reform plan of a municipality. */
export const planSummarySchema = z.object({
  id: idSchema,
  title: z.string(),
  municipality: z.string(),
  firstFy: fiscalYearSchema,
  lastFy: fiscalYearSchema,
  adoptedOn: z.string().nullable(),
  predecessorPlanId: idSchema.nullable(),
  itemCount: z.number().int(),
  updatedAt: isoTimeSchema,
  /** Put away: hidden from the chooser unless asked for, kept whole. */
  archived: z.boolean(),
  /** Snapshots of years closed before these names existed read as the defaults. */
  headingNames: headingNamesSchema.default(DEFAULT_HEADING_NAMES),
  /** Heading levels above the items. 3: 基本目標 → 重点項目 → 取組分野; 2: 重点項目 → 取組分野; 1: no 取組分野 (one unnamed 分野 per 重点項目, never shown); 0: a plain list. */
  headingLevels: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]).default(2),
  numberPattern: z.string().default(DEFAULT_NUMBER_PATTERN),
  /** 再掲 in the per-heading counts: under its own heading only, or under every heading it is listed in (totals count it once either way). */
  repostCounting: z.enum(['home', 'every']).default('home'),
});
export type PlanSummary = z.infer<typeof planSummarySchema>;

/** 取組分野: (1)(2)(3) under a 重点項目. */
export const areaSchema = z.object({
  id: idSchema,
  priorityId: idSchema,
  number: z.number().int().positive(),
  title: z.string(),
  leadText: z.string(),
  itemCount: z.number().int(),
  /** 再掲: items of other 分野 shown here again (marked 再掲, counted under their own heading). */
  repostedItemIds: z.array(idSchema).default([]),
});
export type Area = z.infer<typeof areaSchema>;

/** 重点項目 */
export const prioritySchema = z.object({
  id: idSchema,
  planId: idSchema,
  /** The 基本目標 it stands under, in plans of three heading levels. */
  groupId: idSchema.nullable().default(null),
  number: z.number().int().positive(),
  title: z.string(),
  leadText: z.string(),
  areas: z.array(areaSchema),
});
export type Priority = z.infer<typeof prioritySchema>;

/** 実施時期の区分 (検討 / 試行 / 実施 / 継続 …), configurable per plan. */
export const schedulePhaseSchema = z.object({
  id: idSchema,
  code: z.string(),
  label: z.string(),
  sortOrder: z.number().int(),
});
export type SchedulePhase = z.infer<typeof schedulePhaseSchema>;

export const glossaryTermSchema = z.object({
  id: idSchema,
  term: z.string(),
  description: z.string(),
});
export type GlossaryTerm = z.infer<typeof glossaryTermSchema>;

/** 基本目標: the heading above 重点項目 in plans of three heading levels. */
export const headingGroupSchema = z.object({
  id: idSchema,
  number: z.number().int().positive(),
  title: z.string(),
});
export type HeadingGroup = z.infer<typeof headingGroupSchema>;

export const planDetailSchema = planSummarySchema.extend({
  groups: z.array(headingGroupSchema).default([]),
  priorities: z.array(prioritySchema),
  phases: z.array(schedulePhaseSchema),
  glossary: z.array(glossaryTermSchema),
  /** Where the plan came from (sample file, import), shown in the about box. */
  sourceNote: z.string(),
});
export type PlanDetail = z.infer<typeof planDetailSchema>;
