import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { resolveStorePath } from '../../../electron/app/paths';
import { backupDir } from '../../../electron/backups/backups';
import { openStore } from '../../../electron/db/open-store';
import { openSession } from '../../../electron/data-files/session';
import type { Session } from '../../../electron/data-files/session';
import { lastOpened, readRecent } from '../../../electron/data-files/recent';
import { dispatch } from '../../../electron/ipc/dispatch';
import { contract } from '../../../shared/contract';
import type { Channel, ResultOf } from '../../../shared/contract';
import { sha256, tempDir, tick } from '../helpers';

const sessions: Session[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.close();
  vi.restoreAllMocks();
});

function session(opts: { dir?: string; allowed?: string[] | null; file?: string } = {}) {
  const dir = opts.dir ?? tempDir();
  const userDataDir = path.join(dir, 'profile');
  const s = openSession({
    storePath: opts.file ?? path.join(dir, 'gyokaku.sqlite3'),
    userDataDir,
    host: 'browser',
    clock: tick(),
    osLogin: 'tanaka',
    allowedFolders: opts.allowed === undefined ? [dir] : opts.allowed,
  });
  sessions.push(s);
  return { s, dir, userDataDir };
}

async function ok<C extends Channel>(s: Session, channel: C, input: unknown) {
  const env = await dispatch(s.handlers, channel, input, { validateResults: true });
  if (!env.ok) throw new Error(`${channel}: ${env.error.message}`);
  return env.value as ResultOf<C>;
}
async function fails(s: Session, channel: Channel, input: unknown) {
  const env = await dispatch(s.handlers, channel, input, { validateResults: true });
  if (env.ok) throw new Error(`${channel} should have failed`);
  return env.error;
}

/** A closed store with the sample plan, damaged with 16 KB of garbage in the middle. */
function damage(file: string): void {
  const buf = fs.readFileSync(file);
  const mid = Math.floor(buf.length / 2 / 4096) * 4096;
  buf.fill(0x5a, mid, mid + 16 * 1024);
  fs.writeFileSync(file, buf);
}

