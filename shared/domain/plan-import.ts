import { z } from 'zod';
import { fiscalYearSchema, requiredTextSchema, textSchema } from './common';
import { headingNamesSchema, numberPatternSchema } from './plan';

import { HISTORY_FIELDS } from './history-fields';

/** Which column of another city's plan workbook holds what (1-based column numbers). */
const col = z.number().int().min(1).max(200).nullable();

export const planMappingSchema = z
  .object({
    sheet: z.string().min(1).max(100),
    headerRow: z.number().int().min(1).max(100),
    columns: z
      .object({
        /** The level above 重点項目 (基本目標), in plans of three heading levels. */
        group: col.optional(),
        priority: col,
        area: col,
        number: col,
        name: z.number().int().min(1).max(200),
        promotion: col,
        initiatives: col,
        lead: col,
        continued: col,
        /** The item's 指標 (its name and unit), for past years' 指標 values. */
        kpiName: col.optional(),
        kpiUnit: col.optional(),
      })
      .strict(),
    years: z
      .array(
        z
          .object({ column: z.number().int().min(1).max(200), fiscalYear: fiscalYearSchema })
          .strict(),
      )
      .max(20),
    /** The city whose scales, rounds and level names the plan starts with (CITY_PRESETS). */
    city: z.string().max(40).optional(),
    /**
     * Past years in the same sheet: which column holds which year's value
     * (評価, 取組実績, 効果額 …). Imported as that year's records, closed as
     * imported history.
     */
    history: z
      .array(
        z
          .object({
            column: z.number().int().min(1).max(200),
            fiscalYear: fiscalYearSchema,
            field: z.enum(HISTORY_FIELDS),
          })
          .strict(),
      )
      .max(100)
      .optional(),
    /** 再掲 in the per-heading counts (see PlanSummary.repostCounting). */
    repostCounting: z.enum(['home', 'every']).optional(),
    /** How items are numbered (see NUMBER_PATTERNS); unset: chosen from what the number column holds. */
    numberPattern: numberPatternSchema.optional(),
    /** The header row as it read when the mapping was saved (normalised), to suggest it again for the same layout. */
    headers: z.array(z.string().max(200)).max(200).optional(),
    plan: z
      .object({
        title: requiredTextSchema(200, '計画の名称'),
        // May be empty while the user is still mapping; the import itself requires it.
        municipality: textSchema(50, '自治体名'),
        firstFy: fiscalYearSchema,
        lastFy: fiscalYearSchema,
      })
      .strict(),
  })
  .strict();
export type PlanMapping = z.infer<typeof planMappingSchema>;

export const mappingPreviewSchema = z.object({
  groups: z.number().int().default(0),
  priorities: z.number().int(),
  areas: z.number().int(),
  items: z.number().int(),
  /** The plan's shape as read: heading levels and their names (from the header), numbering. */
  shape: z
    .object({
      headingLevels: z.number().int(),
      headingNames: headingNamesSchema,
      numberPattern: z.string(),
    })
    .optional(),
  sample: z.array(
    z.object({
      code: z.string(),
      priority: z.string(),
      area: z.string(),
      name: z.string(),
      continued: z.boolean(),
      initiatives: z.string(),
      lead: z.string(),
      years: z.string(),
    }),
  ),
  /** Past years read from the sheet: per year, how many items have a value, and the evaluation counts. */
  history: z
    .array(
      z.object({
        fiscalYear: fiscalYearSchema,
        fields: z.array(z.string()),
        items: z.number().int(),
        evaluations: z.record(z.string(), z.number().int()),
      }),
    )
    .default([]),
  /** Rows left out, with why. */
  skipped: z.array(z.object({ row: z.number().int(), reason: z.string() })),
  /** 課 named without a 部, placed under the 部 it has elsewhere (「情報政策課→総務部」). */
  inferredDepartments: z.array(z.string()).default([]),
  /** Header cells no field was mapped to. */
  unmapped: z.array(z.string()),
  /** Anything that stops the import. */
  problems: z.array(z.string()),
});
export type MappingPreview = z.infer<typeof mappingPreviewSchema>;
