import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHostServer } from '../../../electron/host/server';
import type { HostServer } from '../../../electron/host/server';
import { sampleStore, tempDir } from '../helpers';
import { decodeFrame, encodeFrame, FRAME_TYPE } from '../../../shared/binary-frame';
import { fileTooLargeMessage } from '../../../shared/file-limits';

let host: HostServer | null = null;
afterEach(async () => {
  await host?.close();
  host = null;
});

async function start(): Promise<HostServer> {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>行革デスク</title>');
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(path.dirname(dir), 'secret.txt'), 'secret');
  const { handlers } = sampleStore();
  host = await startHostServer({ handlers, rendererDir: dir, port: 0 });
  return host;
}

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Raw HTTP so the test controls Host and Origin exactly. */
function request(
  h: HostServer,
  opts: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: h.port,
        method: opts.method ?? 'GET',
        path: opts.path,
        headers: opts.headers,
        setHost: !opts.headers?.Host,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

function api(
  h: HostServer,
  channel: string,
  payload: unknown,
  headers: Record<string, string> = {},
) {
  return request(h, {
    method: 'POST',
    path: `/api/${channel}`,
    headers: { 'Content-Type': 'application/json', 'x-gyokaku-token': h.token, ...headers },
    body: JSON.stringify(payload),
  });
}

describe('the browser host', () => {
  it('listens on 127.0.0.1 only and prints a URL with the token in the fragment', async () => {
    const h = await start();
    expect((h.server.address() as { address: string }).address).toBe('127.0.0.1');
    expect(h.url).toMatch(
      new RegExp(`^http://127\\.0\\.0\\.1:${h.port}/#token=[A-Za-z0-9_-]{32}$`),
    );
  });

  it('uses a new random token every run', async () => {
    const a = await start();
    const tokenA = a.token;
    await a.close();
    host = null;
    const b = await start();
    expect(b.token).not.toBe(tokenA);
    expect(b.token.length).toBeGreaterThanOrEqual(32);
  });

  it('serves the contract over POST /api/<channel> with the token', async () => {
    const h = await start();
    const r = await api(h, 'plans.list', {});
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({
      ok: true,
      value: [{ title: '二本松市市政改革推進行動計画', itemCount: 37 }],
    });
    // the handler's own time, for DevTools and the bench
    expect(r.headers['server-timing']).toMatch(/^handler;dur=\d+\.\d$/);
  });

  it('refuses requests without the token, or with a wrong one (401)', async () => {
    const h = await start();
    const none = await request(h, {
      method: 'POST',
      path: '/api/plans.list',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(none.status).toBe(401);
    expect(JSON.parse(none.body).error.message).toMatch(/認証トークン/);
    const wrong = await api(h, 'plans.list', {}, { 'x-gyokaku-token': 'x'.repeat(32) });
    expect(wrong.status).toBe(401);
  });

  it('refuses another Origin and another Host (403)', async () => {
    const h = await start();
    expect((await api(h, 'plans.list', {}, { Origin: 'http://evil.example' })).status).toBe(403);
    expect(
      (await api(h, 'plans.list', {}, { Origin: `http://127.0.0.1:${h.port + 1}` })).status,
    ).toBe(403);
    expect((await api(h, 'plans.list', {}, { Host: `evil.example:${h.port}` })).status).toBe(403);
    expect((await api(h, 'plans.list', {}, { Origin: `http://127.0.0.1:${h.port}` })).status).toBe(
      200,
    );
  });

  it('answers bad payloads with 400 and the Japanese message', async () => {
    const h = await start();
    const bad = await request(h, {
      method: 'POST',
      path: '/api/plans.get',
      headers: { 'Content-Type': 'application/json', 'x-gyokaku-token': h.token },
      body: '{not json',
    });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error.message).toMatch(/JSON/);
    const invalid = await api(h, 'plans.get', { planId: 'one' });
    expect(invalid.status).toBe(400);
    expect((await api(h, 'nope', {})).status).toBe(404);
    expect(
      (await request(h, { path: '/api/plans.list', headers: { 'x-gyokaku-token': h.token } }))
        .status,
    ).toBe(405);
  });

  it('serves the renderer with a strict CSP and never files outside it', async () => {
    const h = await start();
    const page = await request(h, { path: '/' });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['content-security-policy']).toMatch(/default-src 'none'/);
    expect(page.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect((await request(h, { path: '/assets/app.js' })).headers['content-type']).toMatch(
      /javascript/,
    );
    for (const p of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/assets/..%5c..%5csecret.txt',
      '/%00',
    ]) {
      const r = await request(h, { path: p });
      expect(r.status, p).toBe(404);
      expect(r.body).not.toContain('secret');
    }
  });
});

describe('files through the browser host', () => {
  function framed(h: HostServer, channel: string, payload: unknown): Promise<Reply> {
    const body = Buffer.from(encodeFrame(payload));
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: h.port,
          method: 'POST',
          path: `/api/${channel}`,
          headers: { 'Content-Type': FRAME_TYPE, 'x-gyokaku-token': h.token },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (text += c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }),
          );
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  it('travel as bytes: a 7 MB file arrives whole; one over the limit is refused by name with the same message', async () => {
    const h = await start();
    // 7 MB: read by the app (and refused as not a workbook), not stopped by the transport
    const big = Buffer.alloc(7 * 1024 * 1024, 0x41);
    const r = await framed(h, 'planFiles.inspect', {
      file: { name: '大きな計画.xlsx', data: big },
    });
    expect(r.body).toContain('大きな計画.xlsx');
    expect(r.body).not.toContain('大きすぎ');
    // 8.5 MB: over the one limit, refused naming the file
    const over = Buffer.alloc(8.5 * 1024 * 1024, 0x41);
    const r2 = await framed(h, 'planFiles.inspect', { file: { name: '回答.xlsx', data: over } });
    expect(r2.status).toBe(400);
    expect(JSON.parse(r2.body).error.message).toBe(fileTooLargeMessage('回答.xlsx', over.length));
    // far over: stopped while reading, still answered in Japanese
    const huge = Buffer.alloc(12 * 1024 * 1024, 0x41);
    const r3 = await framed(h, 'planFiles.inspect', { file: { name: 'x.xlsx', data: huge } });
    expect(r3.status).toBe(413);
    expect(JSON.parse(r3.body).error.message).toContain('8 MB まで');
    // files come out as bytes too: a binary frame, not base64 in JSON
    const out = await new Promise<{ type: string; body: Buffer }>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: h.port,
          method: 'POST',
          path: '/api/planFiles.export',
          headers: { 'Content-Type': 'application/json', 'x-gyokaku-token': h.token },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ type: String(res.headers['content-type']), body: Buffer.concat(chunks) }),
          );
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify({ planId: 1 }));
    });
    expect(out.type).toBe(FRAME_TYPE);
    const env = decodeFrame(out.body) as {
      ok: true;
      value: { fileName: string; data: Uint8Array };
    };
    expect(env.value.fileName).toMatch(/\.xlsx$/);
    expect(Buffer.from(env.value.data).subarray(0, 2).toString('latin1')).toBe('PK');
    expect(out.body.length).toBeLessThan(env.value.data.length + 1000);
    // a cut frame is refused, the host lives on
    const cut = await request(h, {
      method: 'POST',
      path: '/api/planFiles.inspect',
      headers: { 'Content-Type': FRAME_TYPE, 'x-gyokaku-token': h.token },
      body: 'GYK1\u0010\u0000\u0000\u0000{"a"',
    });
    expect(cut.status).toBe(400);
    expect((await api(h, 'app.info', {})).status).toBe(200);
  }, 60_000);
});
