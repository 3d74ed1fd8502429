import type { PlanFileInput } from '../../shared/domain/plan-file';
import type { MappingPreview } from '../../shared/domain/plan-import';
import type { Db } from '../db/open-store';

/**
 * What a city's sheet leaves to be worked out once all its rows are read:
 * the item a 再掲 row repeats, the 部 of a 課 named alone, and how the plan
 * shows its numbers.
 */
type Priority = PlanFileInput['priorities'][number];
type Area = Priority['areas'][number];
type Item = Area['items'][number];

export const NO_DEPARTMENT = '（部の指定なし）';

/** 課 name → the 部 it belongs to, for sheets that name only the 課. */
export type KnownSections = ReadonlyMap<string, string>;

/** The live sections of the organisation whose name is unique, with their 部. */
export function knownSections(db: Db): KnownSections {
  const rows = db
    .prepare(
      `SELECT s.name AS section, d.name AS department FROM org_units s
         JOIN org_units d ON d.id = s.parent_id
        WHERE s.kind = 'section' AND s.valid_to_fy IS NULL AND d.name <> ?`,
    )
    .all(NO_DEPARTMENT) as { section: string; department: string }[];
  const out = new Map<string, string>();
  const twice = new Set<string>();
  for (const r of rows) {
    if (out.has(r.section) && out.get(r.section) !== r.department) twice.add(r.section);
    out.set(r.section, r.department);
  }
  for (const t of twice) out.delete(t);
  return out;
}

/**
 * A 課 named without its 部 goes under the 部 the same 課 has elsewhere in
 * the sheet, else in the organisation, else 「（部の指定なし）」. Returns
 * what was placed (「情報政策課→総務部」), for the preview.
 */
export function placeDepartments(items: readonly Item[], known: KnownSections): string[] {
  const inSheet = new Map<string, string>();
  for (const it of items)
    for (const l of it.lead ?? []) if (l.department) inSheet.set(l.section, l.department);
  const placed = new Set<string>();
  for (const it of items)
    for (const l of it.lead ?? []) {
      if (l.department) continue;
      const dep = inSheet.get(l.section) ?? known.get(l.section);
      if (dep) placed.add(`${l.section}→${dep}`);
      l.department = dep ?? NO_DEPARTMENT;
    }
  return [...placed].sort();
}

export interface PendingRepost {
  area: Area;
  row: number;
  name: string;
  written: string;
}

/**
 * 再掲 rows listed under the heading where they repeat an item: found by its
 * number as written, else by name. Returns the rows left out, with why.
 */
export function resolveReposts(
  priorities: readonly Priority[],
  pending: readonly PendingRepost[],
  levels: number,
): MappingPreview['skipped'] {
  const places = priorities.flatMap((p) =>
    p.areas.flatMap((a) => a.items.map((i) => ({ p, a, i }))),
  );
  const skipped: MappingPreview['skipped'] = [];
  for (const rp of pending) {
    const hit =
      (rp.written && places.find((x) => x.i.writtenNumber === rp.written)) ||
      places.find((x) => x.i.name === rp.name);
    if (!hit || hit.a === rp.area || levels === 0) {
      skipped.push({
        row: rp.row,
        reason: hit
          ? '同じ見出しの下の再掲のため読み飛ばしました'
          : `再掲の元の改革項目「${rp.name}」が見つからないため読み飛ばしました`,
      });
      continue;
    }
    rp.area.reposts = [
      ...(rp.area.reposts ?? []),
      { priority: hit.p.number, area: hit.a.number, number: hit.i.number },
    ];
  }
  return skipped;
}

/** What stands before an item's own number, by the heading levels the plan has. */
const PREFIX = ['', '{p}-', '{p}-({a})-', '{p}-({a})-'];

/**
 * Numbers as the city wrote them, alone where they name each item once,
 * else after the headings' numbers; without written numbers, 1-(1)-1.
 */
export function numberPatternFor(items: readonly Item[], levels: number): string {
  const written = items.map((i) => i.writtenNumber).filter((w): w is string => !!w);
  if (
    written.length === items.length &&
    written.length > 0 &&
    new Set(written).size === written.length
  )
    return '{c}';
  return `${PREFIX[levels] ?? ''}${written.length === 0 ? '{n}' : '{c}'}`;
}
