import { z } from 'zod';
import { fiscalYearSchema, requiredTextSchema, textSchema } from './common';

/** Which column of another city's plan workbook holds what (1-based column numbers). */
const col = z.number().int().min(1).max(200).nullable();

export const planMappingSchema = z
  .object({
    sheet: z.string().min(1).max(100),
    headerRow: z.number().int().min(1).max(100),
    columns: z
      .object({
        priority: col,
        area: col,
        number: col,
        name: z.number().int().min(1).max(200),
        promotion: col,
        initiatives: col,
        lead: col,
        continued: col,
      })
      .strict(),
    years: z
      .array(
        z
          .object({ column: z.number().int().min(1).max(200), fiscalYear: fiscalYearSchema })
          .strict(),
      )
      .max(20),
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
  priorities: z.number().int(),
  areas: z.number().int(),
  items: z.number().int(),
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
