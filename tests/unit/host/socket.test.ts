import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { startHostServer } from '../../../electron/host/server';
import type { HostServer } from '../../../electron/host/server';
import { acceptKey } from '../../../electron/host/websocket';
import { sampleStore, tempDir } from '../helpers';

/**
 * The browser host's WebSocket, spoken over raw sockets: the handshake's
 * checks (the same Host, Origin and token as a request), calls answered as
 * over HTTP, messages cut anywhere into TCP pieces and frames, and every
 * broken frame closing the socket with the code that says why.
 */
let host: HostServer | null = null;
afterEach(async () => {
  await host?.close();
  host = null;
});

async function start(): Promise<HostServer> {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>t</title>');
  const { handlers } = sampleStore();
  host = await startHostServer({ handlers, rendererDir: dir, port: 0 });
  return host;
}

const KEY = crypto.randomBytes(16).toString('base64');

function handshake(h: HostServer, over: Record<string, string | null> = {}): string {
  const headers: Record<string, string | null> = {
    Host: `127.0.0.1:${h.port}`,
    Origin: `http://127.0.0.1:${h.port}`,
    Upgrade: 'websocket',
    Connection: 'Upgrade',
    'Sec-WebSocket-Key': KEY,
    'Sec-WebSocket-Version': '13',
    'Sec-WebSocket-Protocol': `gyokaku, token.${h.token}`,
    ...over,
  };
  const path = over[':path'] ?? '/api/socket';
  return (
    `GET ${path} HTTP/1.1\r\n` +
    Object.entries(headers)
      .filter(([k, v]) => v !== null && !k.startsWith(':'))
      .map(([k, v]) => `${k}: ${v}`)
      .join('\r\n') +
    '\r\n\r\n'
  );
}

/** A client frame: masked unless told otherwise. */
function frame(opcode: number, payload: Buffer, opts: { fin?: boolean; mask?: boolean } = {}) {
  const fin = opts.fin ?? true;
  const masked = opts.mask ?? true;
  const n = payload.length;
  const head =
    n < 126
      ? Buffer.from([(fin ? 0x80 : 0) | opcode, (masked ? 0x80 : 0) | n])
      : n < 0x10000
        ? Buffer.from([(fin ? 0x80 : 0) | opcode, (masked ? 0x80 : 0) | 126, n >> 8, n & 255])
        : (() => {
            const b = Buffer.alloc(10);
            b[0] = (fin ? 0x80 : 0) | opcode;
            b[1] = (masked ? 0x80 : 0) | 127;
            b.writeBigUInt64BE(BigInt(n), 2);
            return b;
          })();
  if (!masked) return Buffer.concat([head, payload]);
  const mask = crypto.randomBytes(4);
  const body = Buffer.from(payload);
  for (let i = 0; i < body.length; i++) body[i]! ^= mask[i & 3]!;
  return Buffer.concat([head, mask, body]);
}

const text = (s: string, opts?: { fin?: boolean; mask?: boolean }) =>
  frame(0x1, Buffer.from(s, 'utf8'), opts);

/** What a connection got back: the handshake's answer and the server's frames. */
interface Exchange {
  status: string;
  headers: string;
  messages: { opcode: number; data: Buffer }[];
  closeCode: number | null;
}

function parseFrames(buf: Buffer): { opcode: number; data: Buffer }[] {
  const out: { opcode: number; data: Buffer }[] = [];
  let o = 0;
  while (o + 2 <= buf.length) {
    const opcode = buf[o]! & 0x0f;
    let n = buf[o + 1]! & 0x7f;
    let h = 2;
    if (n === 126) {
      n = buf.readUInt16BE(o + 2);
      h = 4;
    } else if (n === 127) {
      n = Number(buf.readBigUInt64BE(o + 2));
      h = 10;
    }
    if (o + h + n > buf.length) break;
    out.push({ opcode, data: buf.subarray(o + h, o + h + n) });
    o += h + n;
  }
  return out;
}

/** Sends the pieces in turn, then waits until `until` holds or the time is up. */
function talk(
  h: HostServer,
  pieces: Buffer[],
  until: (x: Exchange) => boolean,
  ms = 3000,
): Promise<Exchange> {
  return new Promise((resolve) => {
    const sock = net.connect(h.port, '127.0.0.1');
    let raw = Buffer.alloc(0);
    const read = (): Exchange => {
      const end = raw.indexOf('\r\n\r\n');
      const head = end < 0 ? raw.toString('latin1') : raw.subarray(0, end).toString('latin1');
      const frames = end < 0 ? [] : parseFrames(raw.subarray(end + 4));
      const close = frames.find((f) => f.opcode === 0x8);
      return {
        status: head.split('\r\n')[0] ?? '',
        headers: head,
        messages: frames.filter((f) => f.opcode !== 0x8),
        closeCode: close && close.data.length >= 2 ? close.data.readUInt16BE(0) : null,
      };
    };
    const done = () => {
      clearTimeout(timer);
      sock.destroy();
      resolve(read());
    };
    const timer = setTimeout(done, ms);
    sock.on('data', (c) => {
      raw = Buffer.concat([raw, c]);
      if (until(read())) done();
    });
    sock.on('error', done);
    sock.on('close', done);
    sock.on('connect', async () => {
      for (const p of pieces) {
        sock.write(p);
        await new Promise((r) => setTimeout(r, 2));
      }
    });
  });
}

