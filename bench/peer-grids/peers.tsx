import { StrictMode, useEffect, useMemo, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { DataGrid, renderTextEditor } from 'react-data-grid';
import type { Column } from 'react-data-grid';
import { AgGridReact } from 'ag-grid-react';
import { AllCommunityModule, ModuleRegistry } from 'ag-grid-community';
import type { ColDef, GridApi } from 'ag-grid-community';
import type { PlanDetail } from '../../shared/domain/plan';
import type { ReformItem } from '../../shared/domain/item';
import { parseTsv } from '../../shared/tsv';
import { planColumns } from '../../renderer/screens/plan-grid/columns';
import { dataRowHeight } from '../../renderer/grid/layout';
import type { HeightColumn } from '../../renderer/grid/layout';

/**
 * The peers of our plan grid in `npm run bench`: react-data-grid and AG Grid
 * Community showing the same items with the same columns, widths, texts and
 * row heights as ours (the texts and heights come from our own column
 * definitions), cells wrapping over several lines, No. and 改革項目 frozen,
 * text columns editable in place. Neither saves anything: an edit or a paste
 * only changes the grid's own rows. Pasting a block is not in either grid
 * (AG Grid's clipboard is Enterprise; react-data-grid pastes one cell), so
 * both get the same handler: the block parsed and applied in one update.
 * A row whose text changed (an edit, a paste) gets its height estimated
 * again from the new text, as ours does: a grid of wrapped cells that kept
 * the old height would cut the new text.
 */

ModuleRegistry.registerModules([AllCommunityModule]);

type Row = { id: number; h: number } & Record<string, string | number>;

/** Heights from a row's own texts: the columns whose lines come from the item keep the count taken at mount. */
type Heights = { columns: HeightColumn<Row>[]; widths: number[] };
const heightOf = (hs: Heights, r: Row) => dataRowHeight(hs.columns, r, hs.widths);

declare global {
  interface Window {
    __peer?: { mount(kind: 'rdg' | 'ag', plan: PlanDetail, items: ReformItem[]): void };
  }
}

const EDITABLE = new Set(['code', 'name', 'promotion', 'initiatives']);
/** Where the bench's paste lands: the first row, these five columns. */
const PASTE_KEYS = ['code', 'name', 'continued', 'promotion', 'initiatives'];

function toRows(
  plan: PlanDetail,
  items: ReformItem[],
): { rows: Row[]; keys: string[]; widths: number[]; headers: string[]; heights: Heights } {
  const cols = planColumns(plan);
  const widths = cols.map((c) => c.width);
  const rows = items.map((item) => {
    const r: Row = { id: item.id, h: dataRowHeight(cols, item, widths) };
    for (const c of cols) {
      r[c.key] = c.text(item);
      if (c.lines) r[`lines:${c.key}`] = c.lines(item);
    }
    return r;
  });
  const heights: Heights = {
    widths,
    columns: cols.map((c) => ({
      kind: c.kind,
      multiline: c.multiline,
      text: (r: Row) => String(r[c.key] ?? ''),
      ...(c.lines ? { lines: (r: Row) => Number(r[`lines:${c.key}`]) } : {}),
    })),
  };
  return {
    rows,
    keys: cols.map((c) => c.key),
    widths,
    headers: cols.map((c) => c.header),
    heights,
  };
}

function pasted(hs: Heights, rows: Row[], text: string): Row[] {
  const block = parseTsv(text);
  const next = rows.slice();
  block.forEach((cells, i) => {
    if (!next[i]) return;
    const r = { ...next[i]! };
    cells.forEach((v, k) => {
      if (PASTE_KEYS[k]) r[PASTE_KEYS[k]!] = v;
    });
    r.h = heightOf(hs, r);
    next[i] = r;
  });
  return next;
}

function RdgPeer({ data }: { data: ReturnType<typeof toRows> }) {
  const [rows, setRows] = useState(data.rows);
  const columns = useMemo<Column<Row>[]>(
    () =>
      data.keys.map((key, i) => ({
        key,
        name: data.headers[i]!,
        width: data.widths[i],
        frozen: i < 2,
        resizable: true,
        cellClass: 'peer-cell',
        renderEditCell: EDITABLE.has(key) ? renderTextEditor : undefined,
      })),
    [data],
  );
  const latest = useRef(rows);
  latest.current = rows;
  useEffect(() => {
    const onPaste = (e: ClipboardEvent) => {
      e.preventDefault();
      setRows(pasted(data.heights, latest.current, e.clipboardData?.getData('text/plain') ?? ''));
    };
    document.addEventListener('paste', onPaste);
    return () => document.removeEventListener('paste', onPaste);
  }, [data]);
  const onRowsChange = (next: Row[], { indexes }: { indexes: number[] }) => {
    const out = next.slice();
    for (const i of indexes) out[i] = { ...out[i]!, h: heightOf(data.heights, out[i]!) };
    setRows(out);
  };
  return (
    <DataGrid
      className="peer-grid rdg-light"
      aria-label="react-data-grid"
      columns={columns}
      rows={rows}
      rowKeyGetter={(r) => r.id}
      rowHeight={(r) => r.h}
      headerRowHeight={36}
      onRowsChange={onRowsChange}
      style={{ height: '100%' }}
    />
  );
}

function AgPeer({ data }: { data: ReturnType<typeof toRows> }) {
  const api = useRef<GridApi<Row> | null>(null);
  const columnDefs = useMemo<ColDef<Row>[]>(
    () =>
      data.keys.map((key, i) => ({
        field: key,
        headerName: data.headers[i]!,
        width: data.widths[i],
        pinned: i < 2 ? 'left' : undefined,
        editable: EDITABLE.has(key),
        cellClass: 'peer-cell',
        sortable: false,
      })),
    [data],
  );
  useEffect(() => {
    const onPaste = (e: ClipboardEvent) => {
      e.preventDefault();
      const rows: Row[] = [];
      api.current?.forEachNode((n) => rows.push(n.data!));
      const next = pasted(data.heights, rows, e.clipboardData?.getData('text/plain') ?? '');
      const changed = next.slice(0, parseTsv(e.clipboardData?.getData('text/plain') ?? '').length);
      const done = api.current?.applyTransaction({ update: changed });
      // AG Grid asks getRowHeight only when a row is made: a changed row is told its new height.
      for (const n of done?.update ?? []) n.setRowHeight(n.data!.h);
      api.current?.onRowHeightChanged();
    };
    document.addEventListener('paste', onPaste);
    return () => document.removeEventListener('paste', onPaste);
  }, [data]);
  return (
    <div style={{ height: '100%' }}>
      <AgGridReact<Row>
        rowData={data.rows}
        columnDefs={columnDefs}
        getRowId={(p) => String(p.data.id)}
        getRowHeight={(p) => p.data?.h}
        headerHeight={36}
        onGridReady={(e) => (api.current = e.api)}
        onCellValueChanged={(e) => {
          e.data.h = heightOf(data.heights, e.data);
          e.node.setRowHeight(e.data.h);
          e.api.onRowHeightChanged();
        }}
      />
    </div>
  );
}

window.__peer = {
  mount(kind, plan, items) {
    const data = toRows(plan, items);
    const root = createRoot(document.getElementById('root')!);
    flushSync(() =>
      root.render(
        <StrictMode>
          {kind === 'rdg' ? <RdgPeer data={data} /> : <AgPeer data={data} />}
        </StrictMode>,
      ),
    );
  },
};
