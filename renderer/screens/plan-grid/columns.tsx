import type { ReformItem } from '../../../shared/domain/item';
import type { PlanDetail, SchedulePhase } from '../../../shared/domain/plan';
import { fiscalYearsBetween, formatFiscalYear } from '../../../shared/fiscal-year';
import { formatInitiatives } from '../../../shared/initiative-text';
import type { GridColumn } from '../../grid/DataGrid';
import { estimateLines, textEms } from '../../grid/layout';
import type { InitiativeDraft } from '../../../shared/initiative-text';
import { assignmentLines } from '../../format';

/**
 * The lines formatInitiatives(list) takes at a width, counted line by line
 * without building the text (the same sums, so the same count): each
 * initiative after its label, each point after its 「・」.
 */
export function initiativeLines(list: readonly InitiativeDraft[], widthPx: number): number {
  if (list.length === 0) return 1;
  let lines = 0;
  for (const i of list) {
    lines += estimateLines(i.text, widthPx, 14, textEms(i.label));
    for (const p of i.points) lines += estimateLines(p, widthPx, 14, POINT_EMS);
  }
  return lines;
}
const POINT_EMS = textEms('・');

/** The year's part of each initiative's span, as the printed plan draws arrows across year columns. */
function YearCell({ item, fy, phases }: { item: ReformItem; fy: number; phases: SchedulePhase[] }) {
  return (
    <div className="year-cell">
      {item.initiatives.map((ini) => {
        const span = ini.spans.find((s) => s.startFy <= fy && fy <= s.endFy);
        if (!span) return <div key={ini.id} className="year-slot" />;
        const phase = phases.find((p) => p.id === span.phaseId);
        const cls = [
          'year-bar',
          `phase-${phase?.code ?? 'other'}`,
          span.startFy === fy ? 'start' : '',
          span.endFy === fy ? 'end' : '',
        ].join(' ');
        return (
          <div key={ini.id} className="year-slot">
            <div className={cls} title={`${ini.label}${ini.text}：${phase?.label ?? ''}`}>
              {span.startFy === fy ? `${ini.label}${phase?.label ?? ''}` : ''}
            </div>
          </div>
        );
      })}
    </div>
  );
}

/** The year cell as text (copy, screen readers): ①実施 ②検討 */
function yearText(item: ReformItem, fy: number, phases: SchedulePhase[]): string {
  return item.initiatives
    .map((ini) => {
      const span = ini.spans.find((s) => s.startFy <= fy && fy <= s.endFy);
      if (!span) return '';
      return `${ini.label || '●'}${phases.find((p) => p.id === span.phaseId)?.label ?? ''}`;
    })
    .filter(Boolean)
    .join(' ');
}

export function planColumns(plan: PlanDetail): GridColumn<ReformItem>[] {
  const years = fiscalYearsBetween(plan.firstFy, plan.lastFy);
  return [
    {
      key: 'code',
      header: 'No.',
      width: 76,
      minWidth: 56,
      frozen: true,
      // Typing a number renumbers the item within its 取組分野.
      kind: 'text',
      text: (i) => i.code,
      cellClass: () => 'item-code',
    },
    {
      key: 'name',
      header: '改革項目',
      width: 200,
      minWidth: 100,
      frozen: true,
      kind: 'text',
      multiline: true,
      text: (i) => i.name,
      cellClass: () => 'item-name',
    },
    {
      key: 'continued',
      header: '継続',
      width: 58,
      minWidth: 48,
      kind: 'text',
      align: 'center',
      text: (i) => (i.isContinued ? '継続' : ''),
      render: (i) => (i.isContinued ? <span className="badge">継続</span> : null),
    },
    {
      key: 'promotion',
      header: '推進内容',
      width: 300,
      minWidth: 120,
      kind: 'text',
      multiline: true,
      text: (i) => i.promotion,
    },
    {
      key: 'initiatives',
      header: '主な取組',
      width: 280,
      minWidth: 120,
      kind: 'text',
      multiline: true,
      text: (i) => formatInitiatives(i.initiatives),
      estimate: (i, width) => initiativeLines(i.initiatives, width),
    },
    ...years.map((fy): GridColumn<ReformItem> => ({
      key: `fy${fy}`,
      header: formatFiscalYear(fy, 'short'),
      width: 64,
      minWidth: 48,
      kind: 'dialog',
      text: (i) => yearText(i, fy, plan.phases),
      render: (i) => <YearCell item={i} fy={fy} phases={plan.phases} />,
      lines: (i) => Math.max(1, i.initiatives.length),
      cellClass: () => 'year',
    })),
    {
      key: 'sections',
      header: '実施担当',
      width: 150,
      minWidth: 80,
      kind: 'dialog',
      multiline: true,
      text: (i) => assignmentLines(i).join('\n'),
    },
  ];
}

export const TEXT_FIELDS = {
  name: 'name',
  continued: 'continued',
  promotion: 'promotion',
  initiatives: 'initiatives',
} as const;
