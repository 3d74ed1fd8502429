/**
 * Files in and out of the renderer, the same in Electron and the browser
 * host: read with the File API, saved as a download or into a folder the user
 * picks (File System Access API). Files cross the API as bytes both ways.
 */
import { fileTooLargeMessage, MAX_FILE_BYTES } from '../../../shared/file-limits';
import { ApiError } from '../../api/client';
export function toBase64(bytes: ArrayBuffer): string {
  const u8 = new Uint8Array(bytes);
  let s = '';
  for (let i = 0; i < u8.length; i += 0x8000)
    s += String.fromCharCode(...u8.subarray(i, i + 0x8000));
  return btoa(s);
}

export function fromBase64(data: string): Uint8Array<ArrayBuffer> {
  const s = atob(data);
  const out = new Uint8Array(new ArrayBuffer(s.length));
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

const MIME: Record<string, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv',
};

export function download(fileName: string, data: Uint8Array): void {
  const ext = fileName.split('.').pop() ?? '';
  const blob = new Blob([new Uint8Array(data)], { type: MIME[ext] ?? 'application/octet-stream' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

interface DirectoryHandle {
  name: string;
  getFileHandle(
    name: string,
    opts: { create: boolean },
  ): Promise<{
    createWritable(): Promise<{
      write(data: Uint8Array<ArrayBuffer>): Promise<void>;
      close(): Promise<void>;
    }>;
  }>;
}

export function canPickFolder(): boolean {
  return (
    typeof (window as unknown as { showDirectoryPicker?: unknown }).showDirectoryPicker ===
    'function'
  );
}

/** A folder to write into, or null if the user cancelled. */
export async function pickFolder(): Promise<DirectoryHandle | null> {
  try {
    return await (
      window as unknown as { showDirectoryPicker(o: object): Promise<DirectoryHandle> }
    ).showDirectoryPicker({ mode: 'readwrite' });
  } catch {
    return null;
  }
}

export async function writeInto(
  dir: DirectoryHandle,
  fileName: string,
  data: Uint8Array,
): Promise<void> {
  const handle = await dir.getFileHandle(fileName, { create: true });
  const w = await handle.createWritable();
  await w.write(new Uint8Array(data));
  await w.close();
}

/**
 * A chosen file's bytes, to hand to the API as they are. A file over the
 * app's one limit is refused here, before sending, with the message both
 * hosts give.
 */
export async function readFile(
  file: File,
): Promise<{ name: string; data: Uint8Array<ArrayBuffer> }> {
  if (file.size > MAX_FILE_BYTES)
    throw new ApiError({ code: 'VALIDATION', message: fileTooLargeMessage(file.name, file.size) });
  return { name: file.name, data: new Uint8Array(await file.arrayBuffer()) };
}
