import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';

/**
 * A long report printed in parts (Chromium keeps every page of a print job in
 * memory: 2,000 個票 at once take gigabytes) joined into one PDF, with the
 * page numbers n / N stamped at the bottom centre where the CSS footer would
 * have put them — each part only knows its own pages.
 */
export async function mergeReportParts(parts: readonly Uint8Array[]): Promise<Uint8Array> {
  const out = await PDFDocument.create();
  for (const bytes of parts) {
    const part = await PDFDocument.load(bytes);
    const pages = await out.copyPages(part, part.getPageIndices());
    for (const p of pages) out.addPage(p);
  }
  const font = await out.embedFont(StandardFonts.Helvetica);
  const total = out.getPageCount();
  out.getPages().forEach((page, i) => {
    const text = `${i + 1} / ${total}`;
    const size = 9;
    const width = font.widthOfTextAtSize(text, size);
    // The bottom margin is 14 mm; the number sits in its middle, as @bottom-center does.
    page.drawText(text, {
      x: (page.getWidth() - width) / 2,
      y: 18,
      size,
      font,
      color: rgb(0, 0, 0),
    });
  });
  return out.save();
}
