import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleStore, tempDir } from '../helpers';
import { acceptAll, asFile, editWorkbook, ok } from './helpers';

/**
 * A city exports fifty workbooks of forty items each from a plan of
 * thousands. Each workbook must read its own items, not the whole plan: a
 * statement that scans the plan's items, assignments, records or KPIs costs
 * its time fifty times over (at 10,000 items, a section's workbook took
 * 169–234 ms reading every KPI of the plan; 52–84 ms reading its own).
 * SQLite plans a statement by its shape, not by the data, so the plans seen
 * on the sample plan are the plans a city's plan gets.
 */
const PLAN_TABLES = new Set([
  'reform_items',
  'item_assignments',
  'kpis',
  'kpi_values',
  'pdca_records',
  'exchange_export_records',
]);
const KEYWORDS = new Set([
  'SELECT',
  'WHERE',
  'ON',
  'JOIN',
  'LEFT',
  'INNER',
  'USING',
  'AND',
  'ORDER',
  'GROUP',
]);

/** The tables a statement reads, by the names its query plan uses (aliases included). */
function tablesByName(sql: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of sql.matchAll(/\b(?:FROM|JOIN)\s+(\w+)(?:\s+(?:AS\s+)?(\w+))?/gi)) {
    out.set(m[1]!, m[1]!);
    if (m[2] && !KEYWORDS.has(m[2].toUpperCase())) out.set(m[2], m[1]!);
  }
  return out;
}

describe('a workbook of the 照会, at any plan size', () => {
  it('is exported, previewed and applied through indexes: no statement reads the whole plan', async () => {
    const file = path.join(tempDir(), 'scale.sqlite3');
    const first = sampleStore(file);
    const [round] = await ok(first.handlers, 'pdca.rounds.open', { planId: 1, fiscalYear: 2025 });
    first.store.close();

    // a connection of its own: every statement the cycle uses is prepared (and seen) here
    const { handlers, store } = sampleStore(file);
    const db = store.db;
    const seen = new Set<string>();
    const prepare = db.prepare.bind(db);
    db.prepare = ((sql: string) => (seen.add(sql), prepare(sql))) as typeof db.prepare;

    const targets = await ok(handlers, 'exchange.exportTargets', {
      roundId: round!.id,
      scope: 'section',
    });
    const target = targets.find((t) => t.name === '人事行政課')!;
    const exported = await ok(handlers, 'exchange.exportWorkbook', {
      roundId: round!.id,
      orgUnitId: target.orgUnitId,
      scope: 'section',
      contact: '人事行政課 行政改革係',
    });
    const back = await editWorkbook(Buffer.from(exported.data), [
      { code: '1-(1)-1', header: '取組実績（D）', value: '電子申請の手続を20件追加した。' },
      { code: '1-(1)-2', header: /実績 歳出削減/, value: 1234.5 },
    ]);
    const preview = await ok(handlers, 'exchange.previewReturn', {
      roundId: round!.id,
      file: asFile('回答.xlsx', back),
    });
    const summary = await ok(handlers, 'exchange.applyReturn', {
      roundId: round!.id,
      file: asFile('回答.xlsx', back),
      ...acceptAll(preview),
    });
    expect(summary).toMatchObject({ applied: 2 });

    const wholePlan: string[] = [];
    for (const sql of seen) {
      if (!/^\s*SELECT/i.test(sql)) continue;
      // the plan does not depend on the values: every parameter NULL
      const params = [...new Set([...sql.matchAll(/@(\w+)/g)].map((m) => m[1]!))];
      const args = params.length
        ? [Object.fromEntries(params.map((n) => [n, null]))]
        : Array.from(sql.matchAll(/\?/g), () => null);
      const plan = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[];
      const names = tablesByName(sql);
      for (const p of plan) {
        // a scan, or a search by plan (every item of the plan) where the workbook's would do
        const read =
          /^(?:SCAN (\w+)|SEARCH (\w+) USING (?:COVERING )?INDEX \w+ \(plan_id=\?\))/.exec(
            p.detail,
          );
        const name = read?.[1] ?? read?.[2];
        if (name && PLAN_TABLES.has(names.get(name) ?? name))
          wholePlan.push(`${p.detail} ← ${sql.replace(/\s+/g, ' ').slice(0, 140)}`);
      }
    }
    expect(seen.size).toBeGreaterThan(20);
    expect(wholePlan).toEqual([]);
    store.close();
  });
});
