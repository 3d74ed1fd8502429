import zlib from 'node:zlib';

/**
 * The zip container of a workbook, read from its central directory without
 * inflating anything up front: plain zips and zip64 (as large or streamed
 * writers produce). A container that is ambiguous — two entries of one name,
 * a directory pointing outside the file — is damaged, never guessed at.
 */
export class XlsxDamage extends Error {
  constructor(
    /** What is wrong, in Japanese, for the message staff see. */
    readonly detail: string,
    /** The part or cell it concerns (sheet!A1), when known. */
    readonly where: string | null = null,
  ) {
    super(detail);
  }
}

export interface ZipEntry {
  name: string;
  method: number;
  /** CRC-32 of the content, from the central directory. */
  crc: number;
  compressed: number;
  uncompressed: number;
  offset: number;
}

const MAX32 = 0xffffffff;

function u64(buf: Buffer, at: number): number {
  const v = buf.readBigUInt64LE(at);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new XlsxDamage('zip の大きさの値が異常です。');
  return Number(v);
}

export function zipDirectory(buf: Buffer): Map<string, ZipEntry> {
  const min = Math.max(0, buf.length - 22 - 65535);
  let eocd = -1;
  for (let i = buf.length - 22; i >= min; i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new XlsxDamage('zip の目次（中央ディレクトリ）がありません。');
  let count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  // zip64: the real count and offset are in the zip64 end record
  if (
    (count === 0xffff || at === MAX32) &&
    eocd >= 20 &&
    buf.readUInt32LE(eocd - 20) === 0x07064b50
  ) {
    const rec = u64(buf, eocd - 20 + 8);
    if (rec + 56 > buf.length || buf.readUInt32LE(rec) !== 0x06064b50)
      throw new XlsxDamage('zip64 の目次が壊れています。');
    count = u64(buf, rec + 32);
    at = u64(buf, rec + 48);
  }
  const out = new Map<string, ZipEntry>();
  for (let n = 0; n < count; n++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== 0x02014b50)
      throw new XlsxDamage('zip の目次が壊れています。');
    const method = buf.readUInt16LE(at + 10);
    const crc = buf.readUInt32LE(at + 16);
    let compressed = buf.readUInt32LE(at + 20);
    let uncompressed = buf.readUInt32LE(at + 24);
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    let offset = buf.readUInt32LE(at + 42);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLen);
    // zip64 extra field: the values that did not fit, in this order
    let x = at + 46 + nameLen;
    const xEnd = x + extraLen;
    while (x + 4 <= xEnd) {
      const id = buf.readUInt16LE(x);
      const size = buf.readUInt16LE(x + 2);
      if (id === 0x0001) {
        let p = x + 4;
        if (uncompressed === MAX32) {
          uncompressed = u64(buf, p);
          p += 8;
        }
        if (compressed === MAX32) {
          compressed = u64(buf, p);
          p += 8;
        }
        if (offset === MAX32) offset = u64(buf, p);
      }
      x += 4 + size;
    }
    if (out.has(name)) throw new XlsxDamage(`zip の中に「${name}」が2つあります。`, name);
    if (offset + 30 > buf.length)
      throw new XlsxDamage(`「${name}」の位置がファイルの外です。`, name);
    out.set(name, { name, method, crc, compressed, uncompressed, offset });
    at += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

/** Node's own CRC-32 where it has one (20.15+), the table otherwise. */
const nativeCrc = (zlib as unknown as { crc32?: (d: Uint8Array) => number }).crc32;

function crc32(data: Uint8Array): number {
  if (nativeCrc) return nativeCrc(data) >>> 0;
  let c = -1;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

/**
 * One entry's content as text (UTF-8), inflated with a cap at its declared
 * size and checked against its CRC: a changed byte in a part is damage,
 * never a silently different answer.
 */
export function readEntry(buf: Buffer, e: ZipEntry): string {
  if (buf.readUInt32LE(e.offset) !== 0x04034b50)
    throw new XlsxDamage(`「${e.name}」の部品が壊れています。`, e.name);
  const start = e.offset + 30 + buf.readUInt16LE(e.offset + 26) + buf.readUInt16LE(e.offset + 28);
  if (start + e.compressed > buf.length)
    throw new XlsxDamage(`「${e.name}」が途中で切れています。`, e.name);
  const raw = buf.subarray(start, start + e.compressed);
  let data: Buffer;
  if (e.method === 0) data = raw;
  else if (e.method !== 8)
    throw new XlsxDamage(`「${e.name}」の圧縮形式に対応していません。`, e.name);
  else {
    try {
      data = zlib.inflateRawSync(raw, { maxOutputLength: Math.max(1, e.uncompressed) + 1024 });
    } catch {
      throw new XlsxDamage(`「${e.name}」の圧縮データが壊れています。`, e.name);
    }
  }
  if (data.length !== e.uncompressed || crc32(data) !== e.crc)
    throw new XlsxDamage(`「${e.name}」の内容が壊れています（検査値が合いません）。`, e.name);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    throw new XlsxDamage(`「${e.name}」の文字（UTF-8）が壊れています。`, e.name);
  }
}
