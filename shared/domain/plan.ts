import { z } from 'zod';
import { fiscalYearSchema, idSchema, isoTimeSchema } from './common';

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
