/**
 * Fiscal years (年度) run from April to March and are stored as the western
 * year in which they start: 令和7年度 = 2025. Staff read them in 和暦, so every
 * label shown to them goes through this module.
 */

interface Era {
  name: string;
  initial: string;
  /** First western year counted as 元年 of the era (by fiscal year). */
  firstYear: number;
}

// Fiscal-year convention: a fiscal year belongs to the era in force when its
// label is used in municipal documents. FY2019 is called 令和元年度 in plans,
// FY1989 平成元年度.
const ERAS: readonly Era[] = [
  { name: '令和', initial: 'R', firstYear: 2019 },
  { name: '平成', initial: 'H', firstYear: 1989 },
  { name: '昭和', initial: 'S', firstYear: 1926 },
];

export const MIN_FISCAL_YEAR = 1926;
export const MAX_FISCAL_YEAR = 2200;

function eraOf(fy: number): Era {
  const era = ERAS.find((e) => fy >= e.firstYear);
  if (!era) throw new RangeError(`和暦に変換できない年度です: ${fy}`);
  return era;
}

export function isValidFiscalYear(fy: unknown): fy is number {
  return (
    Number.isInteger(fy) && (fy as number) >= MIN_FISCAL_YEAR && (fy as number) <= MAX_FISCAL_YEAR
  );
}

/** 令和7年度 (long) or R7 (short, as in the plan's schedule columns). */
export function formatFiscalYear(fy: number, style: 'long' | 'short' | 'year' = 'long'): string {
  const era = eraOf(fy);
  const n = fy - era.firstYear + 1;
  if (style === 'short') return `${era.initial}${n}`;
  const num = n === 1 ? '元' : String(n);
  return style === 'year' ? `${era.name}${num}年` : `${era.name}${num}年度`;
}

/** The fiscal year a calendar date falls in (April–March). */
export function fiscalYearOf(date: Date): number {
  const y = date.getFullYear();
  return date.getMonth() >= 3 ? y : y - 1;
}

export function fiscalYearsBetween(first: number, last: number): number[] {
  const years: number[] = [];
  for (let fy = first; fy <= last; fy++) years.push(fy);
  return years;
}

/** 【令和3年度～令和7年度】 */
export function formatFiscalYearRange(first: number, last: number): string {
  return first === last
    ? formatFiscalYear(first)
    : `${formatFiscalYear(first)}～${formatFiscalYear(last)}`;
}

const FULL_WIDTH_DIGITS = /[０-９]/g;

function toHalfWidthDigits(s: string): string {
  return s.replace(FULL_WIDTH_DIGITS, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
}

/**
 * Reads a fiscal year as staff write it: 令和7年度, 令和元年度, R7, Ｒ７, H30,
 * 2025, 2025年度. Returns null when the text is not a fiscal year.
 */
export function parseFiscalYear(text: string): number | null {
  const s = toHalfWidthDigits(text.normalize('NFKC'))
    .replace(/\s+/g, '')
    .replace(/年度?$/, '');
  let m = /^(\d{4})$/.exec(s);
  if (m) {
    const fy = Number(m[1]);
    return isValidFiscalYear(fy) ? fy : null;
  }
  m = /^(令和|平成|昭和|[RHS])(元|\d{1,3})$/i.exec(s);
  if (!m) return null;
  const key = m[1]!.toUpperCase();
  const era = ERAS.find((e) => e.name === key || e.initial === key);
  if (!era) return null;
  const n = m[2] === '元' ? 1 : Number(m[2]);
  if (n < 1) return null;
  const fy = era.firstYear + n - 1;
  const next = ERAS[ERAS.indexOf(era) - 1];
  if (next && fy >= next.firstYear + 1) return null; // e.g. 平成40年度 does not exist
  return fy;
}

// Calendar dates change era on the exact day, unlike fiscal years.
const ERA_START_DATES: readonly { era: Era; start: [number, number, number] }[] = [
  { era: ERAS[0]!, start: [2019, 5, 1] },
  { era: ERAS[1]!, start: [1989, 1, 8] },
  { era: ERAS[2]!, start: [1926, 12, 25] },
];

/** 令和7年11月24日 for dates shown to staff (made-on dates, history). */
export function formatDateJa(date: Date): string {
  const y = date.getFullYear();
  const md = (date.getMonth() + 1) * 100 + date.getDate();
  const found =
    ERA_START_DATES.find(
      ({ start: [sy, sm, sd] }) => y > sy || (y === sy && md >= sm * 100 + sd),
    ) ?? ERA_START_DATES[ERA_START_DATES.length - 1]!;
  const n = y - found.start[0] + 1;
  return `${found.era.name}${n === 1 ? '元' : n}年${date.getMonth() + 1}月${date.getDate()}日`;
}

/** 令和8年11月24日 14:05 for audit timestamps and file times, in local time. */
export function formatDateTime(iso: string | Date): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(d.getTime())) return String(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${formatDateJa(d)} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/**
 * A calendar day stored as 2025-05-31 (a deadline, a meeting date) as staff
 * read it: 令和7年5月31日. Anything else is shown as it was written.
 */
export function formatDayJa(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day.trim());
  if (!m) return day;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return d.getMonth() === Number(m[2]) - 1 ? formatDateJa(d) : day;
}
