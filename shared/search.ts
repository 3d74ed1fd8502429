/**
 * Search that ignores the differences staff do not see as differences:
 * full-/half-width (ＡＢＣ / ABC, ｶﾅ / カナ), hiragana/katakana, and case.
 */
export function normalizeForSearch(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60))
    .replace(/\s+/g, ' ');
}

/** Every space-separated word of the query must occur somewhere in the haystack. */
export function matchesQuery(haystack: string, query: string): boolean {
  const words = normalizeForSearch(query).split(' ').filter(Boolean);
  if (words.length === 0) return true;
  const h = normalizeForSearch(haystack);
  return words.every((w) => h.includes(w));
}
