import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations';
import { acquireInstanceLock } from './instance-lock';
import { StoreError } from './store-error';
import { datedSibling } from './file-names';
import { installRowTriggers } from './row-triggers';
import { WAL_CAP_PAGES } from './idle-checkpoint';

/** From this data format on, rows changed by user operations are kept for undo. */
const UNDO_VERSION = 6;

export type Db = Database.Database;

export interface Store {
  db: Db;
  /** ':memory:' for tests. */
  path: string;
  schemaVersion: number;
  /** Where the pre-migration copy went, if a migration ran on an existing file. */
  backupPath: string | null;
  close(): void;
}

export interface OpenStoreOptions {
  path: string;
  clock?: () => Date;
  /** Stop at this schema version (tests of migrations). */
  targetVersion?: number;
  /** How long to wait for another program's lock on the file, in ms. */
  busyTimeoutMs?: number;
  /** Skip the cross-process instance lock (tests that open the same file twice on purpose). */
  skipInstanceLock?: boolean;
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

function checkHeader(file: string): void {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(16);
    const n = fs.readSync(fd, head, 0, 16, 0);
    if (n === 0) return; // an empty file becomes a new store
    if (n < 16 || !head.equals(SQLITE_HEADER)) {
      throw new StoreError(
        'NOT_A_STORE',
        `「${path.basename(file)}」は行革デスクのデータファイルとして読み込めません（形式が違うか、壊れています）。` +
          'ファイルは変更していません。バックアップから復元するか、別のデータファイルを指定してください。',
      );
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** The dated copy beside the store taken before a migration: gyokaku.backup-20261124-101500-v1.sqlite3 */
export function backupPathFor(storePath: string, version: number, now: Date): string {
  return datedSibling(storePath, 'backup', now, `-v${version}`);
}

/** Up to this size the whole file is checked on open (about a second); beyond, its structure. */
const FULL_CHECK_BYTES = 256 * 1024 * 1024;

/**
 * The integrity check on open, bounded in time: a full quick_check of any
 * store up to 256 MB; a larger one has its schema and every table's first and
 * last pages read (a full check of a 1 GB file takes too long at every start).
 */
function checkIntegrity(db: Db, file: string): void {
  let problem: string | null = null;
  try {
    if (fs.statSync(file).size <= FULL_CHECK_BYTES) {
      const r = db.pragma('quick_check(5)', { simple: true });
      if (r !== 'ok') problem = String(r);
    } else {
      const tables = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .pluck()
        .all() as string[];
      for (const t of tables) {
        db.prepare(`SELECT * FROM "${t}" ORDER BY rowid LIMIT 1`).all();
        db.prepare(`SELECT * FROM "${t}" ORDER BY rowid DESC LIMIT 1`).all();
      }
    }
  } catch (e) {
    problem = (e as Error).message;
  }
  if (problem !== null) {
    const backups = path.join(path.dirname(path.resolve(file)), 'backups');
    throw new StoreError(
      'DAMAGED',
      `データファイル「${path.basename(file)}」の一部が壊れています。これ以上壊さないよう、ファイルは開かず、変更もしていません。` +
        `「バックアップ」の一覧から壊れる前の日時のものを選んで復元してください（壊れたファイルは名前を変えて残します）。バックアップは ${backups} にあります。`,
    );
  }
}

function mapOpenError(e: unknown, file: string): never {
  if (e instanceof StoreError) throw e;
  const code = (e as { code?: string }).code ?? '';
  const name = path.basename(file);
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    throw new StoreError(
      'NOT_A_STORE',
      `「${name}」は壊れているか、データファイルではありません。ファイルは変更していません。` +
        '「バックアップ」の一覧から復元するか、別のデータファイルを開いてください。',
      { cause: e },
    );
  }
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    throw new StoreError(
      'BUSY',
      `「${name}」は他のプログラムが使用中のため開けません。そのプログラムを終了してから、もう一度起動してください。データは変更していません。`,
      { cause: e },
    );
  }
  if (code === 'SQLITE_READONLY' || code === 'EACCES' || code === 'EPERM') {
    throw new StoreError(
      'READ_ONLY_FILE',
      `「${name}」に書き込めません（読み取り専用か、アクセス権がありません）。` +
        'ファイルのプロパティで読み取り専用を外すか、書き込めるフォルダーにコピーして指定してください。',
      { cause: e },
    );
  }
  throw new StoreError(
    'CANNOT_OPEN',
    `データファイル「${name}」を開けません（${code || (e as Error).message}）。保存先のフォルダーがあるか、ネットワークドライブに接続されているかを確認してください。`,
    { cause: e },
  );
}

/**
 * Opens (or creates) the store, refusing files it must not touch and migrating
 * older ones forward, one transaction per migration, after a dated backup.
 */
export function openStore(options: OpenStoreOptions): Store {
  const file = options.path;
  const clock = options.clock ?? (() => new Date());
  const inMemory = file === ':memory:';
  const target = options.targetVersion ?? LATEST_SCHEMA_VERSION;
  let releaseLock = () => {};

  if (!inMemory) {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    if (fs.existsSync(file)) {
      checkHeader(file);
      try {
        fs.accessSync(file, fs.constants.R_OK | fs.constants.W_OK);
      } catch (e) {
        mapOpenError(e, file);
      }
    }
    if (!options.skipInstanceLock) releaseLock = acquireInstanceLock(path.resolve(file), clock);
  }

  let db: Db | null = null;
  try {
    db = new Database(file, { timeout: options.busyTimeoutMs ?? 5000 });
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > LATEST_SCHEMA_VERSION) {
      throw new StoreError(
        'NEWER_VERSION',
        `このデータファイルは新しいバージョンの行革デスクで作成・更新されています（データ形式 ${version}、このアプリは ${LATEST_SCHEMA_VERSION} まで）。` +
          '古いアプリで開くとデータを壊すおそれがあるため開きません。ファイルは変更していません。行革デスクを最新版に更新してください。',
      );
    }
    if (version === 0) {
      const tables = db
        .prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'")
        .get() as { n: number };
      if (tables.n > 0) {
        throw new StoreError(
          'FOREIGN_DATABASE',
          `「${path.basename(file)}」は行革デスクのデータファイルではありません（別のアプリの SQLite ファイルです）。ファイルは変更していません。別のファイルを指定してください。`,
        );
      }
    }
    // A damaged store is never written: checked before anything else touches it.
    if (!inMemory && version > 0) checkIntegrity(db, file);
    if (!inMemory) {
      db.pragma('journal_mode = WAL');
      // Checkpoints run when writes pause (idle-checkpoint.ts); this is the cap.
      db.pragma(`wal_autocheckpoint = ${WAL_CAP_PAGES}`);
    }
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');

    let backupPath: string | null = null;
    if (version < target) {
      if (!inMemory && version > 0) {
        backupPath = backupPathFor(file, version, clock());
        // Under a temporary name until complete: a kill here never leaves an
        // empty or half file that looks like a backup.
        const partial = `${backupPath}.partial`;
        fs.rmSync(partial, { force: true });
        db.prepare('VACUUM INTO ?').run(partial);
        fs.renameSync(partial, backupPath);
      }
      migrate(db, version, target);
    }
    const opened = db;
    return {
      db: opened,
      path: file,
      schemaVersion: opened.pragma('user_version', { simple: true }) as number,
      backupPath,
      close() {
        if (opened.open) opened.close();
        releaseLock();
      },
    };
  } catch (e) {
    db?.close();
    releaseLock();
    return mapOpenError(e, file);
  }
}

