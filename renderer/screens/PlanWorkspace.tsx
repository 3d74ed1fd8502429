import { groupHeading, priorityHeading } from '../../shared/domain/headings';
// kept whole: the 改革項目 screen is one toolbar, one filter bar, the grid's columns and the dialogs it opens; its actions live in plan-grid/actions.ts.
import { memo, useCallback, useDeferredValue, useEffect, useMemo, useState } from 'react';
import type { Dispatch, SetStateAction } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { formatFiscalYearRange } from '../../shared/fiscal-year';
import type { ReformItem } from '../../shared/domain/item';
import type { PlanDetail } from '../../shared/domain/plan';
import { call, errorMessage } from '../api/client';
import { PlanTree } from '../components/PlanTree';
import { UndoButtons } from '../components/UndoButtons';
import { PANEL_REST_MS, useSettled } from '../components/useSettled';
import { SectionFilter } from '../components/SectionFilter';
import { useStableCallback } from '../components/useStableCallback';
import { DataGrid } from '../grid/DataGrid';
import type { AppliedEdit, EditKind, GridColumn } from '../grid/DataGrid';
import { READ_ONLY_EDIT_MESSAGE, useAppStore, useReadOnly } from '../stores/app-store';
import {
  displayFiscalYear,
  selectedItemOf,
  useItemHistory,
  usePlanStore,
  useSelectedItem,
} from '../stores/plan-store';
import type { ItemFilter, PlanNode } from '../stores/plan-store';
import type { OrgUnit } from '../../shared/domain/org';
import { ItemDetail } from './ItemDetail';
import * as actions from './plan-grid/actions';
import { AssignmentEditor } from './plan-grid/AssignmentEditor';
import { planColumns } from './plan-grid/columns';
import type { TextField } from './plan-grid/item-edits';
import { ConfirmDialog, NameDialog } from './plan-grid/NameDialog';
import { StartYearDialog } from './plan-grid/StartYearDialog';
import type { YearState } from '../../shared/domain/years';
import { rowBuilder } from './plan-grid/rows';
import { ScheduleEditor } from './plan-grid/ScheduleEditor';
import { useUndoStore } from '../stores/undo-store';

const WIDTHS_KEY = 'gyokaku.grid.planItems.widths';
const EDIT_LABEL: Record<EditKind, string> = {
  edit: 'セルの編集',
  paste: '貼り付け',
  fill: '下方向へコピー',
  clear: 'セルの削除',
};

type Modal =
  | { kind: 'schedule'; item: ReformItem }
  | { kind: 'insert'; after: ReformItem; years: YearState[]; initial: number }
  | { kind: 'sections'; item: ReformItem }
  | {
      kind: 'delete';
      items: ReformItem[];
      summary: { initiatives: number; points: number; spans: number; assignments: number };
    }
  | {
      kind: 'name';
      title: string;
      label: string;
      initial: string;
      submit(name: string): Promise<boolean>;
    }
  | {
      kind: 'deleteOutline';
      node: Extract<PlanNode, { kind: 'priority' | 'area' }>;
      label: string;
      items: number;
    }
  | null;

function loadWidths(): Record<string, number> {
  try {
    return JSON.parse(localStorage.getItem(WIDTHS_KEY) ?? '{}') as Record<string, number>;
  } catch {
    return {};
  }
}

/** 取組分野(1) 行政手続の… : the 取組分野 an item sits in, as its toolbar button names it. */
function areaOf(plan: PlanDetail, areaId: number): { id: number; label: string } | null {
  for (const p of plan.priorities)
    for (const a of p.areas)
      if (a.id === areaId)
        return { id: a.id, label: `${plan.headingNames.area}(${a.number}) ${a.title}` };
  return null;
}

function nodeLabel(plan: PlanDetail, node: PlanNode): { title: string; lead: string } {
  if (node.kind === 'group') {
    const g = plan.groups.find((x) => x.id === node.id);
    if (g) return { title: groupHeading(plan.headingNames, g), lead: '' };
  }
  for (const p of plan.priorities) {
    if (node.kind === 'priority' && p.id === node.id)
      return { title: priorityHeading(plan.headingNames, p), lead: p.leadText };
    const a = p.areas.find((x) => node.kind === 'area' && x.id === node.id);
    if (a)
      return {
        title: `${plan.headingNames.priority}${p.number}　(${a.number}) ${a.title}`,
        lead: a.leadText,
      };
  }
  return { title: `${plan.title}　全改革項目`, lead: '' };
}

