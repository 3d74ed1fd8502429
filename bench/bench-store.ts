import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beginChangeSet } from '../electron/audit/audit-log';
import { openStore } from '../electron/db/open-store';
import type { Db } from '../electron/db/open-store';
import { adoptPlan } from '../electron/pdca/adopt-plan';
import { openYear } from '../electron/pdca/rounds';
import { getPdcaSettings } from '../electron/pdca/settings';
import { planFileSchema } from '../shared/domain/plan-file';
import { ROUND_PRESETS } from '../shared/pdca-presets';
import { generatePlan } from './generate-plan';

/** The bench's data file: a generated plan of `items` items with five years of records. */
export function makeStore(items: number): { file: string; loadMs: number; pdcaMs: number } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gyokaku-bench-'));
  const file = path.join(dir, 'bench.sqlite3');
  const store = openStore({ path: file });
  // At least 120 items under each 取組分野, so that the 100-row paste stays
  // inside one (10 per 重点項目 from 6,000 items up, fewer below).
  const areasPer = Math.max(1, Math.min(10, Math.floor(items / (5 * 120))));
  const plan = planFileSchema.parse(generatePlan(items, { areasPer }));
  const t0 = performance.now();
  store.db.transaction(() => {
    store.db
      .prepare("INSERT INTO app_meta (key, value) VALUES ('sample_plan_offered', 'bench')")
      .run();
    adoptPlan(
      beginChangeSet(
        store.db,
        { login: 'bench', displayName: 'bench' },
        { kind: 'system', note: 'bench' },
        new Date(),
      ),
      plan,
      'bench',
    );
  })();
  const loadMs = performance.now() - t0;
  const pdcaMs = seedPdca(store.db);
  store.close();
  return { file, loadMs, pdcaMs };
}

/**
 * The 個票 bench's data file: a generated plan of `items` items with two open
 * years whose records all carry a plan, a result and an amount.
 */
export function makeReportStore(items: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gyokaku-rbench-'));
  const file = path.join(dir, 'r.sqlite3');
  const store = openStore({ path: file });
  const cs = () =>
    beginChangeSet(
      store.db,
      { login: 'bench', displayName: 'bench' },
      { kind: 'system', note: 'bench' },
      new Date(),
    );
  store.db.transaction(() => {
    store.db
      .prepare("INSERT INTO app_meta (key, value) VALUES ('sample_plan_offered', 'bench')")
      .run();
    adoptPlan(cs(), planFileSchema.parse(generatePlan(items)), 'bench');
  })();
  store.db.transaction(() => {
    for (let fy = 2026; fy <= 2027; fy++) openYear(cs(), 1, fy);
    store.db
      .prepare(
        "UPDATE pdca_records SET plan_text = '年度目標を達成するため、手続の見直しを進める。', result_text = '計画どおり実施し、対象を拡大した。関係課と調整を行った。', saving_actual = 100000",
      )
      .run();
  })();
  store.close();
  return file;
}

/**
 * Five years × three rounds of records for every item (10,000 items: 150,000
 * records), with evaluations, amounts and one KPI per item, through the same
 * code that opens a year in the app.
 */
function seedPdca(db: Db): number {
  const t0 = performance.now();
  db.transaction(() => {
    const cs = beginChangeSet(
      db,
      { login: 'bench', displayName: 'bench' },
      { kind: 'system', note: 'bench' },
      new Date(),
    );
    const three = ROUND_PRESETS.find((p) => p.id === 'three')!.rounds;
    db.prepare('UPDATE pdca_settings SET rounds_json = ? WHERE plan_id = 1').run(
      JSON.stringify(three),
    );
    const levels = getPdcaSettings(db, 1).levels;
    const evals = levels.filter((l) => l.axis === 'evaluation').map((l) => l.id);
    const dirs = levels.filter((l) => l.axis === 'direction').map((l) => l.id);
    for (let fy = 2026; fy <= 2030; fy++) openYear(cs, 1, fy);
    const upd = db.prepare(
      `UPDATE pdca_records SET evaluation_id = ?, direction_id = ?, result_text = ?, revenue_plan = ?,
         revenue_actual = ?, saving_plan = ?, saving_actual = ?, status = ? WHERE id = ?`,
    );
    const statuses = ['answered', 'checked', 'final'];
    for (const id of db.prepare('SELECT id FROM pdca_records').pluck().all() as number[]) {
      upd.run(
        evals[id % evals.length],
        dirs[id % dirs.length],
        `取組実績 ${id}`,
        (id % 13) * 1000,
        (id % 11) * 1000,
        (id % 7) * 5000,
        (id % 5) * 4000,
        statuses[id % 3],
        id,
      );
    }
    const insKpi = db.prepare(
      `INSERT INTO kpis (item_id, name, unit, direction, progress_method, base_fy, base_value, final_target, sort_order)
       VALUES (?, '件数', '件', 'higher', 'cumulative', 2025, 0, 500, 1)`,
    );
    const insVal = db.prepare(
      'INSERT INTO kpi_values (kpi_id, fiscal_year, target, actual) VALUES (?, ?, ?, ?)',
    );
    for (const itemId of db.prepare('SELECT id FROM reform_items').pluck().all() as number[]) {
      const k = Number(insKpi.run(itemId).lastInsertRowid);
      for (let fy = 2026; fy <= 2030; fy++) insVal.run(k, fy, 100, 60 + ((itemId * fy) % 80));
    }
  })();
  return performance.now() - t0;
}
