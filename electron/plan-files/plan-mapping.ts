import type { PlanMapping, MappingPreview } from '../../shared/domain/plan-import';
import type { PlanFile, PlanFileInput } from '../../shared/domain/plan-file';
import { planFileSchema } from '../../shared/domain/plan-file';
import { AppError } from '../../shared/errors';
import { fiscalYearsBetween, formatFiscalYearRange } from '../../shared/fiscal-year';
import { CIRCLED, parseInitiatives } from '../../shared/initiative-text';
import { DEFAULT_HEADING_NAMES, formatItemNumber } from '../../shared/domain/headings';
import { headerSignature } from '../../shared/plan-mapping-guess';
import { CITY_PRESETS, DEFAULT_CITY_PRESET } from '../../shared/pdca-presets';
import type { CityPreset } from '../../shared/pdca-presets';
import type { ReadHistory } from './history-import';
import type { KnownSections, PendingRepost } from './plan-mapping-shape';
import { numberPatternFor, placeDepartments, resolveReposts } from './plan-mapping-shape';
import { readHistory } from './history-import';
import { toIssues } from '../../shared/validation';
import { assertXlsx } from '../xlsx/file-sniff';
import type { SheetData } from '../xlsx/read-book';
import { cellText, columnLetter, openXlsx } from '../xlsx/read-book';

/**
 * Plans kept in another city's own layout: the user says which column is
 * which (with a live preview), and the rows become a plan document. What
 * could not be read is listed, never guessed silently.
 */
const DEFAULT_PHASES = [
  { code: '検討', label: '検討' },
  { code: '試行', label: '試行' },
  { code: '実施', label: '実施' },
  { code: '継続', label: '継続' },
];
const REPOST = /再掲/;
const REPOST_MARK = /\s*[（(【［[]?\s*再掲\s*[)）】］\]]?\s*/g;
const TRUTHY = /^(継続|○|〇|◯|●|1|はい|yes|true|【継続項目】)$/i;

export function inspectWorkbook(
  buf: Buffer,
  fileName: string,
): { name: string; rows: string[][] }[] {
  assertXlsx(buf, fileName);
  const book = openXlsx(buf);
  return book.names
    .filter((n) => n.state === 'visible')
    .map((n) => {
      const ws = book.sheet(n.name)!;
      const rows: string[][] = [];
      for (let r = 1; r <= Math.min(ws.maxRow, 15); r++) {
        const line: string[] = [];
        for (let c = 1; c <= 30; c++) line.push(cellText(ws.rows.get(r)?.get(c)).slice(0, 80));
        rows.push(line);
      }
      return { name: n.name, rows };
    });
}

function text(ws: SheetData, r: number, c: number | null | undefined): string {
  if (!c) return '';
  return cellText(ws.rows.get(r)?.get(c)).replace(/\r\n?/g, '\n').trim();
}

interface Built {
  file: PlanFileInput;
  preview: MappingPreview;
  /** Past years' values, read exactly (or listed in preview.problems). */
  history: ReadHistory;
  city: CityPreset;
  /** The header row's texts, normalised, kept with a saved mapping. */
  headers: string[];
}

