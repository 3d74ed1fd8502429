// kept whole: the plan workbook is one format (plan sheet, phases, glossary, reading it back); its writer and reader share the column layout.
import type ExcelJS from 'exceljs';
import { excel } from '../xlsx/exceljs';
import { printScale } from '../xlsx/print-scale';
import { linesNeeded, MAX_LINES, rowHeight } from '../xlsx/text-fit';
import type { PlanFile } from '../../shared/domain/plan-file';
import { planFileSchema } from '../../shared/domain/plan-file';
import {
  fiscalYearsBetween,
  formatFiscalYear,
  formatFiscalYearRange,
  parseFiscalYear,
} from '../../shared/fiscal-year';
import { formatInitiatives, parseInitiatives } from '../../shared/initiative-text';
import { DEFAULT_HEADING_NAMES } from '../../shared/domain/headings';
import { toIssues } from '../../shared/validation';
import type { Db } from '../db/open-store';
import { listItems } from '../items/item-queries';
import { getPlanDetail } from '../plans/plan-queries';
import { safeFileName } from '../inquiry/round-columns';
import type { SheetData } from '../xlsx/read-book';
import { cellText, openXlsx } from '../xlsx/read-book';

/**
 * The plan as a workbook in the layout of the printed plan: 重点項目 and 分野
 * heading rows, then No. / 改革項目 / 推進内容 / 主な取組 / one column per fiscal
 * year with the span markers (①検討 where a span starts, ①→ while it runs) /
 * 実施担当. Read back, it gives the same plan: everything lives in cell values.
 */
export const PLAN_SHEET = '計画';
export const PHASE_SHEET = '実施時期の区分';
export const GLOSSARY_SHEET = '用語解説';
export const PLAN_META_SHEET = '_plan';
export const PLAN_MARK = 'gyokaku-desk/plan-workbook@1';
const CONTINUED = '【継続項目】';
const RELATED = '関係部課';
const SUPPORT = '（支援）';
const UNLABELLED = '●';

/** The plan in the store as a plan document (what the sample plan and imports use). */
export function planToFile(db: Db, planId: number): PlanFile {
  const plan = getPlanDetail(db, planId);
  const items = listItems(db, { planId });
  const phaseCode = new Map(plan.phases.map((p) => [p.id, p.code]));
  const groupOf = (id: number | null) => {
    const g = plan.groups.find((x) => x.id === id);
    return g ? { group: { number: g.number, title: g.title } } : {};
  };
  const placeOf = new Map(
    plan.priorities.flatMap((p) =>
      p.areas.flatMap((a) =>
        items
          .filter((i) => i.areaId === a.id)
          .map((i) => [i.id, { priority: p.number, area: a.number, number: i.number }] as const),
      ),
    ),
  );
  return {
    format: 'gyokaku-desk/plan@1',
    source: plan.sourceNote,
    inferenceRules: [],
    plan: {
      title: plan.title,
      municipality: plan.municipality,
      firstFy: plan.firstFy,
      lastFy: plan.lastFy,
      adoptedOn: plan.adoptedOn,
      headingLevels: plan.headingLevels,
      numberPattern: plan.numberPattern,
      repostCounting: plan.repostCounting,
      headingNames: plan.headingNames,
    },
    phases: plan.phases.map((p) => ({ code: p.code, label: p.label })),
    priorities: plan.priorities.map((p) => ({
      number: p.number,
      title: p.title,
      leadText: p.leadText,
      ...groupOf(p.groupId),
      areas: p.areas.map((a) => ({
        number: a.number,
        title: a.title,
        leadText: a.leadText,
        reposts: a.repostedItemIds.flatMap((id) => {
          const place = placeOf.get(id);
          return place ? [place] : [];
        }),
        items: items
          .filter((i) => i.areaId === a.id)
          .map((i) => ({
            number: i.number,
            writtenNumber: i.writtenNumber,
            name: i.name,
            continued: i.isContinued,
            promotion: i.promotion,
            initiatives: i.initiatives.map((n) => ({
              label: n.label,
              text: n.text,
              points: n.points,
              spans: n.spans.map((s) => ({
                start: s.startFy,
                end: s.endFy,
                phase: phaseCode.get(s.phaseId)!,
              })),
            })),
            lead: i.assignments
              .filter((x) => x.role === 'lead')
              .map((x) => ({ department: x.departmentName ?? '', section: x.sectionName })),
            support: i.assignments
              .filter((x) => x.role === 'support')
              .map((x) => ({ department: x.departmentName ?? '', section: x.sectionName })),
            relatedSections: i.involvesRelatedSections,
          })),
      })),
    })),
    glossary: plan.glossary.map((g) => ({ term: g.term, description: g.description })),
  };
}

