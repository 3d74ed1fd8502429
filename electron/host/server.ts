import crypto from 'node:crypto';
import { decodeFrame, encodeFrame, FRAME_TYPE, hasBytes } from '../../shared/binary-frame';
import { MAX_FILE_BYTES } from '../../shared/file-limits';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Envelope, ErrorCode } from '../../shared/errors';
import { dispatch } from '../ipc/dispatch';
import type { DispatchOptions } from '../ipc/dispatch';
import type { HandlerMap } from '../ipc/registry';
import { CONTENT_SECURITY_POLICY_HEADER, mimeTypeOf, resolveAsset } from '../security/policy';
import { CLOSE, openWebSocket } from './websocket';
import { SOCKET_PATH, SOCKET_PROTOCOL, SOCKET_TOKEN_PREFIX } from '../../shared/socket-channels';
import type { Duplex } from 'node:stream';

export const TOKEN_HEADER = 'x-gyokaku-token';
/** Calls over the socket carry no files (those go over HTTP): 8 MB is far beyond any. */
const MAX_SOCKET_MESSAGE_BYTES = 8 * 1024 * 1024;
const INTERNAL_MESSAGE = '予期しないエラーが発生しました。画面を再読み込み（F5）してください。';
/** One file at the app's limit plus the rest of the call. */
const MAX_BODY_BYTES = MAX_FILE_BYTES + 1024 * 1024;

export interface HostServerOptions {
  handlers: HandlerMap;
  rendererDir: string;
  /** 0 picks a free port. */
  port: number;
  /** Per-run secret; generated when omitted. */
  token?: string;
  dispatchOptions?: DispatchOptions;
}

export interface HostServer {
  server: http.Server;
  port: number;
  token: string;
  /** The page URL with the token in the fragment (never sent to the server, never in logs). */
  url: string;
  close(): Promise<void>;
}

const STATUS: Partial<Record<ErrorCode, number>> = {
  VALIDATION: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  UNKNOWN_CHANNEL: 404,
  CONFLICT: 409,
  LOCKED: 409,
  READ_ONLY: 409,
  // the data file cannot be used right now: the app lives on, the message says what to do
  STORE: 503,
};

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY_HEADER,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
  'Cache-Control': 'no-store',
};

function send(
  res: http.ServerResponse,
  status: number,
  body: Envelope<unknown>,
  /** How long the handler took, as a Server-Timing entry (the bench and DevTools read it). */
  handlerMs?: number,
): void {
  if (handlerMs !== undefined)
    res.setHeader('Server-Timing', `handler;dur=${handlerMs.toFixed(1)}`);
  // Files coming out travel as bytes too: one binary frame instead of base64 in JSON.
  if (body.ok && hasBytes(body)) {
    const frame = Buffer.from(encodeFrame(body));
    res.writeHead(status, {
      ...SECURITY_HEADERS,
      'Content-Type': FRAME_TYPE,
      'Content-Length': frame.length,
    });
    res.end(frame);
    return;
  }
  const json = JSON.stringify(body);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(json),
  });
  res.end(json);
}

function fail(res: http.ServerResponse, status: number, code: ErrorCode, message: string): void {
  send(res, status, { ok: false, error: { code, message } });
}

function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && crypto.timingSafeEqual(ab, bb);
}

/**
 * Serves the renderer and the handler map on 127.0.0.1 only. A request must
 * name this server as Host (no DNS rebinding), come from its own Origin when a
 * browser sends one (no other site), and carry the run's token (no other local
 * program or user).
 */
