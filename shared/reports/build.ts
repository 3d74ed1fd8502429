// kept whole: the five reports are built from one data set with shared helpers (selection, grouping, schedule cells, levels); each report is one function below.
import { z } from 'zod';
import { reformItemSchema } from '../domain/item';
import type { ReformItem } from '../domain/item';
import {
  dashboardSchema,
  kpiSchema,
  meetingSchema,
  MEETING_KIND_LABELS,
  opinionSchema,
  pdcaRecordSchema,
  pdcaSettingsSchema,
} from '../domain/pdca';
import type { EvaluationBreakdown, PdcaRecord } from '../domain/pdca';
import { groupHeading, priorityHeading } from '../domain/headings';
import { planDetailSchema } from '../domain/plan';
import {
  fiscalYearsBetween,
  formatDayJa,
  formatFiscalYear,
  formatFiscalYearRange,
} from '../fiscal-year';
import { formatInitiatives } from '../initiative-text';
import { levelText } from '../pdca-levels';
import {
  achievementRate,
  amountUnitLabel,
  cumulative,
  formatAmount,
  formatNumber,
  formatPercent,
  progressRate,
  signedCount,
  signedPoints,
} from '../pdca-math';
import type { ReportBlock, ReportCell, ReportDoc, ReportOptions } from './model';
import { REPORT_TITLES } from './model';

/** Everything the five reports draw on, read in one call. */
export const reportDataSchema = z.object({
  plan: planDetailSchema,
  settings: pdcaSettingsSchema,
  items: z.array(reformItemSchema),
  roundName: z.string().nullable(),
  /** The chosen round's records (or the year's last round). */
  records: z.array(pdcaRecordSchema),
  /** Each year's last-round record of every item, for the 個票. */
  yearRecords: z.array(pdcaRecordSchema),
  kpis: z.array(kpiSchema),
  meetings: z.array(meetingSchema),
  opinions: z.array(opinionSchema),
  dashboard: dashboardSchema,
});
export type ReportData = z.infer<typeof reportDataSchema>;

/** The items a report's selection keeps, in plan order. */
export function selectedItems(data: ReportData, o: ReportOptions): ReformItem[] {
  const items = new Set(o.itemIds);
  const priorities = new Set(o.priorityIds);
  const sections = new Set(o.sectionIds);
  return data.items.filter(
    (i) =>
      (items.size === 0 || items.has(i.id)) &&
      (priorities.size === 0 || priorities.has(i.priorityId)) &&
      (sections.size === 0 || i.assignments.some((a) => sections.has(a.orgUnitId))),
  );
}

function sectionsText(i: ReformItem): string {
  const lines: string[] = [];
  let dept: string | null = null;
  for (const a of i.assignments) {
    if (a.departmentName && a.departmentName !== dept) lines.push(a.departmentName);
    dept = a.departmentName;
    lines.push(a.role === 'support' ? `${a.sectionName}（支援）` : a.sectionName);
  }
  if (i.involvesRelatedSections) lines.push('関係部課');
  return lines.join('\n');
}

function scheduleCell(data: ReportData, item: ReformItem, fy: number): ReportCell {
  const bars = item.initiatives.flatMap((ini) => {
    const span = ini.spans.find((s) => s.startFy <= fy && fy <= s.endFy);
    if (!span) return [];
    const phase = data.plan.phases.find((p) => p.id === span.phaseId);
    return [
      {
        label: ini.label || '●',
        phase: phase?.label ?? '',
        start: span.startFy === fy,
        end: span.endFy === fy,
      },
    ];
  });
  return bars.length ? { kind: 'bars', bars } : null;
}

/** The year's scales in one cell, each under its axis name (進捗状況, 自己評価, 今後の方向性). */
function levels(data: ReportData, pairs: [string, number | null][]): ReportCell {
  return {
    kind: 'levels',
    levels: pairs.map(([axis, id]) => {
      const l = data.settings.levels.find((x) => x.id === id);
      return { axis, text: l ? levelText(l) : '', color: l?.color ?? 'transparent' };
    }),
  };
}

