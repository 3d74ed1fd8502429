import { z } from 'zod';
import { fiscalYearSchema, idSchema, isoTimeSchema } from './common';

/** What a plan calls its two heading levels, as its own documents do. */
export const headingNamesSchema = z.object({
  priority: z.string(),
  area: z.string(),
  /** The level above 重点項目 in plans of three heading levels (基本目標, 基本方針 …). */
  group: z.string().default('基本目標'),
});
export type HeadingNames = z.infer<typeof headingNamesSchema>;
export const DEFAULT_HEADING_NAMES: HeadingNames = {
  priority: '重点項目',
  area: '取組分野',
  group: '基本目標',
};

/** 「基本目標1 …」: the level above 重点項目, in the plan's own word. */
export function groupHeading(names: HeadingNames, g: { number: number; title: string }): string {
  return `${names.group}${g.number}　${g.title}`;
}

/** 「重点項目1 行政のデジタル化推進…」 in the plan's own words (「重点改革項目1 …」). */
export function priorityHeading(
  names: HeadingNames,
  p: { number: number | string; title: string },
): string {
  return `${names.priority}${p.number}　${p.title}`;
}

/**
 * How a plan numbers its items, as its own documents print them:
 * {p} the 重点項目's number, {a} the 取組分野's, {n} the item's number in
 * its 分野, {c} the number as the city's plan wrote it (「82」「R1-1」;
 * items made here fall back to {n}).
 */
export const NUMBER_PATTERNS: readonly { pattern: string; label: string }[] = [
  { pattern: '{p}-({a})-{n}', label: '1-(1)-1（重点項目-(分野)-番号）' },
  { pattern: '{p}-{a}-{n}', label: '1-1-1（重点項目-分野-番号）' },
  { pattern: '{p}-{n}', label: '1-1（重点項目-番号）' },
  { pattern: '{c}', label: '計画に書かれた番号のまま（82、R1-1 など）' },
  { pattern: '{p}-{c}', label: '重点項目-計画に書かれた番号（1-82）' },
];
export const DEFAULT_NUMBER_PATTERN = '{p}-({a})-{n}';

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

/** An item's number as the plan shows and prints it. */
export function formatItemNumber(
  pattern: string,
  parts: { priority: number; area: number; number: number; written: string | null },
): string {
  return pattern.replace(/\{([pacn])\}/g, (_, t: string) =>
    t === 'p'
      ? String(parts.priority)
      : t === 'a'
        ? String(parts.area)
        : t === 'n'
          ? String(parts.number)
          : (parts.written ?? String(parts.number)),
  );
}

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
