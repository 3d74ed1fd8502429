import { z } from 'zod';
import { fiscalYearSchema, idSchema, isoTimeSchema } from './common';

/** What a plan calls its two heading levels, as its own documents do. */
export const headingNamesSchema = z.object({
  priority: z.string(),
  area: z.string(),
});
export type HeadingNames = z.infer<typeof headingNamesSchema>;
export const DEFAULT_HEADING_NAMES: HeadingNames = { priority: '重点項目', area: '取組分野' };

/** 「重点項目1 行政のデジタル化推進…」 in the plan's own words (「重点改革項目1 …」). */
export function priorityHeading(
  names: HeadingNames,
  p: { number: number | string; title: string },
): string {
  return `${names.priority}${p.number}　${p.title}`;
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
});
export type Area = z.infer<typeof areaSchema>;

/** 重点項目 */
export const prioritySchema = z.object({
  id: idSchema,
  planId: idSchema,
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

export const planDetailSchema = planSummarySchema.extend({
  priorities: z.array(prioritySchema),
  phases: z.array(schedulePhaseSchema),
  glossary: z.array(glossaryTermSchema),
  /** Where the plan came from (sample file, import), shown in the about box. */
  sourceNote: z.string(),
});
export type PlanDetail = z.infer<typeof planDetailSchema>;
