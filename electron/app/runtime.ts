import os from 'node:os';
import { createHandlers } from './handler-map';
import type { StoreHandlers } from '../ipc/registry';
import { openReadOnlyStore, openStore } from '../db/open-store';
import type { Store } from '../db/open-store';
import { ensureSamplePlan } from './sample-plan';
import { dailyBackup } from '../backups/handlers';
import { currentActor } from '../audit/actor';
import { pruneRowChanges } from '../history/undo';
import { APP_VERSION } from './version';

export interface Runtime {
  store: Store;
  handlers: StoreHandlers;
  close(): void;
}

export interface RuntimeOptions {
  storePath: string;
  host: 'electron' | 'browser';
  clock?: () => Date;
  osLogin?: string;
  /** Load the sample plan into a fresh store (the default, as staff expect). */
  samplePlan?: boolean;
  /**
   * Open to view only: storePath is then a copy of `viewOf`, the file staff
   * chose, which is what the app shows and whose backups it lists.
   */
  viewOf?: string;
}

export function osLoginName(): string {
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USERNAME ?? process.env.USER ?? '利用者';
  }
}

/** Opens the store and builds the handler map: what main.ts and the browser host share. */
export function startRuntime(options: RuntimeOptions): Runtime {
  const clock = options.clock ?? (() => new Date());
  const osLogin = options.osLogin ?? osLoginName();
  const viewing = options.viewOf !== undefined;
  if (viewing) {
    // The copy is ours, but nothing staff do may look as if it were saved.
    const store = openReadOnlyStore(options.storePath, clock);
    return {
      store,
      handlers: createHandlers({
        db: store.db,
        clock,
        osLogin,
        host: options.host,
        storePath: options.viewOf!,
        schemaVersion: store.schemaVersion,
        appVersion: APP_VERSION,
        readOnly: true,
      }),
      close: () => store.close(),
    };
  }
  const store = openStore({ path: options.storePath, clock });
  try {
    if (options.samplePlan !== false)
      ensureSamplePlan(store.db, currentActor(store.db, osLogin), clock());
  } catch (e) {
    store.close();
    throw e;
  }
  // Undo is for recent work: row images older than 30 days are let go (the audit log keeps all).
  pruneRowChanges(store.db, clock());
  // The first open of the day leaves a backup; a failure to write one must not keep staff out.
  try {
    dailyBackup(store.db, options.storePath, clock());
  } catch (e) {
    console.error('バックアップを作れませんでした:', (e as Error).message);
  }
  const handlers = createHandlers({
    db: store.db,
    clock,
    osLogin,
    host: options.host,
    storePath: options.storePath,
    schemaVersion: store.schemaVersion,
    appVersion: APP_VERSION,
  });
  return { store, handlers, close: () => store.close() };
}
