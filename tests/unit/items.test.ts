import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startRuntime } from '../../electron/app/runtime';
import { dispatch } from '../../electron/ipc/dispatch';
import { getItems, hydrateSql } from '../../electron/items/item-queries';
import { assignmentInForce } from '../../electron/years/in-force';
import type { ReformItem } from '../../shared/domain/item';
import { sampleStore, tempDir, tick } from './helpers';

describe('editing a 改革項目', () => {
  it('saves the change and records who, when, what and from where', async () => {
    const { store, handlers } = sampleStore();
    await dispatch(handlers, 'app.setDisplayName', { displayName: '田中（人事行政課）' });
    const env = await dispatch(
      handlers,
      'items.update',
      {
        itemId: 2,
        patch: { name: '押印・署名の見直し', isContinued: true },
      },
      { validateResults: true },
    );
    expect(env.ok).toBe(true);
    const item = (env as { value: ReformItem }).value;
    expect(item.name).toBe('押印・署名の見直し');
    expect(item.isContinued).toBe(true);

    const history = await dispatch(handlers, 'audit.list', { itemId: 2 });
    const rows = (
      history as {
        value: {
          action: string;
          field: string | null;
          oldValue: unknown;
          newValue: unknown;
          userName: string;
          userLogin: string;
          source: unknown;
          at: string;
          batchId: string;
        }[];
      }
    ).value;
    const updates = rows.filter((r) => r.action === 'update');
    expect(updates.map((r) => [r.field, r.oldValue, r.newValue])).toEqual(
      expect.arrayContaining([
        ['name', '押印の見直し', '押印・署名の見直し'],
        ['isContinued', false, true],
      ]),
    );
    expect(updates).toHaveLength(2);
    for (const r of updates) {
      expect(r.userLogin).toBe('tanaka');
      expect(r.userName).toBe('田中（人事行政課）');
      expect(r.source).toEqual({ kind: 'screen' });
      expect(r.at).toMatch(/^\d{4}-\d\d-\d\dT/);
    }
    expect(new Set(updates.map((r) => r.batchId)).size).toBe(1);
    // the item's history also shows its creation with initiatives and sections
    expect(rows.some((r) => r.action === 'create')).toBe(true);
    expect(store.db.prepare('SELECT updated_at FROM reform_items WHERE id = 2').get()).toEqual({
      updated_at: item.updatedAt,
    });
  });

  it('writes nothing when nothing really changed', async () => {
    const { store, handlers } = sampleStore();
    const before = store.db.prepare('SELECT count(*) AS n FROM audit_log').get();
    const env = await dispatch(handlers, 'items.update', {
      itemId: 2,
      patch: { name: '押印の見直し' },
    });
    expect(env.ok).toBe(true);
    expect(store.db.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual(before);
  });

  it('refuses a change based on a stale read (changed elsewhere since)', async () => {
    const { store, handlers } = sampleStore();
    const read = (await dispatch(handlers, 'items.get', { itemId: 3 })) as { value: ReformItem };
    await dispatch(handlers, 'items.update', { itemId: 3, patch: { promotion: '他の人の変更' } });
    const env = await dispatch(handlers, 'items.update', {
      itemId: 3,
      patch: { promotion: '古い画面からの変更' },
      expectedUpdatedAt: read.value.updatedAt,
    });
    expect(env).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringMatching(/読み込み直して/) },
    });
    expect(store.db.prepare('SELECT promotion FROM reform_items WHERE id = 3').get()).toEqual({
      promotion: '他の人の変更',
    });
  });

  it('rolls back the whole change when the store refuses part of it', async () => {
    const { store, handlers } = sampleStore();
    store.db.exec(`CREATE TEMP TRIGGER fail_promotion BEFORE UPDATE OF promotion ON reform_items
      BEGIN SELECT RAISE(ABORT, 'disk trouble'); END`);
    const auditBefore = store.db.prepare('SELECT count(*) AS n FROM audit_log').get();
    const env = await dispatch(handlers, 'items.update', {
      itemId: 4,
      patch: { name: '新しい名前', promotion: 'x' },
    });
    expect(env.ok).toBe(false);
    expect(store.db.prepare('SELECT name FROM reform_items WHERE id = 4').get()).toEqual({
      name: '電子入札制度の導入',
    });
    expect(store.db.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual(auditBefore);
  });

  it('keeps every change across a restart', async () => {
    const dir = tempDir();
    const storePath = path.join(dir, 'gyokaku.sqlite3');
    const clock = tick();
    const first = startRuntime({ storePath, host: 'browser', clock, osLogin: 'sato' });
    await dispatch(first.handlers, 'items.update', {
      itemId: 10,
      patch: { promotion: '再起動しても残る推進内容' },
    });
    await dispatch(first.handlers, 'app.setDisplayName', { displayName: '佐藤' });
    first.close();

    const second = startRuntime({ storePath, host: 'browser', clock, osLogin: 'sato' });
    const item = (await dispatch(second.handlers, 'items.get', { itemId: 10 })) as {
      value: ReformItem;
    };
    expect(item.value.promotion).toBe('再起動しても残る推進内容');
    const info = await dispatch(second.handlers, 'app.info', {});
    expect(info).toMatchObject({
      ok: true,
      value: { user: { login: 'sato', displayName: '佐藤' } },
    });
    const plans = await dispatch(second.handlers, 'plans.list', {});
    expect((plans as { value: unknown[] }).value).toHaveLength(1); // the sample is not loaded twice
    second.close();
  });
});

describe('reading items back after an edit', () => {
  it('hydrates from the selected items, never by scanning every initiative of the store', () => {
    const { store } = sampleStore();
    // hydration creates the temp table; one item selected, as after a typed cell
    getItems(store.db, [2]);
    for (const fy of [null, '@fy'] as const) {
      for (const [name, sql] of Object.entries(hydrateSql(assignmentInForce('ia', fy)))) {
        const plan = (
          store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(fy ? { fy: 2025 } : {}) as {
            detail: string;
          }[]
        ).map((r) => r.detail);
        // the selection is the outer loop; every child table is reached by its index
        expect(plan[0], name).toMatch(/^SCAN s\b/);
        expect(
          plan.slice(1).filter((d) => d.startsWith('SCAN')),
          name,
        ).toEqual([]);
      }
    }
  });
});
