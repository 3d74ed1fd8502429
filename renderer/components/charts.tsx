/**
 * Small SVG charts for the dashboard: drawn from numbers only (no chart
 * library, no canvas), so they scale, print crisply and carry text that
 * survives grayscale printing. Every chart has a table beside it for screen
 * readers and keyboard users; the SVG itself is a labelled image.
 */

export interface Segment {
  key: string;
  label: string;
  value: number;
  color: string;
  /** Shown inside the segment when it is wide enough, e.g. "33.3%". */
  text?: string;
}

export interface StackedRow {
  key: string;
  label: string;
  segments: Segment[];
  /** What the row's numbers are out of (evaluated items). */
  total: number;
}

const LABEL_W = 240;
const BAR_W = 520;
const ROW_H = 26;

/** Characters a label line holds beside the bars. */
const LABEL_CHARS = 20;
const LINE_H = 14;

function truncate(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/**
 * A group's label in lines that fit beside the bars, broken after a space or
 * punctuation where one is near (「重点項目1 行政のデジタル化推進、｜制度・慣行の…」);
 * three lines at most, so only a label of over 60 characters is shortened.
 */
export function labelLines(label: string): string[] {
  const lines: string[] = [];
  let rest = label.trim();
  while (rest.length > LABEL_CHARS && lines.length < 2) {
    const head = rest.slice(0, LABEL_CHARS);
    const cut = Math.max(...['　', ' ', '、', '・', '）'].map((c) => head.lastIndexOf(c)));
    const at = cut >= LABEL_CHARS / 2 ? cut + 1 : LABEL_CHARS;
    lines.push(rest.slice(0, at).trim());
    rest = rest.slice(at).trim();
  }
  lines.push(truncate(rest, LABEL_CHARS));
  return lines;
}

/** Horizontal 100 % bars, one per group, segments in scale order. */
export function StackedBars({
  rows,
  title,
  onSelect,
}: {
  rows: StackedRow[];
  title: string;
  onSelect?(row: StackedRow, segment: Segment): void;
}) {
  const lines = rows.map((r) => labelLines(r.label));
  const tops = lines.reduce<number[]>(
    (acc, l, i) => [...acc, acc[i]! + ROW_H + (l.length - 1) * LINE_H],
    [4],
  );
  const height = tops[rows.length]! + 4;
  const summary = rows
    .map((r) => `${r.label}：${r.segments.map((s) => `${s.label}${s.value}件`).join('、')}`)
    .join('。');
  return (
    <svg
      className="chart"
      viewBox={`0 0 ${LABEL_W + BAR_W + 60} ${height}`}
      role="img"
      aria-label={`${title}。${summary}`}
    >
      {rows.map((r, i) => {
        const y = tops[i]!;
        let x = LABEL_W;
        return (
          <g key={r.key}>
            <text x={LABEL_W - 8} y={y + 16} textAnchor="end" className="chart-label">
              {lines[i]!.map((line, k) => (
                <tspan key={k} x={LABEL_W - 8} dy={k === 0 ? 0 : LINE_H}>
                  {line}
                </tspan>
              ))}
            </text>
            <rect x={LABEL_W} y={y} width={BAR_W} height={ROW_H - 6} className="chart-track" />
            {r.segments.map((s) => {
              const w = r.total > 0 ? (s.value / r.total) * BAR_W : 0;
              const seg = (
                <g
                  key={s.key}
                  className={onSelect && s.value > 0 ? 'chart-seg clickable' : 'chart-seg'}
                  onClick={onSelect && s.value > 0 ? () => onSelect(r, s) : undefined}
                >
                  <rect
                    x={x}
                    y={y}
                    width={w}
                    height={ROW_H - 6}
                    fill={s.color}
                    stroke="#fff"
                    strokeWidth={1}
                  >
                    <title>{`${r.label}　${s.label}：${s.value}件${s.text ? `（${s.text}）` : ''}`}</title>
                  </rect>
                  {w > 44 && s.text ? (
                    <text x={x + w / 2} y={y + 14} textAnchor="middle" className="chart-seg-text">
                      {s.text}
                    </text>
                  ) : null}
                </g>
              );
              x += w;
              return seg;
            })}
            <text x={LABEL_W + BAR_W + 6} y={y + 15} className="chart-label">
              {r.total}件
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export interface AmountPoint {
  label: string;
  plan: number;
  actual: number;
  cumulativePlan: number;
  cumulativeActual: number;
}

/** 効果額: bars per year (計画 light, 実績 solid) and 累計 lines against plan. */
export function AmountChart({
  points,
  unitLabel,
  scale,
}: {
  points: AmountPoint[];
  unitLabel: string;
  scale: number;
}) {
  const W = 760;
  const H = 260;
  const left = 70;
  const bottom = 30;
  const top = 16;
  const values = points.flatMap((p) => [p.plan, p.actual, p.cumulativePlan, p.cumulativeActual]);
  // A negative 効果額 (▲) draws below the zero line.
  // Round numbers on the axis (1, 2 or 5 × 10ⁿ per step), in the unit shown.
  const niceStep = (span: number) => {
    const raw = span / 4;
    const p = 10 ** Math.floor(Math.log10(raw));
    return [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw)!;
  };
  const step0 = niceStep(Math.max(scale, Math.max(0, ...values) - Math.min(0, ...values)));
  const max = Math.max(step0, Math.ceil(Math.max(0, ...values) / step0) * step0);
  const min = Math.floor(Math.min(0, ...values) / step0) * step0;
  const y = (v: number) => top + (H - top - bottom) * ((max - v) / (max - min));
  const bar = (v: number) => ({ y: Math.min(y(v), y(0)), height: Math.abs(y(0) - y(v)) });
  const step = (W - left - 20) / Math.max(1, points.length);
  const barW = Math.min(28, step / 3);
  const fmt = (v: number) => Math.round(v / scale).toLocaleString('ja-JP');
  const line = (f: (p: AmountPoint) => number) =>
    points.map((p, i) => `${left + step * i + step / 2},${y(f(p))}`).join(' ');
  const ticks: number[] = [];
  for (let t = min; t <= max + step0 / 2; t += step0) ticks.push(t);
  return (
    <svg
      className="chart"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={`効果額の推移（${unitLabel}）。${points
        .map(
          (p) =>
            `${p.label} 計画${fmt(p.plan)} 実績${fmt(p.actual)} 累計実績${fmt(p.cumulativeActual)}`,
        )
        .join('。')}`}
    >
      {ticks.map((t) => (
        <g key={t}>
          <line x1={left} x2={W - 10} y1={y(t)} y2={y(t)} className="chart-grid" />
          <text x={left - 6} y={y(t) + 4} textAnchor="end" className="chart-axis">
            {fmt(t)}
          </text>
        </g>
      ))}
      {min < 0 ? <line x1={left} x2={W - 10} y1={y(0)} y2={y(0)} className="chart-zero" /> : null}
      {points.map((p, i) => {
        const cx = left + step * i + step / 2;
        return (
          <g key={p.label}>
            <rect x={cx - barW - 1} {...bar(p.plan)} width={barW} className="bar-plan">
              <title>{`${p.label} 計画 ${fmt(p.plan)}${unitLabel}`}</title>
            </rect>
            <rect x={cx + 1} {...bar(p.actual)} width={barW} className="bar-actual">
              <title>{`${p.label} 実績 ${fmt(p.actual)}${unitLabel}`}</title>
            </rect>
            <text x={cx} y={H - 10} textAnchor="middle" className="chart-axis">
              {p.label}
            </text>
          </g>
        );
      })}
      <polyline points={line((p) => p.cumulativePlan)} className="line-plan" />
      <polyline points={line((p) => p.cumulativeActual)} className="line-actual" />
      {points.map((p, i) => (
        <circle
          key={p.label}
          cx={left + step * i + step / 2}
          cy={y(p.cumulativeActual)}
          r={3.5}
          className="dot-actual"
        />
      ))}
    </svg>
  );
}

export function Legend({
  items,
}: {
  items: { label: string; color?: string; className?: string }[];
}) {
  return (
    <ul className="legend" aria-hidden="true">
      {items.map((i) => (
        <li key={i.label}>
          <span
            className={`legend-swatch ${i.className ?? ''}`}
            style={i.color ? { background: i.color } : undefined}
          />
          {i.label}
        </li>
      ))}
    </ul>
  );
}