/** The plan document the mapping makes of the sheet, and the report of what it could not read. */
export function applyMapping(
  buf: Buffer,
  fileName: string,
  m: PlanMapping,
  known: KnownSections = new Map(),
): Built {
  assertXlsx(buf, fileName);
  const book = openXlsx(buf);
  const ws = book.sheet(m.sheet);
  if (!ws)
    throw new AppError(
      'VALIDATION',
      `シート「${m.sheet}」が見つかりません。シートを選び直してください。`,
    );
  if (m.plan.lastFy < m.plan.firstFy || m.plan.lastFy - m.plan.firstFy >= 20) {
    throw new AppError('VALIDATION', '計画期間は開始年度から20年以内で指定してください。');
  }
  const c = m.columns;
  const skipped: MappingPreview['skipped'] = [];
  const priorities: PlanFileInput['priorities'] = [];
  let priorityText = '';
  let groupText = '';
  let areaText = '';
  const phaseByLabel = new Map(DEFAULT_PHASES.map((p) => [p.label, p.code]));
  const years = fiscalYearsBetween(m.plan.firstFy, m.plan.lastFy);
  const yearCols = m.years.filter((y) => years.includes(y.fiscalYear));
  const mapped = new Set(
    [
      c.group,
      c.priority,
      c.area,
      c.number,
      c.name,
      c.promotion,
      c.initiatives,
      c.lead,
      c.continued,
      c.kpiName,
      c.kpiUnit,
      ...m.years.map((y) => y.column),
      ...(m.history ?? []).map((h) => h.column),
    ].filter((x): x is number => !!x),
  );
  const unmapped: string[] = [];
  const headerCells = ws.rows.get(m.headerRow) ?? new Map();
  for (const [col, cell] of headerCells) {
    const h = cellText(cell).trim();
    if (h && !mapped.has(col)) unmapped.push(`${columnLetter(col)}列「${h}」`);
  }
  const headerTexts = Array.from({ length: Math.max(0, ...headerCells.keys()) }, (_, k) =>
    cellText(headerCells.get(k + 1)).trim(),
  );

  // Heading columns from the top: a plan may have two, one or none.
  const mappedHeadings = [c.group, c.priority, c.area].filter((x): x is number => !!x);
  const levels = mappedHeadings.length as 0 | 1 | 2 | 3;
  // From the top: with three, the first is the level above 重点項目.
  const groupCol = levels === 3 ? mappedHeadings[0] : undefined;
  const headingCols = levels === 3 ? mappedHeadings.slice(1) : mappedHeadings;
  // The level's name is the header's word when it is a real name (基本方針,
  // 推進項目), not a short label of the column (重点, 分野).
  const headerText = (col: number | undefined) => {
    const h = col ? cellText(headerCells.get(col)).replace(/\s+/g, '').slice(0, 20) : '';
    return h.length >= 3 ? h : '';
  };
  const city = CITY_PRESETS.find((x) => x.id === m.city) ?? DEFAULT_CITY_PRESET;
  const names = {
    priority: headerText(headingCols[0]) || city.headingNames.priority,
    area: headerText(headingCols[1]) || city.headingNames.area,
    group: headerText(groupCol) || DEFAULT_HEADING_NAMES.group,
  };

  const areaOf = (): NonNullable<PlanFileInput['priorities'][number]['areas']>[number] => {
    if (levels === 0) {
      if (!priorities[0])
        priorities.push({
          number: 1,
          title: '',
          leadText: '',
          areas: [{ number: 1, title: '', leadText: '', items: [] }],
        });
      return priorities[0]!.areas[0]!;
    }
    // 重点項目 and 分野 cells are often merged: an empty cell means "the same as above".
    const pm = /^(?:重点項目|重点|第)?\s*([0-9０-９]+)\s*[.．、:：\s　]*(.*)$/s.exec(
      priorityText.normalize('NFKC'),
    );
    const pTitle = (pm ? pm[2] : priorityText) || priorityText || `（${names.priority}なし）`;
    const gm = /^\D{0,6}?([0-9]+)\s*[.．、:：\s　]*(.*)$/s.exec(groupText.normalize('NFKC'));
    const group =
      levels === 3
        ? {
            number: gm ? Number(gm[1]) : 1,
            title: (gm ? gm[2] : groupText) || groupText || `（${names.group}なし）`,
          }
        : undefined;
    let p = priorities.find((x) => x.title === pTitle && x.group?.title === group?.title);
    if (!p) {
      p = {
        number: pm ? Number(pm[1]) : priorities.length + 1,
        title: pTitle,
        leadText: '',
        areas: levels === 1 ? [{ number: 1, title: '', leadText: '', items: [] }] : [],
        ...(group ? { group } : {}),
      };
      if (priorities.some((x) => x.number === p!.number))
        p.number = Math.max(...priorities.map((x) => x.number)) + 1;
      priorities.push(p);
    }
    if (levels === 1) return p.areas[0]!;
    const am = /^[(（]?\s*([0-9０-９]+)\s*[)）.．、]?\s*(.*)$/s.exec(areaText.normalize('NFKC'));
    const aTitle = (am ? am[2] : areaText) || areaText || `（${names.area}なし）`;
    let a = p.areas.find((x) => x.title === aTitle);
    if (!a) {
      a = {
        number: am ? Number(am[1]) : p.areas.length + 1,
        title: aTitle,
        leadText: '',
        items: [],
      };
      if (p.areas.some((x) => x.number === a!.number))
        a.number = Math.max(...p.areas.map((x) => x.number)) + 1;
      p.areas.push(a);
    }
    return a;
  };

  let rows = 0;
  const rowOf = new Map<object, number>();
  const pendingReposts: PendingRepost[] = [];
  for (let r = m.headerRow + 1; r <= ws.maxRow; r++) {
    if (!ws.rows.has(r)) continue;
    if (text(ws, r, groupCol)) groupText = text(ws, r, groupCol);
    if (text(ws, r, headingCols[0])) priorityText = text(ws, r, headingCols[0]);
    if (text(ws, r, headingCols[1])) areaText = text(ws, r, headingCols[1]);
    let name = text(ws, r, c.name);
    if (!name) {
      const other = [c.promotion, c.initiatives, c.lead].some((x) => text(ws, r, x));
      if (other) skipped.push({ row: r, reason: '改革項目名が空欄のため読み飛ばしました' });
      continue;
    }
    if (name.length > 200) {
      skipped.push({ row: r, reason: `改革項目名が200文字を超えています（${name.length}文字）` });
      continue;
    }
    const continued = /【継続項目】/.test(name) || TRUTHY.test(text(ws, r, c.continued));
    name = name.replace(/\s*【継続項目】\s*/g, '').trim();
    const area = areaOf();
    const numText = text(ws, r, c.number).normalize('NFKC').trim();
    // 再掲: the same item listed again under this heading, not a new item.
    if (REPOST.test(name) || REPOST.test(numText)) {
      pendingReposts.push({
        area,
        row: r,
        name: name.replace(REPOST_MARK, '').trim(),
        written: numText.replace(REPOST_MARK, '').trim(),
      });
      continue;
    }
    const numMatch = /(\d+)\s*$/.exec(numText);
    let number = numMatch ? Number(numMatch[1]) : area.items.length + 1;
    if (area.items.some((i) => i.number === number))
      number = Math.max(...area.items.map((i) => i.number)) + 1;

    const iniText = text(ws, r, c.initiatives);
    const parsed = iniText ? parseInitiatives(iniText) : null;
    const initiatives = (
      parsed?.ok && parsed.value.length
        ? parsed.value
        : [{ label: '', text: iniText || name, points: [] }]
    ).map((n) => ({
      ...n,
      text: n.text.slice(0, 1000),
      spans: [] as { start: number; end: number; phase: string }[],
    }));
    // Year columns: a marked year belongs to the initiative its circled number names, else the first.
    for (const ini of initiatives) {
      let open: { start: number; end: number; phase: string } | null = null;
      for (const fy of years) {
        const col = yearCols.find((y) => y.fiscalYear === fy)?.column;
        const cell = text(ws, r, col);
        const labels = [...cell].filter((ch) => CIRCLED.includes(ch));
        const mine =
          cell !== '' &&
          (labels.length === 0 ? ini === initiatives[0] : labels.includes(ini.label));
        if (!mine) {
          open = null;
          continue;
        }
        const phase = [...phaseByLabel.keys()].find((l) => cell.includes(l));
        if (open && !phase) open.end = fy;
        else {
          open = { start: fy, end: fy, phase: phaseByLabel.get(phase ?? '実施')! };
          ini.spans.push(open);
        }
      }
    }

    const lead: { department: string; section: string }[] = [];
    let related = false;
    let department = '';
    for (const line of text(ws, r, c.lead)
      .split(/\n|、|,/)
      .map((l) => l.trim())
      .filter(Boolean)) {
      if (/関係(各)?部課/.test(line)) {
        related = true;
        continue;
      }
      const pair = /^(.+?[部局])\s*[／/・\s　]\s*(.+)$/.exec(line);
      if (pair) {
        lead.push({ department: pair[1]!, section: pair[2]! });
        continue;
      }
      if (/[部局]$/.test(line)) {
        department = line;
        continue;
      }
      lead.push({ department, section: line });
    }
    const item = {
      number,
      writtenNumber: numText ? numText.slice(0, 20) : null,
      name,
      continued,
      promotion: text(ws, r, c.promotion).slice(0, 4000),
      initiatives,
      lead,
      support: [],
      relatedSections: related,
    };
    rowOf.set(item, r);
    area.items.push(item);
    rows++;
  }
  skipped.push(...resolveReposts(priorities, pendingReposts, levels));
  const allItems = priorities.flatMap((p) => p.areas.flatMap((a) => a.items));
  const inferred = placeDepartments(allItems, known);
  const numberPattern = m.numberPattern ?? numberPatternFor(allItems, levels);
  const file: PlanFileInput = {
    format: 'gyokaku-desk/plan@1',
    source: `${fileName}（列を対応付けて取り込み）`,
    inferenceRules: [],
    plan: {
      title: m.plan.title,
      municipality: m.plan.municipality,
      firstFy: m.plan.firstFy,
      lastFy: m.plan.lastFy,
      adoptedOn: null,
      headingLevels: levels,
      numberPattern,
      repostCounting: m.repostCounting ?? 'home',
      headingNames: names,
    },
    phases: DEFAULT_PHASES,
    priorities: priorities.filter((p) => p.areas.length > 0),
    glossary: [],
  };
  const problems: string[] = [];
  if (!m.plan.municipality.trim()) problems.push('自治体名を入力してください。');
  if (rows === 0)
    problems.push(
      '改革項目が1件も読めませんでした。見出しの行と「改革項目」の列を確かめてください。',
    );
  const history = readHistory(
    ws,
    m,
    allItems.map((i) => rowOf.get(i)!),
    city,
    m.plan,
    allItems.map((i) => ({
      name: text(ws, rowOf.get(i)!, c.kpiName),
      unit: text(ws, rowOf.get(i)!, c.kpiUnit),
    })),
  );
  problems.push(...history.problems.slice(0, 20));
  if (history.problems.length > 20)
    problems.push(`ほかに${history.problems.length - 20}件の読めない値があります。`);
  const check = planFileSchema.safeParse(file);
  if (rows > 0 && m.plan.municipality.trim() && !check.success)
    problems.push(
      ...toIssues(check.error)
        .slice(0, 10)
        .map((i) => `${i.path}：${i.message}`),
    );
  const items = priorities.flatMap((p) =>
    p.areas.flatMap((a) => a.items.map((i) => ({ p, a, i }))),
  );
  return {
    file,
    history,
    city,
    headers: headerSignature(headerTexts),
    preview: {
      priorities: levels > 0 ? priorities.length : 0,
      groups: levels === 3 ? new Set(priorities.map((p) => p.group?.title)).size : 0,
      areas: levels >= 2 ? priorities.reduce((n, p) => n + p.areas.length, 0) : 0,
      items: items.length,
      shape: { headingLevels: levels, headingNames: names, numberPattern },
      sample: items.slice(0, 40).map(({ p, a, i }) => ({
        code: formatItemNumber(numberPattern, {
          priority: p.number,
          area: a.number,
          number: i.number,
          written: i.writtenNumber ?? null,
        }),
        priority: p.title,
        area: a.title,
        name: i.name,
        continued: i.continued ?? false,
        initiatives: i.initiatives.map((n) => `${n.label}${n.text}`).join(' '),
        lead:
          (i.lead ?? []).map((l) => `${l.department} ${l.section}`).join('、') +
          (i.relatedSections ? '、関係部課' : ''),
        years: i.initiatives
          .flatMap((n) =>
            (n.spans ?? []).map((s) => `${n.label}${formatFiscalYearRange(s.start, s.end)}`),
          )
          .join(' '),
      })),
      skipped,
      unmapped,
      inferredDepartments: inferred,
      history: history.summary,
      problems,
    },
  };
}

export function parseMapped(built: Built): PlanFile {
  if (built.preview.problems.length > 0)
    throw new AppError('VALIDATION', built.preview.problems.join('\n'));
  return planFileSchema.parse(built.file);
}
