import type { AssignmentRole, InitiativeInput, ReformItem } from '../../../shared/domain/item';
import { callUndoable, errorMessage } from '../../api/client';
import { afterPaint, serialQueue } from '../../api/serial';
import { useAppStore } from '../../stores/app-store';
import { itemById, usePlanStore } from '../../stores/plan-store';
import type { CellInput, ItemChange } from './item-edits';
import { buildItemChanges } from './item-edits';
import { useUndoStore } from '../../stores/undo-store';

const notify = (kind: 'error' | 'info', text: string) => useAppStore.getState().notify(kind, text);
const plan = () => usePlanStore.getState();

/** Edit timings for `npm run bench`: keypress → persisted and re-rendered. */
declare global {
  interface Window {
    __gyokakuPerf?: { edits: number[]; pastes: number[] };
  }
}
function perf() {
  window.__gyokakuPerf ??= { edits: [], pastes: [] };
  return window.__gyokakuPerf;
}

const enqueue = serialQueue();

function withCurrentRevisions(changes: ItemChange[]): ItemChange[] {
  const items = plan().items;
  return changes.map((c) =>
    c.expectedUpdatedAt != null
      ? { ...c, expectedUpdatedAt: itemById(items, c.itemId)?.updatedAt ?? c.expectedUpdatedAt }
      : c,
  );
}

/**
 * Saves in order; each carries the item's revision as it is when it leaves
 * (see serialQueue). Resolves to the operation's batch, for the undo stack.
 */
function sendChanges(
  changes: ItemChange[],
  opts: { afterPaint?: boolean } = {},
): Promise<string | null> {
  return enqueue(async () => {
    if (opts.afterPaint) await afterPaint();
    const fresh = withCurrentRevisions(changes);
    const { value, batch } = await callUndoable('items.updateMany', { changes: fresh });
    plan().mergeItems(value);
    void plan().refreshHistory();
    return batch;
  });
}

/** Shows simple field values at once; the server's answer replaces them. */
function optimistic(changes: readonly ItemChange[]): ReformItem[] {
  const patches = new Map(changes.filter((c) => c.patch).map((c) => [c.itemId, c.patch!]));
  const items = plan().items;
  const before: ReformItem[] = [];
  const next: ReformItem[] = [];
  for (const [id, patch] of patches) {
    const item = itemById(items, id);
    if (!item) continue;
    before.push(item);
    next.push({ ...item, ...patch });
  }
  if (next.length > 0) plan().showItems(next);
  return before;
}

/**
 * Typed, pasted, filled or cleared cells: validated here (refused whole with a
 * message), persisted in one transaction, undoable as one step.
 */
export function applyCellEdits(cells: CellInput[], label: string): string | null {
  const built = buildItemChanges(cells);
  if (!built.ok) return built.message;
  const t0 = performance.now();
  // One typed cell leaves first (a queue with nothing waiting sends it in this
  // turn), so the store saves while the page draws it; the store change below
  // has React render the cells in the microtask after this event. A block (a
  // paste, a fill) leaves after the frame that shows it: sending a hundred
  // changes takes the page 5 ms, which the cells need not wait for.
  const done = sendChanges(built.forward, { afterPaint: cells.length > 1 });
  const before = optimistic(built.forward);
  // On the stack at once, so Ctrl+Z right after typing takes back this edit, not the one before.
  useUndoStore.getState().record(label, done);
  done
    .then(() =>
      requestAnimationFrame(() =>
        (cells.length > 1 ? perf().pastes : perf().edits).push(performance.now() - t0),
      ),
    )
    .catch((e: unknown) => {
      plan().showItems(before);
      notify('error', `保存できなかったため、元の値に戻しました。${errorMessage(e)}`);
    });
  return null;
}

export async function saveItemFields(
  item: ReformItem,
  fields: {
    name: string;
    writtenNumber: string | null;
    promotion: string;
    isContinued: boolean;
    involvesRelatedSections: boolean;
    startFy: number | null;
    endFy: number | null;
  },
): Promise<boolean> {
  const patch = { ...fields };
  try {
    const batch = await sendChanges([
      { itemId: item.id, patch, expectedUpdatedAt: item.updatedAt },
    ]);
    useUndoStore.getState().record(`「${fields.name}」の編集`, Promise.resolve(batch));
    notify('info', `「${fields.name}」を保存しました。`);
    return true;
  } catch (e) {
    notify('error', errorMessage(e));
    return false;
  }
}

export async function saveInitiatives(
  item: ReformItem,
  initiatives: InitiativeInput[],
): Promise<boolean> {
  try {
    const batch = await sendChanges([
      { itemId: item.id, initiatives, expectedUpdatedAt: item.updatedAt },
    ]);
    useUndoStore.getState().record(`${item.code} の主な取組・実施時期`, Promise.resolve(batch));
    notify('info', `${item.code} の主な取組・実施時期を保存しました。`);
    return true;
  } catch (e) {
    notify('error', errorMessage(e));
    return false;
  }
}

