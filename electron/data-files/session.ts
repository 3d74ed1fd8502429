import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Channel } from '../../shared/contract';
import { contract } from '../../shared/contract';
import type { DataFileState } from '../../shared/domain/data-files';
import { AppError } from '../../shared/errors';
import { startRuntime, osLoginName } from '../app/runtime';
import type { Runtime } from '../app/runtime';
import { currentActor } from '../audit/actor';
import { beginChangeSet, recordChange } from '../audit/audit-log';
import { backupNames } from '../backups/backups';
import { backupFileHandlers } from '../backups/handlers';
import { StoreError } from '../db/store-error';
import type { DataFileChannel, Handler, HandlerRegistry, StoreHandlers } from '../ipc/registry';
import { APP_VERSION } from '../app/version';
import { checkDataFilePath } from './file-paths';
import { forgetRecent, readRecent, rememberRecent, samePath } from './recent';
import { putBackupInPlace } from './recover';
import { makeViewCopy } from './view-copy';
import type { ViewCopy } from './view-copy';

export interface SessionOptions {
  /** The data file to open at start. */
  storePath: string;
  /** Where the recently used list lives (the app's user data folder). */
  userDataDir: string;
  host: 'electron' | 'browser';
  clock?: () => Date;
  osLogin?: string;
  samplePlan?: boolean;
  /** Folders typed paths may point into (browser host); null: anywhere (desktop dialogs). */
  allowedFolders: string[] | null;
  /** The system's file dialog (desktop only). */
  choose?: (purpose: 'open' | 'create') => Promise<string | null>;
}

type Current =
  | { mode: 'normal'; path: string; runtime: Runtime }
  | {
      mode: 'readOnly';
      path: string;
      runtime: Runtime;
      problem: string;
      viewedAt: Date;
      view: ViewCopy;
    }
  | { mode: 'unavailable'; path: string; error: StoreError };

export interface Session {
  /** The whole registry, stable for the life of the app: each call goes to the file in use now. */
  handlers: HandlerRegistry;
  state(): DataFileState;
  close(): void;
}

/** Failures that still let staff look at the file, from a copy. */
const VIEWABLE = new Set(['READ_ONLY_FILE', 'IN_USE']);
/** Failures a backup can repair. */
const REPAIRABLE = new Set(['DAMAGED', 'NOT_A_STORE']);

/**
 * Which data file is in use, and how: the one object that opens, switches
 * and closes stores. A file that cannot be written or is in use elsewhere
 * opens read-only (from a copy); one that cannot be opened at all leaves the
 * app running with only recovery offered — staff are never left with a
 * message box and no way forward.
 */