function level(data: ReportData, id: number | null): ReportCell {
  const l = data.settings.levels.find((x) => x.id === id);
  return l ? { kind: 'level', text: levelText(l), color: l.color } : '';
}

/** Items grouped under their 重点項目 and 分野 headings, in plan order. */
function grouped(
  data: ReportData,
  items: ReformItem[],
  table: (area: ReformItem[]) => ReportBlock[],
): ReportBlock[] {
  const out: ReportBlock[] = [];
  // Only the heading levels the plan has are printed.
  const levels = data.plan.headingLevels;
  const byId = new Map(items.map((i) => [i.id, i]));
  // 再掲: an item again under another 分野, its number marked; counted under its own heading.
  const repostsIn = (a: { repostedItemIds: readonly number[] }) =>
    a.repostedItemIds.flatMap((id) => {
      const i = byId.get(id);
      return i ? [{ ...i, code: `${i.code}（再掲）` }] : [];
    });
  let openGroup: number | null = null;
  for (const p of data.plan.priorities) {
    const inP = items.filter((i) => i.priorityId === p.id);
    const again = p.areas.flatMap(repostsIn);
    if (inP.length === 0 && again.length === 0) continue;
    // 基本目標 above its 重点項目, printed once before the first of them.
    const g = levels === 3 ? data.plan.groups.find((x) => x.id === p.groupId) : undefined;
    if (g && g.id !== openGroup) {
      out.push({ kind: 'heading', level: 1, text: groupHeading(data.plan.headingNames, g) });
      openGroup = g.id;
    }
    if (levels > 0)
      out.push({ kind: 'heading', level: 2, text: priorityHeading(data.plan.headingNames, p) });
    if (levels < 2) {
      out.push(...table([...inP, ...again]));
      continue;
    }
    for (const a of p.areas) {
      const inA = [...inP.filter((i) => i.areaId === a.id), ...repostsIn(a)];
      if (inA.length === 0) continue;
      out.push({ kind: 'heading', level: 3, text: `(${a.number}) ${a.title}` });
      out.push(...table(inA));
    }
  }
  return out;
}

function planReport(data: ReportData, items: ReformItem[]): ReportBlock[] {
  const years = fiscalYearsBetween(data.plan.firstFy, data.plan.lastFy);
  return grouped(data, items, (list) => [
    {
      kind: 'table',
      columns: [
        { header: 'No.', width: 4, align: 'center' },
        { header: '改革項目', width: 12 },
        { header: '推進内容', width: 22 },
        { header: '主な取組', width: 18 },
        ...years.map((fy) => ({
          header: formatFiscalYear(fy, 'short'),
          width: 5,
          schedule: true,
          align: 'center' as const,
        })),
        { header: '実施担当', width: 9 },
      ],
      rows: list.map((i) => [
        i.number,
        i.isContinued ? `${i.name}\n【継続項目】` : i.name,
        i.promotion,
        formatInitiatives(i.initiatives),
        ...years.map((fy) => scheduleCell(data, i, fy)),
        sectionsText(i),
      ]),
    },
  ]);
}

function progressReport(data: ReportData, items: ReformItem[]): ReportBlock[] {
  const rec = new Map(data.records.map((r) => [r.itemId, r]));
  const unit = data.settings.amountUnit;
  const l = data.settings.axisLabels;
  return grouped(data, items, (list) => [
    {
      kind: 'table',
      columns: [
        { header: 'No.', width: 5, align: 'center' },
        { header: '改革項目', width: 14 },
        { header: '担当課', width: 8 },
        { header: '取組実績', width: 30 },
        { header: l.progress, width: 6, align: 'center' },
        { header: l.evaluation, width: 8, align: 'center' },
        { header: '評価の理由', width: 16 },
        { header: l.direction, width: 6, align: 'center' },
        { header: `効果額（${amountUnitLabel(unit)}）`, width: 7, align: 'right' },
      ],
      rows: list.map((i) => {
        const r = rec.get(i.id);
        const amount =
          r && (r.revenueActual !== null || r.savingActual !== null)
            ? (r.revenueActual ?? 0) + (r.savingActual ?? 0)
            : null;
        return [
          i.code,
          i.name,
          sectionsText(i),
          r?.resultText || '（未記入）',
          r ? level(data, r.progressId) : '',
          r ? level(data, r.evaluationId) : '',
          r?.evaluationReason ?? '',
          r ? level(data, r.directionId) : '',
          formatAmount(amount, unit),
        ];
      }),
    },
  ]);
}

