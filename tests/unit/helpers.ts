import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHandlers } from '../../electron/app/handler-map';
import type { HandlerDeps } from '../../electron/ipc/context';
import { openStore } from '../../electron/db/open-store';
import type { Store } from '../../electron/db/open-store';
import { ensureSamplePlan } from '../../electron/app/sample-plan';

export const FIXED_NOW = new Date('2026-11-24T10:00:00+09:00');

export function tick(start = FIXED_NOW) {
  let t = start.getTime();
  return () => new Date((t += 1000));
}

export const ACTOR = { login: 'tanaka', displayName: '田中（人事行政課）' };

/** A :memory: store with the sample plan, and the handler map over it (and what it was made with). */
/** The sample plan in a store: in memory, or in a file (`file`: its path) where the file matters. */
export function sampleStore(file?: string): {
  store: Store;
  handlers: ReturnType<typeof createHandlers>;
  clock: () => Date;
  deps: HandlerDeps;
} {
  const clock = tick();
  const store = openStore({ path: file ?? ':memory:', clock });
  ensureSamplePlan(store.db, ACTOR, clock());
  const deps: HandlerDeps = {
    db: store.db,
    clock,
    osLogin: 'tanaka',
    host: 'browser',
    storePath: file ?? ':memory:',
    schemaVersion: store.schemaVersion,
    appVersion: '0.0.0-test',
  };
  return { store, handlers: createHandlers(deps), clock, deps };
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'gyokaku-test-'));
}

export function sha256(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** A fingerprint of the rows of some tables, to show a migration kept them. */
export function sha256Rows(db: Store['db'], tables: string[]): string {
  const h = crypto.createHash('sha256');
  for (const t of tables)
    h.update(JSON.stringify(db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()));
  return h.digest('hex');
}