describe('data files: open another, create one, the recently used list', () => {
  it('creates a new empty file, opens another, and remembers both, newest first', async () => {
    const { s, dir, userDataDir } = session();
    const first = s.state().path;
    expect(s.state()).toMatchObject({ mode: 'normal', name: 'gyokaku.sqlite3', problem: null });
    expect((await ok(s, 'plans.list', {})).map((p) => p.title)).toEqual([
      '二本松市市政改革推進行動計画',
    ]);

    const made = await ok(s, 'files.create', {
      path: path.join(dir, '令和8年度試行'),
      samplePlan: false,
    });
    expect(made).toMatchObject({ mode: 'normal', name: '令和8年度試行.sqlite3' });
    expect(await ok(s, 'plans.list', {})).toEqual([]);
    expect((await ok(s, 'app.info', {})).storePath).toBe(path.join(dir, '令和8年度試行.sqlite3'));

    const back = await ok(s, 'files.open', { path: first });
    expect(back.path).toBe(first);
    expect((await ok(s, 'plans.list', {})).length).toBe(1);
    expect(back.recent.map((r) => r.name)).toEqual(['gyokaku.sqlite3', '令和8年度試行.sqlite3']);
    expect(readRecent(userDataDir).map((r) => path.basename(r.path))).toEqual([
      'gyokaku.sqlite3',
      '令和8年度試行.sqlite3',
    ]);
    // the file left is closed: its lock is gone, another program may open it
    expect(fs.existsSync(path.join(dir, '令和8年度試行.sqlite3.lock'))).toBe(false);

    const forgotten = await ok(s, 'files.forget', {
      path: path.join(dir, '令和8年度試行.sqlite3'),
    });
    expect(forgotten.recent.map((r) => r.name)).toEqual(['gyokaku.sqlite3']);
    expect(fs.existsSync(path.join(dir, '令和8年度試行.sqlite3'))).toBe(true);
  });

  it('a new file may start with the sample plan; an existing name is never overwritten', async () => {
    const { s, dir } = session();
    await ok(s, 'files.create', { path: path.join(dir, 'sample.sqlite3'), samplePlan: true });
    expect((await ok(s, 'plans.list', {})).length).toBe(1);
    const before = sha256(path.join(dir, 'gyokaku.sqlite3'));
    const e = await fails(s, 'files.create', {
      path: path.join(dir, 'gyokaku.sqlite3'),
      samplePlan: false,
    });
    expect(e.message).toMatch(/もうあります。上書きはしません/);
    expect(sha256(path.join(dir, 'gyokaku.sqlite3'))).toBe(before);
    expect(
      (await fails(s, 'files.create', { path: path.join(dir, 'a.xlsx'), samplePlan: false }))
        .message,
    ).toMatch(/「\.sqlite3」で終わる/);
    expect(
      (
        await fails(s, 'files.create', {
          path: path.join(dir, 'no', 'such', 'x.sqlite3'),
          samplePlan: false,
        })
      ).message,
    ).toMatch(/フォルダー「.*」がありません/);
  });

  it('refuses what it must not open, with what to do, and keeps the file in use', async () => {
    const { s, dir } = session();
    const inUse = s.state().path;
    fs.writeFileSync(path.join(dir, 'book.xlsx'), 'x');
    fs.writeFileSync(path.join(dir, 'notes.db'), 'これはデータではありません'.repeat(20));
    fs.mkdirSync(path.join(dir, 'folder.sqlite3'));
    const cases: [string, RegExp][] = [
      ['gyokaku.sqlite3', /ドライブやフォルダーの始めから入力/],
      [path.join(dir, 'book.xlsx'), /Excel のファイルは「照会・回収」/],
      [path.join(dir, 'missing.sqlite3'), /見つかりません/],
      [path.join(dir, 'folder.sqlite3'), /フォルダーです/],
      [
        path.join(dir, 'notes.db'),
        /読み込めません.*今開いている「gyokaku\.sqlite3」はそのまま使えます|そのまま使えます/,
      ],
      [
        path.join(backupDir(inUse), 'gyokaku-20261124-100000-manual.sqlite3'),
        /バックアップのファイルは直接開けません/,
      ],
      [path.join(os.homedir(), 'elsewhere.sqlite3'), /ブラウザ版で開けるのは、次のフォルダーの中/],
    ];
    for (const [p, message] of cases) {
      const e = await fails(s, 'files.open', { path: p });
      expect(e.message, p).toMatch(message);
      expect(s.state().path).toBe(inUse);
    }
    expect((await ok(s, 'plans.list', {})).length).toBe(1);
  });

  it('the browser host cannot be walked out of the allowed folders by .. or a symlink', async () => {
    const outside = tempDir();
    openStore({ path: path.join(outside, 'secret.sqlite3') }).close();
    const { s, dir } = session();
    fs.symlinkSync(outside, path.join(dir, 'link'));
    for (const p of [
      path.join(dir, '..', path.basename(outside), 'secret.sqlite3'),
      path.join(dir, 'link', 'secret.sqlite3'),
    ]) {
      const e = await fails(s, 'files.open', { path: p });
      expect(e.message).toMatch(/ブラウザ版で開けるのは/);
    }
    // the desktop app (its own dialogs) has no such limit
    const desk = session({ allowed: null });
    expect(
      (await ok(desk.s, 'files.open', { path: path.join(outside, 'secret.sqlite3') })).mode,
    ).toBe('normal');
    expect((await fails(desk.s, 'files.choose', { purpose: 'open' })).message).toMatch(
      /ブラウザ版ではファイルを選ぶ画面を出せません/,
    );
  });

  it('at the next start, the file opened last is opened again (unless --db or GYOKAKU_DB say otherwise)', async () => {
    const { s, dir, userDataDir } = session();
    await ok(s, 'files.create', { path: path.join(dir, 'next.sqlite3'), samplePlan: false });
    const last = lastOpened(userDataDir);
    expect(last).toBe(path.join(dir, 'next.sqlite3'));
    const base = { env: {}, userDataDir, readConfig: () => null, lastOpened: last };
    expect(resolveStorePath({ ...base, cliPath: null })).toBe(last);
    expect(resolveStorePath({ ...base, cliPath: '/x/y.sqlite3' })).toBe(
      path.resolve('/x/y.sqlite3'),
    );
    expect(resolveStorePath({ ...base, cliPath: null, env: { GYOKAKU_DB: '/e.sqlite3' } })).toBe(
      path.resolve('/e.sqlite3'),
    );
    // a file deleted since is not reopened: the default takes over
    s.close();
    sessions.length = 0;
    fs.rmSync(path.join(dir, 'next.sqlite3'));
    expect(lastOpened(userDataDir)).toBeNull();
    // a broken list is an empty one
    fs.writeFileSync(path.join(userDataDir, 'recent-files.json'), '{broken');
    expect(readRecent(userDataDir)).toEqual([]);
  });

  it('saves a whole copy of the file in use', async () => {
    const { s } = session();
    const copy = await ok(s, 'files.saveCopy', {});
    expect(copy.fileName).toMatch(/^gyokaku-コピー-\d{8}-\d{4}\.sqlite3$/);
    const f = path.join(tempDir(), 'c.sqlite3');
    fs.writeFileSync(f, copy.data);
    const db = new Database(f, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.prepare('SELECT title FROM plans').pluck().all()).toEqual([
      '二本松市市政改革推進行動計画',
    ]);
    db.close();
  });
});

