import { formatFiscalYear } from '../../shared/fiscal-year';
import type { Initiative } from '../../shared/domain/item';
import type { SchedulePhase } from '../../shared/domain/plan';

interface Props {
  initiatives: Initiative[];
  years: number[];
  phases: SchedulePhase[];
}

export function spanDescription(ini: Initiative, phases: SchedulePhase[]): string {
  const name = ini.label || '取組';
  if (ini.spans.length === 0) return `${name}：実施時期なし`;
  return `${name}：${ini.spans
    .map((s) => {
      const phase = phases.find((p) => p.id === s.phaseId)?.label ?? '';
      const range =
        s.startFy === s.endFy
          ? formatFiscalYear(s.startFy)
          : `${formatFiscalYear(s.startFy)}～${formatFiscalYear(s.endFy)}`;
      return phase ? `${range}（${phase}）` : range;
    })
    .join('、')}`;
}

/**
 * 実施時期 drawn like the printed plan: per initiative, an arrow across the
 * fiscal-year columns it spans, labelled ①② at its start.
 */
export function ScheduleBars({ initiatives, years, phases }: Props) {
  const first = years[0] ?? 0;
  const last = years[years.length - 1] ?? 0;
  const description = initiatives.map((i) => spanDescription(i, phases)).join('。');
  return (
    <div
      className="schedule"
      style={{ gridTemplateColumns: `repeat(${years.length}, 1fr)` }}
      role="img"
      aria-label={description}
    >
      {years.map((fy, i) => (
        <div
          key={fy}
          className="schedule-gridline"
          style={{ gridColumn: i + 1, gridRow: `1 / span ${Math.max(1, initiatives.length)}` }}
        />
      ))}
      {initiatives.flatMap((ini, row) =>
        ini.spans.map((s) => {
          const start = Math.max(s.startFy, first);
          const end = Math.min(s.endFy, last);
          if (end < start) return null;
          const phase = phases.find((p) => p.id === s.phaseId);
          return (
            <div
              key={s.id}
              className={`schedule-bar phase-${phase?.code ?? 'other'}`}
              style={{ gridColumn: `${start - first + 1} / ${end - first + 2}`, gridRow: row + 1 }}
              title={spanDescription({ ...ini, spans: [s] }, phases)}
            >
              <span className="schedule-label">{ini.label}</span>
              <span className="schedule-phase">{phase?.label}</span>
            </div>
          );
        }),
      )}
    </div>
  );
}