function itemSheets(data: ReportData, items: ReformItem[], fiscalYear: number): ReportBlock[] {
  const names = data.plan.headingNames;
  const years = fiscalYearsBetween(data.plan.firstFy, data.plan.lastFy);
  const unit = data.settings.amountUnit;
  const byItem = new Map<number, PdcaRecord[]>();
  for (const r of data.yearRecords) byItem.set(r.itemId, [...(byItem.get(r.itemId) ?? []), r]);
  const out: ReportBlock[] = [];
  items.forEach((i, n) => {
    if (n > 0) out.push({ kind: 'pageBreak' });
    const priority = data.plan.priorities.find((p) => p.id === i.priorityId);
    const area = priority?.areas.find((a) => a.id === i.areaId);
    out.push({
      kind: 'heading',
      level: 2,
      text: `${i.code}　${i.name}${i.isContinued ? '　【継続項目】' : ''}`,
    });
    const pText = priorityHeading(names, {
      number: priority?.number ?? '',
      title: priority?.title ?? '',
    });
    const headingRow: [string, string][] =
      data.plan.headingLevels === 2
        ? [
            [
              `${names.priority}・${names.area}`,
              `${pText}／(${area?.number ?? ''}) ${area?.title ?? ''}`,
            ],
          ]
        : data.plan.headingLevels === 1
          ? [[names.priority, pText]]
          : [];
    out.push({
      kind: 'fields',
      rows: [
        ...headingRow,
        ['実施担当', sectionsText(i).replace(/\n/g, '　') || '（未設定）'],
        ['推進内容', i.promotion || '（未記入）'],
      ],
    });
    out.push({
      kind: 'table',
      caption: '主な取組と実施時期',
      columns: [
        { header: '主な取組', width: 30 },
        ...years.map((fy) => ({
          header: formatFiscalYear(fy, 'short'),
          width: 6,
          schedule: true,
          align: 'center' as const,
        })),
      ],
      rows: i.initiatives.map((ini) => [
        formatInitiatives([ini]),
        ...years.map((fy) => scheduleCell(data, { ...i, initiatives: [ini] }, fy)),
      ]),
    });
    const kpis = data.kpis.filter((k) => k.itemId === i.id);
    if (kpis.length > 0) {
      const fyShort = formatFiscalYear(fiscalYear, 'short');
      out.push({
        kind: 'table',
        caption: '指標（KPI）',
        columns: [
          { header: '指標（単位）', width: 15 },
          { header: '基準値', width: 8, align: 'right' },
          ...years.map((fy) => ({
            header: `${formatFiscalYear(fy, 'short')}\n目標／実績`,
            width: 9,
            align: 'right' as const,
          })),
          { header: '最終目標', width: 8, align: 'right' },
          { header: `達成率\n（${fyShort}）`, width: 7, align: 'right' },
          { header: '進捗率', width: 7, align: 'right' },
        ],
        rows: kpis.map((k) => {
          const v = k.values.find((x) => x.fiscalYear === fiscalYear);
          return [
            `${k.name}${k.unit ? `（${k.unit}）` : ''}`,
            k.baseValue === null
              ? '—'
              : `${formatNumber(k.baseValue)}${k.baseFy ? `\n（${formatFiscalYear(k.baseFy, 'short')}）` : ''}`,
            ...years.map((fy) => {
              const y = k.values.find((x) => x.fiscalYear === fy);
              return y ? `${formatNumber(y.target) || '—'}\n${formatNumber(y.actual) || '—'}` : '';
            }),
            formatNumber(k.finalTarget) || '—',
            formatPercent(achievementRate(v?.target ?? null, v?.actual ?? null, k.direction)),
            formatPercent(progressRate(k, fiscalYear)),
          ];
        }),
      });
    }
    const recs = (byItem.get(i.id) ?? []).sort((a, b) => a.fiscalYear - b.fiscalYear);
    const sum = (a: number | null, b: number | null) =>
      a === null && b === null ? null : (a ?? 0) + (b ?? 0);
    const plans = cumulative(recs.map((r) => sum(r.revenuePlan, r.savingPlan)));
    const actuals = cumulative(recs.map((r) => sum(r.revenueActual, r.savingActual)));
    const axes = data.settings.axisLabels;
    out.push({
      kind: 'table',
      caption: `年度ごとの取組（効果額は${amountUnitLabel(unit)}）`,
      columns: [
        { header: '年度', width: 4, align: 'center' },
        { header: '取組予定・年度目標', width: 15 },
        { header: '取組実績', width: 20 },
        { header: '評価', width: 12 },
        { header: '評価の理由', width: 13 },
        { header: '課題・改善策', width: 13 },
        { header: '効果額', width: 10, align: 'right' },
      ],
      rows:
        recs.length === 0
          ? [['—', 'この改革項目の記録はまだありません。', '', '', '', '', '']]
          : recs.map((r, k) => [
              formatFiscalYear(r.fiscalYear, 'short'),
              r.planText,
              r.resultText,
              levels(data, [
                [axes.progress, r.progressId],
                ...(axes.progress2 === null
                  ? []
                  : [[axes.progress2, r.progress2Id] as [string, number | null]]),
                [axes.evaluation, r.evaluationId],
                [axes.direction, r.directionId],
              ]),
              r.evaluationReason,
              r.issuesText,
              [
                `実績 ${formatAmount(sum(r.revenueActual, r.savingActual), unit) || '—'}`,
                `計画 ${formatAmount(sum(r.revenuePlan, r.savingPlan), unit) || '—'}`,
                `累計 ${formatAmount(actuals[k]!, unit)}`,
                `計画累計 ${formatAmount(plans[k]!, unit)}`,
              ].join('\n'),
            ]),
    });
    const ops = data.opinions.filter((o) => o.itemId === i.id);
    if (ops.length > 0) {
      out.push({
        kind: 'table',
        caption: `意見と対応（${formatFiscalYear(fiscalYear)}）`,
        columns: [
          { header: '会議', width: 10 },
          { header: '意見', width: 30 },
          { header: '対応', width: 30 },
        ],
        rows: ops.map((o) => {
          const m = data.meetings.find((x) => x.id === o.meetingId);
          return [
            m
              ? `${MEETING_KIND_LABELS[m.kind]}\n${m.name}${m.heldOn ? `\n${formatDayJa(m.heldOn)}` : ''}`
              : '',
            o.body,
            o.response || '（未記入）',
          ];
        }),
      });
    }
  });
  return out;
}

