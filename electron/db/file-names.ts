import fs from 'node:fs';
import path from 'node:path';

/** 20261202-101500: local time, sortable, safe in a file name on Windows. */
export function fileStamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

/**
 * A dated file beside the store that does not exist yet:
 * gyokaku.<tag>-20261202-101500<suffix>.sqlite3 (then …-2, …-3 when taken).
 */
export function datedSibling(storePath: string, tag: string, now: Date, suffix = ''): string {
  const ext = path.extname(storePath) || '.sqlite3';
  const base = storePath.slice(0, storePath.length - path.extname(storePath).length);
  const head = `${base}.${tag}-${fileStamp(now)}${suffix}`;
  let candidate = `${head}${ext}`;
  for (let i = 2; fs.existsSync(candidate); i++) candidate = `${head}-${i}${ext}`;
  return candidate;
}