export function openSession(options: SessionOptions): Session {
  const clock = options.clock ?? (() => new Date());
  const osLogin = options.osLogin ?? osLoginName();

  function open(file: string, samplePlan = options.samplePlan): Current {
    try {
      return {
        mode: 'normal',
        path: file,
        runtime: startRuntime({ storePath: file, host: options.host, clock, osLogin, samplePlan }),
      };
    } catch (e) {
      if (!(e instanceof StoreError)) throw e;
      if (!VIEWABLE.has(e.kind)) return { mode: 'unavailable', path: file, error: e };
      let view: ViewCopy | null = null;
      try {
        view = makeViewCopy(file);
        const runtime = startRuntime({
          storePath: view.path,
          viewOf: file,
          host: options.host,
          clock,
          osLogin,
        });
        return {
          mode: 'readOnly',
          path: file,
          runtime,
          viewedAt: clock(),
          view,
          problem: `読み取り専用で開いています。表示・印刷・書き出しはできますが、変更はできません。理由: ${e.message}`,
        };
      } catch (inner) {
        view?.dispose();
        return {
          mode: 'unavailable',
          path: file,
          error: inner instanceof StoreError ? inner : e,
        };
      }
    }
  }

  function dispose(c: Current): void {
    if (c.mode === 'unavailable') return;
    c.runtime.close();
    if (c.mode === 'readOnly') c.view.dispose();
  }

  function remember(c: Current): void {
    if (c.mode === 'unavailable') return;
    try {
      rememberRecent(options.userDataDir, c.path, clock());
    } catch {
      // an unwritable profile folder must not stop the work
    }
  }

  let current = open(path.resolve(options.storePath));
  remember(current);

  /** Switch to another file only once it opened: a failure leaves the file in use as it was. */
  function switchTo(next: Current): DataFileState {
    if (next.mode === 'unavailable')
      throw new AppError(
        'STORE',
        `${next.error.message}（いま開いている「${path.basename(current.path)}」はそのまま使えます。）`,
      );
    const previous = current;
    current = next;
    dispose(previous);
    remember(next);
    return state();
  }

  function state(): DataFileState {
    const c = current;
    return {
      path: c.path,
      name: path.basename(c.path),
      mode: c.mode,
      problem: c.mode === 'normal' ? null : c.mode === 'readOnly' ? c.problem : c.error.message,
      recoverable:
        c.mode === 'unavailable' && REPAIRABLE.has(c.error.kind) && backupNames(c.path).length > 0,
      viewedAt: c.mode === 'readOnly' ? c.viewedAt.toISOString() : null,
      recent: readRecent(options.userDataDir).map((e) => ({
        path: e.path,
        name: path.basename(e.path),
        folder: path.dirname(e.path),
        openedAt: e.openedAt,
        exists: fs.existsSync(e.path),
      })),
      dialogs: Boolean(options.choose),
      allowedFolders: options.allowedFolders ?? [],
    };
  }

  const rules = { allowedFolders: options.allowedFolders };

  const fileHandlers: Pick<HandlerRegistry, DataFileChannel> = {
    'files.state': () => state(),
    'files.open': ({ path: typed }) => {
      const file = checkDataFilePath(typed, 'open', rules);
      if (current.mode === 'normal' && samePath(current.path, file)) return state();
      return switchTo(open(file));
    },
    'files.create': ({ path: typed, samplePlan }) => {
      const file = checkDataFilePath(typed, 'create', rules);
      return switchTo(open(file, samplePlan));
    },
    'files.forget': ({ path: typed }) => {
      forgetRecent(options.userDataDir, typed);
      return state();
    },
    'files.choose': async ({ purpose }) => {
      if (!options.choose)
        throw new AppError(
          'VALIDATION',
          'ブラウザ版ではファイルを選ぶ画面を出せません。データファイルの場所を入力してください。',
        );
      return { path: await options.choose(purpose) };
    },
    'files.saveCopy': () => {
      const c = current;
      if (c.mode === 'unavailable') throw unavailable(c);
      return { fileName: copyName(c.path, clock()), data: snapshotBytes(c.runtime) };
    },
  };

  function unavailable(c: Extract<Current, { mode: 'unavailable' }>): AppError {
    return new AppError(
      'STORE',
      `データファイル「${path.basename(c.path)}」を開けていないため、この操作はできません。${c.error.message}`,
    );
  }

  /** While the file cannot be opened: what the backup screen and the frame need, and recovery. */
  function unavailableHandlers(
    c: Extract<Current, { mode: 'unavailable' }>,
  ): Partial<StoreHandlers> {
    return {
      ...backupFileHandlers(c.path),
      'app.info': () => ({
        appName: '行革デスク',
        version: APP_VERSION,
        host: options.host,
        storePath: c.path,
        schemaVersion: 0,
        readOnly: true,
        user: { login: osLogin, displayName: osLogin },
      }),
      'backups.restore': ({ file }) => {
        if (!REPAIRABLE.has(c.error.kind)) throw unavailable(c);
        const now = clock();
        const { keptAs } = putBackupInPlace(c.path, file, now);
        const next = open(c.path);
        if (next.mode !== 'normal') {
          current = next;
          throw new AppError(
            'STORE',
            `バックアップを戻しましたが、開けませんでした。${next.mode === 'unavailable' ? next.error.message : next.problem}`,
          );
        }
        const db = next.runtime.store.db;
        db.transaction(() =>
          recordChange(beginChangeSet(db, currentActor(db, osLogin), { kind: 'screen' }, now), {
            action: 'update',
            entity: 'store',
            entityId: 0,
            field: 'restore',
            oldValue: { damagedFileKeptAs: keptAs },
            newValue: { restoredFrom: file },
          }),
        ).immediate();
        current = next;
        remember(next);
        return { restoredFrom: file, safetyBackup: keptAs ?? '' };
      },
    };
  }

  function route<C extends Exclude<Channel, DataFileChannel>>(channel: C): Handler<C> {
    return ((input: never) => {
      const c = current;
      if (c.mode === 'unavailable') {
        const h = unavailableHandlers(c)[channel] as ((i: never) => unknown) | undefined;
        if (!h) throw unavailable(c);
        return h(input);
      }
      if (c.mode === 'readOnly' && contract[channel].mutates)
        throw new AppError(
          'READ_ONLY',
          `「${path.basename(c.path)}」は読み取り専用で開いているため、変更できません。変更するには、書き込めるようにしてから（使用中なら相手が閉じてから）「データファイル」の画面で開き直してください。`,
        );
      return (c.runtime.handlers[channel] as (i: never) => unknown)(input);
    }) as Handler<C>;
  }

  const handlers = { ...fileHandlers } as Record<string, unknown>;
  for (const channel of Object.keys(contract) as Channel[])
    if (!channel.startsWith('files.'))
      handlers[channel] = route(channel as Exclude<Channel, DataFileChannel>);

  return {
    handlers: handlers as HandlerRegistry,
    state,
    close: () => dispose(current),
  };
}

function copyName(file: string, now: Date): string {
  const base = path.basename(file, path.extname(file));
  const p = (n: number) => String(n).padStart(2, '0');
  return `${base}-コピー-${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}.sqlite3`;
}

/** A consistent copy of the store in use, as bytes (the connection keeps working). */
function snapshotBytes(runtime: Runtime): Buffer {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gyokaku-copy-'));
  try {
    runtime.store.db.prepare('VACUUM INTO ?').run(path.join(dir, 'copy.sqlite3'));
    return fs.readFileSync(path.join(dir, 'copy.sqlite3'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
