import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Envelope } from '../../shared/errors';

/** The renderer's API client over a fake preload bridge that counts what is sent. */
async function clientWith(
  answer: (channel: string, payload: unknown) => Envelope<unknown>,
  search = '',
) {
  const sent: string[] = [];
  vi.stubGlobal('window', {
    location: { search, hash: '' },
    gyokaku: {
      invoke: (channel: string, payload: unknown) => {
        sent.push(`${channel} ${JSON.stringify(payload)}`);
        return Promise.resolve(answer(channel, payload));
      },
    },
  });
  vi.resetModules();
  const client = await import('../../renderer/api/client');
  return { client, sent };
}

describe('the start’s reads sent ahead (boot.ts)', () => {
  beforeEach(() => vi.unstubAllGlobals());
  afterEach(() => vi.unstubAllGlobals());

  it('answers the first call asking the same read, once, without sending it again', async () => {
    const { client, sent } = await clientWith((channel, payload) => ({
      ok: true,
      value: { channel, payload },
    }));
    client.prefetch('plans.get', { planId: 1 });
    expect(sent).toEqual(['plans.get {"planId":1}']);

    expect(await client.call('plans.get', { planId: 1 })).toEqual({
      channel: 'plans.get',
      payload: { planId: 1 },
    });
    expect(sent).toHaveLength(1);
    // a later call is a new read: the kept answer is gone
    await client.call('plans.get', { planId: 1 });
    expect(sent).toHaveLength(2);
  });

  it('never answers a different read with a kept one', async () => {
    const { client, sent } = await clientWith((_c, payload) => ({ ok: true, value: payload }));
    client.prefetch('items.list', { planId: 1 });
    expect(await client.call('items.list', { planId: 2 })).toEqual({ planId: 2 });
    expect(sent).toEqual(['items.list {"planId":1}', 'items.list {"planId":2}']);
  });

  it('passes on a refused read as the call’s Japanese error', async () => {
    const { client } = await clientWith(() => ({
      ok: false,
      error: { code: 'STORE', message: 'データファイルを開けません。' },
    }));
    client.prefetch('plans.list', {});
    await expect(client.call('plans.list', {})).rejects.toThrow('データファイルを開けません。');
  });

  it('asks for the plan to reopen as soon as the plans are known, as openPlan will', async () => {
    const store = new Map<string, string>([['gyokaku.lastPlanId', '2']]);
    vi.stubGlobal('localStorage', { getItem: (k: string) => store.get(k) ?? null });
    const { sent } = await clientWith((channel) => ({
      ok: true,
      value: channel === 'plans.list' ? [{ id: 1 }, { id: 2 }] : {},
    }));
    await import('../../renderer/boot');
    await vi.waitFor(() => expect(sent).toHaveLength(6));
    expect(sent).toEqual([
      'files.state {}',
      'app.info {}',
      'plans.list {}',
      'plans.get {"planId":2}',
      'items.list {"planId":2}',
      'org.list {}',
    ]);
  });

  it('sends none of them in a print window, which reads only its report', async () => {
    const { sent } = await clientWith(() => ({ ok: true, value: [] }), '?print-window');
    await import('../../renderer/boot');
    await new Promise((r) => setTimeout(r, 20));
    expect(sent).toEqual([]);
  });
});

describe('after the start', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('forgets the answers nobody took, so a later read is never an old one', async () => {
    const { client, sent } = await clientWith((_c, payload) => ({ ok: true, value: payload }));
    client.prefetch('plans.list', {});
    client.forgetPrefetched();
    await client.call('plans.list', {});
    expect(sent).toEqual(['plans.list {}', 'plans.list {}']);
  });
});
