/**
 * Calls that carry files cross the browser host as one binary frame instead
 * of JSON with base64 inside (a third larger, and a 6 MB workbook used to hit
 * the body limit). Layout: "GYK1", the JSON length (u32 LE), the JSON with
 * every byte array replaced by {"$bytes": n}, then each array as its length
 * (u32 LE) and its bytes. Electron's IPC carries byte arrays as they are.
 */
export const FRAME_TYPE = 'application/vnd.gyokaku.frame';
const MAGIC = [0x47, 0x59, 0x4b, 0x31];

/** Files sit near the top of a call or a result ({file: {data}}, {data}): looked for there only. */
export function hasBytes(v: unknown, depth = 0): boolean {
  if (v instanceof Uint8Array) return true;
  if (depth >= 3 || !v || typeof v !== 'object') return false;
  if (Array.isArray(v)) return false;
  return Object.values(v).some((x) => hasBytes(x, depth + 1));
}

export function encodeFrame(payload: unknown): Uint8Array<ArrayBuffer> {
  const blobs: Uint8Array[] = [];
  // Byte arrays are taken out before JSON.stringify sees them: a Node Buffer's
  // toJSON would first turn megabytes into an array of numbers.
  const strip = (v: unknown): unknown => {
    if (v instanceof Uint8Array) {
      blobs.push(v);
      return { $bytes: blobs.length - 1 };
    }
    if (Array.isArray(v)) return v.map(strip);
    if (v && typeof v === 'object' && !(v instanceof Date))
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, strip(x)]));
    return v;
  };
  const json = JSON.stringify(strip(payload));
  const head = new TextEncoder().encode(json);
  const size = 8 + head.length + blobs.reduce((n, b) => n + 4 + b.length, 0);
  const out = new Uint8Array(new ArrayBuffer(size));
  const view = new DataView(out.buffer);
  out.set(MAGIC, 0);
  view.setUint32(4, head.length, true);
  out.set(head, 8);
  let at = 8 + head.length;
  for (const b of blobs) {
    view.setUint32(at, b.length, true);
    out.set(b, at + 4);
    at += 4 + b.length;
  }
  return out;
}

/** The payload of a frame; throws on anything that is not a whole, well-formed frame. */
export function decodeFrame(bytes: Uint8Array): unknown {
  if (bytes.length < 8 || MAGIC.some((m, i) => bytes[i] !== m)) throw new Error('not a frame');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const jsonLen = view.getUint32(4, true);
  if (8 + jsonLen > bytes.length) throw new Error('frame cut');
  const blobs: Uint8Array[] = [];
  let at = 8 + jsonLen;
  while (at < bytes.length) {
    if (at + 4 > bytes.length) throw new Error('frame cut');
    const len = view.getUint32(at, true);
    if (at + 4 + len > bytes.length) throw new Error('frame cut');
    blobs.push(bytes.subarray(at + 4, at + 4 + len));
    at += 4 + len;
  }
  const json = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + jsonLen));
  return JSON.parse(json, (_k, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v) && '$bytes' in v) {
      const i = (v as { $bytes: unknown }).$bytes;
      if (typeof i !== 'number' || !blobs[i]) throw new Error('bad frame reference');
      return blobs[i];
    }
    return v;
  }) as unknown;
}
