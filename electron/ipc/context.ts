import crypto from 'node:crypto';
import type { ChangeSource } from '../../shared/domain/audit';
import { currentActor } from '../audit/actor';
import type { Actor, ChangeSet } from '../audit/audit-log';
import { beginChangeSet } from '../audit/audit-log';
import type { Db } from '../db/open-store';
import { recordRowsOf } from './call-scope';
import { checkpointWhenIdle } from '../db/idle-checkpoint';

/** Everything a handler may touch, passed in: no handler reaches for globals. */
export interface HandlerDeps {
  db: Db;
  clock: () => Date;
  osLogin: string;
  host: 'electron' | 'browser';
  storePath: string;
  schemaVersion: number;
  appVersion: string;
  /** A copy of a file that cannot be written (or is in use elsewhere), open to view. */
  readOnly?: boolean;
}

/** The open store as a file, and the one way to change it (backups need both). */
export interface StoreFileAccess {
  db: Db;
  storePath: string;
  clock: () => Date;
  actor: () => Actor;
  change: <T>(fn: (cs: ChangeSet) => T) => T;
}

/** What each domain's handlers are given: the store, the clock, and the one way to change. */
export interface HandlerContext {
  db: Db;
  clock: () => Date;
  deps: HandlerDeps;
  actor(): Actor;
  /** Runs a change as one transaction with one audit batch (the unit of undo). */
  change<T>(source: ChangeSource, fn: (cs: ChangeSet) => T): T;
  /** A change made on a screen. */
  screen<T>(fn: (cs: ChangeSet) => T): T;
  backups: StoreFileAccess;
}

export const SCREEN: ChangeSource = { kind: 'screen' };
export const OK = { ok: true } as const;
export const sha256 = (data: Buffer) => crypto.createHash('sha256').update(data).digest('hex');
/** File bytes as a Buffer without copying. */
export const bytesOf = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

export function handlerContext(deps: HandlerDeps): HandlerContext {
  const { db, clock } = deps;
  const actor = () => currentActor(db, deps.osLogin);
  function change<T>(source: ChangeSource, fn: (cs: ChangeSet) => T): T {
    const out = db
      .transaction(() => {
        const cs = beginChangeSet(db, actor(), source, clock());
        const end = recordRowsOf(db, cs.batchId, cs.at);
        const result = fn(cs);
        end();
        return result;
      })
      .immediate();
    // (a change inside another's transaction leaves the checkpoint to the outer one)
    if (!db.inTransaction) checkpointWhenIdle(db);
    return out;
  }
  const screen = <T>(fn: (cs: ChangeSet) => T) => change(SCREEN, fn);
  return {
    db,
    clock,
    deps,
    actor,
    change,
    screen,
    backups: { db, storePath: deps.storePath, clock, actor, change: screen },
  };
}
