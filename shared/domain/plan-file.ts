import { z } from 'zod';
import { fiscalYearSchema } from './common';
import { DEFAULT_HEADING_NAMES, DEFAULT_NUMBER_PATTERN } from './headings';
import { headingNamesSchema, numberPatternSchema } from './plan';

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
  /** The number as the city's plan wrote it (「82」「R1-1」), kept as text. */
  writtenNumber: z.string().min(1).max(20).nullable().default(null),
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

/** An item of the plan by its place: 重点項目, 分野 and number. */
const itemRefSchema = z.object({
  priority: z.number().int().positive(),
  area: z.number().int().positive(),
  number: z.number().int().positive(),
});

const areaSchema = z.object({
  number: z.number().int().positive(),
  /** Empty only in a plan without 取組分野 (headingLevels 1). */
  title: z.string(),
  leadText: z.string().default(''),
  items: z.array(itemSchema),
  /** 再掲: items listed again under this 分野, by their place in the plan. */
  reposts: z.array(itemRefSchema).default([]),
});

const prioritySchema = z.object({
  number: z.number().int().positive(),
  /** The 基本目標 above it, in plans of three heading levels. */
  group: z.object({ number: z.number().int().positive(), title: z.string().min(1) }).optional(),
  /** Empty only in a plain list of items (headingLevels 0). */
  title: z.string(),
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
      /** 1: the plan has no 取組分野 (one unnamed 分野 per 重点項目, never shown). */
      headingLevels: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]).default(2),
      numberPattern: numberPatternSchema.default(DEFAULT_NUMBER_PATTERN),
      repostCounting: z.enum(['home', 'every']).default('home'),
      headingNames: headingNamesSchema.default(DEFAULT_HEADING_NAMES),
    }),
    phases: z.array(z.object({ code: z.string().min(1), label: z.string().min(1) })).min(1),
    priorities: z.array(prioritySchema).min(1),
    glossary: z.array(z.object({ term: z.string().min(1), description: z.string() })).default([]),
  })
  .superRefine((f, ctx) => {
    const levels = f.plan.headingLevels;
    f.priorities.forEach((p, pi) => {
      if (levels > 0 && !p.title.trim())
        ctx.addIssue({
          code: 'custom',
          path: ['priorities', pi, 'title'],
          message: '重点項目の名前がありません',
        });
      if (levels < 2 && p.areas.length !== 1)
        ctx.addIssue({
          code: 'custom',
          path: ['priorities', pi, 'areas'],
          message: '取組分野のない計画では、重点項目ごとに分野を1つだけ持ちます',
        });
      if (levels === 3 && !p.group)
        ctx.addIssue({
          code: 'custom',
          path: ['priorities', pi, 'group'],
          message: `${f.plan.headingNames.group}がありません`,
        });
      if (levels >= 2)
        p.areas.forEach((a, ai) => {
          if (!a.title.trim())
            ctx.addIssue({
              code: 'custom',
              path: ['priorities', pi, 'areas', ai, 'title'],
              message: '取組分野の名前がありません',
            });
        });
    });
    if (levels === 0 && f.priorities.length !== 1)
      ctx.addIssue({
        code: 'custom',
        path: ['priorities'],
        message: '見出しのない計画では、重点項目を1つだけ持ちます',
      });
    const places = new Set(
      f.priorities.flatMap((p) =>
        p.areas.flatMap((a) => a.items.map((i) => `${p.number}-${a.number}-${i.number}`)),
      ),
    );
    f.priorities.forEach((p, pi) =>
      p.areas.forEach((a, ai) =>
        a.reposts.forEach((r, ri) => {
          if (!places.has(`${r.priority}-${r.area}-${r.number}`))
            ctx.addIssue({
              code: 'custom',
              path: ['priorities', pi, 'areas', ai, 'reposts', ri],
              message: '再掲する改革項目が計画にありません',
            });
        }),
      ),
    );
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