type Item = PlanFile['priorities'][number]['areas'][number]['items'][number];

/** The year cell: one line per initiative whose span covers the year. */
export function yearCell(item: Item, fy: number, phaseLabel: Map<string, string>): string {
  const lines: string[] = [];
  for (const ini of item.initiatives) {
    const span = ini.spans.find((s) => s.start <= fy && fy <= s.end);
    if (!span) continue;
    const label = ini.label || UNLABELLED;
    lines.push(
      span.start === fy ? `${label}${phaseLabel.get(span.phase) ?? span.phase}` : `${label}→`,
    );
  }
  return lines.join('\n');
}

function assignmentCell(item: Item): string {
  const lines = [
    ...item.lead.map((r) => `${r.department}／${r.section}`),
    ...item.support.map((r) => `${r.department}／${r.section}${SUPPORT}`),
  ];
  if (item.relatedSections) lines.push(RELATED);
  return lines.join('\n');
}

const FONT = 'BIZ UDPゴシック';
const THIN = { style: 'thin' as const, color: { argb: 'FF7F8A96' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

export async function buildPlanWorkbook(
  file: PlanFile,
): Promise<{ fileName: string; buffer: Buffer }> {
  const years = fiscalYearsBetween(file.plan.firstFy, file.plan.lastFy);
  const phaseLabel = new Map(file.phases.map((p) => [p.code, p.label]));
  const wb = new (await excel()).Workbook();
  wb.creator = '行革デスク';
  const ws = wb.addWorksheet(PLAN_SHEET, {
    views: [{ state: 'frozen', ySplit: 2, xSplit: 2 }],
    pageSetup: {
      paperSize: 8 as ExcelJS.PaperSize,
      orientation: 'landscape',
      printTitlesRow: '2:2',
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.2, footer: 0.2 },
    },
    headerFooter: { oddFooter: `&L${file.plan.title}&C&P / &N` },
  });
  const headers = [
    'No.',
    '改革項目',
    '推進内容',
    '主な取組',
    ...years.map((fy) => formatFiscalYear(fy)),
    '実施担当',
  ];
  const widths = [7, 24, 44, 34, ...years.map(() => 10), 20];
  const last = headers.length;
  ws.mergeCells(1, 1, 1, last);
  ws.getCell(1, 1).value =
    `${file.plan.title}（${formatFiscalYearRange(file.plan.firstFy, file.plan.lastFy)}）`;
  ws.getCell(1, 1).font = { name: FONT, size: 16, bold: true };
  headers.forEach((h, i) => {
    const c = ws.getCell(2, i + 1);
    c.value = h;
    c.font = { name: FONT, bold: true, color: { argb: 'FFFFFFFF' } };
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F5FA8' } };
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    c.border = BORDER;
    ws.getColumn(i + 1).width = widths[i]!;
  });
  const heading = (values: (string | null)[], fill: string, size: number) => {
    const row = ws.addRow(values);
    row.eachCell({ includeEmpty: true }, (c, col) => {
      if (col > last) return;
      c.font = { name: FONT, bold: true, size };
      c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fill } };
      c.alignment = { vertical: 'top', wrapText: true };
      c.border = BORDER;
    });
    row.height =
      rowHeight(
        Math.min(
          MAX_LINES,
          Math.max(...values.map((v, i) => linesNeeded(v ?? '', widths[i]! / (size / 10)))),
        ),
      ) *
      (size / 10);
  };
  const oneLevel = file.plan.headingLevels === 1;
  let lastGroup: number | null = null;
  for (const p of file.priorities) {
    if (file.plan.headingLevels === 3 && p.group && p.group.number !== lastGroup) {
      heading(
        [`${file.plan.headingNames.group}${p.group.number}`, p.group.title, null],
        'FFC9D6E6',
        13,
      );
      lastGroup = p.group.number;
    }
    heading(
      [`${file.plan.headingNames.priority}${p.number}`, p.title, p.leadText || null],
      'FFDCE6F2',
      12,
    );
    for (const a of p.areas) {
      // A plan without 取組分野 prints none: its one 分野 per 重点項目 has no name.
      if (!oneLevel) heading([`(${a.number})`, a.title, a.leadText || null], 'FFEEF3F9', 11);
      for (const it of a.items) {
        const values = [
          it.number,
          it.continued ? `${it.name}\n${CONTINUED}` : it.name,
          it.promotion || null,
          formatInitiatives(it.initiatives),
          ...years.map((fy) => yearCell(it, fy, phaseLabel) || null),
          assignmentCell(it) || null,
        ];
        const row = ws.addRow(values);
        let lines = 1;
        row.eachCell({ includeEmpty: true }, (c, col) => {
          if (col > last) return;
          c.font = { name: FONT, size: 10 };
          c.alignment = {
            vertical: 'top',
            wrapText: true,
            horizontal: col === 1 ? 'center' : undefined,
          };
          c.border = BORDER;
          lines = Math.max(
            lines,
            linesNeeded(typeof c.value === 'string' ? c.value : '', widths[col - 1]!),
          );
        });
        row.height = rowHeight(Math.min(lines, MAX_LINES));
      }
    }
  }
  ws.pageSetup.printArea = `A$1:${ws.getColumn(last).letter}$${ws.rowCount}`;
  ws.pageSetup.scale = printScale(
    widths.reduce((a, b) => a + b, 0),
    'A3',
    'landscape',
    0.4,
  );

  const ph = wb.addWorksheet(PHASE_SHEET);
  ph.addRow(['記号', '表示名']);
  for (const p of file.phases) ph.addRow([p.code, p.label]);
  const gl = wb.addWorksheet(GLOSSARY_SHEET);
  gl.addRow(['用語', '説明']);
  for (const g of file.glossary) gl.addRow([g.term, g.description]);
  gl.getColumn(2).width = 80;
  const meta = wb.addWorksheet(PLAN_META_SHEET, { state: 'hidden' });
  for (const [k, v] of [
    ['format', PLAN_MARK],
    ['title', file.plan.title],
    ['municipality', file.plan.municipality],
    ['firstFy', file.plan.firstFy],
    ['lastFy', file.plan.lastFy],
    ['adoptedOn', file.plan.adoptedOn ?? ''],
    ['source', file.source],
    ['headingLevels', file.plan.headingLevels],
    ['numberPattern', file.plan.numberPattern],
    ['priorityLabel', file.plan.headingNames.priority],
    ['areaLabel', file.plan.headingNames.area],
    ['groupLabel', file.plan.headingNames.group],
    ['repostCounting', file.plan.repostCounting],
    ['writtenNumbers', JSON.stringify(writtenNumbers(file))],
    ['reposts', JSON.stringify(repostsOf(file))],
  ] as const)
    meta.addRow([k, v]);
  return {
    fileName: safeFileName(
      `${file.plan.title}_${formatFiscalYearRange(file.plan.firstFy, file.plan.lastFy)}.xlsx`,
    ),
    buffer: Buffer.from(await wb.xlsx.writeBuffer()),
  };
}

