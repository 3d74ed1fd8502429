import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import pkg from '../../../package.json';

const root = path.join(__dirname, '..', '..', '..');
const cfg = parse(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8'));

describe('electron-builder.yml', () => {
  it('builds Windows x64 per-user NSIS (no admin) and portable', () => {
    const targets = cfg.win.target.map((t: { target: string; arch: string[] }) => [
      t.target,
      t.arch,
    ]);
    expect(targets).toEqual([
      ['nsis', ['x64']],
      ['portable', ['x64']],
    ]);
    expect(cfg.nsis.perMachine).toBe(false);
    expect(cfg.nsis.allowElevation).toBe(false);
    expect(cfg.nsis.deleteAppDataOnUninstall).toBe(false);
  });

  it('never publishes or updates itself', () => {
    expect(cfg.publish).toBeNull();
    const deps = { ...pkg.dependencies, ...pkg.devDependencies } as Record<string, string>;
    expect(Object.keys(deps).filter((d) => /updater|telemetry|sentry|analytics/.test(d))).toEqual(
      [],
    );
  });

  it('sets the Electron fuses that close the Node back doors', () => {
    expect(cfg.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('packs the app in an asar with the native module unpacked', () => {
    expect(cfg.asar).toBe(true);
    expect(cfg.asarUnpack).toContain('**/*.node');
    expect(cfg.extraMetadata.main).toBe('dist/electron/main.cjs');
    expect(pkg.main).toBe('dist/electron/main.cjs');
    expect(cfg.files).toContain('dist/**/*');
  });

  it('keeps electron a dev dependency and better-sqlite3 on the version that runs on Node 20', () => {
    expect(pkg.devDependencies).toHaveProperty('electron');
    expect(pkg.dependencies).not.toHaveProperty('electron');
    expect(pkg.dependencies['better-sqlite3']).toMatch(/^12\./);
    expect(pkg.dependencies.exceljs).toBe('4.4.0');
  });
});