describe('read-only: a file that cannot be written, or that another user has open', () => {
  it('a read-only file opens to view from a copy; changes are refused with what to do; the file is never written', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'gyokaku.sqlite3');
    const setup = session({ dir }).s;
    const [round] = await ok(setup, 'pdca.rounds.open', { planId: 1, fiscalYear: 2025 });
    setup.close();
    sessions.length = 0;
    const before = sha256(file);
    // Root ignores file modes: deny write access the way Windows does for a read-only file.
    const real = fs.accessSync;
    vi.spyOn(fs, 'accessSync').mockImplementation((p, mode) => {
      if (String(p) === file && mode !== undefined && mode & fs.constants.W_OK)
        throw Object.assign(new Error('EACCES'), { code: 'EACCES' });
      return real(p, mode);
    });
    const { s } = session({ dir });
    const st = s.state();
    expect(st.mode).toBe('readOnly');
    expect(st.problem).toMatch(
      /読み取り専用で開いています。表示・印刷・書き出しはできますが、変更はできません。理由: .*読み取り専用を外す/,
    );
    expect(st.viewedAt).not.toBeNull();
    expect((await ok(s, 'app.info', {})).readOnly).toBe(true);
    // viewing, reports, exports work
    expect((await ok(s, 'plans.list', {})).length).toBe(1);
    const items = await ok(s, 'items.list', { planId: 1 });
    expect(items.length).toBe(37);
    expect((await ok(s, 'backups.list', {})).folder).toBe(backupDir(file));
    // every screen's reads, reports and exports of a year work from the read-only copy
    const roundId = round!.id;
    const reads: [Channel, unknown][] = [
      ['plans.get', { planId: 1 }],
      ['items.get', { itemId: items[0]!.id }],
      ['org.list', {}],
      ['audit.list', { limit: 10 }],
      ['pdca.settings.get', { planId: 1, withUsage: true }],
      ['pdca.rounds.list', { planId: 1, fiscalYear: 2025 }],
      ['pdca.records.list', { roundId }],
      ['pdca.unanswered', { roundId }],
      ['pdca.unassigned', { roundId }],
      ['kpis.list', { planId: 1 }],
      ['meetings.list', { planId: 1, fiscalYear: 2025 }],
      ['dashboard.get', { planId: 1, fiscalYear: 2025, roundId }],
      ['exchange.exportTargets', { roundId, scope: 'section' }],
      ['exchange.publication', { planId: 1, fiscalYear: 2025, format: 'csv' }],
      ['exchange.publication', { planId: 1, fiscalYear: 2025, format: 'xlsx' }],
      ['planFiles.export', { planId: 1 }],
      ['reports.data', { planId: 1, fiscalYear: 2025, roundId }],
      [
        'reports.xlsx',
        {
          kind: 'summary',
          planId: 1,
          fiscalYear: 2025,
          roundId,
          paper: 'A4',
          orientation: 'landscape',
        },
      ],
      ['years.list', { planId: 1 }],
      ['years.state', { planId: 1, fiscalYear: 2025 }],
    ];
    for (const [channel, input] of reads) await ok(s, channel, input);
    const copy = await ok(s, 'files.saveCopy', {});
    expect(copy.data.byteLength).toBeGreaterThan(10_000);
    // every change is refused, with what to do
    for (const [channel, input] of [
      ['plans.rename', { planId: 1, title: 'x' }],
      ['items.update', { itemId: items[0]!.id, patch: { name: 'x' } }],
      ['pdca.rounds.open', { planId: 1, fiscalYear: 2025 }],
      ['backups.create', {}],
    ] as const) {
      const e = await fails(s, channel, input);
      expect(e.code, channel).toBe('READ_ONLY');
      expect(e.message).toMatch(
        /読み取り専用で開いているため、変更できません。.*開き直してください/,
      );
    }
    s.close();
    sessions.length = 0;
    expect(sha256(file)).toBe(before);
    expect(fs.existsSync(`${file}.lock`)).toBe(false);
  });

  it('a file another user has open opens read-only, naming who; once they close it, 開き直す makes it editable', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'shared.sqlite3');
    const other = openStore({ path: file });
    other.db.exec("INSERT INTO settings (key, value) VALUES ('marker', 'before')");
    const { s } = session({ dir, file });
    expect(s.state().mode).toBe('readOnly');
    expect(s.state().problem).toMatch(/別の行革デスクで開かれています/);
    // what the other user had saved is what is shown
    expect((await ok(s, 'plans.list', {})).length).toBe(0);
    expect((await fails(s, 'app.setDisplayName', { displayName: '佐藤' })).code).toBe('READ_ONLY');
    // reopening while they still have it: still read-only
    expect((await ok(s, 'files.open', { path: file })).mode).toBe('readOnly');
    other.close();
    const reopened = await ok(s, 'files.open', { path: file });
    expect(reopened.mode).toBe('normal');
    await ok(s, 'app.setDisplayName', { displayName: '佐藤' });
  });
});