/** 重点項目 / 分野 tree, the editing grid of 改革項目, and the item detail. */
export function PlanWorkspace({ plan }: { plan: PlanDetail }) {
  // Not the selected item: the cursor moves on every click and arrow key, and
  // the toolbar and the detail panel follow it on their own (ItemToolbar, ItemPanel).
  const { items, orgUnits, node, filter, collapsed, itemsArrivedAt, hasSelection } = usePlanStore(
    useShallow((s) => ({
      items: s.items,
      orgUnits: s.orgUnits,
      node: s.node,
      filter: s.filter,
      collapsed: s.collapsed,
      itemsArrivedAt: s.itemsArrivedAt,
      hasSelection: selectedItemOf(s) != null,
    })),
  );
  const { selectNode, toggleGroup, selectItem } = usePlanStore.getState();
  const notify = useAppStore((s) => s.notify);
  const readOnly = useReadOnly();
  const { undo, redo } = useUndoStore.getState();
  const [widths, setWidths] = useState<Record<string, number>>(loadWidths);
  const [modal, setModal] = useState<Modal>(null);
  const [detailOpen, setDetailOpen] = useState(true);

  const columns = useMemo(() => planColumns(plan), [plan]);
  const [build] = useState(rowBuilder);
  const { rows, matching } = useMemo(
    () => build(plan, items, node, filter, collapsed),
    [build, plan, items, node, filter, collapsed],
  );
  const caption = nodeLabel(plan, node);
  const fy = displayFiscalYear(plan);
  const closeDetail = useCallback(() => setDetailOpen(false), []);
  const toggleDetail = useCallback(() => setDetailOpen((open) => !open), []);
  const sections = useMemo(() => orgUnits.filter((u) => u.kind === 'section'), [orgUnits]);

  // First paint of the grid after the items arrived, for `npm run bench`.
  useEffect(() => {
    if (itemsArrivedAt === 0) return;
    requestAnimationFrame(() => {
      (window as unknown as { __gyokakuFirstRender?: number }).__gyokakuFirstRender =
        performance.now() - itemsArrivedAt;
    });
  }, [itemsArrivedAt]);

  const onResize = useCallback((key: string, width: number) => {
    setWidths((w) => {
      const next = { ...w, [key]: Math.round(width) };
      localStorage.setItem(WIDTHS_KEY, JSON.stringify(next));
      return next;
    });
  }, []);

  const onApply = useCallback(
    (edits: AppliedEdit<ReformItem>[], kind: EditKind) =>
      actions.applyCellEdits(
        edits.map((e) => ({ item: e.row, field: e.column.key as TextField, text: e.text })),
        edits.length === 1
          ? `${edits[0]!.row.code}「${edits[0]!.column.header}」の${EDIT_LABEL[kind]}`
          : `${edits.length}セルの${EDIT_LABEL[kind]}`,
      ),
    [],
  );

  const onOpenEditor = useCallback((item: ReformItem, column: GridColumn<ReformItem>) => {
    setModal(column.key === 'sections' ? { kind: 'sections', item } : { kind: 'schedule', item });
  }, []);

  const onUndo = useCallback(() => void undo(), [undo]);
  const onRedo = useCallback(() => void redo(), [redo]);
  const onActiveRow = useCallback(
    (item: ReformItem | null) => void (item ? selectItem(item.id) : undefined),
    [selectItem],
  );

  const askDelete = useStableCallback(async (list: ReformItem[]) => {
    if (list.length === 0) return notify('info', '削除する改革項目の行を選んでください。');
    try {
      const summary = await call('items.deletionSummary', { itemIds: list.map((i) => i.id) });
      setModal({ kind: 'delete', items: list, summary });
    } catch (e) {
      notify('error', errorMessage(e));
    }
  });

  /** Mid-plan (a year has rounds), 追加年度 is asked; before that, items belong to every year. */
  const askInsert = useStableCallback(async (after: ReformItem) => {
    try {
      const years = await call('years.list', { planId: plan.id });
      const open = years.filter((y) => y.lastRoundName != null && !y.closed);
      if (!years.some((y) => y.lastRoundName != null))
        return void actions.insertItemAfter(after, null);
      const initial =
        open[open.length - 1]?.fiscalYear ??
        years.find((y) => !y.closed)?.fiscalYear ??
        plan.lastFy;
      setModal({ kind: 'insert', after, years, initial });
    } catch (e) {
      notify('error', errorMessage(e));
    }
  });

  const onStructure = useStableCallback(
    (command: 'insert' | 'delete' | 'moveUp' | 'moveDown', list: ReformItem[]) => {
      // read when the key is pressed: the cursor may have moved since this screen was drawn
      const first = list[0] ?? selectedItemOf(usePlanStore.getState());
      if (!first) return notify('info', '改革項目の行を選んでから操作してください。');
      if (command === 'insert') void askInsert(first);
      else if (command === 'delete') void askDelete(list.length ? list : [first]);
      else void actions.moveItem(first, command === 'moveUp' ? -1 : 1);
    },
  );

  // Outline actions on the node chosen in the tree.
  const priorityOf = (n: PlanNode) =>
    plan.priorities.find((p) =>
      n.kind === 'priority'
        ? p.id === n.id
        : n.kind === 'area' && p.areas.some((a) => a.id === n.id),
    );
  const addArea = () => {
    const p = priorityOf(node) ?? plan.priorities[plan.priorities.length - 1];
    if (!p) return;
    const after = node.kind === 'area' ? node.id : (p.areas[p.areas.length - 1]?.id ?? null);
    setModal({
      kind: 'name',
      title: `${plan.headingNames.priority}${p.number}に${plan.headingNames.area}を追加`,
      label: `${plan.headingNames.area}の名称`,
      initial: '',
      submit: (t) => actions.addArea(p.id, after, t),
    });
  };
  const addPriority = () => {
    const after = priorityOf(node)?.id ?? plan.priorities[plan.priorities.length - 1]?.id ?? null;
    setModal({
      kind: 'name',
      title: `${plan.headingNames.priority}を追加`,
      label: `${plan.headingNames.priority}の名称`,
      initial: '',
      submit: (t) => actions.addPriority(plan.id, after, t),
    });
  };
  const outlineTarget = (): {
    kind: 'priority' | 'area' | 'group';
    id: number;
    title: string;
    position: number;
    count: number;
    label: string;
  } | null => {
    if (node.kind === 'plan') return null;
    if (node.kind === 'group') {
      const g = plan.groups.find((x) => x.id === node.id);
      return g
        ? {
            kind: 'group',
            id: g.id,
            title: g.title,
            position: 0,
            count: 1,
            label: `${plan.headingNames.group}${g.number}`,
          }
        : null;
    }
    for (const p of plan.priorities) {
      if (node.kind === 'priority' && p.id === node.id) {
        return {
          kind: 'priority',
          id: p.id,
          title: p.title,
          position: plan.priorities.indexOf(p),
          count: plan.priorities.length,
          label: `${plan.headingNames.priority}${p.number}`,
        };
      }
      const a = p.areas.find((x) => node.kind === 'area' && x.id === node.id);
      if (a)
        return {
          kind: 'area',
          id: a.id,
          title: a.title,
          position: p.areas.indexOf(a),
          count: p.areas.length,
          label: `${plan.headingNames.area}(${a.number})`,
        };
    }
    return null;
  };
  const target = outlineTarget();
  // 基本目標 are renamed only: they follow their 重点項目's order and hold no items of their own.
  const movable = target && target.kind !== 'group' ? { ...target, kind: target.kind } : null;
  // Items are numbered per 分野; without 取組分野 the 重点項目 (or the whole list) holds the one 分野.
  const renumberable: { id: number; label: string } | null =
    node.kind === 'area' && target
      ? { id: node.id, label: target.label }
      : plan.headingLevels === 1 && node.kind === 'priority' && target
        ? { id: priorityOf(node)!.areas[0]!.id, label: target.label }
        : plan.headingLevels === 0 && plan.priorities[0]?.areas[0]
          ? { id: plan.priorities[0].areas[0].id, label: '改革項目' }
          : null;

  return (
    <div className={`workspace${detailOpen && hasSelection ? ' with-detail' : ''}`}>
      <nav className="sidebar" aria-label="計画の構成">
        <div className="sidebar-plan">
          <div className="sidebar-title">{plan.title}</div>
          <div className="muted">{formatFiscalYearRange(plan.firstFy, plan.lastFy)}</div>
        </div>
        <PlanTree plan={plan} selected={node} onSelect={selectNode} />
        <div className="outline-actions" role="group" aria-label="重点項目・取組分野の操作">
          {plan.headingLevels > 0 ? (
            <button type="button" onClick={addPriority}>
              {plan.headingNames.priority}を追加
            </button>
          ) : null}
          {plan.headingLevels === 2 ? (
            <button type="button" onClick={addArea}>
              {plan.headingNames.area}を追加
            </button>
          ) : null}
          <button
            type="button"
            disabled={!target}
            onClick={() =>
              target &&
              setModal({
                kind: 'name',
                title: `${target.label}の名称変更`,
                label: '名称',
                initial: target.title,
                submit: (t) => actions.renameOutline(target.kind, target.id, target.title, t),
              })
            }
          >
            名称変更
          </button>
          <button
            type="button"
            disabled={!movable || movable.position === 0}
            onClick={() =>
              movable &&
              void actions.moveOutline(
                movable.kind,
                movable.id,
                movable.position - 1,
                movable.label,
              )
            }
          >
            上へ
          </button>
          <button
            type="button"
            disabled={!movable || movable.position >= movable.count - 1}
            onClick={() =>
              movable &&
              void actions.moveOutline(
                movable.kind,
                movable.id,
                movable.position + 1,
                movable.label,
              )
            }
          >
            下へ
          </button>
          <button
            type="button"
            disabled={!movable}
            onClick={() => {
              if (!movable) return;
              const count = items.filter((i) =>
                movable.kind === 'area' ? i.areaId === movable.id : i.priorityId === movable.id,
              ).length;
              setModal({
                kind: 'deleteOutline',
                node: { kind: movable.kind, id: movable.id },
                label: `${movable.label}「${movable.title}」`,
                items: count,
              });
            }}
          >
            削除
          </button>
          {renumberable ? (
            <button
              type="button"
              onClick={() => void actions.renumberArea(renumberable.id, renumberable.label)}
            >
              番号を振り直す
            </button>
          ) : null}
        </div>
      </nav>

      <main className="content">
        <header className="content-header">
          <h1>{caption.title}</h1>
          <span className="count" role="status" aria-live="polite">
            {matching === items.length
              ? `${items.length}項目`
              : `${matching}項目（全${items.length}項目中）`}
          </span>
        </header>
        <ItemToolbar
          plan={plan}
          detailOpen={detailOpen}
          onToggleDetail={toggleDetail}
          onInsert={askInsert}
          onDelete={askDelete}
          setModal={setModal}
        />
        <ItemFilters filter={filter} sections={sections} />
        <div className="grid-wrap">
          {rows.length === 0 ? (
            <p className="empty">条件に合う改革項目はありません。</p>
          ) : (
            <DataGrid
              label={`${caption.title}の改革項目`}
              columns={columns}
              rows={rows}
              widths={widths}
              onResize={onResize}
              onApply={onApply}
              onOpenEditor={onOpenEditor}
              onToggleGroup={toggleGroup}
              onNotice={notify}
              onUndo={onUndo}
              onRedo={onRedo}
              onActiveRow={onActiveRow}
              onStructure={onStructure}
              rowLabel={rowLabel}
              lockedMessage={readOnly ? readOnlyMessage : undefined}
            />
          )}
        </div>
        <p className="grid-help muted">
          入力：文字を打つ・F2　確定：Enter／Tab　セル内改行：Alt+Enter　取消：Esc　コピー・貼り付け：Ctrl+C／Ctrl+V　下へコピー：Ctrl+D　元に戻す：Ctrl+Z　列幅：Alt+Shift+←→
        </p>
      </main>

      {detailOpen ? <ItemPanel plan={plan} onClose={closeDetail} /> : null}

      {modal?.kind === 'schedule' ? (
        <ScheduleEditor
          plan={plan}
          item={items.find((i) => i.id === modal.item.id) ?? modal.item}
          onClose={() => setModal(null)}
          onSave={(list) =>
            actions.saveInitiatives(items.find((i) => i.id === modal.item.id) ?? modal.item, list)
          }
        />
      ) : null}
      {modal?.kind === 'insert' ? (
        <StartYearDialog
          years={modal.years}
          initial={modal.initial}
          onClose={() => setModal(null)}
          onSubmit={(startFy) => {
            const after = modal.after;
            setModal(null);
            void actions.insertItemAfter(after, startFy);
          }}
        />
      ) : null}
      {modal?.kind === 'sections' ? (
        <AssignmentEditor
          item={modal.item}
          units={orgUnits}
          fiscalYear={fy}
          onClose={() => setModal(null)}
          onSave={(x) => actions.saveAssignments(modal.item, x)}
        />
      ) : null}
      {modal?.kind === 'name' ? (
        <NameDialog
          title={modal.title}
          label={modal.label}
          initial={modal.initial}
          onClose={() => setModal(null)}
          onSubmit={modal.submit}
        />
      ) : null}
      {modal?.kind === 'delete' ? (
        <ConfirmDialog
          title="改革項目の削除"
          confirmLabel={`${modal.items.length}件を削除`}
          onClose={() => setModal(null)}
          onConfirm={() => {
            const list = modal.items;
            setModal(null);
            void actions.deleteItems(list);
          }}
        >
          <p>次の改革項目を削除します。「元に戻す」（Ctrl+Z）で戻せます。</p>
          <ul className="delete-list">
            {modal.items.slice(0, 10).map((i) => (
              <li key={i.id}>
                {i.code} {i.name}
              </li>
            ))}
            {modal.items.length > 10 ? <li>ほか{modal.items.length - 10}件</li> : null}
          </ul>
          <p>
            一緒に削除されるもの：主な取組 {modal.summary.initiatives}件（・内容{' '}
            {modal.summary.points}件）、実施時期 {modal.summary.spans}件、実施担当{' '}
            {modal.summary.assignments}件
          </p>
        </ConfirmDialog>
      ) : null}
      {modal?.kind === 'deleteOutline' ? (
        <ConfirmDialog
          title={`${modal.label}の削除`}
          confirmLabel="削除"
          onClose={() => setModal(null)}
          onConfirm={() => {
            const m = modal;
            setModal(null);
            selectNode({ kind: 'plan' });
            void actions.deleteOutline(m.node.kind, m.node.id, m.label);
          }}
        >
          <p>
            {modal.label}を削除します。中の改革項目 {modal.items}
            件も一覧から消えます。「元に戻す」（Ctrl+Z）で戻せます。
          </p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

/**
 * The buttons that act on the row under the cursor. The one part of the
 * screen's top that follows the cursor, so it subscribes to it itself.
 */
const ItemToolbar = memo(function ItemToolbar({
  plan,
  detailOpen,
  onToggleDetail,
  onInsert,
  onDelete,
  setModal,
}: {
  plan: PlanDetail;
  detailOpen: boolean;
  onToggleDetail(): void;
  onInsert(after: ReformItem): Promise<void>;
  onDelete(list: ReformItem[]): Promise<void>;
  setModal: Dispatch<SetStateAction<Modal>>;
}) {
  const selected = useSelectedItem();
  const selectedArea = selected ? areaOf(plan, selected.areaId) : null;
  return (
    <div className="toolbar" role="toolbar" aria-label="改革項目の操作">
      <UndoButtons />
      <span className="toolbar-sep" />
      <button
        type="button"
        disabled={!selected}
        onClick={() => selected && void onInsert(selected)}
        title="選んだ行の下に追加（Ctrl+Shift+＋）"
      >
        改革項目を追加
      </button>
      <button
        type="button"
        disabled={!selected}
        onClick={() => selected && void onDelete([selected])}
        title="Ctrl+－"
      >
        削除
      </button>
      <button
        type="button"
        disabled={!selected}
        onClick={() => selected && void actions.moveItem(selected, -1)}
        title="Alt+Shift+↑"
      >
        上へ
      </button>
      <button
        type="button"
        disabled={!selected}
        onClick={() => selected && void actions.moveItem(selected, 1)}
        title="Alt+Shift+↓"
      >
        下へ
      </button>
      <button
        type="button"
        disabled={!selectedArea}
        onClick={() =>
          selectedArea && void actions.renumberArea(selectedArea.id, selectedArea.label)
        }
        title={
          selectedArea
            ? `${selectedArea.label}の改革項目の番号を、並び順に1から振り直します`
            : '改革項目の行を選んでください'
        }
      >
        番号を振り直す
      </button>
      <span className="toolbar-sep" />
      <button
        type="button"
        disabled={!selected}
        onClick={() => selected && setModal({ kind: 'schedule', item: selected })}
      >
        主な取組・実施時期
      </button>
      <button
        type="button"
        disabled={!selected}
        onClick={() => selected && setModal({ kind: 'sections', item: selected })}
      >
        実施担当
      </button>
      <button type="button" aria-pressed={detailOpen} onClick={onToggleDetail}>
        詳細・履歴
      </button>
    </div>
  );
});

/**
 * The detail panel of the item under the cursor. It follows the cursor and
 * the edits once the user pauses: the typed cell, its save and the next key
 * never wait for the panel. Gone at once when its item is deleted.
 */
const ItemPanel = memo(function ItemPanel({
  plan,
  onClose,
}: {
  plan: PlanDetail;
  onClose(): void;
}) {
  const selected = useSelectedItem();
  const panelItem = useSettled(selected, PANEL_REST_MS);
  return selected && panelItem ? (
    <DetailPanel plan={plan} item={panelItem} onClose={onClose} />
  ) : null;
});

const rowLabel = (i: ReformItem) => `${i.code} ${i.name}`;
const readOnlyMessage = () => READ_ONLY_EDIT_MESSAGE;

/**
 * Own subscription to the history, which refreshes after every save;
 * re-rendered only for its own props. A new history is drawn as a
 * transition (useDeferredValue), so a key pressed meanwhile comes first.
 */
const DetailPanel = memo(function DetailPanel({
  plan,
  item,
  onClose,
}: {
  plan: PlanDetail;
  item: ReformItem;
  onClose(): void;
}) {
  const history = useDeferredValue(useItemHistory(item.id));
  // the same element while the history waits: the urgent render does no work
  return useMemo(
    () => (
      <ItemDetail
        key={item.id}
        plan={plan}
        item={item}
        history={history}
        onClose={onClose}
        onSave={(f) => actions.saveItemFields(item, f)}
      />
    ),
    [plan, item, history, onClose],
  );
});

/**
 * The search and the filters. Its own component: a plan has hundreds of 課 in
 * the 実施担当 list, and the workspace renders on every edit and cursor move.
 */
const ItemFilters = memo(function ItemFilters({
  filter,
  sections,
}: {
  filter: ItemFilter;
  sections: OrgUnit[];
}) {
  const { setFilter } = usePlanStore.getState();
  return (
    <div className="filters" role="search" aria-label="改革項目の絞り込み">
      <label>
        検索
        <input
          type="search"
          value={filter.query}
          placeholder="名称・内容・担当（かな・カナ、全角・半角を区別しません）"
          onChange={(e) => setFilter({ query: e.target.value })}
        />
      </label>
      <SectionFilter
        label="実施担当"
        sections={sections}
        value={filter.sectionId}
        onChange={(sectionId) => setFilter({ sectionId })}
      />
      <label>
        継続
        <select
          value={filter.continued}
          onChange={(e) => setFilter({ continued: e.target.value as 'all' | 'yes' | 'no' })}
        >
          <option value="all">すべて</option>
          <option value="yes">継続項目のみ</option>
          <option value="no">新規のみ</option>
        </select>
      </label>
      {filter.query || filter.sectionId != null || filter.continued !== 'all' ? (
        <button
          type="button"
          onClick={() => setFilter({ query: '', sectionId: null, continued: 'all' })}
        >
          絞り込みを解除
        </button>
      ) : null}
    </div>
  );
});
