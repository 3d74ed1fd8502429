// kept whole: one grid component (virtual rows, selection, the input that carries IME and paste, and the cells); its keys are in keymap.ts, its edits in edits.ts, its layout in layout.ts.
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type {
  ClipboardEvent,
  CSSProperties,
  KeyboardEvent,
  MouseEvent as ReactMouseEvent,
  ReactNode,
} from 'react';
import { formatTsv, parseTsv } from '../../shared/tsv';
import type { CellEdit, PasteTarget, PlanResult } from './edits';
import { planClear, planFillDown, planPaste } from './edits';
import { LINE_PX, ROW_PAD_PX, buildLayout, dataRowHeight, visibleRange } from './layout';
import type { CellPos, CellRange } from './selection';
import { clamp, rangeOf } from './selection';
import { gridCommand } from './keymap';
import { PickList } from './PickList';
import { replacedSince } from './replaced';
import type { PickOption } from './PickList';

export interface GridColumn<T> {
  key: string;
  header: string;
  width: number;
  minWidth?: number;
  /** Stays visible while scrolling sideways (No, 改革項目). */
  frozen?: boolean;
  /** text: typed into; dialog: Enter/F2/typing opens its own editor; readonly: computed. */
  kind: 'text' | 'dialog' | 'readonly';
  multiline?: boolean;
  align?: 'left' | 'center';
  /** The cell as text: shown, copied, and edited. */
  text(row: T): string;
  render?(row: T): ReactNode;
  /** Lines a custom rendering needs (e.g. one per initiative). */
  lines?(row: T): number;
  /** Lines `text(row)` takes at a width, counted without building it (for row heights). */
  estimate?(row: T, widthPx: number): number;
  cellClass?(row: T): string | undefined;
  /** The values the cell allows, offered by Alt+↓ (a scale: 評価, 進捗, 方向性). */
  options?(row: T): PickOption[];
}

export type GridRow<T> =
  | {
      kind: 'group';
      key: string;
      /** 0: a level above 重点項目 (基本目標), 1: 重点項目, 2: 取組分野. */
      level: 0 | 1 | 2;
      label: string;
      count: number;
      collapsed: boolean;
    }
  | { kind: 'data'; key: string; data: T };

export interface AppliedEdit<T> {
  row: T;
  column: GridColumn<T>;
  text: string;
}

export type EditKind = 'edit' | 'paste' | 'fill' | 'clear';

export interface DataGridProps<T> {
  label: string;
  columns: GridColumn<T>[];
  rows: GridRow<T>[];
  widths: Record<string, number>;
  onResize(key: string, width: number): void;
  /** Validates and applies edits as one change; returns a Japanese message to refuse them all. */
  onApply(edits: AppliedEdit<T>[], kind: EditKind): string | null;
  onOpenEditor(row: T, column: GridColumn<T>, typed: string | null): void;
  onToggleGroup(key: string): void;
  onNotice(kind: 'error' | 'info', text: string): void;
  onUndo(): void;
  onRedo(): void;
  /** The row the cursor is on, told after the grid has painted (once for a burst of moves). */
  onActiveRow?(row: T | null): void;
  /** Ctrl+Shift+＋ insert, Ctrl+－ delete, Alt+Shift+↑↓ move. */
  onStructure?(command: 'insert' | 'delete' | 'moveUp' | 'moveDown', rows: T[]): void;
  rowLabel(row: T): string;
  /** Why a row cannot be edited (e.g. 確定済み), or null; such rows are read-only. */
  lockedMessage?(row: T): string | null;
}

const GROUP_HEIGHT = 34;
const HEADER_HEIGHT = 36;

type Editing = { mode: 'enter' | 'edit' } | null;

/** Row heights by row object and column widths: rows that did not change are not measured again. */
const heightCache = new WeakMap<object, { sig: string; h: number }>();

/** How many columns from the left are frozen (only a leading run can be). */
function leadingFrozen<T>(columns: readonly GridColumn<T>[]): number {
  let n = 0;
  while (n < columns.length && columns[n]!.frozen) n++;
  return n;
}

interface Geometry {
  lefts: number[];
  widths: number[];
  total: number;
  frozenRight: number;
}

