import type { Channel, InputOf, ResultOf } from '../../shared/contract';
import type { AppErrorData, Envelope, ErrorCode } from '../../shared/errors';
import type { GyokakuBridge } from './bridge';
import { decodeFrame, encodeFrame, FRAME_TYPE, hasBytes } from '../../shared/binary-frame';
import { socketTransport } from './socket';

export const TOKEN_HEADER = 'x-gyokaku-token';
const TOKEN_KEY = 'gyokaku.token';

/** A failed call, carrying the Japanese message from the main process. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly issues: AppErrorData['issues'];
  constructor(data: AppErrorData) {
    super(data.message);
    this.name = 'ApiError';
    this.code = data.code;
    this.issues = data.issues;
  }
}

type Transport = GyokakuBridge;

/**
 * The browser host hands the page its token in the URL fragment (never sent
 * over HTTP). Keep it for reloads in this tab and take it out of the address bar.
 */
export function takeTokenFromLocation(): string | null {
  const m = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  if (m) {
    sessionStorage.setItem(TOKEN_KEY, m[1]!);
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return m[1]!;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

function httpTransport(token: string): Transport {
  return {
    async invoke(channel, payload) {
      let res: Response;
      try {
        const framed = hasBytes(payload);
        res = await fetch(`/api/${encodeURIComponent(channel)}`, {
          method: 'POST',
          headers: {
            'Content-Type': framed ? FRAME_TYPE : 'application/json',
            [TOKEN_HEADER]: token,
          },
          body: framed ? encodeFrame(payload) : JSON.stringify(payload ?? {}),
        });
      } catch {
        return {
          ok: false,
          error: {
            code: 'STORE',
            message:
              '行革デスク（ブラウザ版）のサーバーに接続できません。起動した画面（コマンドの画面）が閉じられていないか確認し、npm start で起動し直してください。入力中の内容は保存されていません。',
          },
        };
      }
      try {
        if ((res.headers.get('Content-Type') ?? '').startsWith(FRAME_TYPE))
          return decodeFrame(new Uint8Array(await res.arrayBuffer())) as Envelope<unknown>;
        return (await res.json()) as Envelope<unknown>;
      } catch {
        return {
          ok: false,
          error: {
            code: 'INTERNAL',
            message: `サーバーから読み取れない応答がありました（${res.status}）。`,
          },
        };
      }
    },
  };
}

function pickTransport(): Transport | null {
  if (window.gyokaku && typeof window.gyokaku.invoke === 'function') return window.gyokaku;
  const token = takeTokenFromLocation();
  return token ? socketTransport(token, httpTransport(token)) : null;
}

let transport: Transport | null | undefined;

export function hasTransport(): boolean {
  if (transport === undefined) transport = pickTransport();
  return transport !== null;
}

/**
 * Reads sent by the page's first script (boot.ts) while the rest of the app is
 * still loading, each answered once to the first call that asks the same.
 */
const prefetched = new Map<string, Promise<Envelope<unknown>>>();
const keyOf = (channel: string, input: unknown) => `${channel} ${JSON.stringify(input)}`;

/**
 * Sends a read now and keeps its answer for the call that will ask for it.
 * Only for reads at start: nothing can change the store before the app has
 * loaded, so the kept answer is the one the call would get.
 */
export function prefetch<C extends Channel>(
  channel: C,
  input: InputOf<C>,
): Promise<Envelope<ResultOf<C>>> | null {
  if (!hasTransport()) return null;
  const env = transport!.invoke(channel, input);
  prefetched.set(keyOf(channel, input), env);
  return env as Promise<Envelope<ResultOf<C>>>;
}

/** After the start: an answer nobody took (a plan list the recovery screen never read) is old. */
export function forgetPrefetched(): void {
  prefetched.clear();
}

function takePrefetched(channel: string, input: unknown): Promise<Envelope<unknown>> | undefined {
  if (prefetched.size === 0) return undefined;
  const key = keyOf(channel, input);
  const env = prefetched.get(key);
  prefetched.delete(key);
  return env;
}

/** The one way the renderer talks to the main process, typed from the contract. */
export async function call<C extends Channel>(channel: C, input: InputOf<C>): Promise<ResultOf<C>> {
  if (!hasTransport()) {
    throw new ApiError({
      code: 'UNAUTHORIZED',
      message:
        'このアドレスには認証情報がありません。行革デスクを起動したときに表示されたアドレス（http://127.0.0.1: で始まるもの）から開いてください。',
    });
  }
  const env = await (takePrefetched(channel, input) ?? transport!.invoke(channel, input));
  if (!env.ok) throw new ApiError(env.error);
  return env.value as ResultOf<C>;
}

/**
 * A change the user may take back: the result, and the operation's batch on
 * the server (null when the call changed nothing) for the undo stack.
 */
export async function callUndoable<C extends Channel>(
  channel: C,
  input: InputOf<C>,
): Promise<{ value: ResultOf<C>; batch: string | null }> {
  if (!hasTransport()) await call(channel, input); // throws the message about the address
  const env = await transport!.invoke(channel, input);
  if (!env.ok) throw new ApiError(env.error);
  return { value: env.value as ResultOf<C>, batch: env.undo ?? null };
}

export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  return '予期しないエラーが発生しました。画面を再読み込み（F5）してください。';
}