type AssignmentInput = {
  assignments: { orgUnitId: number; role: AssignmentRole }[];
  involvesRelatedSections: boolean;
};

export async function saveAssignments(item: ReformItem, input: AssignmentInput): Promise<boolean> {
  try {
    const { value, batch } = await callUndoable('items.setAssignments', {
      itemId: item.id,
      ...input,
    });
    plan().mergeItems([value]);
    void plan().refreshHistory();
    useUndoStore.getState().record(`${item.code} の実施担当`, Promise.resolve(batch));
    notify('info', `${item.code} の実施担当を保存しました。`);
    return true;
  } catch (e) {
    notify('error', errorMessage(e));
    return false;
  }
}

/** Structure changes reload the plan: numbers and order move for many rows. */
async function structural(label: string, change: () => Promise<string | null>): Promise<boolean> {
  let batch: string | null;
  try {
    batch = await change();
  } catch (e) {
    notify('error', errorMessage(e));
    return false;
  }
  // On the stack before the screen reloads, so an undo pressed as soon as the change shows takes back this one.
  useUndoStore.getState().record(label, Promise.resolve(batch));
  try {
    await plan().reload();
  } catch (e) {
    notify(
      'error',
      `${label}しましたが、画面の更新に失敗しました。F5 で読み込み直してください。${errorMessage(e)}`,
    );
    return true;
  }
  notify('info', `${label}しました。`);
  return true;
}

/** `startFy`: 追加年度 (omitted: the year being worked on; null: from the plan's first year). */
export async function insertItemAfter(
  item: ReformItem,
  startFy?: number | null,
): Promise<number | null> {
  let id: number | null = null;
  const ok = await structural('改革項目を追加', async () => {
    const r = await callUndoable('items.create', {
      areaId: item.areaId,
      afterItemId: item.id,
      name: '新しい改革項目',
      ...(startFy === undefined ? {} : { startFy }),
    });
    id = r.value.id;
    return r.batch;
  });
  return ok ? id : null;
}

export async function deleteItems(items: readonly ReformItem[]): Promise<boolean> {
  const itemIds = items.map((i) => i.id);
  return structural(
    `${items.length}件の改革項目を削除`,
    async () => (await callUndoable('items.delete', { itemIds })).batch,
  );
}

/** One step up or down within its 取組分野. */
export async function moveItem(item: ReformItem, direction: -1 | 1): Promise<boolean> {
  const siblings = plan().items.filter((i) => i.areaId === item.areaId);
  const k = siblings.findIndex((i) => i.id === item.id);
  const target = k + direction;
  if (target < 0 || target >= siblings.length) {
    notify(
      'info',
      direction < 0
        ? 'これより上には移動できません（取組分野の先頭です）。'
        : 'これより下には移動できません（取組分野の末尾です）。',
    );
    return false;
  }
  const beforeItemId = siblings.filter((i) => i.id !== item.id)[target]?.id ?? null;
  return structural(
    `${item.code} を${direction < 0 ? '上' : '下'}へ移動`,
    async () =>
      (await callUndoable('items.move', { itemId: item.id, areaId: item.areaId, beforeItemId }))
        .batch,
  );
}

export async function renumberArea(areaId: number, areaLabel: string): Promise<boolean> {
  return structural(
    `${areaLabel}の番号を振り直`,
    async () => (await callUndoable('items.renumber', { areaId })).batch,
  );
}

export async function addArea(
  priorityId: number,
  afterAreaId: number | null,
  title: string,
): Promise<boolean> {
  return structural(
    `取組分野「${title}」を追加`,
    async () =>
      (
        await callUndoable('outline.create', {
          kind: 'area',
          parentId: priorityId,
          title,
          afterId: afterAreaId,
        })
      ).batch,
  );
}

export async function addPriority(
  planId: number,
  afterId: number | null,
  title: string,
): Promise<boolean> {
  return structural(
    `重点項目「${title}」を追加`,
    async () =>
      (await callUndoable('outline.create', { kind: 'priority', parentId: planId, title, afterId }))
        .batch,
  );
}

export async function renameOutline(
  kind: 'priority' | 'area' | 'group',
  id: number,
  oldTitle: string,
  title: string,
): Promise<boolean> {
  return structural(
    `「${oldTitle}」を「${title}」に名称変更`,
    async () => (await callUndoable('outline.update', { kind, id, title })).batch,
  );
}

export async function moveOutline(
  kind: 'priority' | 'area',
  id: number,
  position: number,
  label: string,
): Promise<boolean> {
  return structural(
    `${label}を移動`,
    async () => (await callUndoable('outline.move', { kind, id, position })).batch,
  );
}

export async function deleteOutline(
  kind: 'priority' | 'area',
  id: number,
  label: string,
): Promise<boolean> {
  return structural(
    `${label}を削除`,
    async () => (await callUndoable('outline.delete', { kind, id })).batch,
  );
}
