// kept whole: one tokenizer serves numbers and dates; splitting it would spread one format grammar over files.
/**
 * A cell's number as Excel (Japanese) shows it: General, the built-in formats
 * with their Japanese meanings, and custom codes — digits, grouping, decimals,
 * percent, exponent, literals, sections, and dates and times including 和暦
 * (g/gg/ggg for the era, e/ee for its year) and 曜日 (aaa/aaaa). A text field
 * of a returned workbook takes this text: what the section saw on screen.
 */

/** Built-in format ids as a Japanese Excel shows them (ECMA-376 18.8.30 with the ja-JP ids). */
const BUILTIN: Record<number, string> = {
  0: 'General',
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  5: '"¥"#,##0;"¥"\\-#,##0',
  6: '"¥"#,##0;[Red]"¥"\\-#,##0',
  7: '"¥"#,##0.00;"¥"\\-#,##0.00',
  8: '"¥"#,##0.00;[Red]"¥"\\-#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  12: '# ?/?',
  13: '# ??/??',
  14: 'yyyy/m/d',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'yyyy/m/d h:mm',
  27: '[$-411]ge.m.d',
  28: '[$-411]ggge"年"m"月"d"日"',
  29: '[$-411]ggge"年"m"月"d"日"',
  30: 'm/d/yy',
  31: 'yyyy"年"m"月"d"日"',
  32: 'h"時"mm"分"',
  33: 'h"時"mm"分"ss"秒"',
  34: 'yyyy"年"m"月"',
  35: 'm"月"d"日"',
  36: '[$-411]ge.m.d',
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00;(#,##0.00)',
  40: '#,##0.00;[Red](#,##0.00)',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  48: '##0.0E+0',
  49: '@',
  50: '[$-411]ge.m.d',
  51: '[$-411]ggge"年"m"月"d"日"',
  52: 'yyyy"年"m"月"',
  53: 'm"月"d"日"',
  54: '[$-411]ggge"年"m"月"d"日"',
  55: 'yyyy"年"m"月"',
  56: 'm"月"d"日"',
  57: '[$-411]ge.m.d',
  58: '[$-411]ggge"年"m"月"d"日"',
};

export function builtinFormat(id: number): string {
  return BUILTIN[id] ?? 'General';
}

type Token =
  | { t: 'lit'; s: string }
  | { t: 'digit'; c: '0' | '#' | '?' }
  | { t: 'dot' }
  | { t: 'comma' }
  | { t: 'percent' }
  | { t: 'exp'; sign: '+' | '-' }
  | { t: 'date'; s: string }
  | { t: 'ampm'; s: string }
  | { t: 'elapsed'; s: string }
  | { t: 'text' }
  | { t: 'general' };

interface Section {
  tokens: Token[];
  condition: { op: string; value: number } | null;
  isDate: boolean;
  /** Its own sign is shown by its literals (a second section for negatives). */
}

/** Splits at ; outside quotes, escapes and brackets. */
function splitSections(code: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote = false;
  let bracket = false;
  for (let i = 0; i < code.length; i++) {
    const ch = code[i]!;
    if (quote) {
      cur += ch;
      if (ch === '"') quote = false;
      continue;
    }
    if (ch === '\\' && i + 1 < code.length) {
      cur += ch + code[++i]!;
      continue;
    }
    if (ch === '"') quote = true;
    else if (ch === '[') bracket = true;
    else if (ch === ']') bracket = false;
    if (ch === ';' && !bracket) {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += ch;
  }
  out.push(cur);
  return out;
}

const DATE_RUN =
  /^(yyyy|yyy|yy|y|eee|ee|e|ggg|gg|g|mmmmm|mmmm|mmm|mm|m|dddd|ddd|dd|d|aaaa|aaa|hh|h|ss|s)/i;

function tokenize(code: string): Section {
  const tokens: Token[] = [];
  let condition: Section['condition'] = null;
  let i = 0;
  const lit = (s: string) => tokens.push({ t: 'lit', s });
  while (i < code.length) {
    const ch = code[i]!;
    const rest = code.slice(i);
    if (ch === '"') {
      const end = code.indexOf('"', i + 1);
      lit(code.slice(i + 1, end < 0 ? code.length : end));
      i = end < 0 ? code.length : end + 1;
    } else if (ch === '\\') {
      lit(code[i + 1] ?? '');
      i += 2;
    } else if (ch === '_') {
      lit(' '); // a space as wide as the next character
      i += 2;
    } else if (ch === '*') {
      i += 2; // fill to the column width: nothing in plain text
    } else if (ch === '[') {
      const end = code.indexOf(']', i);
      const inner = code.slice(i + 1, end < 0 ? code.length : end);
      i = end < 0 ? code.length : end + 1;
      const cond = /^(<=|>=|<>|<|>|=)\s*(-?[\d.]+)$/.exec(inner);
      if (cond) condition = { op: cond[1]!, value: Number(cond[2]) };
      else if (/^(h+|m+|s+)$/i.test(inner)) tokens.push({ t: 'elapsed', s: inner.toLowerCase() });
      else if (inner.startsWith('$')) {
        // [$-411] locale only; [$€-407] a currency symbol before the locale
        const sym = inner.slice(1).split('-')[0]!;
        if (sym) lit(sym);
      }
      // colours, [DBNum1] and the like change no characters we compare
    } else if (/^general/i.test(rest)) {
      tokens.push({ t: 'general' });
      i += 7;
    } else if (/^(AM\/PM|A\/P|午前\/午後)/i.test(rest)) {
      const m = /^(AM\/PM|A\/P|午前\/午後)/i.exec(rest)![0];
      tokens.push({ t: 'ampm', s: m });
      i += m.length;
    } else if (ch === '0' || ch === '#' || ch === '?') {
      tokens.push({ t: 'digit', c: ch });
      i++;
    } else if (ch === '.') {
      tokens.push({ t: 'dot' });
      i++;
    } else if (ch === ',') {
      tokens.push({ t: 'comma' });
      i++;
    } else if (ch === '%') {
      tokens.push({ t: 'percent' });
      i++;
    } else if (/^[Ee][+-]/.test(rest)) {
      tokens.push({ t: 'exp', sign: rest[1] as '+' | '-' });
      i += 2;
    } else if (ch === '@') {
      tokens.push({ t: 'text' });
      i++;
    } else if (DATE_RUN.test(rest)) {
      const m = DATE_RUN.exec(rest)![0];
      tokens.push({ t: 'date', s: m.toLowerCase() });
      i += m.length;
    } else {
      lit(ch);
      i++;
    }
  }
  const isDate = tokens.some((t) => t.t === 'date' || t.t === 'elapsed' || t.t === 'ampm');
  return { tokens, condition, isDate };
}

const cache = new Map<string, Section[]>();
function sectionsOf(code: string): Section[] {
  let s = cache.get(code);
  if (!s) {
    s = splitSections(code).map(tokenize);
    if (cache.size > 500) cache.clear();
    cache.set(code, s);
  }
  return s;
}

/** Excel's General in a wide column: up to 11 significant digits, else exponent. */
export function formatGeneral(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const abs = Math.abs(v);
  if (abs >= 1e11 || abs < 1e-9) {
    const [m, e] = v.toExponential(5).split('e') as [string, string];
    const mant = m.replace(/\.?0+$/, '');
    const exp = Number(e);
    return `${mant}E${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  // at most 11 characters: integer digits, the point and the decimals
  const intDigits = abs < 1 ? 1 : Math.floor(Math.log10(abs)) + 1;
  const digits = Math.max(0, 10 - intDigits);
  const s = roundHalfAway(v, digits).toFixed(digits);
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/** Half away from zero on the decimal digits shown (1.005 → 1.01 as Excel does). */
function roundHalfAway(v: number, places: number): number {
  const f = 10 ** places;
  const scaled = Number((Math.abs(v) * f).toPrecision(15));
  const r = Math.round(scaled) / f;
  return v < 0 ? -r : r;
}

function chooseSection(secs: Section[], v: number): { sec: Section; v: number } {
  const hasCond = secs.some((s) => s.condition);
  if (hasCond) {
    for (const s of secs.slice(0, 2)) {
      const c = s.condition;
      if (!c) continue;
      const ok =
        c.op === '<'
          ? v < c.value
          : c.op === '<='
            ? v <= c.value
            : c.op === '>'
              ? v > c.value
              : c.op === '>='
                ? v >= c.value
                : c.op === '='
                  ? v === c.value
                  : v !== c.value;
      if (ok) return { sec: s, v: c.value < 0 || c.op.includes('<') ? Math.abs(v) : v };
    }
    return { sec: secs[secs.length > 2 ? 2 : secs.length - 1]!, v };
  }
  const nums = secs.filter((s) => !s.tokens.some((t) => t.t === 'text') || s.tokens.length > 1);
  if (v < 0 && secs.length >= 2 && nums.length >= 2) return { sec: secs[1]!, v: Math.abs(v) };
  if (v === 0 && secs.length >= 3) return { sec: secs[2]!, v };
  return { sec: secs[0]!, v };
}

export function formatNumber(value: number, code: string): string {
  if (code === '' || /^general$/i.test(code)) return formatGeneral(value);
  const secs = sectionsOf(code);
  const { sec, v } = chooseSection(secs, value);
  const ownSign = sec !== secs[0] || secs.some((s) => s.condition);
  if (sec.isDate) return formatDate(sec, value);
  if (sec.tokens.length === 1 && sec.tokens[0]!.t === 'general') return formatGeneral(v);
  // @ is for text; a number in such a cell shows as General
  if (!sec.tokens.some((t) => t.t === 'digit') && sec.tokens.some((t) => t.t === 'text'))
    return formatGeneral(value);
  return formatNumeric(sec, v, ownSign);
}

function formatNumeric(sec: Section, value: number, ownSign: boolean): string {
  const toks = sec.tokens;
  if (toks.some((t) => t.t === 'general')) {
    return toks
      .map((t) => (t.t === 'general' ? formatGeneral(value) : t.t === 'lit' ? t.s : ''))
      .join('');
  }
  const digitIdx = toks.map((t, i) => (t.t === 'digit' ? i : -1)).filter((i) => i >= 0);
  if (digitIdx.length === 0) {
    // no digits: the literals alone (e.g. "なし")
    const neg = value < 0 && !ownSign ? '-' : '';
    return neg + toks.map((t) => (t.t === 'lit' ? t.s : t.t === 'text' ? '' : '')).join('');
  }
  const first = digitIdx[0]!;
  const last = digitIdx[digitIdx.length - 1]!;
  const percent = toks.filter((t) => t.t === 'percent').length;
  let v = Math.abs(value) * 100 ** percent;
  // trailing commas right after the last digit scale by 1000 each
  let k = last + 1;
  while (toks[k]?.t === 'comma') {
    v /= 1000;
    k++;
  }
  const expAt = toks.findIndex((t) => t.t === 'exp');
  const dotAt = toks.findIndex((t, i) => t.t === 'dot' && i > first - 1 && i < last + 1);
  const intEnd =
    expAt >= 0 ? (dotAt >= 0 && dotAt < expAt ? dotAt : expAt) : dotAt >= 0 ? dotAt : last + 1;
  const intMask = toks.slice(first, intEnd);
  const fracMask = dotAt >= 0 ? toks.slice(dotAt + 1, expAt >= 0 ? expAt : last + 1) : [];
  const grouping = intMask.some(
    (t, i) => t.t === 'comma' && intMask.slice(i + 1).some((x) => x.t === 'digit'),
  );
  const fracDigits = fracMask.filter((t) => t.t === 'digit').length;
  let exponent = 0;
  if (expAt >= 0) {
    const intDigits = intMask.filter((t) => t.t === 'digit').length || 1;
    if (v !== 0) {
      exponent = Math.floor(Math.log10(v));
      // ##0.0E+0: engineering steps of the integer width
      const step = intMask.some((t) => t.t === 'digit' && t.c === '#') ? intDigits : 1;
      exponent = step > 1 ? Math.floor(exponent / step) * step : exponent - (intDigits - 1);
      v = v / 10 ** exponent;
    }
  }
  const fixed = roundHalfAway(v, fracDigits).toFixed(fracDigits);
  const [intPart, fracStr = ''] = fixed.split('.') as [string, string?];
  let intStr = intPart;
  if (intStr === '0') intStr = '';
  // integer digits right to left into the placeholders; extra digits to the leftmost
  const intPlaces = intMask.filter((t) => t.t === 'digit') as { t: 'digit'; c: string }[];
  const out: string[] = [];
  let d = intStr.length - 1;
  let placed = 0;
  for (let i = intMask.length - 1; i >= 0; i--) {
    const t = intMask[i]!;
    if (t.t === 'digit') {
      placed++;
      const isLeftmost = placed === intPlaces.length;
      if (d >= 0) {
        const take = isLeftmost ? intStr.slice(0, d + 1) : intStr[d]!;
        out.unshift(take);
        d -= take.length;
      } else if (t.c === '0') out.unshift('0');
      else if (t.c === '?') out.unshift(' ');
    } else if (t.t === 'lit') out.unshift(t.s);
    else if (t.t === 'percent') out.unshift('%');
  }
  let intText = out.join('');
  if (grouping) {
    intText = intText.replace(/\d+/, (digits) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ','));
  }
  let frac = '';
  if (dotAt >= 0) {
    const fd = fracStr.split('');
    let fi = 0;
    const parts: string[] = [];
    for (const t of fracMask) {
      if (t.t === 'digit') parts.push(fd[fi++] ?? '0');
      else if (t.t === 'lit') parts.push(t.s);
      else if (t.t === 'percent') parts.push('%');
    }
    // optional trailing digits (#, ?) drop zeros
    const places = fracMask.filter((t) => t.t === 'digit') as { t: 'digit'; c: string }[];
    let s = parts.join('');
    for (let j = places.length - 1; j >= 0 && places[j]!.c !== '0'; j--) {
      if (s.endsWith('0')) s = s.slice(0, -1) + (places[j]!.c === '?' ? ' ' : '');
      else break;
    }
    frac = '.' + s;
  }
  let expText = '';
  if (expAt >= 0) {
    const expMask = toks.slice(expAt + 1, last + 1).filter((t) => t.t === 'digit').length || 1;
    const sign = exponent < 0 ? '-' : (toks[expAt] as { sign: string }).sign === '+' ? '+' : '';
    expText = `E${sign}${String(Math.abs(exponent)).padStart(expMask, '0')}`;
  }
  const before = toks
    .slice(0, first)
    .map((t) => (t.t === 'lit' ? t.s : t.t === 'percent' ? '%' : ''))
    .join('');
  const after = toks
    .slice(expAt >= 0 ? last + 1 : Math.max(last + 1, k))
    .map((t) => (t.t === 'lit' ? t.s : t.t === 'percent' ? '%' : ''))
    .join('');
  const negative = value < 0 && !ownSign && Number(fixed) !== 0;
  return `${negative ? '-' : ''}${before}${intText}${frac}${expText}${after}`;
}

const ERAS = [
  { name: '令和', short: 'R', start: Date.UTC(2019, 4, 1) },
  { name: '平成', short: 'H', start: Date.UTC(1989, 0, 8) },
  { name: '昭和', short: 'S', start: Date.UTC(1926, 11, 25) },
  { name: '大正', short: 'T', start: Date.UTC(1912, 6, 30) },
  { name: '明治', short: 'M', start: Date.UTC(1868, 8, 8) },
];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const DAYS_JA = ['日', '月', '火', '水', '木', '金', '土'];

/** An Excel serial (1900 date system, with its 1900-02-29) as UTC parts. */
export function serialToParts(serial: number) {
  let days = Math.floor(serial);
  let secs = Math.round((serial - days) * 86400);
  if (secs >= 86400) {
    days += 1;
    secs -= 86400;
  }
  // 60 is the 1900-02-29 Excel keeps from Lotus 1-2-3
  const ms = Date.UTC(1899, 11, 31) + (days > 60 ? days - 1 : days) * 86400000;
  const dt = new Date(ms);
  return {
    y: serial >= 60 && serial < 61 ? 1900 : dt.getUTCFullYear(),
    m: serial >= 60 && serial < 61 ? 2 : dt.getUTCMonth() + 1,
    d: serial >= 60 && serial < 61 ? 29 : dt.getUTCDate(),
    wd: (days + 6) % 7,
    ms,
    h: Math.floor(secs / 3600),
    mi: Math.floor((secs % 3600) / 60),
    s: secs % 60,
    days,
    secs,
  };
}

function formatDate(sec: Section, serial: number): string {
  const p = serialToParts(serial);
  const era = ERAS.find((e) => p.ms >= e.start) ?? ERAS[ERAS.length - 1]!;
  const eraYear = p.y - new Date(era.start).getUTCFullYear() + 1;
  const hasAmPm = sec.tokens.some((t) => t.t === 'ampm');
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const toks = sec.tokens;
  // m after h (or before s) is minutes
  const isMinute = (i: number) => {
    for (let j = i - 1; j >= 0; j--) {
      const t = toks[j]!;
      if (t.t === 'date') return t.s.startsWith('h');
      if (t.t === 'elapsed') return t.s.startsWith('h');
    }
    for (let j = i + 1; j < toks.length; j++) {
      const t = toks[j]!;
      if (t.t === 'date') return t.s.startsWith('s');
      if (t.t === 'elapsed') return t.s.startsWith('s');
    }
    return false;
  };
  let out = '';
  toks.forEach((t, i) => {
    if (t.t === 'lit') out += t.s;
    else if (t.t === 'dot') out += '.';
    else if (t.t === 'comma') out += ',';
    else if (t.t === 'percent') out += '%';
    else if (t.t === 'digit') out += t.c === '?' ? ' ' : t.c === '0' ? '0' : '';
    else if (t.t === 'ampm') {
      const pm = p.h >= 12;
      out +=
        t.s === '午前/午後'
          ? pm
            ? '午後'
            : '午前'
          : t.s.length === 3
            ? pm
              ? 'P'
              : 'A'
            : pm
              ? 'PM'
              : 'AM';
    } else if (t.t === 'elapsed') {
      const total = p.days * 86400 + p.secs;
      if (t.s.startsWith('h')) out += pad(Math.floor(total / 3600), t.s.length);
      else if (t.s.startsWith('m')) out += pad(Math.floor(total / 60), t.s.length);
      else out += pad(total, t.s.length);
    } else if (t.t === 'date') {
      const s = t.s;
      if (s === 'yyyy' || s === 'yyy') out += String(p.y);
      else if (s === 'yy' || s === 'y') out += pad(p.y % 100);
      else if (s === 'e' || s === 'eee') out += String(eraYear);
      else if (s === 'ee') out += pad(eraYear);
      else if (s === 'g') out += era.short;
      else if (s === 'gg') out += era.name[0];
      else if (s === 'ggg') out += era.name;
      else if (s.startsWith('m')) {
        if ((s === 'm' || s === 'mm') && isMinute(i)) out += s === 'mm' ? pad(p.mi) : String(p.mi);
        else if (s === 'm') out += String(p.m);
        else if (s === 'mm') out += pad(p.m);
        else if (s === 'mmm') out += MONTHS[p.m - 1]!.slice(0, 3);
        else if (s === 'mmmm') out += MONTHS[p.m - 1]!;
        else out += MONTHS[p.m - 1]![0];
      } else if (s === 'd') out += String(p.d);
      else if (s === 'dd') out += pad(p.d);
      else if (s === 'ddd') out += DAYS[p.wd]!.slice(0, 3);
      else if (s === 'dddd') out += DAYS[p.wd]!;
      else if (s === 'aaa') out += DAYS_JA[p.wd];
      else if (s === 'aaaa') out += `${DAYS_JA[p.wd]}曜日`;
      else if (s.startsWith('h')) {
        const h = hasAmPm ? p.h % 12 || 12 : p.h;
        out += s === 'hh' ? pad(h) : String(h);
      } else if (s.startsWith('s')) out += s === 'ss' ? pad(p.s) : String(p.s);
    }
  });
  return out;
}

/** Whether a format shows dates or times (so the number is a date serial). */
export function isDateFormat(code: string): boolean {
  if (/^general$/i.test(code)) return false;
  return sectionsOf(code)[0]!.isDate;
}

export function isPercentFormat(code: string): boolean {
  return sectionsOf(code)[0]!.tokens.some((t) => t.t === 'percent');
}

/** An ISO date-time (cell type d) as an Excel serial. */
export function isoToSerial(iso: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?Z?$/.exec(
    iso.trim(),
  );
  if (!m) {
    const t = /^T?(\d{2}):(\d{2})(?::(\d{2}))?/.exec(iso.trim());
    if (!t) return null;
    return (Number(t[1]) * 3600 + Number(t[2]) * 60 + Number(t[3] ?? 0)) / 86400;
  }
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  let days = (ms - Date.UTC(1899, 11, 31)) / 86400000;
  if (days >= 60) days += 1;
  const secs = Number(m[4] ?? 0) * 3600 + Number(m[5] ?? 0) * 60 + Number(m[6] ?? 0);
  return days + secs / 86400;
}
