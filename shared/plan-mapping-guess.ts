import type { HistoryField } from './domain/history-fields';
import type { PlanMapping } from './domain/plan-import';
import { parseFiscalYear } from './fiscal-year';

/**
 * The first guess of which column holds what in another city's plan sheet,
 * made as a person reading the sheet would: by the header's words (the
 * synonyms real plans use), then checked against what the column holds (a
 * column of 1, 2, 3 is a number, never an item's name). The user corrects
 * it in the dialog; nothing here is final.
 */
export type MappedField = keyof PlanMapping['columns'];

/** Header words seen in published plans, best first. Compared after NFKC and without spaces or brackets. */
export const HEADER_SYNONYMS: Record<MappedField, readonly string[]> = {
  priority: [
    '重点項目',
    '重点改革項目',
    '重点取組',
    '基本方針',
    '基本目標',
    '改革の柱',
    '大項目',
    '柱',
    '重点',
  ],
  area: ['取組分野', '推進項目', '取組方針', '中項目', '分野', '施策'],
  group: ['基本目標', '基本方針', '政策', '大項目', '改革の柱', '柱'],
  number: ['No', 'No.', 'NO', '№', '番号', '項番', '項目番号', '整理番号', '通し番号', '取組番号'],
  name: [
    '改革項目',
    '改革項目名',
    '取組事項',
    '取組項目',
    '実施項目',
    '事業名',
    '項目名',
    '取組名',
    '具体的取組',
    '小項目',
    '項目',
  ],
  promotion: ['推進内容', '取組の概要', '概要', '目的', '現状と課題', '趣旨'],
  initiatives: ['主な取組', '取組内容', '具体的な取組', '取組の内容', '実施内容', '内容'],
  lead: [
    '実施担当',
    '担当課',
    '所管課',
    '主管課',
    '担当部署',
    '所管部署',
    '担当部課',
    '実施主体',
    '担当',
    '所管',
  ],
  continued: ['継続項目', '継続'],
  kpiName: ['指標名', '成果指標', '指標', 'KPI'],
  kpiUnit: ['単位', '指標の単位'],
};

/** The order fields claim columns in: the surest first. */
const FIELD_ORDER: readonly MappedField[] = [
  'number',
  'name',
  'lead',
  'priority',
  'area',
  'group',
  'initiatives',
  'promotion',
  'continued',
  'kpiName',
  'kpiUnit',
];

const normal = (h: string) =>
  h
    .normalize('NFKC')
    .replace(/[\s　()（）「」【】[\]・:：]/g, '')
    .toLowerCase();

/** 3 for the exact word, 2 for a header containing it (earlier synonyms weigh more), 0 for none. */
function headerScore(field: MappedField, header: string): number {
  const h = normal(header);
  if (!h) return 0;
  const words = HEADER_SYNONYMS[field].map(normal);
  const exact = words.indexOf(h);
  if (exact >= 0) return 3 - exact / 100;
  const within = words.findIndex((w) => w.length >= 2 && h.includes(w));
  return within >= 0 ? 2 - within / 100 : 0;
}

type Kind = 'empty' | 'integer' | 'code' | 'text' | 'section' | 'mark';

/** What a cell holds, as far as choosing a column goes. */
function kindOf(cell: string): Kind {
  const s = cell.normalize('NFKC').trim();
  if (!s) return 'empty';
  if (/^\d{1,4}\.?$/.test(s)) return 'integer';
  // R1-1, 1-(1)-2, 2-3, No.5, ア-1
  if (
    s.length <= 12 &&
    /\d/.test(s) &&
    /^[A-Za-z\u30A0-\u30FF]?[\d\-()（）.．]+$|^No\.?\d+$/i.test(s)
  )
    return 'code';
  if (/^(○|〇|◯|●|→|⇒|-|－|✓|レ)$/.test(s)) return 'mark';
  if (
    s.length <= 30 &&
    /(課|室|局|部|センター|事務所|委員会|所)$/.test(s.split(/\n|、|,/)[0]!.trim())
  )
    return 'section';
  return 'text';
}

export interface ColumnProfile {
  /** Share of filled cells that are integers or short codes. */
  numeric: number;
  /** Share of filled cells that name a section. */
  sections: number;
  /** Share of filled cells that are free text. */
  text: number;
  filled: number;
  /** How many different values the filled cells hold. */
  distinct: number;
  /** Rows of the sample with anything in them. */
  rows: number;
  meanLength: number;
}

