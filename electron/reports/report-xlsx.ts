import type ExcelJS from 'exceljs';
import { excel } from '../xlsx/exceljs';
import type {
  ReportBlock,
  ReportCell,
  ReportColumn,
  ReportDoc,
  ReportOptions,
} from '../../shared/reports/model';
import { formatDateJa } from '../../shared/fiscal-year';
import { safeFileName } from '../inquiry/round-columns';
import { PAPER_SIZE, paperPt, printScale } from '../xlsx/print-scale';
import { linesNeeded, MAX_LINES, rowHeight, splitForRows } from '../xlsx/text-fit';
import { columnGrid, spanWidth } from './sheet-grid';
import type { SheetGrid } from './sheet-grid';

const FONT = 'BIZ UDPゴシック';
const THIN = { style: 'thin' as const, color: { argb: 'FF7F8A96' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEAD_FILL: ExcelJS.Fill = {
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb: 'FF1F5FA8' },
};

const MARGIN_IN = 0.4;
const TOP_IN = 0.6;
const BOTTOM_IN = 0.6;
/** Sheet width in column units per paper: text size on paper about that of the PDF. */
const SHEET_UNITS = { A4: [110, 160], A3: [160, 230] } as const;

export function cellText(c: ReportCell): string | number | null {
  if (c === null || typeof c === 'string' || typeof c === 'number') return c;
  if (c.kind === 'level') return c.text;
  if (c.kind === 'levels') return c.levels.map((l) => `${l.axis}：${l.text || '—'}`).join('\n');
  return c.bars.map((b) => (b.start ? `${b.label}${b.phase}` : `${b.label}→`)).join('\n');
}

/**
 * Where the pages turn, decided here row by row (rows are never split and
 * their heights are ours) and written as page breaks: a heading, caption or
 * header row that would end a page goes to the next one with the row it
 * belongs to.
 */
class Pager {
  used = 0;
  /** Height of the header row printed at the top of every page. */
  titles = 0;
  private pending: { row: number; height: number }[] = [];
  constructor(
    private readonly ws: ExcelJS.Worksheet,
    /** Printable height in sheet points, a little kept back for rounding. */
    private readonly page: number,
  ) {
    this.page *= 0.97;
  }
  place(row: number, height: number, keepWithNext: boolean): void {
    if (keepWithNext) {
      this.pending.push({ row, height });
      return;
    }
    const first = this.pending[0]?.row ?? row;
    const group = this.pending.reduce((n, p) => n + p.height, height);
    this.pending = [];
    if (this.used + group > this.page && this.used > this.titles) {
      // The break is made ours, not left to the printer: its page is a little
      // taller than this one, and pages counted apart would drift.
      this.ws.getRow(first - 1).addPageBreak();
      this.used = this.titles + group;
    } else this.used += group;
  }
  newPage(): void {
    this.used = this.titles + this.pending.reduce((n, p) => n + p.height, 0);
    this.pending = [];
  }
}

type Shape = { key: string; widths: number[] };

/** The column shape each block is laid on (headings and texts span the whole sheet). */
function shapeOf(b: ReportBlock): Shape | null {
  if (b.kind === 'table') {
    return { key: b.columns.map((c) => c.header).join('|'), widths: b.columns.map((c) => c.width) };
  }
  if (b.kind === 'bars') return null; // drawn as the table that follows it
  if (b.kind === 'fields') return { key: '#fields', widths: [16, 84] };
  return null;
}

/**
 * Merges cells of one row. exceljs checks each new merge against every earlier
 * one, so a sheet of many merges is quadratic (a 2,000-item 個票 took minutes).
 * A row's spans never overlap each other or another row's, so the check is
 * made against none, and the merge is then recorded with the others.
 */
function mergeInRow(ws: ExcelJS.Worksheet, row: number, from: number, to: number): void {
  const sheet = ws as unknown as { _merges: Record<string, unknown> };
  const earlier = sheet._merges;
  sheet._merges = {};
  try {
    ws.mergeCells(row, from, row, to);
  } finally {
    sheet._merges = Object.assign(earlier, sheet._merges);
  }
}

/**
 * The same report as a print-ready workbook for sections that edit further:
 * one sheet, the paper and orientation chosen, printed at a scale that fits
 * the sheet's width, every row as tall as its text (long texts go on in the
 * rows below: nothing is cut on paper), the header row repeated on every page
 * where the report is one table, the page header and footer as in the PDF.
 * Charts are left out: the table beside each one holds its numbers.
 */
export async function reportWorkbook(
  doc: ReportDoc,
  o: ReportOptions,
): Promise<{ fileName: string; data: Buffer }> {
  const landscape = o.orientation === 'landscape' ? 1 : 0;
  const total = SHEET_UNITS[o.paper][landscape];
  const shapes = new Map<string, number[]>();
  for (const b of doc.blocks) {
    const s = shapeOf(b);
    if (s && !shapes.has(s.key)) shapes.set(s.key, s.widths);
  }
  const tableShapes = [...shapes.keys()].filter((k) => k !== '#fields');
  const keys = [...shapes.keys()];
  const grid: SheetGrid = columnGrid(keys.length ? keys.map((k) => shapes.get(k)!) : [[1]], total);
  const spansOf = new Map(keys.map((k, i) => [k, grid.spans[i]!]));
  const all: [number, number] = [0, grid.widths.length - 1];

  const wb = new (await excel()).Workbook();
  wb.creator = '行革デスク';
  const ws = wb.addWorksheet(doc.title, {
    pageSetup: {
      paperSize: PAPER_SIZE[o.paper] as ExcelJS.PaperSize,
      orientation: o.orientation,
      scale: printScale(total, o.paper, o.orientation, MARGIN_IN),
      margins: {
        left: MARGIN_IN,
        right: MARGIN_IN,
        top: TOP_IN,
        bottom: BOTTOM_IN,
        header: 0.25,
        footer: 0.25,
      },
    },
    headerFooter: {
      oddHeader: `&L${doc.planTitle}　${doc.subtitle}&C${[o.meeting, o.meetingDate].filter(Boolean).join('　')}&R${[o.marking, o.documentNo].filter(Boolean).join('　')}`,
      oddFooter: `&L${doc.title}&C&P / &N&R作成 ${formatDateJa(new Date())}`,
    },
  });
  grid.widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  const pager = new Pager(
    ws,
    (paperPt(o.paper, o.orientation).height - (TOP_IN + BOTTOM_IN) * 72) /
      (ws.pageSetup.scale! / 100),
  );

  /**
   * One printed row: each value over its span of grid columns (merged when
   * wider than one), as tall as its tallest text. `scale` is the font size
   * against the body's 10 pt.
   */
  const writeRow = (
    values: (string | number | null)[],
    spans: [number, number][],
    style: {
      font?: Partial<ExcelJS.Font>;
      fill?: ExcelJS.Fill;
      border?: boolean;
      scale?: number;
      /** A heading, caption or header row: kept on the page of the row that follows it. */
      keepWithNext?: boolean;
      /** Per value, as the report's column says (numbers right, levels centred). */
      align?: (ReportColumn['align'] | undefined)[];
    },
  ) => {
    const r = ws.getRow(ws.rowCount + 1);
    let lines = 1;
    values.forEach((v, i) => {
      const [from, to] = spans[i]!;
      const master = r.getCell(from + 1);
      master.value = v;
      if (to > from) mergeInRow(ws, r.number, from + 1, to + 1);
      for (let c = from; c <= to; c++) {
        const cell = r.getCell(c + 1);
        cell.font = { name: FONT, size: 10 * (style.scale ?? 1), ...style.font };
        cell.alignment = { wrapText: true, vertical: 'top', horizontal: style.align?.[i] };
        if (style.fill) cell.fill = style.fill;
        if (style.border) cell.border = BORDER;
      }
      const width = spanWidth(grid, [from, to]) / (style.scale ?? 1);
      lines = Math.max(lines, linesNeeded(v == null ? '' : String(v), width));
    });
    r.height = rowHeight(Math.min(lines, MAX_LINES)) * (style.scale ?? 1);
    pager.place(r.number, r.height, style.keepWithNext ?? false);
    return r;
  };

  /** Rows of a table: each cell's text in pieces that fit a row; the item goes on below. */
  const writeBody = (
    rows: (string | number | null)[][],
    spans: [number, number][],
    align?: (ReportColumn['align'] | undefined)[],
  ) => {
    for (const values of rows) {
      const pieces = values.map((v, i) =>
        typeof v === 'string' ? splitForRows(v, spanWidth(grid, spans[i]!)) : [v],
      );
      const count = Math.max(1, ...pieces.map((p) => p.length));
      for (let k = 0; k < count; k++) {
        writeRow(
          pieces.map((p, i) =>
            k === 0
              ? (p[0] ?? null)
              : i === 0
                ? `${String(values[0] ?? '')}（続き）`
                : (p[k] ?? null),
          ),
          spans,
          { border: true, align },
        );
      }
    }
  };

  writeRow([`${doc.title}　${doc.planTitle}　${doc.subtitle}`], [all], {
    font: { bold: true },
    scale: 1.4,
    keepWithNext: true,
  });
  if (doc.empty) writeRow([doc.empty], [all], {});
  // Tables that share their columns (one per 分野) are one table with the
  // headings as group rows, so its single header row repeats on every page.
  const oneTable = tableShapes.length === 1 && !shapes.has('#fields');
  let headerRow = 0;
  for (const b of doc.blocks) {
    if (b.kind === 'heading') {
      writeRow([b.text], [all], {
        font: { bold: true },
        scale: b.level === 3 ? 1.1 : b.level === 2 ? 1.2 : 1.3,
        keepWithNext: true,
        fill:
          oneTable && headerRow
            ? {
                type: 'pattern',
                pattern: 'solid',
                fgColor: {
                  argb: b.level === 1 ? 'FFC9D6E6' : b.level === 2 ? 'FFDCE6F2' : 'FFEEF3F9',
                },
              }
            : undefined,
      });
    } else if (b.kind === 'text') {
      writeBody([[b.text]], [all]);
    } else if (b.kind === 'fields') {
      writeBody(b.rows, spansOf.get('#fields')!);
    } else if (b.kind === 'table') {
      const spans = spansOf.get(shapeOf(b)!.key)!;
      if (b.caption) writeRow([b.caption], [all], { font: { bold: true }, keepWithNext: true });
      if (!(oneTable && headerRow)) {
        const head = writeRow(
          b.columns.map((c) => c.header),
          spans,
          {
            font: { bold: true, color: { argb: 'FFFFFFFF' } },
            fill: HEAD_FILL,
            border: true,
            keepWithNext: true,
          },
        );
        head.eachCell((c) => (c.alignment = { ...c.alignment, horizontal: 'center' }));
        if (!headerRow && oneTable) pager.titles = head.height;
        headerRow ||= head.number;
      }
      writeBody(
        b.rows.map((r) => r.map(cellText)),
        spans,
        b.columns.map((c) => c.align),
      );
    } else if (b.kind === 'pageBreak') {
      ws.lastRow?.addPageBreak();
      pager.newPage();
    }
  }
  if (oneTable && headerRow) ws.pageSetup.printTitlesRow = `${headerRow}:${headerRow}`;
  return {
    fileName: safeFileName(
      `${o.documentNo ? `${o.documentNo}_` : ''}${doc.title}_${doc.planTitle}_${doc.subtitle.replace(/　/g, '_')}.xlsx`,
    ),
    data: Buffer.from(await wb.xlsx.writeBuffer()),
  };
}