function summaryReport(data: ReportData): ReportBlock[] {
  const names = data.plan.headingNames;
  const d = data.dashboard;
  const evalLevels = data.settings.levels.filter((l) => l.axis === 'evaluation' && !l.excluded);
  const unit = data.settings.amountUnit;
  type Level = (typeof data.settings.levels)[number];
  const pct = (b: EvaluationBreakdown, l: Level) =>
    `${(b.percents[String(l.id)] ?? 0).toFixed(1)}%`;
  /** The bars and the table of one breakdown; status axes have no 対象外 and call a blank 未記入. */
  const breakdown = (
    list: EvaluationBreakdown[],
    caption: string,
    levels: Level[],
    status = false,
  ): ReportBlock[] => [
    {
      kind: 'bars',
      caption,
      legend: levels.map((l) => ({ label: levelText(l), color: l.color })),
      rows: list.map((b) => ({
        label: b.label,
        total: b.evaluated,
        segments: levels.map((l) => ({
          label: levelText(l),
          value: b.counts[String(l.id)] ?? 0,
          color: l.color,
          text: pct(b, l),
        })),
      })),
    },
    {
      kind: 'table',
      columns: [
        { header: '区分', width: 20 },
        ...levels.map((l) => ({ header: levelText(l), width: 8, align: 'right' as const })),
        { header: status ? '記入計' : '評価計', width: 6, align: 'right' },
        ...(status ? [] : [{ header: '対象外', width: 6, align: 'right' as const }]),
        { header: status ? '未記入' : '未評価', width: 6, align: 'right' },
        { header: '全体', width: 6, align: 'right' },
      ],
      rows: list.map((b) => [
        b.label,
        ...levels.map((l) => `${b.counts[String(l.id)] ?? 0}件（${pct(b, l)}）`),
        `${b.evaluated}件`,
        ...(status ? [] : [`${b.excluded}件`]),
        `${b.unevaluated}件`,
        // every item of the row: what a 委員会 reader adds up by hand otherwise
        `${b.evaluated + b.excluded + b.unevaluated}件`,
      ]),
    },
  ];
  /** 増減 against the previous year, row by row (a row new this year has no previous figure). */
  const change = (
    list: EvaluationBreakdown[],
    before: EvaluationBreakdown[],
    levels: Level[],
  ): ReportBlock => ({
    kind: 'table',
    columns: [
      { header: '区分', width: 20 },
      ...levels.map((l) => ({ header: levelText(l), width: 9, align: 'right' as const })),
      { header: '計', width: 7, align: 'right' },
    ],
    rows: list.map((b) => {
      const p = before.find((x) => x.key === b.key);
      if (!p) return [b.label, ...levels.map(() => '—'), '—'];
      return [
        b.label,
        ...levels.map(
          (l) =>
            `${signedCount((b.counts[String(l.id)] ?? 0) - (p.counts[String(l.id)] ?? 0))}\n${signedPoints((b.percents[String(l.id)] ?? 0) - (p.percents[String(l.id)] ?? 0))}`,
        ),
        signedCount(b.evaluated - p.evaluated),
      ];
    }),
  });
  const prev = d.previous;
  const byHeading = `${names.priority}別`;
  const axisLevels = (axis: string) => data.settings.levels.filter((l) => l.axis === axis);
  return [
    {
      kind: 'text',
      text: '割合は評価した項目（対象外・未評価を除く）に対する割合で、段階ごとに小数第2位を四捨五入しています。合計が100.0%にならないことがあります。',
    },
    {
      kind: 'heading',
      level: 2,
      text: `${data.settings.axisLabels.evaluation}の内訳（${byHeading}）`,
    },
    ...breakdown([d.total, ...d.byPriority], `${byHeading}の評価`, evalLevels),
    { kind: 'heading', level: 2, text: `${data.settings.axisLabels.evaluation}の内訳（担当課別）` },
    ...breakdown(d.bySection, '担当課別の評価', evalLevels),
    ...d.statusAxes.flatMap((a): ReportBlock[] => [
      { kind: 'heading', level: 2, text: `${a.label}の内訳（${byHeading}）` },
      ...breakdown(
        [a.total, ...a.byPriority],
        `${byHeading}の${a.label}`,
        axisLevels(a.axis),
        true,
      ),
    ]),
    ...(prev
      ? [
          {
            kind: 'heading',
            level: 2,
            text: `前年度（${formatFiscalYear(prev.fiscalYear)}${prev.roundName ? `・${prev.roundName}` : ''}）からの増減`,
          } as ReportBlock,
          {
            kind: 'text',
            text: '上段は件数の増減、下段は割合の増減（ポイント）です。▲は減少を表します。',
          } as ReportBlock,
          {
            ...change([d.total, ...d.byPriority], [prev.total, ...prev.byPriority], evalLevels),
            caption: data.settings.axisLabels.evaluation,
          } as ReportBlock,
          ...d.statusAxes.flatMap((a): ReportBlock[] => {
            const b = prev.statusAxes.find((x) => x.axis === a.axis);
            return b
              ? [
                  {
                    ...change(
                      [a.total, ...a.byPriority],
                      [b.total, ...b.byPriority],
                      axisLevels(a.axis),
                    ),
                    caption: a.label,
                  } as ReportBlock,
                ]
              : [];
          }),
        ]
      : []),
    { kind: 'heading', level: 2, text: `効果額の推移と累計（${amountUnitLabel(unit)}）` },
    {
      kind: 'table',
      columns: [
        { header: '年度', width: 8 },
        { header: '計画', width: 8, align: 'right' },
        { header: '実績', width: 8, align: 'right' },
        { header: 'うち歳入増', width: 8, align: 'right' },
        { header: 'うち歳出削減', width: 8, align: 'right' },
        { header: '累計 計画', width: 8, align: 'right' },
        { header: '累計 実績', width: 8, align: 'right' },
      ],
      rows: d.amounts.map((a) => [
        formatFiscalYear(a.fiscalYear),
        formatAmount(a.plan, unit),
        formatAmount(a.actual, unit),
        formatAmount(a.revenueActual, unit),
        formatAmount(a.savingActual, unit),
        formatAmount(a.cumulativePlan, unit),
        formatAmount(a.cumulativeActual, unit),
      ]),
    },
  ];
}

