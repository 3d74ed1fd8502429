import type { ScaleLevel } from './domain/pdca';
import { normalizeForSearch } from './search';

/** "A 計画どおり" when the code is a short mark, the label alone otherwise. */
export function levelText(level: Pick<ScaleLevel, 'code' | 'label'> | undefined): string {
  if (!level) return '';
  return level.code !== level.label && level.code.length <= 2
    ? `${level.code} ${level.label}`
    : level.label;
}

/**
 * A level from what was typed, pasted or chosen in Excel: its code, its label,
 * or both as shown; width, kana and spacing do not matter. Empty is null.
 */
export function parseLevel(
  text: string,
  levels: readonly Pick<ScaleLevel, 'id' | 'code' | 'label'>[],
): { ok: true; id: number | null } | { ok: false } {
  const t = normalizeForSearch(text).trim();
  if (t === '') return { ok: true, id: null };
  const n = (s: string) => normalizeForSearch(s).trim();
  const hit =
    levels.find((l) => n(l.code) === t) ??
    levels.find((l) => n(l.label) === t) ??
    levels.find((l) => n(levelText(l)) === t) ??
    levels.find((l) => n(`${l.code}：${l.label}`) === t || n(`${l.code}:${l.label}`) === t);
  return hit ? { ok: true, id: hit.id } : { ok: false };
}
