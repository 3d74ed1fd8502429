import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { startHostServer } from '../../../electron/host/server';
import type { HostServer } from '../../../electron/host/server';
import { sampleStore, tempDir } from '../helpers';

/**
 * No request stops the browser host: hundreds of malformed requests over raw
 * sockets — bad request lines, encodings, headers, bodies, aborted and
 * slow partial sends (bounded in time) — with and without the token; after
 * every one the host still answers a valid request.
 */
let host: HostServer | null = null;
afterEach(async () => {
  await host?.close();
  host = null;
});

/** Sends raw bytes, maybe in pieces, and returns whatever came back (or '' on a reset). */
function raw(
  port: number,
  pieces: (string | Buffer)[],
  opts: { pauseMs?: number; closeAfterMs?: number } = {},
): Promise<string> {
  return new Promise((resolve) => {
    const sock = net.connect(port, '127.0.0.1');
    let got = '';
    const done = () => {
      clearTimeout(limit);
      sock.destroy();
      resolve(got);
    };
    const limit = setTimeout(done, opts.closeAfterMs ?? 1500);
    sock.on('data', (c) => (got += c.toString('latin1')));
    sock.on('error', done);
    sock.on('close', done);
    sock.on('connect', async () => {
      for (const p of pieces) {
        if (sock.destroyed) return;
        sock.write(p);
        if (opts.pauseMs) await new Promise((r) => setTimeout(r, opts.pauseMs));
      }
      if (opts.closeAfterMs === undefined) sock.end();
    });
  });
}

function valid(h: HostServer): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: h.port,
        method: 'POST',
        path: '/api/app.info',
        headers: { 'Content-Type': 'application/json', 'x-gyokaku-token': h.token },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end('{}');
  });
}

const bad = {
  line: fc.constantFrom(
    'GET //[ HTTP/1.1',
    'GET //[::1 HTTP/1.1',
    'POST /api/%E0%A4%A HTTP/1.1',
    'GET /%E0%A4%A HTTP/1.1',
    'GET /%ZZ HTTP/1.1',
    'GET /..%2f..%2fetc%2fpasswd HTTP/1.1',
    'GET /assets/%00 HTTP/1.1',
    'GET http://evil.example/ HTTP/1.1',
    'GET * HTTP/1.1',
    'BREW /api/app.info HTTP/1.1',
    'GET /api/app.info HTTP/9.9',
    'GET /api/app.info',
    'GET',
    '\x00\x01\x02',
    'POST /api/ HTTP/1.1',
    'POST /api/%2e%2e HTTP/1.1',
    'POST /api/items.list?x=%ff HTTP/1.1',
    `GET /${'a'.repeat(20000)} HTTP/1.1`,
  ),
  header: fc.constantFrom(
    'Host: 127.0.0.1:PORT',
    'Host: evil.example',
    'Host:',
    'Content-Length: -1',
    'Content-Length: 99999999999',
    'Content-Length: abc',
    'Content-Length: 5\r\nContent-Length: 6',
    'Transfer-Encoding: chunked',
    'Transfer-Encoding: gzip, chunked',
    'Content-Type: application/json',
    'Content-Type: application/vnd.gyokaku.frame',
    'Origin: http://evil.example',
    'x-gyokaku-token: TOKEN',
    'x-gyokaku-token: wrong',
    'Bad Header Name: x',
    'NoColonHeader',
    `X-Long: ${'b'.repeat(20000)}`,
    'Expect: 100-continue',
  ),
  body: fc.constantFrom(
    '',
    '{',
    '{"planId": 1}',
    'GYK1\u00ff\u00ff\u00ff\u00ff',
    'zz\r\n',
    '5\r\nabc\r\n0\r\n\r\n',
    'null',
    '[]',
    '{"planId": "1; DROP TABLE plans"}',
  ),
};

describe('the browser host under malformed requests', () => {
  it('answers every later valid request after 500+ malformed ones, with and without the token', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>行革デスク</title>');
    const { handlers } = sampleStore();
    host = await startHostServer({ handlers, rendererDir: dir, port: 0 });
    const h = host;
    const fill = (s: string) => s.replace('PORT', String(h.port)).replace('TOKEN', h.token);

    // the two requests that used to kill the host
    await raw(h.port, [`GET //[ HTTP/1.1\r\nHost: 127.0.0.1:${h.port}\r\n\r\n`]);
    expect(await valid(h)).toBe(200);
    await raw(h.port, [
      `POST /api/%E0%A4%A HTTP/1.1\r\nHost: 127.0.0.1:${h.port}\r\nContent-Type: application/json\r\nx-gyokaku-token: ${h.token}\r\nContent-Length: 2\r\n\r\n{}`,
    ]);
    expect(await valid(h)).toBe(200);

    let sent = 2;
    const samples = fc.sample(
      fc.record({
        line: bad.line,
        headers: fc.array(bad.header, { maxLength: 4 }),
        body: bad.body,
        host: fc.boolean(),
        mode: fc.constantFrom('whole', 'whole', 'whole', 'pieces', 'abort', 'slow'),
      }),
      { numRuns: 520, seed: 1202 },
    );
    for (const s of samples) {
      const head = [
        s.line,
        ...(s.host ? [`Host: 127.0.0.1:${h.port}`] : []),
        ...s.headers.map(fill),
      ].join('\r\n');
      const msg = `${head}\r\n\r\n${s.body}`;
      if (s.mode === 'whole') await raw(h.port, [msg], { closeAfterMs: 300 });
      else if (s.mode === 'pieces')
        await raw(h.port, msg.match(/[\s\S]{1,7}/g) ?? [msg], { pauseMs: 1, closeAfterMs: 300 });
      else if (s.mode === 'abort')
        await raw(h.port, [msg.slice(0, Math.floor(msg.length / 2))], { closeAfterMs: 20 });
      // slowloris: a few bytes, a pause, then gone — bounded, never waiting on the host's timeouts
      else
        await raw(h.port, [msg.slice(0, 5), msg.slice(5, 12)], { pauseMs: 30, closeAfterMs: 80 });
      sent++;
      if (sent % 25 === 0) expect(await valid(h), `after ${sent}: ${JSON.stringify(s)}`).toBe(200);
    }
    expect(sent).toBeGreaterThanOrEqual(500);
    expect(await valid(h)).toBe(200);
  }, 120_000);

  it('a store error is not a 500', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html>');
    const { handlers, store } = sampleStore();
    host = await startHostServer({ handlers, rendererDir: dir, port: 0 });
    store.db.close();
    const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: host!.port,
          method: 'POST',
          path: '/api/plans.list',
          headers: { 'Content-Type': 'application/json', 'x-gyokaku-token': host!.token },
        },
        (r) => {
          let body = '';
          r.setEncoding('utf8');
          r.on('data', (c: string) => (body += c));
          r.on('end', () => resolve({ status: r.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.end('{}');
    });
    expect(res.status).not.toBe(500);
    expect(JSON.parse(res.body).error.message).toMatch(/[ぁ-ん]/);
  });
});
