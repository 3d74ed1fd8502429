/**
 * How wide a character prints, in em, without a font at hand (the main
 * process and the report layout have none). The figures are the wider of BIZ
 * UDPゴシック — the font staff PCs have and the app asks for first — and
 * Noto Sans CJK JP, regular or bold, measured in Chromium. BIZ UDPゴシック's
 * Latin letters and digits are wide (a digit is 0.76 em, not half): an
 * estimate of "half an em" cut 「No.」 and long numbers on paper.
 */
const NARROW = new Set([...".,:;'"]);
const SLIM = new Set([...'!|ijlI']);
const BRACKET = new Set([...'()[]{}-"`*/\\']);
const WIDE_LATIN = new Set([...'MWmw%@&#']);

/** Width of one UTF-16 code unit (a surrogate counts a full em: on the safe side). */
export function codeEm(code: number): number {
  if (code > 0x24f) return code >= 0xff61 && code <= 0xff9f ? 0.5 : 1; // half-width katakana
  return LATIN_EM[code]!;
}

/**
 * Latin, digits and signs by code: the grid estimates every row's height
 * when a plan opens (10,000 rows, a few hundred thousand characters), and a
 * lookup costs less than building a one-character string for each.
 */
const LATIN_EM = Float64Array.from({ length: 0x250 }, (_, code) =>
  latinEm(String.fromCharCode(code)),
);

export function charEm(ch: string): number {
  return codeEm(ch.codePointAt(0)!);
}

function latinEm(ch: string): number {
  if (ch === ' ') return 0.34;
  if (NARROW.has(ch)) return 0.36;
  if (SLIM.has(ch)) return 0.46;
  if (BRACKET.has(ch)) return ch === '`' ? 0.64 : 0.58;
  if (WIDE_LATIN.has(ch)) return 1.02;
  if (ch >= '0' && ch <= '9') return 0.78;
  if (ch >= 'a' && ch <= 'z') return 0.74;
  return 0.9; // capitals, other signs and accented letters
}

/** Width of a string in em. */
export function textEm(s: string): number {
  let em = 0;
  for (const ch of s) em += charEm(ch);
  return em;
}