/** 「重点-分野-番号」 → the number as the city wrote it, for the items that have one. */
function writtenNumbers(file: PlanFile): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of file.priorities)
    for (const a of p.areas)
      for (const i of a.items)
        if (i.writtenNumber) out[`${p.number}-${a.number}-${i.number}`] = i.writtenNumber;
  return out;
}

type Place = { priority: number; area: number; number: number };

/** 「重点-分野」 → the items listed there again (再掲). */
function repostsOf(file: PlanFile): Record<string, Place[]> {
  const out: Record<string, Place[]> = {};
  for (const p of file.priorities)
    for (const a of p.areas) if (a.reposts.length) out[`${p.number}-${a.number}`] = a.reposts;
  return out;
}

export interface PlanReadProblem {
  where: string | null;
  message: string;
}

export type PlanRead = { ok: true; file: PlanFile } | { ok: false; problems: PlanReadProblem[] };

function text(ws: SheetData, r: number, c: number): string {
  return cellText(ws.rows.get(r)?.get(c)).replace(/\r\n?/g, '\n').trim();
}

/** A JSON object kept in the hidden sheet; the schema checks its contents after. */
function parseJsonObject(json: string | undefined): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(json || '{}');
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Reads a workbook written by buildPlanWorkbook (or laid out the same way) back into a plan document. */
export function readPlanWorkbook(buf: Buffer): PlanRead {
  const book = openXlsx(buf);
  const ws = book.sheet(PLAN_SHEET);
  const meta = book.sheet(PLAN_META_SHEET);
  if (!ws || !meta) {
    return {
      ok: false,
      problems: [
        {
          where: null,
          message:
            '行革デスクの計画ファイル（「計画」シートと管理用シート）ではありません。他の様式の計画は「列を対応付けて取り込む」で取り込めます。',
        },
      ],
    };
  }
  const kv = new Map<string, string>();
  for (let r = 1; r <= meta.maxRow; r++) kv.set(text(meta, r, 1), text(meta, r, 2));
  if (kv.get('format') !== PLAN_MARK) {
    return {
      ok: false,
      problems: [
        { where: PLAN_META_SHEET, message: '計画ファイルの管理用シートが書き換えられています。' },
      ],
    };
  }
  const firstFy = Number(kv.get('firstFy'));
  const written = parseJsonObject(kv.get('writtenNumbers')) as Record<string, string>;
  const reposts = parseJsonObject(kv.get('reposts')) as Record<string, Place[]>;
  const lastFy = Number(kv.get('lastFy'));
  const problems: PlanReadProblem[] = [];
  const phases: { code: string; label: string }[] = [];
  const phSheet = book.sheet(PHASE_SHEET);
  if (phSheet)
    for (let r = 2; r <= phSheet.maxRow; r++)
      if (text(phSheet, r, 1))
        phases.push({
          code: text(phSheet, r, 1),
          label: text(phSheet, r, 2) || text(phSheet, r, 1),
        });
  const codeOf = new Map(phases.map((p) => [p.label, p.code]));
  const glossary: { term: string; description: string }[] = [];
  const gl = book.sheet(GLOSSARY_SHEET);
  if (gl)
    for (let r = 2; r <= gl.maxRow; r++)
      if (text(gl, r, 1)) glossary.push({ term: text(gl, r, 1), description: text(gl, r, 2) });

  // Columns by header (row 2): years by their 和暦 names.
  const cols = new Map<string, number>();
  const yearCols = new Map<number, number>();
  for (const [c, cell] of ws.rows.get(2) ?? []) {
    const h = cellText(cell).trim();
    const fy = parseFiscalYear(h);
    if (fy != null) yearCols.set(fy, c);
    else cols.set(h, c);
  }
  for (const h of ['No.', '改革項目', '推進内容', '主な取組', '実施担当']) {
    if (!cols.has(h))
      problems.push({ where: `${PLAN_SHEET}!2`, message: `見出し「${h}」の列が見つかりません。` });
  }
  if (problems.length) return { ok: false, problems };
  const col = (h: string) => cols.get(h)!;

  const priorities: PlanFile['priorities'] = [];
  const oneLevel = kv.get('headingLevels') === '1';
  const label = (kv.get('priorityLabel') || '重点項目').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const priorityRow = new RegExp(`^(?:重点項目|${label})\\s*(\\d+)$`);
  const threeLevels = kv.get('headingLevels') === '3';
  const gLabel = (kv.get('groupLabel') || '基本目標').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const groupRow = new RegExp(`^${gLabel}\\s*(\\d+)$`);
  let group: { number: number; title: string } | undefined;
  for (let r = 3; r <= ws.maxRow; r++) {
    if (!ws.rows.has(r)) continue;
    const a = text(ws, r, 1);
    const gm = threeLevels ? groupRow.exec(a) : null;
    if (gm) {
      group = { number: Number(gm[1]), title: text(ws, r, 2) };
      continue;
    }
    const pm = priorityRow.exec(a);
    const am = /^[(（]\s*(\d+)\s*[)）]$/.exec(a);
    if (pm) {
      priorities.push({
        number: Number(pm[1]),
        title: text(ws, r, 2),
        leadText: text(ws, r, 3),
        ...(threeLevels && group ? { group } : {}),
        areas: oneLevel
          ? [
              {
                number: 1,
                title: '',
                leadText: '',
                items: [],
                reposts: reposts[`${pm[1]}-1`] ?? [],
              },
            ]
          : [],
      });
      continue;
    }
    if (am) {
      const p = priorities[priorities.length - 1];
      if (!p) {
        problems.push({
          where: `${PLAN_SHEET}!A${r}`,
          message: '取組分野の前に重点項目の行がありません。',
        });
        continue;
      }
      p.areas.push({
        number: Number(am[1]),
        title: text(ws, r, 2),
        leadText: text(ws, r, 3),
        items: [],
        reposts: reposts[`${p.number}-${am[1]}`] ?? [],
      });
      continue;
    }
    const area = priorities[priorities.length - 1]?.areas.at(-1);
    const number = Number(a);
    if (!area || !Number.isInteger(number) || number <= 0) {
      problems.push({
        where: `${PLAN_SHEET}!A${r}`,
        message: `${r}行目は重点項目・取組分野・改革項目のどれとも読めません（No. が「${a}」）。`,
      });
      continue;
    }
    let name = text(ws, r, col('改革項目'));
    const continued = name.endsWith(CONTINUED);
    if (continued) name = name.slice(0, -CONTINUED.length).trim();
    const inis = parseInitiatives(text(ws, r, col('主な取組')));
    if (!inis.ok) {
      problems.push({ where: `${PLAN_SHEET}!D${r}`, message: inis.message });
      continue;
    }
    const initiatives = inis.value.map((n) => ({
      ...n,
      spans: [] as { start: number; end: number; phase: string }[],
    }));
    for (const ini of initiatives) {
      const label = ini.label || UNLABELLED;
      let open: { start: number; end: number; phase: string } | null = null;
      for (let fy = firstFy; fy <= lastFy; fy++) {
        const lines = text(ws, r, yearCols.get(fy) ?? 0)
          .split('\n')
          .map((l) => l.trim());
        const line = lines.find((l) => l.startsWith(label));
        const rest = line?.slice(label.length).trim();
        if (rest === undefined) {
          open = null;
        } else if (rest === '→' && open) {
          open.end = fy;
        } else {
          const phase = codeOf.get(rest) ?? (phases.some((p) => p.code === rest) ? rest : null);
          if (!phase) {
            problems.push({
              where: `${PLAN_SHEET}!${r}`,
              message: `${formatFiscalYear(fy)}の「${line}」の区分「${rest}」が「${PHASE_SHEET}」シートにありません。`,
            });
            open = null;
            continue;
          }
          open = { start: fy, end: fy, phase };
          ini.spans.push(open);
        }
      }
    }
    const lead: { department: string; section: string }[] = [];
    const support: { department: string; section: string }[] = [];
    let related = false;
    for (const line of text(ws, r, col('実施担当'))
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)) {
      if (line === RELATED) {
        related = true;
        continue;
      }
      const isSupport = line.endsWith(SUPPORT);
      const [department, section] = line.replace(SUPPORT, '').split('／');
      if (!department || !section) {
        problems.push({
          where: `${PLAN_SHEET}!${r}`,
          message: `実施担当「${line}」は「部／課」の形で書いてください。`,
        });
        continue;
      }
      (isSupport ? support : lead).push({ department: department.trim(), section: section.trim() });
    }
    area.items.push({
      number,
      writtenNumber:
        written[`${priorities[priorities.length - 1]!.number}-${area.number}-${number}`] ?? null,
      name,
      continued,
      promotion: text(ws, r, col('推進内容')),
      initiatives,
      lead,
      support,
      relatedSections: related,
    });
  }
  if (problems.length) return { ok: false, problems };
  const parsed = planFileSchema.safeParse({
    format: 'gyokaku-desk/plan@1',
    source: kv.get('source') ?? '',
    inferenceRules: [],
    plan: {
      title: kv.get('title') ?? '',
      municipality: kv.get('municipality') ?? '',
      firstFy,
      lastFy,
      adoptedOn: kv.get('adoptedOn') || null,
      headingLevels: (['0', '1', '3'].includes(kv.get('headingLevels') ?? '')
        ? Number(kv.get('headingLevels'))
        : 2) as 0 | 1 | 2 | 3,
      numberPattern: kv.get('numberPattern') || undefined,
      repostCounting: kv.get('repostCounting') === 'every' ? 'every' : 'home',
      headingNames: {
        priority: kv.get('priorityLabel') || DEFAULT_HEADING_NAMES.priority,
        area: kv.get('areaLabel') ?? DEFAULT_HEADING_NAMES.area,
        group: kv.get('groupLabel') || DEFAULT_HEADING_NAMES.group,
      },
    },
    phases,
    priorities,
    glossary,
  });
  if (!parsed.success) {
    return {
      ok: false,
      problems: toIssues(parsed.error).map((i) => ({ where: i.path, message: i.message })),
    };
  }
  return { ok: true, file: parsed.data };
}
