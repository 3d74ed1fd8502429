import ExcelJS from 'exceljs';
import type { ReportCell, ReportDoc, ReportOptions } from '../../shared/reports/model';
import { formatDateJa } from '../../shared/fiscal-year';
import { safeFileName } from '../inquiry/round-columns';
import { linesNeeded, MAX_LINES, rowHeight, splitForRows } from './text-fit';

const FONT = 'BIZ UDPゴシック';
const THIN = { style: 'thin' as const, color: { argb: 'FF7F8A96' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

function cellText(c: ReportCell): string | number | null {
  if (c === null || typeof c === 'string' || typeof c === 'number') return c;
  if (c.kind === 'level') return c.text;
  return c.bars.map((b) => (b.start ? `${b.label}${b.phase}` : `${b.label}→`)).join('\n');
}

/**
 * The same report as a print-ready workbook for sections that edit further:
 * one sheet, the paper and orientation chosen, fit to width, the header row
 * of each table repeated through print titles where there is one table, the
 * page header and footer as in the PDF. Charts become their tables.
 */
export async function reportWorkbook(
  doc: ReportDoc,
  o: ReportOptions,
): Promise<{ fileName: string; data: Buffer }> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '行革デスク';
  const ws = wb.addWorksheet(doc.title, {
    pageSetup: {
      paperSize: (o.paper === 'A3' ? 8 : 9) as ExcelJS.PaperSize,
      orientation: o.orientation,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.25, footer: 0.25 },
    },
    headerFooter: {
      oddHeader: `&L${doc.planTitle}　${doc.subtitle}&C${[o.meeting, o.meetingDate].filter(Boolean).join('　')}&R${[o.marking, o.documentNo].filter(Boolean).join('　')}`,
      oddFooter: `&L${doc.title}&C&P / &N&R作成 ${formatDateJa(new Date())}`,
    },
  });
  const widestTable = Math.max(
    1,
    ...doc.blocks.map((b) => (b.kind === 'table' ? b.columns.length : 2)),
  );
  // Column widths from the widest table's relative widths, over the paper's width in
  // characters (fit to width scales the whole; the wrap is computed on these units).
  const total =
    o.orientation === 'landscape' ? (o.paper === 'A3' ? 230 : 160) : o.paper === 'A3' ? 160 : 110;
  const widest = doc.blocks.find((b) => b.kind === 'table' && b.columns.length === widestTable);
  const rel =
    widest && widest.kind === 'table'
      ? widest.columns.map((c) => c.width)
      : Array.from({ length: widestTable }, (_, i) => (i === 0 ? 1 : 3));
  const relSum = rel.reduce((a, b) => a + b, 0);
  const widths = rel.map((w) => Math.max(6, Math.round((w / relSum) * total)));
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  const spanWidth = (from: number, to: number) =>
    widths.slice(from - 1, to).reduce((a, b) => a + b, 0);
  /** A long text over the columns from..to of one row, merged, as tall as it needs, continued below when longer. */
  const spanRows = (label: string | null, text: string, font: Partial<ExcelJS.Font>) => {
    const from = label === null ? 1 : 2;
    const width = spanWidth(from, widthsCount());
    const pieces = splitForRows(text, width);
    pieces.forEach((piece, k) => {
      const r = ws.addRow(label === null ? [piece] : [k === 0 ? label : `${label}（続き）`, piece]);
      if (widthsCount() > from) ws.mergeCells(r.number, from, r.number, widthsCount());
      r.eachCell((c) => {
        c.font = { name: FONT, size: 10, ...font };
        c.alignment = { wrapText: true, vertical: 'top' };
      });
      r.height = rowHeight(
        Math.max(linesNeeded(piece, width), label === null ? 1 : linesNeeded(label, widths[0]!)),
      );
    });
  };
  const widthsCount = () => widths.length;
  const title = ws.addRow([`${doc.title}　${doc.planTitle}　${doc.subtitle}`]);
  title.font = { name: FONT, size: 14, bold: true };
  if (doc.empty) ws.addRow([doc.empty]);
  let tables = 0;
  let titleRow = 0;
  // Tables that share their columns (one per 分野) become one table with the
  // headings as group rows, so a single header row repeats on every page.
  const tableHeads = doc.blocks.flatMap((b) =>
    b.kind === 'table' ? [b.columns.map((c) => c.header).join('|')] : [],
  );
  const oneTable = tableHeads.length > 1 && new Set(tableHeads).size === 1;
  let headerWritten = false;
  for (const b of doc.blocks) {
    if (b.kind === 'heading') {
      const r = ws.addRow([b.text]);
      r.font = { name: FONT, bold: true, size: b.level === 2 ? 12 : 11 };
      if (oneTable && headerWritten) {
        ws.mergeCells(r.number, 1, r.number, tableHeads[0]!.split('|').length);
        r.getCell(1).fill = {
          type: 'pattern',
          pattern: 'solid',
          fgColor: { argb: b.level === 2 ? 'FFDCE6F2' : 'FFEEF3F9' },
        };
      }
    } else if (b.kind === 'text') {
      spanRows(null, b.text, {});
    } else if (b.kind === 'fields') {
      for (const [k, v] of b.rows) spanRows(k, v, {});
    } else if (b.kind === 'table' || b.kind === 'bars') {
      const columns =
        b.kind === 'table'
          ? b.columns.map((c) => c.header)
          : ['区分', ...b.legend.map((l) => l.label), '評価計'];
      const rows: (string | number | null)[][] =
        b.kind === 'table'
          ? b.rows.map((r) => r.map(cellText))
          : b.rows.map((r) => [
              r.label,
              ...r.segments.map((s) => `${s.value}件（${s.text}）`),
              `${r.total}件`,
            ]);
      if (b.kind === 'table' && b.caption) ws.addRow([b.caption]).font = { name: FONT, bold: true };
      if (!(oneTable && headerWritten && b.kind === 'table')) {
        const head = ws.addRow(columns);
        if (tables === 0) titleRow = head.number;
        tables++;
        if (b.kind === 'table') headerWritten = true;
        head.eachCell((c) => {
          c.font = { name: FONT, bold: true, color: { argb: 'FFFFFFFF' } };
          c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F5FA8' } };
          c.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
          c.border = BORDER;
        });
      }
      for (const values of rows) {
        // Each cell's text in pieces that fit the tallest row; the item goes on in the rows below.
        const pieces = values.map((v, i) =>
          typeof v === 'string' ? splitForRows(v, widths[i] ?? 14) : [v],
        );
        const count = Math.max(1, ...pieces.map((p) => p.length));
        for (let k = 0; k < count; k++) {
          const rowValues = pieces.map((p, i) =>
            k === 0
              ? (p[0] ?? null)
              : i === 0
                ? `${String(values[0] ?? '')}（続き）`
                : (p[k] ?? null),
          );
          const r = ws.addRow(rowValues);
          let lines = 1;
          r.eachCell({ includeEmpty: true }, (c, col) => {
            if (col > columns.length) return;
            c.font = { name: FONT, size: 10 };
            c.alignment = { wrapText: true, vertical: 'top' };
            c.border = BORDER;
            const t = c.value == null ? '' : String(c.value);
            lines = Math.max(lines, linesNeeded(t, widths[col - 1] ?? 14));
          });
          r.height = rowHeight(Math.min(lines, MAX_LINES));
        }
      }
    } else if (b.kind === 'pageBreak') {
      const last = ws.lastRow;
      if (last) last.addPageBreak();
    }
  }
  // One table: its header repeats on every page. Several different ones (個票, 総括表) each start with their own.
  if (tables === 1 && titleRow) ws.pageSetup.printTitlesRow = `${titleRow}:${titleRow}`;
  return {
    fileName: safeFileName(
      `${o.documentNo ? `${o.documentNo}_` : ''}${doc.title}_${doc.planTitle}_${doc.subtitle.replace(/　/g, '_')}.xlsx`,
    ),
    data: Buffer.from(await wb.xlsx.writeBuffer()),
  };
}
