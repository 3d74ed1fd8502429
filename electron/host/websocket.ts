import crypto from 'node:crypto';
import type { Duplex } from 'node:stream';

/**
 * The server side of a WebSocket (RFC 6455), as much as the browser host
 * needs: text messages from the page, answered with text (or, for a file,
 * binary) messages. A saved cell over HTTP costs the page a request (1–2 ms
 * of its main thread before the frame) and 6–9 ms there and back; over one
 * open socket, 0.1 ms and about 2 ms.
 *
 * Anything outside that (binary or unmasked frames, a message over the
 * limit, a broken frame) closes the socket with the code that says why; the
 * page then falls back to HTTP, and the calls it had waiting fail with a
 * message (as when a request is cut).
 */
export interface WebSocketPeer {
  send(text: string): void;
  sendBinary(bytes: Uint8Array): void;
  close(code?: number): void;
  readonly closed: boolean;
}

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
/** Refuses bytes that are not UTF-8, as a text message must be. */
const utf8 = new TextDecoder('utf-8', { fatal: true });

export const CLOSE = {
  normal: 1000,
  protocol: 1002,
  unsupported: 1003,
  invalidText: 1007,
  tooBig: 1009,
} as const;

/** The Sec-WebSocket-Accept for a key, as the handshake requires. */
export function acceptKey(key: string): string {
  return crypto
    .createHash('sha1')
    .update(key + GUID)
    .digest('base64');
}

/**
 * Completes the handshake on an upgraded socket and reads its frames.
 * `onText` receives each whole text message; `onClose` runs once.
 */
export function openWebSocket(
  socket: Duplex,
  head: Buffer,
  key: string,
  protocol: string,
  limits: { maxMessageBytes: number },
  onText: (text: string, peer: WebSocketPeer) => void,
  onClose: () => void = () => undefined,
): WebSocketPeer {
  let closed = false;
  let buffered: Buffer = head.length > 0 ? Buffer.from(head) : Buffer.alloc(0);
  let parts: Buffer[] = [];
  let partBytes = 0;
  let partsAreText = false;

  const write = (opcode: number, payload: Buffer) => {
    if (closed && opcode !== 0x8) return;
    const n = payload.length;
    const header =
      n < 126
        ? Buffer.from([0x80 | opcode, n])
        : n < 0x10000
          ? Buffer.from([0x80 | opcode, 126, n >> 8, n & 0xff])
          : (() => {
              const h = Buffer.alloc(10);
              h[0] = 0x80 | opcode;
              h[1] = 127;
              h.writeBigUInt64BE(BigInt(n), 2);
              return h;
            })();
    socket.write(Buffer.concat([header, payload]));
  };

  const finish = () => {
    if (closed) return;
    closed = true;
    onClose();
  };

  const peer: WebSocketPeer = {
    send: (text) => write(0x1, Buffer.from(text, 'utf8')),
    sendBinary: (bytes) =>
      write(0x2, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)),
    close(code = CLOSE.normal) {
      if (closed) return;
      const body = Buffer.alloc(2);
      body.writeUInt16BE(code);
      write(0x8, body);
      finish();
      socket.end();
      // a peer that never answers the close is not waited for
      setTimeout(() => socket.destroy(), 1000).unref();
    },
    get closed() {
      return closed;
    },
  };

  /** Reads whole frames from the buffer; leaves a partial one for the next chunk. */
  const readFrames = () => {
    while (!closed) {
      if (buffered.length < 2) return;
      const b0 = buffered[0]!;
      const b1 = buffered[1]!;
      const fin = (b0 & 0x80) !== 0;
      const opcode = b0 & 0x0f;
      if ((b0 & 0x70) !== 0) return peer.close(CLOSE.protocol); // no extensions were agreed
      if ((b1 & 0x80) === 0) return peer.close(CLOSE.protocol); // a client must mask
      let length = b1 & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (buffered.length < 4) return;
        length = buffered.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (buffered.length < 10) return;
        const big = buffered.readBigUInt64BE(2);
        if (big > BigInt(limits.maxMessageBytes)) return peer.close(CLOSE.tooBig);
        length = Number(big);
        offset = 10;
      }
      if (length > limits.maxMessageBytes) return peer.close(CLOSE.tooBig);
      if (buffered.length < offset + 4 + length) return;
      const mask = buffered.subarray(offset, offset + 4);
      const payload = Buffer.from(buffered.subarray(offset + 4, offset + 4 + length));
      for (let i = 0; i < payload.length; i++) payload[i]! ^= mask[i & 3]!;
      buffered = buffered.subarray(offset + 4 + length);

      if (opcode >= 0x8) {
        // control frames: whole, short, answered at once
        if (!fin || length > 125) return peer.close(CLOSE.protocol);
        if (opcode === 0x8) return peer.close(CLOSE.normal);
        if (opcode === 0x9) write(0xa, payload);
        else if (opcode !== 0xa) return peer.close(CLOSE.protocol);
        continue;
      }
      if (opcode === 0x2) return peer.close(CLOSE.unsupported); // the page sends text only
      if (opcode === 0x1) {
        if (parts.length > 0) return peer.close(CLOSE.protocol); // a new message inside one
        partsAreText = true;
      } else if (opcode !== 0x0 || !partsAreText) return peer.close(CLOSE.protocol);
      partBytes += payload.length;
      if (partBytes > limits.maxMessageBytes) return peer.close(CLOSE.tooBig);
      parts.push(payload);
      if (!fin) continue;
      const whole = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
      parts = [];
      partBytes = 0;
      partsAreText = false;
      let text: string;
      try {
        text = utf8.decode(whole);
      } catch {
        return peer.close(CLOSE.invalidText);
      }
      onText(text, peer);
    }
  };

  socket.on('data', (chunk: Buffer) => {
    if (closed) return;
    buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
    // a frame header that announces more than the limit is refused before its body arrives
    if (buffered.length > limits.maxMessageBytes + 14) return peer.close(CLOSE.tooBig);
    readFrames();
  });
  socket.on('error', () => socket.destroy());
  socket.on('close', finish);

  socket.write(
    'HTTP/1.1 101 Switching Protocols\r\n' +
      'Upgrade: websocket\r\n' +
      'Connection: Upgrade\r\n' +
      `Sec-WebSocket-Accept: ${acceptKey(key)}\r\n` +
      `Sec-WebSocket-Protocol: ${protocol}\r\n\r\n`,
  );
  if ('setNoDelay' in socket && typeof socket.setNoDelay === 'function') socket.setNoDelay(true);
  readFrames();
  return peer;
}
