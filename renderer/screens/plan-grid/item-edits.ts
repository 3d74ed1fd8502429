import type {
  Initiative,
  InitiativeInput,
  ReformItem,
  ReformItemPatch,
} from '../../../shared/domain/item';
import { parseInitiatives } from '../../../shared/initiative-text';

/** The grid columns staff type into, and the 改革項目 field each one sets. */
export type TextField = 'code' | 'name' | 'continued' | 'promotion' | 'initiatives';

export interface ItemChange {
  itemId: number;
  patch?: ReformItemPatch;
  initiatives?: InitiativeInput[];
  expectedUpdatedAt?: string;
}

const TRUE_WORDS = [
  '継続',
  '継続項目',
  '【継続項目】',
  '1',
  'はい',
  '○',
  '〇',
  '◯',
  '✓',
  'true',
  'yes',
  'y',
];
const FALSE_WORDS = ['', '0', 'いいえ', '×', '-', 'ー', '新規', 'false', 'no', 'n'];

// Normalized once: a paste of 100 rows reads this column 100 times, and
// normalizing the word lists on each call took 2 ms of the paste.
const folded = (w: string) => w.normalize('NFKC').trim().toLowerCase();
const TRUE_SET = new Set(TRUE_WORDS.map(folded));
const FALSE_SET = new Set(FALSE_WORDS.map(folded));

/** 継続 as staff type it: 継続 / ○ / 1 … or empty / 新規 / 0 … */
export function parseFlag(text: string): boolean | null {
  const t = folded(text);
  if (TRUE_SET.has(t)) return true;
  if (FALSE_SET.has(t)) return false;
  return null;
}

/** 3, ３, or the whole code 1-(1)-3: the item's number within its 取組分野. */
export function parseItemNumber(text: string): number | null {
  const m = /^(?:\d+-\(\d+\)-)?(\d{1,5})$/.exec(text.normalize('NFKC').trim());
  const n = m ? Number(m[1]) : NaN;
  return Number.isInteger(n) && n > 0 ? n : null;
}

export function toInputs(
  list: readonly Initiative[],
  existingIds?: ReadonlySet<number>,
): InitiativeInput[] {
  return list.map((i) => ({
    ...(existingIds == null || existingIds.has(i.id) ? { id: i.id } : {}),
    label: i.label,
    text: i.text,
    points: [...i.points],
    spans: i.spans.map((s) => ({ startFy: s.startFy, endFy: s.endFy, phaseId: s.phaseId })),
  }));
}

/**
 * Typed 主な取組 text onto the item's initiatives: the k-th initiative keeps
 * the id and 実施時期 of the k-th one before, so retyping a label or a point
 * does not lose the schedule.
 */
export function initiativesFromText(item: ReformItem, text: string): InitiativeInput[] | string {
  const parsed = parseInitiatives(text);
  if (!parsed.ok) return parsed.message;
  return parsed.value.map((d, k) => {
    const before = item.initiatives[k];
    return {
      ...(before ? { id: before.id } : {}),
      label: d.label,
      text: d.text,
      points: d.points,
      spans: before
        ? before.spans.map((s) => ({ startFy: s.startFy, endFy: s.endFy, phaseId: s.phaseId }))
        : [],
    };
  });
}

export interface CellInput {
  item: ReformItem;
  field: TextField;
  text: string;
}

export type BuildResult = { ok: true; forward: ItemChange[] } | { ok: false; message: string };

const FIELD_LABEL: Record<TextField, string> = {
  code: 'No.',
  name: '改革項目',
  continued: '継続',
  promotion: '推進内容',
  initiatives: '主な取組',
};

/**
 * Typed or pasted cells → one change per item (forward), validated here.
 * The first problem refuses it all.
 */
export function buildItemChanges(cells: readonly CellInput[]): BuildResult {
  const byItem = new Map<
    number,
    { item: ReformItem; patch: ReformItemPatch; initiatives?: InitiativeInput[] }
  >();
  for (const c of cells) {
    const at = `${c.item.code}「${FIELD_LABEL[c.field]}」`;
    const entry = byItem.get(c.item.id) ?? { item: c.item, patch: {} };
    byItem.set(c.item.id, entry);
    switch (c.field) {
      case 'code': {
        const n = parseItemNumber(c.text);
        if (n === null)
          return {
            ok: false,
            message: `${at}：番号は「3」のような数字（または「1-(1)-3」）で入力してください。`,
          };
        entry.patch.number = n;
        break;
      }
      case 'name': {
        const name = c.text.trim();
        if (!name) return { ok: false, message: `${at}：改革項目名は空にできません。` };
        if (name.length > 200)
          return {
            ok: false,
            message: `${at}：改革項目名は200文字以内で入力してください（${name.length}文字）。`,
          };
        entry.patch.name = name;
        break;
      }
      case 'continued': {
        const flag = parseFlag(c.text);
        if (flag === null)
          return {
            ok: false,
            message: `${at}：「${c.text.slice(0, 20)}」は継続の欄に入力できません。「継続」または空欄にしてください。`,
          };
        entry.patch.isContinued = flag;
        break;
      }
      case 'promotion':
        if (c.text.length > 4000)
          return {
            ok: false,
            message: `${at}：推進内容は4,000文字以内で入力してください（${c.text.length.toLocaleString('ja-JP')}文字）。`,
          };
        entry.patch.promotion = c.text;
        break;
      case 'initiatives': {
        const list = initiativesFromText(c.item, c.text);
        if (typeof list === 'string') return { ok: false, message: `${at}：${list}` };
        entry.initiatives = list;
        break;
      }
    }
  }
  const forward: ItemChange[] = [];
  for (const { item, patch, initiatives } of byItem.values()) {
    const hasPatch = Object.keys(patch).length > 0;
    forward.push({
      itemId: item.id,
      ...(hasPatch ? { patch } : {}),
      ...(initiatives ? { initiatives } : {}),
      expectedUpdatedAt: item.updatedAt,
    });
  }
  // Undo is the server's: the operation's batch is taken back there (history.undo).
  return { ok: true, forward };
}
