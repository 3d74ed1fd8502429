import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError, parseLaunchArgs } from '../../../electron/launcher/args';
import { isStale } from '../../../electron/launcher/build-if-needed.mjs';
import { findElectronBinary } from '../../../electron/launcher/electron-binary';
import { dbArgument, defaultUserDataDir, resolveStorePath } from '../../../electron/app/paths';
import { tempDir } from '../helpers';

describe('launch arguments', () => {
  it('reads --db, --port and --no-open in both spellings', () => {
    expect(parseLaunchArgs(['--browser', '--db', 'a.sqlite3', '--port=8123', '--no-open'])).toEqual(
      {
        browser: true,
        db: 'a.sqlite3',
        port: 8123,
        open: false,
      },
    );
    expect(parseLaunchArgs([])).toEqual({ browser: false, db: null, port: null, open: true });
    expect(parseLaunchArgs(['--port', '0']).port).toBe(0);
  });
  it('explains mistakes in Japanese', () => {
    expect(() => parseLaunchArgs(['--port', 'abc'])).toThrow(UsageError);
    expect(() => parseLaunchArgs(['--port', '70000'])).toThrow(/0〜65535/);
    expect(() => parseLaunchArgs(['--db'])).toThrow(/値を指定してください/);
    expect(() => parseLaunchArgs(['--verbose'])).toThrow(/不明な指定です/);
  });
});

describe('finding Electron without downloading it', () => {
  it('returns null when the binary is absent, as on closed networks', () => {
    const dir = tempDir();
    const pkgDir = path.join(dir, 'node_modules', 'electron');
    fs.mkdirSync(pkgDir, { recursive: true });
    fs.writeFileSync(path.join(pkgDir, 'package.json'), '{"name":"electron","main":"index.js"}');
    fs.writeFileSync(path.join(pkgDir, 'index.js'), 'throw new Error("must not be required")');
    fs.writeFileSync(path.join(dir, 'package.json'), '{}');
    expect(findElectronBinary({}, dir)).toBeNull();
    fs.writeFileSync(path.join(pkgDir, 'path.txt'), 'electron');
    expect(findElectronBinary({}, dir)).toBeNull();
    fs.mkdirSync(path.join(pkgDir, 'dist'));
    fs.writeFileSync(path.join(pkgDir, 'dist', 'electron'), '');
    expect(findElectronBinary({}, dir)).toBe(path.join(pkgDir, 'dist', 'electron'));
  });
});

describe('rebuilding only when needed', () => {
  it('is stale when the output is missing or older than a source', () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'src'));
    fs.writeFileSync(path.join(dir, 'src', 'a.ts'), '1');
    expect(isStale(dir, 'out.html', ['src'])).toBe(true);
    fs.writeFileSync(path.join(dir, 'out.html'), 'x');
    const past = new Date(Date.now() - 60_000);
    fs.utimesSync(path.join(dir, 'src', 'a.ts'), past, past);
    expect(isStale(dir, 'out.html', ['src'])).toBe(false);
    fs.writeFileSync(path.join(dir, 'src', 'b.ts'), '2');
    fs.utimesSync(path.join(dir, 'out.html'), past, new Date(Date.now() - 120_000));
    expect(isStale(dir, 'out.html', ['src'])).toBe(true);
  });
});

describe('where the store lives', () => {
  it('uses the per-user folder Electron uses', () => {
    expect(
      defaultUserDataDir(
        'win32',
        { APPDATA: 'C:\\Users\\tanaka\\AppData\\Roaming' },
        'C:\\Users\\tanaka',
      ),
    ).toBe('C:\\Users\\tanaka\\AppData\\Roaming\\gyokaku-desk');
    expect(defaultUserDataDir('linux', {}, '/home/t')).toBe('/home/t/.config/gyokaku-desk');
  });
  it('takes --db, then GYOKAKU_DB, then config.json, then the default', () => {
    const ud = tempDir();
    const none = () => null;
    expect(
      resolveStorePath({
        cliPath: '/x/a.sqlite3',
        env: { GYOKAKU_DB: '/y/b.sqlite3' },
        userDataDir: ud,
        readConfig: none,
      }),
    ).toBe(path.resolve('/x/a.sqlite3'));
    expect(
      resolveStorePath({
        cliPath: null,
        env: { GYOKAKU_DB: '/y/b.sqlite3' },
        userDataDir: ud,
        readConfig: none,
      }),
    ).toBe(path.resolve('/y/b.sqlite3'));
    expect(
      resolveStorePath({
        cliPath: null,
        env: {},
        userDataDir: ud,
        readConfig: () => '{"storePath":"/z/c.sqlite3"}',
      }),
    ).toBe(path.resolve('/z/c.sqlite3'));
    expect(
      resolveStorePath({ cliPath: null, env: {}, userDataDir: ud, readConfig: () => '{broken' }),
    ).toBe(path.join(ud, 'gyokaku.sqlite3'));
    expect(dbArgument(['--inspect', '--db=/d.sqlite3'])).toBe('/d.sqlite3');
    expect(dbArgument(['--db', '/e.sqlite3'])).toBe('/e.sqlite3');
    expect(dbArgument(['.'])).toBeNull();
  });
});
