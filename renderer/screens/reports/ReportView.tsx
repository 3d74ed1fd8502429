import { Fragment } from 'react';
import type {
  ReportBlock,
  ReportCell,
  ReportDoc,
  ReportOptions,
} from '../../../shared/reports/model';
import { columnWidthsMm, headerPieces } from '../../../shared/reports/column-widths';
import { rowHeightMm } from '../../../shared/reports/row-height';
import { formatDateJa } from '../../../shared/fiscal-year';
import { StackedBars } from '../../components/charts';
import { usePageStyle } from '../../components/usePageStyle';

/** Paper sizes in millimetres, portrait. */
const PAPER_MM = { A4: [210, 297], A3: [297, 420] } as const;
const MARGIN_MM = 12;
const MARGIN_TOP_MM = 16;
const MARGIN_BOTTOM_MM = 14;

/** A CSS string literal for @page content. */
const css = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, ' ')}"`;

/**
 * The @page rules of one report: paper, orientation, and the running header
 * and footer (plan, year, round, 資料番号, meeting, n / N, date made, marking)
 * printed by Chromium itself on every page.
 */
export function pageStyle(
  doc: ReportDoc,
  o: ReportOptions,
  madeOn: Date,
  stampedNumbers = false,
): string {
  const right = [o.marking, o.documentNo].filter(Boolean).join('　');
  const meeting = [o.meeting, o.meetingDate].filter(Boolean).join('　');
  return `
@page {
  size: ${o.paper} ${o.orientation};
  margin: ${MARGIN_TOP_MM}mm ${MARGIN_MM}mm ${MARGIN_BOTTOM_MM}mm ${MARGIN_MM}mm;
  @top-left { content: ${css(`${doc.planTitle}　${doc.subtitle}`)}; font-size: 8.5pt; color: #333; }
  @top-center { content: ${css(meeting)}; font-size: 8.5pt; color: #333; }
  @top-right { content: ${css(right)}; font-size: 10pt; font-weight: bold; }
  @bottom-left { content: ${css(doc.title)}; font-size: 8pt; color: #333; }
  ${
    // A report printed in parts gets its n / N stamped when the parts are joined.
    stampedNumbers
      ? ''
      : '@bottom-center { content: counter(page) " / " counter(pages); font-size: 9pt; }'
  }
  @bottom-right { content: ${css(`作成 ${formatDateJa(madeOn)}`)}; font-size: 8pt; color: #333; }
}`;
}

/** The printable width of the page, for the on-screen sheet (same layout as on paper). */
export function sheetWidthMm(o: ReportOptions): number {
  const [w, h] = PAPER_MM[o.paper];
  return (o.orientation === 'portrait' ? w : h) - MARGIN_MM * 2;
}

/** The printable height of the page (paper less the top and bottom margins). */
export function pageHeightMm(o: ReportOptions): number {
  const [w, h] = PAPER_MM[o.paper];
  return (o.orientation === 'portrait' ? h : w) - MARGIN_TOP_MM - MARGIN_BOTTOM_MM;
}

function Cell({ cell }: { cell: ReportCell }) {
  if (cell === null) return null;
  if (typeof cell === 'string' || typeof cell === 'number') return <>{cell}</>;
  if (cell.kind === 'level') {
    return (
      <span className="r-level" style={{ borderColor: cell.color }}>
        {cell.text}
      </span>
    );
  }
  if (cell.kind === 'levels') {
    return (
      <>
        {/* no element around each pair: see Header */}
        {cell.levels.map((l) => (
          <Fragment key={l.axis}>
            <span className="r-axis">{l.axis}</span>
            <span className="r-level" style={{ borderColor: l.color }}>
              {l.text || '—'}
            </span>
          </Fragment>
        ))}
      </>
    );
  }
  return (
    <>
      {cell.bars.map((b, i) => (
        <div
          key={i}
          className={`r-bar phase-${b.phase}${b.start ? ' start' : ''}${b.end ? ' end' : ''}`}
          title={`${b.label}${b.phase}`}
        >
          {b.start ? `${b.label}${b.phase}` : b.label}
          {b.end ? '' : ' →'}
        </div>
      ))}
    </>
  );
}

/**
 * A header broken only between its pieces (「取組予定・」「年度目標」), never
 * inside a word: the pieces are plain text with a break chance (<wbr>) between
 * them and the header's lines apart by <br>. No element per piece or line: a
 * 個票 part has some 1,500 headers, and an element each made Chromium's print
 * layout of the part about a third slower (docs/performance.md).
 */
