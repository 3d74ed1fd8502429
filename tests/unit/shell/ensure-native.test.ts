import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { localHeaders, nativeWorks } from '../../../electron/tools/ensure-native.mjs';
import { tempDir } from '../helpers';

/** A folder laid out like Node's headers (include/node), of the given version. */
function headersDir(version: string, withGypi = true): string {
  const dir = tempDir();
  const inc = path.join(dir, 'include', 'node');
  fs.mkdirSync(inc, { recursive: true });
  const [major, minor, patch] = version.split('.');
  fs.writeFileSync(
    path.join(inc, 'node_version.h'),
    `#define NODE_MAJOR_VERSION ${major}\n#define NODE_MINOR_VERSION ${minor}\n#define NODE_PATCH_VERSION ${patch}\n`,
  );
  if (withGypi) fs.writeFileSync(path.join(inc, 'common.gypi'), '{}');
  return dir;
}

describe('building better-sqlite3 without a network (ensure-native)', () => {
  const elsewhere = path.join(tempDir(), 'bin', 'node');

  it("takes the headers of exactly this Node's version, from npm_config_nodedir or beside node", () => {
    const same = headersDir(process.versions.node);
    expect(localHeaders({ npm_config_nodedir: same }, elsewhere)).toBe(same);
    // an install laid out as the official tarball: bin/node and include/node side by side
    expect(localHeaders({}, path.join(same, 'bin', 'node'))).toBe(same);
  });

  it('passes over headers of another version, or without common.gypi', () => {
    const [major, minor] = process.versions.node.split('.');
    const other = headersDir(`${major}.${Number(minor) + 1}.0`);
    const noGypi = headersDir(process.versions.node, false);
    const found = localHeaders({ npm_config_nodedir: other }, elsewhere);
    expect(found).not.toBe(other);
    expect(localHeaders({ npm_config_nodedir: noGypi }, elsewhere)).not.toBe(noGypi);
    // what is found instead is the system's own, of this version
    if (found) {
      const h = fs.readFileSync(path.join(found, 'include', 'node', 'node_version.h'), 'utf8');
      expect(h).toContain(`#define NODE_MAJOR_VERSION ${major}`);
    }
  });

  it('does nothing, quickly and silently, once the module loads', () => {
    expect(nativeWorks()).toEqual({ ok: true });
    const r = spawnSync(process.execPath, ['electron/tools/ensure-native.mjs'], {
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    expect(r.stdout + r.stderr).toBe('');
  });

  it('is run before every command that loads the database module', () => {
    const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8')) as {
      scripts: Record<string, string>;
    };
    for (const name of ['test', 'test:unit', 'test:e2e', 'bench'])
      expect(pkg.scripts[name], name).toMatch(/^node electron\/tools\/ensure-native\.mjs && /);
    // `npm start` goes through run.mjs, which makes the module ready first
    for (const name of ['start', 'start:browser'])
      expect(pkg.scripts[name], name).toMatch(/^node electron\/launcher\/run\.mjs\b/);
    expect(fs.readFileSync('electron/launcher/run.mjs', 'utf8')).toMatch(/^ensureNative\(\);$/m);
    // and dependencies' install scripts stay off
    expect(fs.readFileSync('.npmrc', 'utf8')).toMatch(/^ignore-scripts=true$/m);
  });
});

describe('the desktop build asks for the Node.js it needs (require-node)', () => {
  const run = (need: string) =>
    spawnSync(process.execPath, ['electron/tools/require-node.mjs', need], { encoding: 'utf8' });

  it('goes on with this Node or older requirements, and stops with a Japanese message on newer ones', () => {
    expect(run(process.versions.node).status).toBe(0);
    expect(run('20.0.0').status).toBe(0);
    const [major] = process.versions.node.split('.');
    const refused = run(`${Number(major) + 1}.0.0`);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`Node.js ${Number(major) + 1}.0.0 以降が必要です`);
    expect(refused.stderr).toContain(`いまは ${process.versions.node}`);
  });

  it('runs before `npm run dist:win` builds anything', () => {
    const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts['dist:win']).toMatch(
      /^node electron\/tools\/require-node\.mjs 22\.12\.0 && /,
    );
  });
});
