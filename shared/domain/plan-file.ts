import { z } from 'zod';
import { fiscalYearSchema } from './common';

/**
 * A whole plan as a portable document: the embedded sample plan uses it, and
 * plan workbooks are read into it. Sections are named as text (部 / 課) and
 * matched to the organisation when the plan is loaded.
 */
const spanSchema = z.object({
  start: fiscalYearSchema,
  end: fiscalYearSchema,
  phase: z.string().min(1),
});

const initiativeSchema = z.object({
  label: z.string().max(4),
  text: z.string().min(1).max(1000),
  points: z.array(z.string().min(1).max(500)).default([]),
  spans: z.array(spanSchema).default([]),
});

const sectionRefSchema = z.object({ department: z.string().min(1), section: z.string().min(1) });

const itemSchema = z.object({
  number: z.number().int().positive(),
  name: z.string().min(1).max(200),
  continued: z.boolean().default(false),
  promotion: z.string().max(4000),
  initiatives: z.array(initiativeSchema).min(1),
  lead: z.array(sectionRefSchema).default([]),
  support: z.array(sectionRefSchema).default([]),
  relatedSections: z.boolean().default(false),
  /** The 実施時期 cells as the source text had them, kept for provenance. */
  scheduleAsPrinted: z.string().optional(),
  /** How the spans were read from the flattened markers, when not literal. */
  inferred: z.string().optional(),
});

const areaSchema = z.object({
  number: z.number().int().positive(),
  title: z.string().min(1),
  leadText: z.string().default(''),
  items: z.array(itemSchema),
});

const prioritySchema = z.object({
  number: z.number().int().positive(),
  title: z.string().min(1),
  leadText: z.string().default(''),
  areas: z.array(areaSchema).min(1),
});

export const planFileSchema = z
  .object({
    format: z.literal('gyokaku-desk/plan@1'),
    source: z.string().default(''),
    inferenceRules: z.array(z.string()).default([]),
    plan: z.object({
      title: z.string().min(1).max(200),
      municipality: z.string().min(1).max(50),
      firstFy: fiscalYearSchema,
      lastFy: fiscalYearSchema,
      adoptedOn: z.string().nullable().default(null),
    }),
    phases: z.array(z.object({ code: z.string().min(1), label: z.string().min(1) })).min(1),
    priorities: z.array(prioritySchema).min(1),
    glossary: z.array(z.object({ term: z.string().min(1), description: z.string() })).default([]),
  })
  .superRefine((f, ctx) => {
    const phases = new Set(f.phases.map((p) => p.code));
    f.priorities.forEach((p, pi) =>
      p.areas.forEach((a, ai) =>
        a.items.forEach((it, ii) =>
          it.initiatives.forEach((ini, ni) =>
            ini.spans.forEach((s, si) => {
              const at = [
                'priorities',
                pi,
                'areas',
                ai,
                'items',
                ii,
                'initiatives',
                ni,
                'spans',
                si,
              ];
              if (!phases.has(s.phase))
                ctx.addIssue({
                  code: 'custom',
                  path: at,
                  message: `実施時期の区分「${s.phase}」が定義されていません`,
                });
              if (s.end < s.start || s.start < f.plan.firstFy || s.end > f.plan.lastFy)
                ctx.addIssue({
                  code: 'custom',
                  path: at,
                  message: '実施時期が計画期間の外にあります',
                });
            }),
          ),
        ),
      ),
    );
  });

export type PlanFile = z.infer<typeof planFileSchema>;
export type PlanFileInput = z.input<typeof planFileSchema>;
