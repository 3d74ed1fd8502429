import { z } from 'zod';
import { idSchema } from '../domain/common';

/**
 * Committee materials as a document model: built once from the store's data
 * (pure code, shared), then drawn as HTML for the preview and for printing
 * (the same page), and written as an Excel workbook. What prints is what the
 * preview shows because both are the same HTML.
 */
export const REPORT_KINDS = ['plan', 'progress', 'item', 'summary', 'opinions'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export const REPORT_TITLES: Record<ReportKind, string> = {
  plan: '計画書',
  progress: '進捗状況一覧',
  item: '個票',
  summary: '総括表',
  opinions: '意見一覧表',
};

export const PAPERS = ['A4', 'A3'] as const;
export const ORIENTATIONS = ['portrait', 'landscape'] as const;

/** Sensible paper per report, as cities print them (domain notes). */
export const DEFAULT_PAGE: Record<
  ReportKind,
  { paper: (typeof PAPERS)[number]; orientation: (typeof ORIENTATIONS)[number] }
> = {
  plan: { paper: 'A4', orientation: 'landscape' },
  progress: { paper: 'A3', orientation: 'landscape' },
  item: { paper: 'A4', orientation: 'portrait' },
  summary: { paper: 'A4', orientation: 'landscape' },
  opinions: { paper: 'A4', orientation: 'landscape' },
};

export const reportOptionsSchema = z
  .object({
    kind: z.enum(REPORT_KINDS),
    planId: idSchema,
    fiscalYear: z.number().int(),
    roundId: idSchema.nullable(),
    /** Selection: 重点項目 ids, section ids, item ids (empty = all). */
    priorityIds: z.array(idSchema).max(100).default([]),
    sectionIds: z.array(idSchema).max(500).default([]),
    itemIds: z.array(idSchema).max(20000).default([]),
    paper: z.enum(PAPERS),
    orientation: z.enum(ORIENTATIONS),
    /** 資料番号, e.g. 資料2 */
    documentNo: z.string().max(20).default(''),
    meeting: z.string().max(100).default(''),
    meetingDate: z.string().max(20).default(''),
    /** 取扱注意 and the like, printed at the top right of every page. */
    marking: z.string().max(20).default(''),
  })
  .strict();
export type ReportOptions = z.infer<typeof reportOptionsSchema>;

/** One table cell: text, or a schedule bar (実施時期), or a coloured level badge. */
export type ReportCell =
  | string
  | number
  | null
  | { kind: 'bars'; bars: { label: string; phase: string; start: boolean; end: boolean }[] }
  | { kind: 'level'; text: string; color: string }
  /** Several scales in one cell (進捗状況, 自己評価, 今後の方向性 of one year), each named. */
  | { kind: 'levels'; levels: { axis: string; text: string; color: string }[] };

export interface ReportColumn {
  header: string;
  /** Relative width (the table is laid out to the page width). */
  width: number;
  align?: 'left' | 'right' | 'center';
  /** Schedule columns get the bar drawing. */
  schedule?: boolean;
}

export type ReportBlock =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'text'; text: string }
  | { kind: 'fields'; rows: [string, string][] }
  | { kind: 'table'; caption?: string; columns: ReportColumn[]; rows: ReportCell[][] }
  | {
      kind: 'bars';
      caption: string;
      legend: { label: string; color: string }[];
      rows: {
        label: string;
        total: number;
        segments: { label: string; value: number; color: string; text: string }[];
      }[];
    }
  | { kind: 'pageBreak' };

export interface ReportDoc {
  kind: ReportKind;
  title: string;
  /** Plan · year · round, printed in the page header. */
  subtitle: string;
  planTitle: string;
  blocks: ReportBlock[];
  /** Item names in the report (what the tests look for in the PDF). */
  itemNames: string[];
  /** A message instead of a report, when the selection leaves nothing. */
  empty: string | null;
}