function geometry<T>(columns: GridColumn<T>[], widths: Record<string, number>): Geometry {
  const lefts: number[] = [];
  const ws: number[] = [];
  let x = 0;
  let frozenRight = 0;
  for (const c of columns) {
    const w = widths[c.key] ?? c.width;
    lefts.push(x);
    ws.push(w);
    x += w;
    if (c.frozen) frozenRight = x;
  }
  return { lefts, widths: ws, total: x, frozenRight };
}

/**
 * Row heights that remember the last list: rows replaced in place (an edit,
 * a paste) keep every other row's height, so only the new row objects are
 * measured, whatever the length of the list. When none of them changed
 * height, the same heights come back, and the layout built on them stands.
 */
function heightMeasurer<T>() {
  let last: {
    rows: GridRow<T>[];
    columns: GridColumn<T>[];
    sig: string;
    heights: Float64Array;
  } | null = null;
  const heightOf = (r: GridRow<T>, columns: GridColumn<T>[], widths: number[], sig: string) => {
    if (r.kind === 'group') return GROUP_HEIGHT;
    const key = r.data as object;
    const hit = heightCache.get(key);
    if (hit && hit.sig === sig) return hit.h;
    const h = dataRowHeight(columns, r.data, widths);
    heightCache.set(key, { sig, h });
    return h;
  };
  return (rows: GridRow<T>[], columns: GridColumn<T>[], widths: number[], sig: string) => {
    const carry =
      last && last.sig === sig && last.columns === columns && last.rows.length === rows.length
        ? last
        : null;
    const replaced = carry ? replacedSince(rows, carry.rows) : null;
    let out: Float64Array;
    if (carry && replaced) {
      out = carry.heights;
      for (const i of replaced) {
        const h = heightOf(rows[i]!, columns, widths, sig);
        if (h === out[i]) continue;
        if (out === carry.heights) out = out.slice();
        out[i] = h;
      }
    } else {
      out = carry ? carry.heights.slice() : new Float64Array(rows.length);
      rows.forEach((r, i) => {
        if (carry && carry.rows[i] === r) return;
        out[i] = heightOf(r, columns, widths, sig);
      });
    }
    last = { rows, columns, sig, heights: out };
    return out;
  };
}

/**
 * An Excel-like grid. One hidden textarea holds the focus and becomes the
 * cell editor in place, so typing with an IME starts editing with the
 * composition intact, and keys pressed while composing (Enter to confirm a
 * conversion, Tab, arrows) are left to the IME.
 */