function opinionsReport(data: ReportData, items: ReformItem[]): ReportBlock[] {
  const rec = new Map(data.records.map((r) => [r.itemId, r]));
  const ids = new Set(items.map((i) => i.id));
  const rows: ReportCell[][] = [];
  for (const i of items) {
    for (const o of data.opinions.filter((x) => x.itemId === i.id && ids.has(x.itemId))) {
      const m = data.meetings.find((x) => x.id === o.meetingId);
      const r = rec.get(i.id);
      rows.push([
        i.code,
        i.name,
        m ? `${MEETING_KIND_LABELS[m.kind]}\n${m.name}` : '',
        o.body,
        r ? level(data, r.evaluationId) : '',
        r?.evaluationReason ?? '',
        o.response || '（未記入）',
      ]);
    }
  }
  return [
    {
      kind: 'table',
      columns: [
        { header: 'No.', width: 5, align: 'center' },
        { header: '改革項目', width: 12 },
        { header: '会議', width: 9 },
        { header: '意見', width: 26 },
        { header: data.settings.axisLabels.evaluation, width: 8, align: 'center' },
        { header: '評価の理由', width: 16 },
        { header: '担当課の対応', width: 26 },
      ],
      rows,
    },
  ];
}

export function buildReport(data: ReportData, o: ReportOptions): ReportDoc {
  const items = selectedItems(data, o);
  const year = formatFiscalYear(o.fiscalYear);
  const subtitle =
    o.kind === 'plan'
      ? formatFiscalYearRange(data.plan.firstFy, data.plan.lastFy)
      : `${year}${data.roundName ? `　${data.roundName}` : ''}`;
  const doc: ReportDoc = {
    kind: o.kind,
    title: REPORT_TITLES[o.kind],
    subtitle,
    planTitle: data.plan.title,
    blocks: [],
    itemNames: items.map((i) => i.name),
    empty: null,
  };
  if (items.length === 0 && o.kind !== 'summary') {
    doc.empty =
      '選んだ条件に合う改革項目がありません。重点項目・担当課・改革項目の選び方を見直してください。';
    return doc;
  }
  if ((o.kind === 'progress' || o.kind === 'summary') && data.roundName === null) {
    doc.empty = `${year}の照会回がまだありません。「PDCA進捗管理」で照会回を作成し、記録を入力してから作成してください。`;
    return doc;
  }
  switch (o.kind) {
    case 'plan':
      doc.blocks = planReport(data, items);
      break;
    case 'progress':
      doc.blocks = progressReport(data, items);
      break;
    case 'item':
      doc.blocks = itemSheets(data, items, o.fiscalYear);
      break;
    case 'summary':
      doc.blocks = summaryReport(data);
      doc.itemNames = [];
      break;
    case 'opinions': {
      doc.blocks = opinionsReport(data, items);
      const table = doc.blocks[0];
      if (table?.kind === 'table' && table.rows.length === 0) {
        doc.empty = `${year}の推進本部・委員会の意見はまだ登録されていません。「PDCA進捗管理」の詳細パネルで意見を登録してください。`;
      }
      doc.itemNames = [
        ...new Set(
          data.opinions
            .filter((x) => items.some((i) => i.id === x.itemId))
            .map((x) => items.find((i) => i.id === x.itemId)!.name),
        ),
      ];
      break;
    }
  }
  return doc;
}