/**
 * All steps and the undo triggers in one transaction: a store is at its old
 * version or the new one, never in between, whatever stops the process.
 */
function migrate(db: Db, from: number, to: number): void {
  db.transaction(() => {
    migrateSteps(db, from, to);
    // Undo captures rows by triggers made from the tables as they now are.
    if (to >= UNDO_VERSION) installRowTriggers(db);
  }).immediate();
}

function migrateSteps(db: Db, from: number, to: number): void {
  for (const m of MIGRATIONS) {
    if (m.version <= from || m.version > to) continue;
    try {
      // A savepoint inside migrate's transaction, so a failing step is named.
      db.transaction(() => {
        m.up(db);
        db.pragma(`user_version = ${m.version}`);
      })();
    } catch (e) {
      if ((e as { code?: string }).code?.startsWith('SQLITE_BUSY')) throw e;
      throw new StoreError(
        'MIGRATION_FAILED',
        `データ形式の更新（${m.version}: ${m.name}）に失敗しました。ファイルは更新前の状態のままです。サポート担当にご連絡ください。`,
        { cause: e },
      );
    }
  }
}

/**
 * A store opened for reading only (a private copy shown in read-only mode):
 * brought to the current data format first, then reopened with SQLite's
 * read-only flag, so nothing can write it while temporary tables still work.
 */
export function openReadOnlyStore(file: string, clock?: () => Date): Store {
  const migrated = openStore({ path: file, clock, skipInstanceLock: true });
  const schemaVersion = migrated.schemaVersion;
  migrated.close();
  const db = new Database(file, { readonly: true, fileMustExist: true });
  db.pragma('foreign_keys = ON');
  return {
    db,
    path: file,
    schemaVersion,
    backupPath: null,
    close() {
      if (db.open) db.close();
    },
  };
}