export function startHostServer(options: HostServerOptions): Promise<HostServer> {
  const token = options.token ?? crypto.randomBytes(24).toString('base64url');
  let port = options.port;

  const server = http.createServer((req, res) => {
    // Every request in its own boundary: nothing a request carries stops the host.
    req.on('error', () => undefined);
    res.on('error', () => undefined);
    try {
      handle(req, res);
    } catch {
      if (!res.headersSent) fail(res, 400, 'VALIDATION', 'リクエストを読み取れません。');
      else res.destroy();
    }
  });
  // Malformed HTTP never reaches a handler: answer it and close.
  server.on('clientError', (_err, socket) => {
    if (socket.writable)
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });
  // Slow or stalled senders are cut off instead of holding the host.
  server.headersTimeout = 10_000;
  server.requestTimeout = 60_000;
  server.keepAliveTimeout = 5_000;

  const allowedHosts = () => [`127.0.0.1:${port}`, `localhost:${port}`];
  const allowedOrigins = () => allowedHosts().map((h) => `http://${h}`);
  const hasToken = (given: unknown) => typeof given === 'string' && safeEqual(given, token);
  const sockets = new Set<Duplex>();

  // The page's socket for its calls: the same Host, Origin and token checks as
  // a request, made on the handshake; then each message is one call.
  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const refuse = (status: string) =>
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    if (!req.headers.host || !allowedHosts().includes(req.headers.host))
      return refuse('403 Forbidden');
    // a browser always names the page that opens a socket: no other site may
    if (!req.headers.origin || !allowedOrigins().includes(req.headers.origin))
      return refuse('403 Forbidden');
    if ((req.url ?? '').split(/[?#]/)[0] !== SOCKET_PATH) return refuse('404 Not Found');
    const key = req.headers['sec-websocket-key'];
    if (
      req.method !== 'GET' ||
      (req.headers.upgrade ?? '').toLowerCase() !== 'websocket' ||
      req.headers['sec-websocket-version'] !== '13' ||
      typeof key !== 'string' ||
      Buffer.from(key, 'base64').length !== 16
    )
      return refuse('400 Bad Request');
    const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
    const given = offered.find((p) => p.startsWith(SOCKET_TOKEN_PREFIX));
    if (!offered.includes(SOCKET_PROTOCOL) || !hasToken(given?.slice(SOCKET_TOKEN_PREFIX.length)))
      return refuse('401 Unauthorized');
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    openWebSocket(
      socket,
      head,
      key,
      SOCKET_PROTOCOL,
      { maxMessageBytes: MAX_SOCKET_MESSAGE_BYTES },
      (text, peer) => {
        let call: { id?: unknown; channel?: unknown; payload?: unknown };
        try {
          call = JSON.parse(text) as typeof call;
        } catch {
          return peer.close(CLOSE.invalidText);
        }
        const id = call?.id;
        if (
          typeof id !== 'number' ||
          !Number.isInteger(id) ||
          id < 0 ||
          id > 0xffffffff ||
          typeof call.channel !== 'string'
        )
          return peer.close(CLOSE.invalidText);
        const started = performance.now();
        dispatch(options.handlers, call.channel, call.payload ?? {}, options.dispatchOptions)
          .catch((): Envelope<unknown> => ({
            ok: false,
            error: {
              code: 'INTERNAL',
              message: INTERNAL_MESSAGE,
            },
          }))
          .then((env) => {
            if (peer.closed) return;
            // a file coming out: its id, then the same binary frame HTTP would send
            if (env.ok && hasBytes(env)) {
              const frame = encodeFrame(env);
              const out = Buffer.alloc(4 + frame.length);
              out.writeUInt32BE(id);
              out.set(frame, 4);
              return peer.sendBinary(out);
            }
            const ms = Math.round((performance.now() - started) * 10) / 10;
            peer.send(JSON.stringify({ id, env, ms }));
          });
      },
    );
  });

  function handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const origins = allowedOrigins();
    if (!req.headers.host || !allowedHosts().includes(req.headers.host)) {
      return fail(
        res,
        403,
        'FORBIDDEN',
        'このアドレスからの接続は受け付けていません。表示された http://127.0.0.1: で始まるアドレスを開いてください。',
      );
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !origins.includes(origin)) {
      return fail(res, 403, 'FORBIDDEN', '他のページからの操作は受け付けていません。');
    }
    // The path only, never parsed as a URL with a host of its own (`//[`).
    const rawPath = req.url ?? '/';
    if (!rawPath.startsWith('/') || rawPath.startsWith('//'))
      return fail(res, 400, 'VALIDATION', 'アドレスを読み取れません。');
    const url = { pathname: rawPath.split(/[?#]/)[0]! };

    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST')
        return fail(res, 405 as number, 'FORBIDDEN', 'API は POST でのみ呼び出せます。');
      if (!hasToken(req.headers[TOKEN_HEADER])) {
        return fail(
          res,
          401,
          'UNAUTHORIZED',
          '認証トークンがないか、正しくありません。起動時に表示されたアドレスから開き直してください。',
        );
      }
      const type = req.headers['content-type'] ?? '';
      const framed = type.startsWith(FRAME_TYPE);
      if (!framed && !type.startsWith('application/json')) {
        return fail(res, 415 as number, 'VALIDATION', 'JSON 形式で送信してください。');
      }
      const chunks: Buffer[] = [];
      let size = 0;
      let aborted = false;
      req.on('data', (c: Buffer) => {
        size += c.length;
        // Past the limit the rest is read and dropped, so the sender sees the answer
        // (closing at once loses it to a reset); a sender that never stops is cut off.
        if (aborted) {
          if (size > 8 * MAX_BODY_BYTES) req.destroy();
          return;
        }
        if (size > MAX_BODY_BYTES) {
          aborted = true;
          res.setHeader('Connection', 'close');
          fail(
            res,
            413,
            'VALIDATION',
            `送信データが大きすぎます。取り込めるファイルは ${MAX_FILE_BYTES / 1024 / 1024} MB までです。余分なシートや画像を削除して保存し直してください。`,
          );
          chunks.length = 0;
        } else chunks.push(c);
      });
      req.on('end', () => {
        if (aborted) return;
        let payload: unknown;
        try {
          const body = Buffer.concat(chunks);
          if (framed) payload = decodeFrame(body);
          else {
            const text = body.toString('utf8');
            payload = text.length === 0 ? {} : JSON.parse(text);
          }
        } catch {
          return fail(
            res,
            400,
            'VALIDATION',
            framed
              ? 'ファイルを含む送信データが途中で切れているか、壊れています。もう一度操作してください。'
              : '送信データを JSON として読み取れません。',
          );
        }
        let channel: string;
        try {
          channel = decodeURIComponent(url.pathname.slice('/api/'.length));
        } catch {
          return fail(res, 400, 'VALIDATION', 'API の名前を読み取れません。');
        }
        const started = performance.now();
        dispatch(options.handlers, channel, payload, options.dispatchOptions)
          .then((env) =>
            send(
              res,
              env.ok ? 200 : (STATUS[env.error.code] ?? 500),
              env,
              performance.now() - started,
            ),
          )
          .catch(() => fail(res, 500, 'INTERNAL', INTERNAL_MESSAGE));
      });
      return;
    }

    if (req.method !== 'GET' && req.method !== 'HEAD')
      return fail(res, 405 as number, 'FORBIDDEN', '許可されていない操作です。');
    const file = resolveAsset(options.rendererDir, url.pathname);
    if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('見つかりません');
      return;
    }
    // Read whole and sent in one write: the app's files are small and local,
    // and a start asks for several at once (a stream answered each in 64 KB turns).
    let body: Buffer;
    try {
      body = fs.readFileSync(file);
    } catch {
      return void res.destroy();
    }
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': mimeTypeOf(file),
      'Content-Length': body.length,
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      port = (server.address() as AddressInfo).port;
      resolve({
        server,
        port,
        token,
        url: `http://127.0.0.1:${port}/#token=${token}`,
        close: () =>
          new Promise<void>((r) => {
            server.close(() => r());
            // Browsers hold keep-alive connections and the page's socket open; do not wait for them.
            server.closeAllConnections();
            for (const s of sockets) s.destroy();
          }),
      });
    });
  });
}
