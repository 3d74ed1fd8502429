import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { encodeFrame } from '../../shared/binary-frame';
import type { Envelope } from '../../shared/errors';
import { socketTransport } from '../../renderer/api/socket';

/** A WebSocket as the page sees it, driven by the test. */
class FakeSocket {
  static OPEN = 1;
  static made: FakeSocket[] = [];
  readyState = 0;
  binaryType = 'blob';
  sent: { id: number; channel: string; payload: unknown }[] = [];
  onmessage: ((e: { data: string | ArrayBuffer }) => void) | null = null;
  onclose: (() => void) | null = null;
  constructor(
    readonly url: string,
    readonly protocols: string[],
  ) {
    FakeSocket.made.push(this);
  }
  send(text: string) {
    this.sent.push(JSON.parse(text) as FakeSocket['sent'][number]);
  }
  close() {
    this.readyState = 3;
    this.onclose?.();
  }
  open() {
    this.readyState = 1;
  }
  answer(id: number, env: Envelope<unknown>) {
    this.onmessage?.({ data: JSON.stringify({ id, env, ms: 0.1 }) });
  }
}

const idle: (() => void)[] = [];

function setUp() {
  const overHttp: string[] = [];
  const http = {
    invoke: (channel: string) => {
      overHttp.push(channel);
      return Promise.resolve({ ok: true, value: `http:${channel}` } as Envelope<unknown>);
    },
  };
  const t = socketTransport('tok_1', http);
  idle.splice(0).forEach((run) => run()); // the page goes idle: the socket opens
  return { t, overHttp, socket: () => FakeSocket.made.at(-1)! };
}

describe("the browser page's calls over its socket", () => {
  let now = 0;
  beforeEach(() => {
    FakeSocket.made = [];
    now = 0;
    vi.stubGlobal('WebSocket', FakeSocket);
    vi.stubGlobal('location', { host: '127.0.0.1:5173' });
    vi.stubGlobal('performance', { now: () => now });
    vi.stubGlobal('requestIdleCallback', (run: () => void) => idle.push(run));
  });
  afterEach(() => vi.unstubAllGlobals());

  it('opens with the token as a subprotocol; calls go over HTTP until the socket is open', async () => {
    const { t, overHttp, socket } = setUp();
    expect(socket().url).toBe('ws://127.0.0.1:5173/api/socket');
    expect(socket().protocols).toEqual(['gyokaku', 'token.tok_1']);
    expect(socket().binaryType).toBe('arraybuffer');
    expect(await t.invoke('plans.list', {})).toEqual({ ok: true, value: 'http:plans.list' });
    expect(overHttp).toEqual(['plans.list']);
  });

  it('matches answers to calls by id, in whatever order they come', async () => {
    const { t, overHttp, socket } = setUp();
    socket().open();
    const a = t.invoke('audit.list', { itemId: 1 });
    const b = t.invoke('audit.list', { itemId: 2 });
    const [ca, cb] = socket().sent;
    expect(ca).toEqual({ id: 0, channel: 'audit.list', payload: { itemId: 1 } });
    socket().answer(cb!.id, { ok: true, value: 'two' });
    socket().answer(ca!.id, { ok: true, value: 'one' });
    expect(await a).toEqual({ ok: true, value: 'one' });
    expect(await b).toEqual({ ok: true, value: 'two' });
    expect(overHttp).toEqual([]);
  });

  it('sends reads of whole lists and calls carrying a file over HTTP, and reads a file coming back as binary', async () => {
    const { t, overHttp, socket } = setUp();
    socket().open();
    await t.invoke('items.update', { bytes: new Uint8Array([1, 2]) });
    expect(overHttp).toEqual(['items.update']);
    await t.invoke('items.list', { planId: 1 });
    expect(overHttp).toEqual(['items.update', 'items.list']);
    const p = t.invoke('items.updateMany', {});
    const id = socket().sent[0]!.id;
    const frame = encodeFrame({ ok: true, value: { bytes: new Uint8Array([7, 8, 9]) } });
    const msg = new Uint8Array(4 + frame.length);
    new DataView(msg.buffer).setUint32(0, id);
    msg.set(frame, 4);
    socket().onmessage!({ data: msg.buffer });
    const env = (await p) as { ok: true; value: { bytes: Uint8Array } };
    expect([...env.value.bytes]).toEqual([7, 8, 9]);
  });

  it('answers the calls waiting on a lost socket with a message, then uses HTTP, then a new socket', async () => {
    const { t, overHttp, socket } = setUp();
    const first = socket();
    first.open();
    const waiting = t.invoke('items.updateMany', { changes: [] });
    first.close();
    const lost = await waiting;
    expect(lost.ok).toBe(false);
    expect(!lost.ok && lost.error.code).toBe('STORE');
    expect(!lost.ok && lost.error.message).toMatch(/再読み込み（F5）/);
    // at once: over HTTP, no new socket yet
    await t.invoke('audit.list', {});
    expect(overHttp).toEqual(['audit.list']);
    expect(FakeSocket.made).toHaveLength(1);
    // a second later the next call opens a new socket (and goes over HTTP while it connects)
    now = 1500;
    await t.invoke('audit.list', {});
    expect(FakeSocket.made).toHaveLength(2);
    socket().open();
    void t.invoke('audit.list', {});
    expect(socket().sent.map((c) => c.channel)).toEqual(['audit.list']);
  });
});

describe('which calls go over the socket', () => {
  it('only edits and the history after them: channels of the contract, all changes but the history read', async () => {
    const { contract } = await import('../../shared/contract');
    const { SOCKET_CHANNELS } = await import('../../shared/socket-channels');
    const specs = contract as Record<string, { mutates?: boolean }>;
    for (const c of SOCKET_CHANNELS) {
      expect(specs[c], c).toBeDefined();
      expect(!!specs[c]!.mutates, c).toBe(c !== 'audit.list');
    }
    // whole lists and files stay on HTTP
    for (const c of ['items.list', 'pdca.records.list', 'reports.xlsx', 'exchange.exportWorkbook'])
      expect(SOCKET_CHANNELS.has(c)).toBe(false);
  });
});