describe('a damaged data file: the app opens, and restores from a backup in the app', () => {
  it('opens with only recovery offered; restoring keeps the damaged file aside and is audited', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'gyokaku.sqlite3');
    const first = session({ dir }).s;
    await ok(first, 'pdca.rounds.open', { planId: 1, fiscalYear: 2025 });
    const backup = await ok(first, 'backups.create', {});
    await ok(first, 'plans.rename', { planId: 1, title: 'バックアップの後の名前' });
    first.close();
    sessions.length = 0;
    damage(file);
    const damagedHash = sha256(file);

    const { s } = session({ dir });
    const st = s.state();
    expect(st).toMatchObject({ mode: 'unavailable', recoverable: true });
    expect(st.problem).toMatch(/一部が壊れています/);
    expect(sha256(file)).toBe(damagedHash); // never written
    // the frame and the backup screen still work; everything else says why not
    expect((await ok(s, 'app.info', {})).readOnly).toBe(true);
    const e = await fails(s, 'plans.list', {});
    expect(e.code).toBe('STORE');
    expect(e.message).toMatch(/開けていないため、この操作はできません/);
    expect((await fails(s, 'backups.create', {})).code).toBe('STORE');
    const list = await ok(s, 'backups.list', {});
    expect(list.backups.map((b) => b.file)).toContain(backup.file);
    expect((await ok(s, 'backups.inspect', { file: backup.file })).latestYear).toBe(2025);

    const restored = await ok(s, 'backups.restore', { file: backup.file });
    expect(restored.restoredFrom).toBe(backup.file);
    expect(restored.safetyBackup).toMatch(/^gyokaku\.damaged-\d{8}-\d{6}\.sqlite3$/);
    expect(sha256(path.join(dir, restored.safetyBackup))).toBe(damagedHash);
    expect(s.state()).toMatchObject({ mode: 'normal', problem: null });
    expect((await ok(s, 'plans.list', {}))[0]!.title).toBe('二本松市市政改革推進行動計画');
    const audit = await ok(s, 'audit.list', { limit: 5 });
    expect(audit[0]).toMatchObject({ entity: 'store', field: 'restore', userLogin: 'tanaka' });
    expect(JSON.stringify(audit[0])).toContain(backup.file);
    expect(JSON.stringify(audit[0])).toContain(restored.safetyBackup);
    s.close();
    sessions.length = 0;
    const db = new Database(file, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('a damaged file without backups says so and offers nothing to restore', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'gyokaku.sqlite3');
    const s0 = openStore({ path: file });
    s0.close();
    fs.writeFileSync(
      file,
      Buffer.concat([fs.readFileSync(file).subarray(0, 100), Buffer.alloc(4096, 7)]),
    );
    const { s } = session({ dir });
    expect(s.state()).toMatchObject({ mode: 'unavailable', recoverable: false });
    // another file can still be created and used from here
    expect(
      (await ok(s, 'files.create', { path: path.join(dir, 'new.sqlite3'), samplePlan: true })).mode,
    ).toBe('normal');
  });
});

describe('the session registry', () => {
  it('answers every contract channel, whatever the file', () => {
    const { s } = session();
    expect(Object.keys(s.handlers).sort()).toEqual(Object.keys(contract).sort());
  });
});
