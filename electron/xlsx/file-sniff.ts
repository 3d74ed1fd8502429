import { AppError } from '../../shared/errors';
import { fileTooLargeMessage, MAX_FILE_BYTES } from '../../shared/file-limits';
import type { ZipEntry } from './read-book';
import { XlsxDamage, zipDirectory } from './read-book';

/**
 * What a file really is, from its bytes (never its name), before any parser
 * sees it: staff rename files, save in old formats, send PDFs and encrypted
 * workbooks. Each answer says what to do in Japanese.
 */
/** Inflated size a returned workbook may reach; a zip bomb goes far beyond. */
const MAX_UNZIPPED_BYTES = 120 * 1024 * 1024;
const MAX_RATIO = 200;
const MAX_ENTRIES = 2000;

const RESAVE =
  'Excel で開き、「名前を付けて保存」で「Excel ブック（*.xlsx）」を選んで保存し直してから取り込んでください。';

function startsWith(buf: Buffer, bytes: number[]): boolean {
  return bytes.every((b, i) => buf[i] === b);
}

/** UTF-16LE text inside an OLE2 container (stream names are stored that way). */
function hasUtf16(buf: Buffer, text: string): boolean {
  return buf.includes(Buffer.from(text, 'utf16le'));
}

/**
 * Refuses anything that is not a plain .xlsx workbook with a message saying
 * what to do; returns quietly for one that may be parsed.
 */
export function assertXlsx(buf: Buffer, fileName: string): void {
  if (buf.length === 0) {
    throw new AppError(
      'VALIDATION',
      `「${fileName}」は空のファイルです。返送されたファイルを確認してください。`,
    );
  }
  if (buf.length > MAX_FILE_BYTES) {
    throw new AppError('VALIDATION', fileTooLargeMessage(fileName, buf.length));
  }
  if (startsWith(buf, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    if (hasUtf16(buf, 'EncryptionInfo') || hasUtf16(buf, 'EncryptedPackage')) {
      throw new AppError(
        'VALIDATION',
        `「${fileName}」にはパスワードが設定されているため読めません。Excel で開いて「ファイル」→「情報」→「ブックの保護」からパスワードを解除して保存し直してください。`,
      );
    }
    throw new AppError(
      'VALIDATION',
      `「${fileName}」は古い Excel 形式（.xls）のファイルです。${RESAVE}`,
    );
  }
  if (startsWith(buf, [0x25, 0x50, 0x44, 0x46])) {
    throw new AppError(
      'VALIDATION',
      `「${fileName}」は PDF ファイルです。返送された Excel ファイル（.xlsx）を取り込んでください。`,
    );
  }
  if (!startsWith(buf, [0x50, 0x4b, 0x03, 0x04])) {
    const head = buf.subarray(0, 512).toString('utf8');
    // Web systems export an HTML table and call it .xls
    if (/^\s*(?:\ufeff)?\s*(?:<!doctype html|<html|<table|<\?xml[^>]*>\s*<html)/i.test(head)) {
      throw new AppError(
        'VALIDATION',
        `「${fileName}」は Excel ブックではなく、ウェブのシステムなどが出力した HTML の表です（拡張子だけが .xls になっています）。Excel で開いて「名前を付けて保存」で「Excel ブック（*.xlsx）」を選んで保存し直してから取り込んでください。`,
      );
    }
    if (/^\s*<\?xml[\s\S]*urn:schemas-microsoft-com:office:spreadsheet/i.test(head)) {
      throw new AppError(
        'VALIDATION',
        `「${fileName}」は古い「XML スプレッドシート 2003」形式です。${RESAVE}`,
      );
    }
    // eslint-disable-next-line no-control-regex
    const text = !/[\u0000-\u0008\u000e-\u001a]/.test(head);
    if (text && /[,\t]/.test(head)) {
      throw new AppError(
        'VALIDATION',
        `「${fileName}」は CSV（文字だけのファイル）です。照会には行革デスクが出力した Excel ファイルを使ってください。CSV で保存し直した場合は、元の .xlsx ファイルに入力して返送してもらってください。`,
      );
    }
    throw new AppError(
      'VALIDATION',
      `「${fileName}」は Excel ファイルではありません。返送された .xlsx ファイルを選んでください。`,
    );
  }
  let entries: ZipEntry[];
  try {
    entries = [...zipDirectory(buf).values()];
  } catch (e) {
    if (e instanceof XlsxDamage && !e.detail.includes('中央ディレクトリ')) {
      throw new AppError(
        'VALIDATION',
        `「${fileName}」は壊れています（${e.detail}）。Excel で開けるか確かめ、.xlsx 形式で保存し直してもらってください。`,
      );
    }
    entries = [];
  }
  if (entries.length === 0) {
    throw new AppError(
      'VALIDATION',
      `「${fileName}」は壊れているか、途中までしかありません（ファイルの受け渡しで欠けた可能性があります）。もう一度送ってもらってください。`,
    );
  }
  if (entries.length > MAX_ENTRIES) {
    throw new AppError(
      'VALIDATION',
      `「${fileName}」は構成が異常に大きいため取り込みません。${RESAVE}`,
    );
  }
  const total = entries.reduce((n, e) => n + e.uncompressed, 0);
  const packed = entries.reduce((n, e) => n + e.compressed, 0);
  if (
    total > MAX_UNZIPPED_BYTES ||
    (packed > 0 && total / packed > MAX_RATIO && total > 10 * 1024 * 1024)
  ) {
    throw new AppError(
      'VALIDATION',
      `「${fileName}」は展開すると異常に大きくなるため取り込みません（${Math.round(total / 1024 / 1024)} MB）。不要な行・列を削除して保存し直してください。`,
    );
  }
  const names = new Set(entries.map((e) => e.name));
  if (names.has('mimetype') && names.has('content.xml')) {
    throw new AppError(
      'VALIDATION',
      `「${fileName}」は LibreOffice などの OpenDocument 形式（.ods）です。LibreOffice で開き、「ファイル」→「名前を付けて保存」で「Excel 2007-365 (.xlsx)」を選んで保存し直してから取り込んでください。`,
    );
  }
  if (!names.has('[Content_Types].xml') || !names.has('xl/workbook.xml')) {
    if (names.has('word/document.xml')) {
      throw new AppError(
        'VALIDATION',
        `「${fileName}」は Word の文書です。返送された Excel ファイル（.xlsx）を取り込んでください。`,
      );
    }
    throw new AppError(
      'VALIDATION',
      `「${fileName}」は Excel ブックではありません。返送された .xlsx ファイルを選んでください。`,
    );
  }
  if (names.has('xl/vbaProject.bin')) {
    throw new AppError(
      'VALIDATION',
      `「${fileName}」はマクロ有効ブック（.xlsm）です。マクロは取り込みに使いません。${RESAVE}`,
    );
  }
}