function Header({ text }: { text: string }) {
  return (
    <>
      {text.split('\n').map((line, i) => (
        <Fragment key={i}>
          {i > 0 ? <br /> : null}
          {headerPieces(line).map((p, k) => (
            <Fragment key={k}>
              {k > 0 ? <wbr /> : null}
              {p}
            </Fragment>
          ))}
        </Fragment>
      ))}
    </>
  );
}

function Block({
  block,
  widthMm,
  tallMm,
}: {
  block: ReportBlock;
  widthMm: number;
  tallMm: number;
}) {
  switch (block.kind) {
    case 'heading':
      return block.level === 1 ? (
        <h2 className="r-h2 r-h2-group">{block.text}</h2>
      ) : block.level === 2 ? (
        <h2 className="r-h2">{block.text}</h2>
      ) : (
        <h3 className="r-h3">{block.text}</h3>
      );
    case 'text':
      return <p className="r-note">{block.text}</p>;
    case 'pageBreak':
      return <div className="r-page-break" />;
    case 'fields':
      return (
        <table className="r-fields">
          <tbody>
            {block.rows.map(([k, v]) => (
              <tr key={k}>
                <th scope="row">{k}</th>
                <td>{v}</td>
              </tr>
            ))}
          </tbody>
        </table>
      );
    case 'bars':
      return (
        <figure className="r-figure">
          <StackedBars
            title={block.caption}
            rows={block.rows.map((r) => ({
              key: r.label,
              label: r.label,
              total: r.total,
              segments: r.segments.map((s) => ({ key: s.label, ...s })),
            }))}
          />
          <figcaption className="r-legend">
            {block.legend.map((l) => (
              <span key={l.label}>
                <span className="legend-swatch" style={{ background: l.color }} />
                {l.label}
              </span>
            ))}
          </figcaption>
        </figure>
      );
    case 'table': {
      const widths = columnWidthsMm(block.columns, block.rows, widthMm, 9, 9);
      const total = widths.reduce((a, b) => a + b, 0);
      return (
        <table className="r-table">
          {block.caption ? <caption>{block.caption}</caption> : null}
          {/* The widths on the header cells (table-layout: fixed takes them from the
              first row), not on <col>s: the same layout with fewer elements to lay out. */}
          <thead>
            <tr>
              {block.columns.map((c, i) => (
                <th key={i} scope="col" style={{ width: `${(widths[i]! / total) * 100}%` }}>
                  <Header text={c.header} />
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {block.rows.map((r, i) => (
              <tr key={i} className={rowHeightMm(r, widths, 9) > tallMm ? 'r-tall' : undefined}>
                {r.map((cell, k) => (
                  <td
                    key={k}
                    className={`align-${block.columns[k]?.align ?? 'left'}${block.columns[k]?.schedule ? ' r-schedule' : ''}`}
                  >
                    <Cell cell={cell} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      );
    }
  }
}

/** One report as it prints: the same element is the preview and the printed page. */
export function ReportView({
  doc,
  options,
  madeOn,
  stampedNumbers = false,
}: {
  doc: ReportDoc;
  options: ReportOptions;
  madeOn: Date;
  /** Printing in parts: page numbers are stamped on the joined PDF, not by CSS. */
  stampedNumbers?: boolean;
}) {
  usePageStyle(pageStyle(doc, options, madeOn, stampedNumbers));
  // A row taller than half a page may break across pages (its text goes on
  // under the repeated header); shorter rows stay whole.
  const tallMm = pageHeightMm(options) / 2;
  return (
    <article
      className={`report report-${doc.kind}`}
      aria-label={`${doc.title}のプレビュー`}
      style={{ width: `${sheetWidthMm(options)}mm` }}
    >
      <header className="r-title">
        <div className="r-title-main">
          {doc.title}
          <span className="r-title-sub">
            {doc.planTitle}　{doc.subtitle}
          </span>
        </div>
        {options.documentNo || options.marking ? (
          <div className="r-doc-no">
            {[options.marking, options.documentNo].filter(Boolean).join('　')}
          </div>
        ) : null}
      </header>
      {doc.empty ? (
        <p className="r-empty">{doc.empty}</p>
      ) : (
        doc.blocks.map((b, i) => (
          <Block key={i} block={b} widthMm={sheetWidthMm(options)} tallMm={tallMm} />
        ))
      )}
    </article>
  );
}