function DataGridInner<T>(props: DataGridProps<T>) {
  const { columns, rows, widths } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  const composing = useRef(false);
  const [active, setActive] = useState<CellPos>({ row: 0, col: 1 });
  const [anchor, setAnchor] = useState<CellPos>({ row: 0, col: 1 });
  const [editing, setEditing] = useState<Editing>(null);
  const [picking, setPicking] = useState(false);
  // The rows drawn cover `height`; the first render guesses the window's
  // height (never less than the grid's), so mounting does not render twice.
  const [scroll, setScroll] = useState(() => ({
    top: 0,
    left: 0,
    height: typeof window === 'undefined' ? 600 : window.innerHeight,
  }));
  /** The grid's own viewport height, for paging. */
  const viewHeight = useRef(600);
  const dragging = useRef(false);

  const geo = useMemo(() => geometry(columns, widths), [columns, widths]);
  const sig = geo.widths.join(',');
  const [measure] = useState(heightMeasurer<T>);
  const heights = useMemo(
    () => measure(rows, columns, geo.widths, sig),
    [measure, rows, columns, geo, sig],
  );
  const layout = useMemo(() => buildLayout(heights), [heights]);
  const [first, last] = visibleRange(layout, scroll.top, scroll.height);

  const row = Math.min(active.row, Math.max(0, rows.length - 1));
  const col = clamp(active.col, 0, columns.length - 1);
  const current = rows[row];
  const selection: CellRange = rangeOf(
    { row: Math.min(anchor.row, rows.length - 1), col: anchor.col },
    { row, col },
  );

  const { onActiveRow } = props;
  useEffect(() => {
    if (!onActiveRow) return;
    const data = current?.kind === 'data' ? current.data : null;
    // Told after the grid has painted the move, and once for a burst of moves:
    // the panel that follows the row (its detail, its history) never holds up
    // the cell the user is looking at.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => (timer = setTimeout(() => onActiveRow(data), 0)));
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [current, onActiveRow]);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const update = () => {
      const top = el.scrollTop;
      const left = el.scrollLeft;
      const height = el.clientHeight - HEADER_HEIGHT;
      viewHeight.current = height;
      // Rendered again only when rows beyond those drawn may show.
      setScroll((s) =>
        s.top === top && s.left === left && s.height >= height ? s : { top, left, height },
      );
    };
    update();
    const ro = new ResizeObserver(update);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const target: PasteTarget = useMemo(
    () => ({
      rowCount: rows.length,
      colCount: columns.length,
      isDataRow: (r) => rows[r]?.kind === 'data',
      isTextColumn: (c) => columns[c]?.kind === 'text',
      columnName: (c) => columns[c]?.header ?? '',
    }),
    [rows, columns],
  );

  const focusInput = () => input.current?.focus({ preventScroll: true });

  const scrollIntoView = useCallback(
    (r: number, c: number) => {
      const el = scroller.current;
      if (!el) return;
      const top = layout.tops[r] ?? 0;
      const bottom = layout.tops[r + 1] ?? top;
      const view = el.clientHeight - HEADER_HEIGHT;
      if (top < el.scrollTop) el.scrollTop = top;
      else if (bottom > el.scrollTop + view) el.scrollTop = Math.min(top, bottom - view);
      if (!columns[c]?.frozen) {
        const left = geo.lefts[c]! - geo.frozenRight;
        const right = geo.lefts[c]! + geo.widths[c]!;
        if (left < el.scrollLeft) el.scrollLeft = left;
        else if (right > el.scrollLeft + el.clientWidth) el.scrollLeft = right - el.clientWidth;
      }
    },
    [layout, geo, columns],
  );

  // A key that moves the cursor scrolls its new cell into view once the grid
  // has drawn the move, not in the key press: there the scroller's position
  // could only be read by laying the page out (the editor's text had just
  // changed), and the frame laid it out again. In the layout effect the one
  // layout serves both.
  const pendingScroll = useRef<CellPos | null>(null);
  useLayoutEffect(() => {
    const to = pendingScroll.current;
    if (!to) return;
    pendingScroll.current = null;
    scrollIntoView(to.row, to.col);
  });

  const moveTo = (r: number, c: number, extend = false) => {
    const nr = clamp(r, 0, rows.length - 1);
    const nc = clamp(c, 0, columns.length - 1);
    setActive({ row: nr, col: nc });
    if (!extend) setAnchor({ row: nr, col: nc });
    // the same cell draws nothing new (an arrow key at the edge): scroll now
    if (nr === row && nc === col) scrollIntoView(nr, nc);
    else pendingScroll.current = { row: nr, col: nc };
  };

  const resetInput = () => {
    if (input.current) input.current.value = '';
  };

  const apply = (result: PlanResult, kind: EditKind): boolean => {
    if (!result.ok) {
      props.onNotice('error', result.message);
      return false;
    }
    const edits: AppliedEdit<T>[] = [];
    for (const e of result.edits as CellEdit[]) {
      const r = rows[e.row];
      const c = columns[e.col];
      if (r?.kind === 'data' && c) edits.push({ row: r.data, column: c, text: e.text });
    }
    if (edits.length === 0) return true;
    const refused = props.onApply(edits, kind);
    if (refused) {
      props.onNotice('error', refused);
      return false;
    }
    if (result.notice) props.onNotice('info', result.notice);
    return true;
  };

  const beginEdit = (mode: 'enter' | 'edit', text: string | null) => {
    if (current?.kind !== 'data') return;
    const column = columns[col]!;
    if (column.kind === 'dialog') {
      resetInput();
      props.onOpenEditor(current.data, column, text);
      return;
    }
    if (column.kind === 'readonly') {
      resetInput();
      props.onNotice('info', `「${column.header}」の欄は直接入力できません。`);
      return;
    }
    const locked = props.lockedMessage?.(current.data);
    if (locked) {
      resetInput();
      props.onNotice('error', locked);
      return;
    }
    if (text === null && input.current) {
      input.current.value = column.text(current.data);
      const end = input.current.value.length;
      input.current.setSelectionRange(end, end);
    }
    setEditing({ mode });
  };

  const commit = (dr: number, dc: number): void => {
    if (current?.kind !== 'data' || !input.current) return;
    const column = columns[col]!;
    const text = input.current.value;
    if (text !== column.text(current.data)) {
      const ok = apply({ ok: true, edits: [{ row, col, text }], notice: null }, 'edit');
      if (!ok) return; // stay in the editor with what was typed
    }
    setEditing(null);
    // Moved before the editor is emptied: at an edge moveTo scrolls at once,
    // reading the scroller's position, which after an emptied editor would lay
    // the page out in the middle of the key press.
    moveTo(row + dr, col + dc);
    resetInput();
  };

  const cancel = () => {
    setEditing(null);
    resetInput();
  };

  const selectedDataRows = (): T[] => {
    const out: T[] = [];
    for (let r = selection.top; r <= selection.bottom; r++) {
      const x = rows[r];
      if (x?.kind === 'data') out.push(x.data);
    }
    return out;
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    // Keys that confirm or steer an IME conversion belong to the IME.
    if (composing.current || e.nativeEvent.isComposing || e.keyCode === 229) return;
    const ctrl = e.ctrlKey || e.metaKey;
    const cmd = gridCommand(
      { key: e.key, ctrl, shift: e.shiftKey, alt: e.altKey },
      {
        editing: editing ? editing.mode : null,
        onGroup: current?.kind === 'group',
        textColumn: columns[col]?.kind === 'text',
        pickList: !!columns[col]?.options,
      },
    );
    if (!cmd) return;
    e.preventDefault();
    const page = Math.max(1, Math.floor(viewHeight.current / 60));
    switch (cmd.kind) {
      case 'cancel':
        return cancel();
      case 'newline': {
        const el = e.currentTarget;
        return el.setRangeText('\n', el.selectionStart, el.selectionEnd, 'end');
      }
      case 'commit':
        return commit(cmd.rows, cmd.cols);
      case 'undo':
        return props.onUndo();
      case 'redo':
        return props.onRedo();
      case 'fillDown':
        return apply(
          planFillDown(selection, target, (r, c) => textAt(r, c)),
          'fill',
        );
      case 'structure':
        return props.onStructure?.(cmd.op, selectedDataRows());
      case 'resize': {
        const c = columns[col]!;
        const w = (widths[c.key] ?? c.width) + cmd.delta;
        return props.onResize(c.key, Math.max(c.minWidth ?? 40, w));
      }
      case 'move': {
        const last = { up: 0, down: rows.length - 1, left: 0, right: columns.length - 1 };
        const step = { up: [-1, 0], down: [1, 0], left: [0, -1], right: [0, 1] }[cmd.direction];
        const vertical = cmd.direction === 'up' || cmd.direction === 'down';
        const r = vertical ? (cmd.toEdge ? last[cmd.direction] : row + step[0]!) : row;
        const c = vertical ? col : cmd.toEdge ? last[cmd.direction] : col + step[1]!;
        return moveTo(r, c, cmd.extend);
      }
      case 'home':
        return moveTo(cmd.toStart ? 0 : row, 0, cmd.extend);
      case 'end':
        return moveTo(cmd.toEnd ? rows.length - 1 : row, columns.length - 1, cmd.extend);
      case 'page':
        return moveTo(row + (cmd.direction === 'down' ? page : -page), col, cmd.extend);
      case 'next':
        return cmd.down
          ? moveTo(row + (cmd.back ? -1 : 1), col)
          : moveTo(row, col + (cmd.back ? -1 : 1));
      case 'toggleGroup':
        return current?.kind === 'group' ? props.onToggleGroup(current.key) : undefined;
      case 'edit':
        return beginEdit('edit', null);
      case 'clear':
        return apply(planClear(selection, target), 'clear');
      case 'typeOver':
        resetInput();
        return beginEdit('enter', '');
      case 'collapse':
        return setAnchor({ row, col });
      case 'pick': {
        if (current?.kind !== 'data') return;
        const locked = props.lockedMessage?.(current.data);
        return locked ? props.onNotice('error', locked) : setPicking(true);
      }
      case 'swallow':
        return;
    }
  };

  const textAt = (r: number, c: number): string => {
    const x = rows[r];
    return x?.kind === 'data' ? columns[c]!.text(x.data) : '';
  };

  const onInput = () => {
    if (editing || !input.current) return;
    if (composing.current) return; // compositionstart already began the edit
    const typed = input.current.value;
    if (typed === '') return;
    if (current?.kind !== 'data') {
      resetInput();
      return;
    }
    beginEdit('enter', typed);
  };

  const onCompositionStart = () => {
    composing.current = true;
    if (!editing && current?.kind === 'data') {
      const column = columns[col]!;
      if (column.kind === 'text') setEditing({ mode: 'enter' });
    }
  };
  const onCompositionEnd = () => {
    composing.current = false;
    if (!editing && input.current && input.current.value !== '') onInput();
  };

  const onCopy = (e: ClipboardEvent<HTMLTextAreaElement>) => {
    if (editing) return;
    e.preventDefault();
    const block: string[][] = [];
    for (let r = selection.top; r <= selection.bottom; r++) {
      if (rows[r]?.kind !== 'data') continue;
      const line: string[] = [];
      for (let c = selection.left; c <= selection.right; c++) line.push(textAt(r, c));
      block.push(line);
    }
    e.clipboardData.setData('text/plain', formatTsv(block));
  };
  const onCut = (e: ClipboardEvent<HTMLTextAreaElement>) => {
    if (editing) return;
    onCopy(e);
    apply(planClear(selection, target), 'clear');
  };
  const onPaste = (e: ClipboardEvent<HTMLTextAreaElement>) => {
    if (editing) return;
    e.preventDefault();
    const text = e.clipboardData.getData('text/plain');
    apply(planPaste(parseTsv(text), selection, target), 'paste');
  };

  const cellAt = (ev: ReactMouseEvent): CellPos | null => {
    const cell = (ev.target as HTMLElement).closest<HTMLElement>('[data-cell]');
    if (!cell) return null;
    const [r, c] = cell.dataset.cell!.split(':').map(Number);
    return { row: r!, col: c! };
  };
  const onMouseDown = (ev: ReactMouseEvent) => {
    const pos = cellAt(ev);
    if (!pos || ev.button !== 0) return;
    ev.preventDefault();
    if (editing) commit(0, 0);
    const r = rows[pos.row];
    if (r?.kind === 'group' && (ev.target as HTMLElement).closest('.grid-twisty'))
      props.onToggleGroup(r.key);
    setActive(pos);
    if (!ev.shiftKey) setAnchor(pos);
    dragging.current = true;
    focusInput();
  };
  // A real drag moves the pointer with the button held. mouseover alone also fires
  // when the layout shifts under a still pointer (a panel opening), which must not
  // move the selection.
  const onMouseMove = (ev: ReactMouseEvent) => {
    if (!dragging.current || (ev.buttons & 1) === 0 || (ev.movementX === 0 && ev.movementY === 0))
      return;
    const pos = cellAt(ev);
    if (pos) setActive(pos);
  };
  useEffect(() => {
    const up = () => (dragging.current = false);
    window.addEventListener('mouseup', up);
    return () => window.removeEventListener('mouseup', up);
  }, []);
  const onDoubleClick = (ev: ReactMouseEvent) => {
    const pos = cellAt(ev);
    if (!pos) return;
    const r = rows[pos.row];
    if (r?.kind === 'group') return props.onToggleGroup(r.key);
    beginEdit('edit', null);
  };

  const startResize = (ev: ReactMouseEvent, key: string, start: number, min: number) => {
    ev.preventDefault();
    ev.stopPropagation();
    const x0 = ev.clientX;
    const move = (m: MouseEvent) => props.onResize(key, Math.max(min, start + m.clientX - x0));
    const up = () => {
      window.removeEventListener('mousemove', move);
      window.removeEventListener('mouseup', up);
    };
    window.addEventListener('mousemove', move);
    window.addEventListener('mouseup', up);
  };

  const activeTop = layout.tops[row] ?? 0;
  const activeHeight = heights[row] ?? LINE_PX + ROW_PAD_PX;
  const activeCol = columns[col];
  const editorStyle: CSSProperties = {
    top: activeTop + HEADER_HEIGHT,
    left: activeCol?.frozen ? geo.lefts[col]! + scroll.left : geo.lefts[col],
    width: geo.widths[col],
    minHeight: activeHeight,
    height: editing && activeCol?.multiline ? Math.max(activeHeight, 140) : activeHeight,
  };
  const activeLabel =
    current?.kind === 'data' && activeCol
      ? `${props.rowLabel(current.data)}、${activeCol.header}：${activeCol.text(current.data) || '空欄'}`
      : current?.kind === 'group'
        ? `${current.label}（${current.count}項目、${current.collapsed ? '折りたたみ中' : '展開中'}）`
        : props.label;

  const closePick = () => {
    setPicking(false);
    focusInput();
  };
  const pick = (value: string) => {
    if (current?.kind === 'data' && activeCol && value !== activeCol.text(current.data))
      apply({ ok: true, edits: [{ row, col, text: value }], notice: null }, 'edit');
    closePick();
  };
  const pickOptions =
    picking && current?.kind === 'data' && activeCol?.options
      ? activeCol.options(current.data)
      : null;

  const visible = [];
  for (let i = first; i <= last; i++) {
    const r = rows[i]!;
    const rowSelected = i >= selection.top && i <= selection.bottom;
    visible.push(
      <GridRowView
        key={r.key}
        row={r}
        index={i}
        top={(layout.tops[i] ?? 0) + HEADER_HEIGHT}
        height={heights[i]!}
        columns={columns}
        geo={geo}
        activeCol={i === row ? col : -1}
        selLeft={rowSelected ? selection.left : -1}
        selRight={rowSelected ? selection.right : -1}
        locked={r.kind === 'data' && !!props.lockedMessage?.(r.data)}
      />,
    );
  }

  return (
    <div
      className="grid"
      role="grid"
      aria-label={props.label}
      aria-rowcount={rows.length + 1}
      aria-colcount={columns.length}
      aria-multiselectable="true"
    >
      <div
        className="grid-scroll"
        ref={scroller}
        onScroll={(e) => {
          const el = e.currentTarget;
          setScroll({
            top: el.scrollTop,
            left: el.scrollLeft,
            height: el.clientHeight - HEADER_HEIGHT,
          });
        }}
        onMouseDown={onMouseDown}
        onMouseMove={onMouseMove}
        onDoubleClick={onDoubleClick}
      >
        <div
          className="grid-canvas"
          style={{ width: geo.total, height: layout.total + HEADER_HEIGHT }}
        >
          <div
            className="grid-header"
            role="row"
            aria-rowindex={1}
            style={{ width: geo.total, height: HEADER_HEIGHT }}
          >
            {columns.map((c, ci) => (
              <div
                key={c.key}
                role="columnheader"
                aria-colindex={ci + 1}
                className={`grid-hcell${c.frozen ? ' frozen' : ''}${ci === col ? ' active-col' : ''}`}
                style={{ width: geo.widths[ci], left: c.frozen ? geo.lefts[ci] : undefined }}
              >
                {c.header}
                <span
                  className="grid-resize"
                  aria-hidden="true"
                  onMouseDown={(ev) => startResize(ev, c.key, geo.widths[ci]!, c.minWidth ?? 40)}
                />
              </div>
            ))}
          </div>
          {visible}
          <textarea
            ref={input}
            className={`grid-input${editing ? ' editing' : ''}`}
            style={editorStyle}
            aria-label={activeLabel}
            aria-roledescription="セル"
            aria-multiline={activeCol?.multiline ? 'true' : 'false'}
            spellCheck={false}
            autoComplete="off"
            onKeyDown={onKeyDown}
            onInput={onInput}
            onCompositionStart={onCompositionStart}
            onCompositionEnd={onCompositionEnd}
            onCopy={onCopy}
            onCut={onCut}
            onPaste={onPaste}
            onBlur={() => {
              if (editing && !composing.current) commit(0, 0);
            }}
            data-testid="grid-input"
          />
          {pickOptions && current?.kind === 'data' && activeCol ? (
            <PickList
              label={`${activeCol.header}の選択肢`}
              options={pickOptions}
              current={activeCol.text(current.data)}
              style={{
                top: activeTop + HEADER_HEIGHT + activeHeight,
                left: editorStyle.left,
                minWidth: geo.widths[col],
              }}
              onPick={pick}
              onClose={closePick}
            />
          ) : null}
        </div>
      </div>
    </div>
  );
}

interface RowViewProps<T> {
  row: GridRow<T>;
  index: number;
  top: number;
  height: number;
  columns: GridColumn<T>[];
  geo: Geometry;
  activeCol: number;
  selLeft: number;
  selRight: number;
  locked: boolean;
}

function GridRowViewInner<T>({
  row,
  index,
  top,
  height,
  columns,
  geo,
  activeCol,
  selLeft,
  selRight,
  locked,
}: RowViewProps<T>) {
  // Placed by `top`, not a transform: a transform would make each row a
  // stacking context holding its frozen cells, and every row painted after a
  // frozen (sticky, composited) cell would need a compositor layer of its own.
  const style: CSSProperties = { top, height, width: geo.total };
  if (row.kind === 'group') {
    return (
      <div
        role="row"
        aria-rowindex={index + 2}
        aria-expanded={!row.collapsed}
        className={`grid-row group level-${row.level}${activeCol >= 0 ? ' active' : ''}`}
        style={style}
      >
        <div
          role="rowheader"
          aria-colindex={1}
          aria-colspan={columns.length}
          className="grid-group-cell"
          data-cell={`${index}:${Math.max(0, activeCol)}`}
          style={{ width: geo.total }}
        >
          <span className="grid-group-sticky">
            <span className="grid-twisty" aria-hidden="true">
              {row.collapsed ? '▸' : '▾'}
            </span>
            <span className="grid-group-label">{row.label}</span>
            <span className="grid-group-count">{row.count}項目</span>
          </span>
        </div>
      </div>
    );
  }
  // The frozen columns (a leading run) stay in one sticky strip per row, above
  // every row in paint order: one compositor layer a row instead of one a cell
  // plus one for each row that overlaps them.
  const frozenCount = leadingFrozen(columns);
  const cell = (c: GridColumn<T>, ci: number) => {
    const selected = ci >= selLeft && ci <= selRight;
    const cls = [
      'grid-cell',
      c.frozen ? 'frozen' : '',
      c.align === 'center' ? 'center' : '',
      c.kind !== 'text' ? `kind-${c.kind}` : '',
      selected ? 'selected' : '',
      ci === activeCol ? 'active' : '',
      c.cellClass?.(row.data) ?? '',
    ]
      .filter(Boolean)
      .join(' ');
    return (
      <div
        key={c.key}
        role="gridcell"
        aria-colindex={ci + 1}
        aria-selected={selected}
        aria-readonly={c.kind === 'readonly' || locked ? true : undefined}
        className={cls}
        data-cell={`${index}:${ci}`}
        data-col={c.key}
        style={{ width: geo.widths[ci] }}
      >
        {c.render ? c.render(row.data) : c.text(row.data)}
      </div>
    );
  };
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      className={`grid-row${activeCol >= 0 ? ' active' : ''}${locked ? ' locked' : ''}`}
      style={style}
      data-row-key={row.key}
    >
      {frozenCount > 0 ? (
        <div className="grid-frozen" style={{ width: geo.frozenRight }}>
          {columns.slice(0, frozenCount).map((c, ci) => cell(c, ci))}
        </div>
      ) : null}
      {columns.slice(frozenCount).map((c, i) => cell(c, i + frozenCount))}
    </div>
  );
}

const GridRowView = memo(GridRowViewInner) as typeof GridRowViewInner;

/** Re-renders only when its own props change (not when the selected item's history arrives). */
export const DataGrid = memo(DataGridInner) as typeof DataGridInner;