export function profileColumn(cells: readonly string[], rows = cells.length): ColumnProfile {
  const filled = cells.filter((c) => c.trim());
  const n = filled.length || 1;
  const kinds = filled.map(kindOf);
  return {
    numeric: kinds.filter((k) => k === 'integer' || k === 'code').length / n,
    sections: kinds.filter((k) => k === 'section').length / n,
    text: kinds.filter((k) => k === 'text').length / n,
    filled: filled.length,
    distinct: new Set(filled.map((c) => c.trim())).size,
    rows,
    meanLength: filled.reduce((s, c) => s + c.trim().length, 0) / n,
  };
}

/** Whether a column's content rules a field out, whatever its header says. */
function contentRulesOut(field: MappedField, p: ColumnProfile): boolean {
  if (p.filled === 0) return false;
  switch (field) {
    case 'name':
    case 'promotion':
    case 'initiatives':
      return p.numeric >= 0.8;
    case 'number':
      return p.numeric < 0.5;
    case 'lead':
      return p.numeric >= 0.8;
    case 'group':
    case 'priority':
    case 'area':
      // A heading repeats or is merged (written once); a value new on every row is an item's.
      return p.filled >= 5 && p.distinct === p.filled && p.filled >= 0.8 * p.rows;
    default:
      return false;
  }
}

/** The row that reads as a header: the first with three or more filled cells, one of them a known word. */
export function guessHeaderRow(rows: readonly string[][]): number {
  const known = (r: string[]) =>
    r.some((c) =>
      (Object.keys(HEADER_SYNONYMS) as MappedField[]).some((f) => headerScore(f, c) >= 2),
    );
  const filled = (r: string[]) => r.filter((c) => c.trim()).length >= 3;
  const i = rows.findIndex((r) => filled(r) && known(r));
  if (i >= 0) return i + 1;
  return Math.max(1, rows.findIndex(filled) + 1);
}

export function guessColumns(
  header: readonly string[],
  data: readonly string[][],
): PlanMapping['columns'] {
  const rowsWithData = data.filter((r) => r.some((c) => c.trim())).length;
  const profiles = header.map((_, k) =>
    profileColumn(
      data.map((r) => r[k] ?? ''),
      rowsWithData,
    ),
  );
  const years = new Set(
    header.flatMap((h, k) => (h.trim() && parseFiscalYear(h) !== null ? [k] : [])),
  );
  const columns: Record<MappedField, number | null> = {
    group: null,
    priority: null,
    area: null,
    number: null,
    name: null,
    promotion: null,
    initiatives: null,
    lead: null,
    continued: null,
    kpiName: null,
    kpiUnit: null,
  };
  const used = new Set<number>(years);
  // The surest pairing first, over all fields and columns: 「重点改革項目」 is
  // the 重点項目 (its exact word) before it is an 改革項目 (a word inside it).
  const candidates = FIELD_ORDER.flatMap((f, order) =>
    header.flatMap((h, k) => {
      if (used.has(k) || contentRulesOut(f, profiles[k]!)) return [];
      const score = headerScore(f, h);
      return score > 0 ? [{ f, k, score, order }] : [];
    }),
  ).sort((a, b) => b.score - a.score || a.order - b.order || a.k - b.k);
  for (const c of candidates) {
    if (columns[c.f] !== null || used.has(c.k)) continue;
    columns[c.f] = c.k + 1;
    used.add(c.k);
  }
  // A level above 重点項目 stands to its left, and only when there is one:
  // alone, the top heading is the 重点項目 (基本方針 → 推進項目 → 改革項目).
  if (columns.group !== null && columns.priority === null) {
    columns.priority = columns.group;
    columns.group = null;
  }
  if (columns.group !== null && columns.priority !== null && columns.group > columns.priority) {
    used.delete(columns.group - 1);
    columns.group = null;
  }
  // No header said where the names are: the leftmost column of short free text,
  // else any free column, else the column of the least sure field.
  if (columns.name === null) {
    const text = profiles.findIndex(
      (p, k) =>
        !used.has(k) && !!header[k]?.trim() && p.filled > 0 && p.text >= 0.6 && p.meanLength <= 60,
    );
    const free = header.findIndex((_, k) => !used.has(k) && !years.has(k));
    let k = text >= 0 ? text : free;
    if (k < 0) {
      const giver = [...FIELD_ORDER].reverse().find((f) => f !== 'number' && columns[f] !== null);
      k = giver ? columns[giver]! - 1 : 0;
      if (giver) columns[giver] = null;
      else if (columns.number === k + 1) columns.number = null;
    }
    columns.name = k + 1;
    used.add(k);
  }
  // A column of section names is the 実施担当 whatever it is called.
  if (columns.lead === null) {
    const k = profiles.findIndex((p, k) => !used.has(k) && p.filled > 0 && p.sections >= 0.6);
    if (k >= 0) columns.lead = k + 1;
  }
  return columns as PlanMapping['columns'];
}