const answers = (x: Exchange) =>
  x.messages
    .filter((m) => m.opcode === 0x1)
    .map((m) => JSON.parse(m.data.toString('utf8')) as { id: number; env: { ok: boolean } });

describe('the browser host socket', () => {
  it('accepts with the key answered as RFC 6455 says', () => {
    // the RFC's own example
    expect(acceptKey('dGhlIHNhbXBsZSBub25jZQ==')).toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
  });

  it('refuses a handshake without the token, from another page or host, or malformed', async () => {
    const h = await start();
    const cases: [Record<string, string | null>, string][] = [
      [{ 'Sec-WebSocket-Protocol': 'gyokaku' }, '401'],
      [{ 'Sec-WebSocket-Protocol': 'gyokaku, token.wrong' }, '401'],
      [{ 'Sec-WebSocket-Protocol': `token.${h.token}` }, '401'],
      [{ Origin: 'http://evil.example' }, '403'],
      [{ Origin: null }, '403'],
      [{ Host: 'evil.example' }, '403'],
      [{ ':path': '/api/other' }, '404'],
      [{ 'Sec-WebSocket-Version': '8' }, '400'],
      [{ 'Sec-WebSocket-Key': 'short' }, '400'],
    ];
    for (const [over, status] of cases) {
      const x = await talk(h, [Buffer.from(handshake(h, over))], (e) => e.status !== '', 1500);
      expect(x.status, JSON.stringify(over)).toContain(status);
      expect(x.messages).toEqual([]);
    }
  });

  it('answers a call as HTTP does, with the protocol chosen and the key accepted', async () => {
    const h = await start();
    const call = JSON.stringify({ id: 7, channel: 'plans.list', payload: {} });
    const x = await talk(h, [Buffer.from(handshake(h)), text(call)], (e) => e.messages.length > 0);
    expect(x.status).toBe('HTTP/1.1 101 Switching Protocols');
    expect(x.headers).toContain(`Sec-WebSocket-Accept: ${acceptKey(KEY)}`);
    expect(x.headers).toContain('Sec-WebSocket-Protocol: gyokaku');
    const res = await fetch(`http://127.0.0.1:${h.port}/api/plans.list`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-gyokaku-token': h.token },
      body: '{}',
    });
    const [a] = answers(x);
    expect(a!.id).toBe(7);
    expect(a!.env).toEqual(await res.json());
  });

  it('reads calls cut anywhere into TCP pieces and continuation frames', async () => {
    const h = await start();
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 1, max: 4 }),
        async (cuts, fragments) => {
          const calls = [1, 2, 3].map((id) =>
            Buffer.from(JSON.stringify({ id, channel: 'app.info', payload: {} }), 'utf8'),
          );
          const frames = calls.map((c) => {
            const size = Math.ceil(c.length / fragments);
            const parts: Buffer[] = [];
            for (let i = 0; i < fragments; i++) {
              const slice = c.subarray(i * size, (i + 1) * size);
              parts.push(frame(i === 0 ? 0x1 : 0x0, slice, { fin: i === fragments - 1 }));
            }
            return Buffer.concat(parts);
          });
          const bytes = Buffer.concat([Buffer.from(handshake(h)), ...frames]);
          const pieces: Buffer[] = [];
          let o = 0;
          for (const c of cuts) {
            if (o >= bytes.length) break;
            pieces.push(bytes.subarray(o, o + c));
            o += c;
          }
          if (o < bytes.length) pieces.push(bytes.subarray(o));
          const x = await talk(h, pieces, (e) => answers(e).length >= 3);
          expect(
            answers(x)
              .map((a) => a.id)
              .sort(),
          ).toEqual([1, 2, 3]);
          expect(answers(x).every((a) => a.env.ok)).toBe(true);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('closes on a broken frame with the code that says why, and the host lives on', async () => {
    const h = await start();
    const hs = Buffer.from(handshake(h));
    const cases: [Buffer, number][] = [
      [text('{"id":1,"channel":"app.info"}', { mask: false }), 1002],
      [frame(0x2, Buffer.from([1, 2, 3])), 1003],
      [text('not json'), 1007],
      [text('{"id":-1,"channel":"app.info"}'), 1007],
      [frame(0x1, Buffer.from([0xc3, 0x28])), 1007],
      [frame(0x0, Buffer.from('x')), 1002],
      [frame(0x9, Buffer.alloc(200)), 1002],
      [frame(0x1, Buffer.alloc(9 * 1024 * 1024, 0x20)), 1009],
      [Buffer.from([0x81, 0xff, 0, 0, 0, 1, 0, 0, 0, 0]), 1009],
      [Buffer.from([0xc1, 0x80, 1, 2, 3, 4]), 1002],
    ];
    for (const [bytes, code] of cases) {
      const x = await talk(h, [hs, bytes], (e) => e.closeCode !== null, 4000);
      expect(x.closeCode, bytes.subarray(0, 12).toString('hex')).toBe(code);
    }
    // a ping is answered, and a refused socket leaves the host answering
    const ping = await talk(h, [hs, frame(0x9, Buffer.from('hi'))], (e) => e.messages.length > 0);
    expect(ping.messages[0]).toMatchObject({ opcode: 0xa, data: Buffer.from('hi') });
    const res = await fetch(`http://127.0.0.1:${h.port}/api/app.info`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-gyokaku-token': h.token },
      body: '{}',
    });
    expect(res.status).toBe(200);
  });
});
