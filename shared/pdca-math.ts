import type { AmountUnit, Kpi } from './domain/pdca';

/**
 * The numbers of the PDCA cycle: how staff type them (commas, full-width
 * digits, ▲ for minus, 千円) and how cities compute and print them (達成率,
 * 進捗率, 累計, percentages rounded to 0.1). Never a silent wrong number: what
 * cannot be read is refused with a message.
 */

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** Full-width digits and signs to ASCII; the usual Japanese minus marks to '-'. */
function normalizeNumberText(text: string): string {
  return text
    .replace(/[０-９．，－＋]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[▲△]/g, '-')
    .replace(/[−‐―ー]/g, '-')
    .replace(/[\s\u3000]/g, '');
}

/**
 * A number as typed: "1,234", "１２３４", "▲500", "-1.5". Empty is null
 * (未入力), which is not zero. Commas must group thousands.
 */
export function parseNumber(text: string, label: string): Parsed<number | null> {
  let s = normalizeNumberText(text);
  if (s === '') return { ok: true, value: null };
  let negative = false;
  if (s.startsWith('-')) {
    negative = true;
    s = s.slice(1);
  } else if (s.startsWith('+')) {
    s = s.slice(1);
  }
  if (!/^(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/.test(s)) {
    return {
      ok: false,
      message: `${label}「${text.trim()}」を数値として読めません。数字で入力してください（例：1,234　マイナスは ▲1,234）。`,
    };
  }
  const n = Number(s.replace(/,/g, ''));
  if (!Number.isFinite(n) || Math.abs(n) > 1e12) {
    return { ok: false, message: `${label}「${text.trim()}」は大きすぎます。` };
  }
  return { ok: true, value: negative ? -n : n };
}

/**
 * 効果額 as typed in the plan's unit, to yen. "1,234" in 千円 is 1,234,000 円;
 * a trailing 円 / 千円 says the unit explicitly and wins over the plan's.
 */
export function parseAmount(
  text: string,
  unit: AmountUnit,
  label = '効果額',
): Parsed<number | null> {
  let s = text.trim();
  let factor = unit === 'thousand' ? 1000 : 1;
  if (/千円$/.test(s)) {
    factor = 1000;
    s = s.replace(/千円$/, '');
  } else if (/円$/.test(s)) {
    factor = 1;
    s = s.replace(/円$/, '');
  }
  const n = parseNumber(s, label);
  if (!n.ok || n.value === null) return n;
  const yen = n.value * factor;
  if (Math.abs(yen - Math.round(yen)) > 1e-6) {
    return {
      ok: false,
      message: `${label}「${text.trim()}」は1円未満の端数になります。${unit === 'thousand' ? '千円単位では小数点以下3桁まで' : '円単位では整数'}で入力してください。`,
    };
  }
  if (Math.abs(yen) > 1e13)
    return { ok: false, message: `${label}「${text.trim()}」は大きすぎます。` };
  return { ok: true, value: Math.round(yen) };
}

const groupFormat = new Intl.NumberFormat('ja-JP', { maximumFractionDigits: 1 });
const intFormat = new Intl.NumberFormat('ja-JP', { maximumFractionDigits: 0 });

/** ▲ for minus, as municipal tables print it. */
function signed(n: number, format: (abs: number) => string): string {
  return n < 0 ? `▲${format(-n)}` : format(n);
}

/** Half away from zero at the given decimals, without binary drift (1.005 → 1.01). */
export function roundHalfUp(n: number, decimals = 0): number {
  const f = 10 ** decimals;
  const shifted = Math.abs(n) * f;
  const r = Math.round(Number(shifted.toPrecision(15)));
  return (Math.sign(n) * r) / f;
}

/** Yen shown in the plan's unit: 千円 rounds half up (四捨五入). Null shows as ''. */
export function formatAmount(yen: number | null, unit: AmountUnit): string {
  if (yen === null) return '';
  const v = unit === 'thousand' ? roundHalfUp(yen / 1000) : yen;
  return signed(v, (x) => intFormat.format(x));
}

export const amountUnitLabel = (unit: AmountUnit) => (unit === 'thousand' ? '千円' : '円');

export function formatNumber(n: number | null): string {
  if (n === null) return '';
  return signed(n, (x) => (Number.isInteger(x) ? intFormat.format(x) : groupFormat.format(x)));
}

/** Running totals (累計); a year without a value adds nothing but keeps the total. */
export function cumulative(values: readonly (number | null)[]): number[] {
  let sum = 0;
  return values.map((v) => (sum += v ?? 0));
}

/**
 * 達成率 (%): 実績 ÷ 目標 for "higher is better", 目標 ÷ 実績 for "lower is
 * better". May exceed 100. Null when either value is missing or the divisor is 0.
 */
export function achievementRate(
  target: number | null,
  actual: number | null,
  direction: 'higher' | 'lower',
): number | null {
  if (target === null || actual === null) return null;
  const [num, den] = direction === 'higher' ? [actual, target] : [target, actual];
  if (den === 0) return null;
  return (num / den) * 100;
}

export function achievementFormula(direction: 'higher' | 'lower'): string {
  return direction === 'higher'
    ? '達成率 ＝ 実績値 ÷ 目標値 × 100'
    : '達成率 ＝ 目標値 ÷ 実績値 × 100（小さいほど良い指標）';
}

/** 進捗率 (%) of a KPI up to a fiscal year, by the KPI's own method. */
export function progressRate(
  kpi: Pick<Kpi, 'progressMethod' | 'baseValue' | 'finalTarget' | 'values' | 'direction'>,
  uptoFy: number,
): number | null {
  if (kpi.finalTarget === null) return null;
  const upto = kpi.values
    .filter((v) => v.fiscalYear <= uptoFy)
    .sort((a, b) => a.fiscalYear - b.fiscalYear);
  if (kpi.progressMethod === 'cumulative') {
    const actuals = upto.map((v) => v.actual).filter((v): v is number => v !== null);
    if (actuals.length === 0 || kpi.finalTarget === 0) return null;
    return (actuals.reduce((a, b) => a + b, 0) / kpi.finalTarget) * 100;
  }
  const latest = [...upto].reverse().find((v) => v.actual !== null)?.actual ?? null;
  if (latest === null || kpi.baseValue === null) return null;
  const span = kpi.finalTarget - kpi.baseValue;
  if (span === 0) return null;
  // (実績 − 基準) ÷ (目標 − 基準) works for both directions: a falling target has a negative span.
  return ((latest - kpi.baseValue) / span) * 100;
}

export function progressFormula(method: Kpi['progressMethod']): string {
  return method === 'cumulative'
    ? '進捗率 ＝ 実績値の累計 ÷ 最終目標値 × 100'
    : '進捗率 ＝ （最新の実績値 − 基準値） ÷ （最終目標値 − 基準値） × 100';
}

/** A percentage for tables: one decimal, rounded half up. */
export function formatPercent(p: number | null): string {
  if (p === null) return '—';
  return `${roundHalfUp(p, 1).toFixed(1)}%`;
}

/**
 * Shares of the evaluated items, each rounded to 0.1 on its own as cities
 * publish them, so the column may add up to 100.1 or 99.9. Exact integer
 * arithmetic: count × 1000 ÷ total, half up.
 */
export function sharesOf(counts: Record<string, number>, total: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, c] of Object.entries(counts)) {
    if (total === 0) {
      out[k] = 0;
      continue;
    }
    const q = Math.floor((c * 1000) / total);
    const rem = c * 1000 - q * total;
    out[k] = (q + (rem * 2 >= total ? 1 : 0)) / 10;
  }
  return out;
}

/** A percentage typed into a KPI (e.g. "120%" or "１２０％"): the number, % removed. */
export function parsePercentText(text: string, label: string): Parsed<number | null> {
  return parseNumber(text.replace(/[%％]\s*$/, ''), label);
}

/** A change in count as tables print it: +2件, ▲1件, ±0件. */
export function signedCount(n: number): string {
  return n > 0 ? `+${n}件` : n < 0 ? `▲${-n}件` : '±0件';
}

/** A change in share, in points to 0.1: +5.0pt, ▲2.5pt, ±0.0pt. */
export function signedPoints(p: number): string {
  const r = roundHalfUp(p, 1);
  return r > 0 ? `+${r.toFixed(1)}pt` : r < 0 ? `▲${(-r).toFixed(1)}pt` : '±0.0pt';
}