/** The header texts a mapping was made for, kept with a saved mapping to recognise the layout again. */
export function headerSignature(header: readonly string[]): string[] {
  return header.map(normal);
}

/** A saved mapping whose sheet has the same headers in the same columns, if any. */
export function matchSavedMapping<T extends { mapping: PlanMapping }>(
  saved: readonly T[],
  header: readonly string[],
  headerRow: number,
): T | null {
  const now = headerSignature(header);
  const filled = (s: readonly string[]) => s.filter(Boolean);
  return (
    saved.find((s) => {
      const then = s.mapping.headers;
      if (!then || s.mapping.headerRow !== headerRow) return false;
      const a = filled(then);
      return (
        a.length > 0 && a.length === filled(now).length && then.every((h, k) => !h || now[k] === h)
      );
    }) ?? null
  );
}

export interface SheetRows {
  name: string;
  rows: string[][];
}

const HISTORY_WORDS: readonly [RegExp, HistoryField][] = [
  [/指標.*目標|目標値/, 'kpiTarget'],
  [/指標|KPI|実績値/i, 'kpiActual'],
  [/評価の?理由|評価理由/, 'evaluationReason'],
  [/自己評価|評価/, 'evaluation'],
  [/進捗状況|進捗|工程/, 'progress'],
  [/取組実績|実績/, 'resultText'],
  [/課題|改善策/, 'issuesText'],
  [/方向性/, 'direction'],
  [/歳入/, 'revenueActual'],
  [/歳出|削減|効果額/, 'savingActual'],
];

/** 「R1評価」「令和2年度 取組実績」「H30 進捗」: a past year's column, read as history. */
export function guessHistoryColumn(
  header: string,
): { fiscalYear: number; field: HistoryField } | null {
  const h = header.normalize('NFKC').replace(/\s+/g, '');
  const m =
    /^(令和元年度?|令和\d{1,2}年度?|平成\d{1,2}年度?|R元|[RH]\d{1,2}|\d{4}年度?)[の:：()（）]*(.+)$/i.exec(
      h,
    );
  if (!m) return null;
  const fiscalYear = parseFiscalYear(m[1]!);
  if (fiscalYear === null) return null;
  const field = HISTORY_WORDS.find(([re]) => re.test(m[2]!))?.[1];
  return field ? { fiscalYear, field } : null;
}

/** A whole first mapping for a sheet: header row, columns, fiscal-year columns, plan span. */
export function guessMapping(
  sheets: readonly SheetRows[],
  sheet: string,
  headerRow: number | null,
  prev: PlanMapping | null,
  nowYear: number,
): PlanMapping {
  const rows = sheets.find((s) => s.name === sheet)?.rows ?? [];
  const hr = headerRow ?? guessHeaderRow(rows);
  const header = rows[hr - 1] ?? [];
  const data = rows.slice(hr);
  const years = header
    .map((h, i) => ({ column: i + 1, fiscalYear: parseFiscalYear(h) }))
    .filter((y): y is { column: number; fiscalYear: number } => y.fiscalYear !== null);
  const history = header.flatMap((h, i) => {
    const g = guessHistoryColumn(h);
    return g ? [{ column: i + 1, ...g }] : [];
  });
  const fys = [...years, ...history].map((y) => y.fiscalYear);
  const taken = new Set(history.map((x) => x.column - 1));
  return {
    sheet,
    headerRow: hr,
    columns: guessColumns(
      header.map((h, k) => (taken.has(k) ? '' : h)),
      data,
    ),
    years,
    ...(history.length > 0 ? { history } : {}),
    plan: prev?.plan ?? {
      // A title stands above the header; a sheet that starts with its header has none.
      title:
        (hr > 1 ? (rows[0]?.find((c) => c.trim()) ?? '') : '').slice(0, 200) || '取り込んだ計画',
      municipality: '',
      firstFy: fys.length ? Math.min(...fys) : nowYear,
      lastFy: fys.length ? Math.max(...fys) : nowYear + 4,
    },
  };
}
