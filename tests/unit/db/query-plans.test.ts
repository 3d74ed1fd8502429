import { describe, expect, it } from 'vitest';
import type { Db } from '../../../electron/db/open-store';
import { dispatch } from '../../../electron/ipc/dispatch';
import { sampleStore } from '../helpers';

/**
 * The hot reads go through indexes: every statement a call runs is caught
 * with its parameters and explained; the big tables (records, the audit log)
 * must be searched, never scanned whole.
 */
function capture(db: Db): { sql: string; args: unknown[] }[] {
  const seen: { sql: string; args: unknown[] }[] = [];
  const prepare = db.prepare.bind(db);
  (db as { prepare: unknown }).prepare = (sql: string) => {
    const st = prepare(sql);
    for (const m of ['all', 'get', 'iterate'] as const) {
      const orig = (st[m] as (...a: unknown[]) => unknown).bind(st);
      (st as unknown as Record<string, unknown>)[m] = (...args: unknown[]) => {
        seen.push({ sql, args });
        return orig(...args);
      };
    }
    return st;
  };
  return seen;
}

function plansOf(db: Db, caught: { sql: string; args: unknown[] }[]): string[] {
  return caught
    .filter((c) => /^\s*(SELECT|WITH)/i.test(c.sql))
    .map((c) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${c.sql}`).all(...c.args) as { detail: string }[])
        .map((r) => r.detail)
        .join(' | '),
    );
}

const BIG = ['pdca_records', 'audit_log'];

describe('query plans of the hot reads', () => {
  it('the record list, an item’s history and the dashboard search the big tables by index', async () => {
    const s = sampleStore();
    const open = await dispatch(s.handlers, 'pdca.rounds.open', { planId: 1, fiscalYear: 2025 });
    if (!open.ok) throw new Error(open.error.message);
    const roundId = (open.value as { id: number }[])[0]!.id;
    const calls: [string, unknown][] = [
      ['pdca.records.list', { roundId }],
      ['audit.list', { itemId: 3, limit: 50 }],
      ['dashboard.get', { planId: 1, fiscalYear: 2025, roundId }],
    ];
    for (const [channel, input] of calls) {
      const caught = capture(s.store.db);
      const env = await dispatch(s.handlers, channel, input);
      (s.store.db as { prepare: unknown }).prepare = Object.getPrototypeOf(s.store.db).prepare;
      expect(env.ok, channel).toBe(true);
      const plans = plansOf(s.store.db, caught);
      expect(plans.length, channel).toBeGreaterThan(0);
      for (const p of plans)
        for (const t of BIG)
          expect(p, `${channel}: ${p}`).not.toMatch(new RegExp(`SCAN ${t}\\b(?! USING)`));
      if (channel === 'pdca.records.list')
        expect(plans.join(' ')).toMatch(
          /SEARCH r USING INDEX pdca_records_round|SEARCH pdca_records USING INDEX/,
        );
      if (channel === 'audit.list') expect(plans.join(' ')).toMatch(/USING INDEX audit_log_item/);
    }
  });
});
