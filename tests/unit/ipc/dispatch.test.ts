import { describe, expect, it } from 'vitest';
import { CHANNELS, contract } from '../../../shared/contract';
import { dispatch } from '../../../electron/ipc/dispatch';
import { combineHandlers } from '../../../electron/app/handler-map';
import { sampleStore } from '../helpers';

const strict = { validateResults: true };

describe('the handler registry', () => {
  it('has exactly one handler per contract channel', () => {
    const { handlers } = sampleStore();
    // files.* are the session's: which data file is open is not one store's business
    expect(Object.keys(handlers).sort()).toEqual(
      [...CHANNELS].filter((c) => !c.startsWith('files.')).sort(),
    );
  });

  it('is joined from one part per domain; a channel answered twice or not at all stops the start', () => {
    const { handlers } = sampleStore();
    const { 'plans.list': list, ...rest } = handlers;
    expect(() => combineHandlers([rest, { 'plans.list': list }])).not.toThrow();
    expect(() => combineHandlers([handlers, { 'plans.list': list }])).toThrow(
      /channel plans.list has two handlers/,
    );
    expect(() => combineHandlers([rest])).toThrow(/channels without a handler: plans.list/);
  });

  it('answers every read channel with a result that fits the contract', async () => {
    const { handlers } = sampleStore();
    const calls: [string, unknown][] = [
      ['app.info', {}],
      ['plans.list', {}],
      ['plans.get', { planId: 1 }],
      ['items.list', { planId: 1 }],
      ['items.list', { planId: 1, areaId: 2 }],
      ['items.list', { planId: 1, priorityId: 3 }],
      ['items.get', { itemId: 5 }],
      ['org.list', {}],
      ['org.list', { fiscalYear: 2025 }],
      ['audit.list', {}],
      ['audit.list', { itemId: 1, limit: 5 }],
    ];
    for (const [channel, input] of calls) {
      const env = await dispatch(handlers, channel, input, strict);
      expect(env, channel).toMatchObject({ ok: true });
    }
  });

  it('filters items by 重点項目 and 取組分野', async () => {
    const { handlers } = sampleStore();
    const byPriority = await dispatch(handlers, 'items.list', { planId: 1, priorityId: 3 });
    expect(byPriority.ok && (byPriority.value as unknown[]).length).toBe(9);
    const byArea = await dispatch(handlers, 'items.list', { planId: 1, areaId: 5 });
    expect(byArea.ok && (byArea.value as { code: string }[]).map((i) => i.code)).toEqual(
      Array.from({ length: 9 }, (_, i) => `2-(2)-${i + 1}`),
    );
  });
});

describe('malformed payloads are refused in Japanese and change nothing', () => {
  const cases: [string, string, unknown, RegExp][] = [
    ['unknown channel', 'plans.drop', {}, /不明な操作/],
    ['prototype key as channel', '__proto__', {}, /不明な操作/],
    ['string where a number is', 'plans.get', { planId: '1' }, /planId.*数値/],
    ['negative id', 'items.get', { itemId: -1 }, /itemId/],
    ['fractional id', 'items.get', { itemId: 1.5 }, /itemId/],
    ['missing field', 'plans.get', {}, /planId/],
    ['extra key', 'plans.list', { evil: true }, /認識されていないキー/],
    ['not an object', 'items.list', [1, 2], /入力内容に誤りがあります/],
    ['null', 'items.get', null, /itemId/],
    ['empty patch', 'items.update', { itemId: 1, patch: {} }, /変更する項目がありません/],
    [
      'unknown patch field',
      'items.update',
      { itemId: 1, patch: { planId: 2 } },
      /認識されていないキー/,
    ],
    [
      'blank name',
      'items.update',
      { itemId: 1, patch: { name: '   ' } },
      /改革項目名を入力してください/,
    ],
    [
      'too long name',
      'items.update',
      { itemId: 1, patch: { name: 'あ'.repeat(201) } },
      /200文字以内/,
    ],
    [
      'control characters',
      'items.update',
      { itemId: 1, patch: { promotion: 'a\u0000b' } },
      /制御文字/,
    ],
    [
      '30,000 characters',
      'items.update',
      { itemId: 1, patch: { promotion: 'x'.repeat(30000) } },
      /4,000文字以内/,
    ],
    [
      'flag as string',
      'items.update',
      { itemId: 1, patch: { isContinued: 'true' } },
      /isContinued/,
    ],
    ['limit too large', 'audit.list', { limit: 100000 }, /limit/],
    ['fiscal year out of range', 'org.list', { fiscalYear: 99999 }, /年度が新しすぎます/],
  ];
  for (const [name, channel, payload, message] of cases) {
    it(name, async () => {
      const { store, handlers } = sampleStore();
      const auditBefore = store.db.prepare('SELECT count(*) AS n FROM audit_log').get();
      const itemBefore = store.db.prepare('SELECT * FROM reform_items WHERE id = 1').get();
      const env = await dispatch(handlers, channel, payload);
      expect(env.ok).toBe(false);
      if (env.ok) return;
      expect(['VALIDATION', 'UNKNOWN_CHANNEL']).toContain(env.error.code);
      expect(env.error.message).toMatch(/[ぁ-んァ-ヶ一-龠]/);
      expect(JSON.stringify(env.error)).toMatch(message);
      expect(store.db.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual(auditBefore);
      expect(store.db.prepare('SELECT * FROM reform_items WHERE id = 1').get()).toEqual(itemBefore);
    });
  }

  it('turns a missing record into NOT_FOUND with what to do', async () => {
    const { handlers } = sampleStore();
    const env = await dispatch(handlers, 'items.get', { itemId: 9999 });
    expect(env).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: expect.stringMatching(/一覧を更新してください/) },
    });
  });

  it('hides unexpected errors behind a Japanese message and logs them', async () => {
    const { handlers } = sampleStore();
    const logged: unknown[] = [];
    const broken = {
      ...handlers,
      'plans.list': () => {
        throw new TypeError('boom');
      },
    };
    const env = await dispatch(broken, 'plans.list', {}, { log: (_m, e) => logged.push(e) });
    expect(env).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL', message: expect.stringMatching(/保存されていません/) },
    });
    expect(JSON.stringify(env)).not.toMatch(/boom/);
    expect(logged).toHaveLength(1);
  });

  it('maps a busy store to a message that says to retry', async () => {
    const { handlers } = sampleStore();
    const busy = {
      ...handlers,
      'plans.list': () => {
        throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
      },
    };
    const env = await dispatch(busy, 'plans.list', {});
    expect(env).toMatchObject({
      ok: false,
      error: { code: 'STORE', message: expect.stringMatching(/もう一度操作してください/) },
    });
  });
});

describe('the contract', () => {
  it('describes every channel in Japanese', () => {
    for (const [name, spec] of Object.entries(contract)) {
      expect(spec.summary, name).toMatch(/[ぁ-んァ-ヶ一-龠]/);
    }
  });
});
