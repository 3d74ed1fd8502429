import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { keptPort, listenOnKeptPort } from '../../../electron/launcher/kept-port';
import { tempDir } from '../helpers';

const open: http.Server[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** Listens on 127.0.0.1 as the host does; rejects with the system's error. */
function listen(port: number): Promise<{ port: number }> {
  const server = http.createServer();
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      open.push(server);
      resolve({ port: (server.address() as AddressInfo).port });
    });
  });
}
const closeAll = () => Promise.all(open.splice(0).map((s) => new Promise((r) => s.close(r))));

describe('the browser version keeps its port (the page’s settings live under it)', () => {
  it('takes a free port at the first start and the same one at the next', async () => {
    const profile = tempDir();
    const first = await listenOnKeptPort(profile, null, listen);
    expect(keptPort(profile)).toBe(first.port);
    await closeAll();
    const second = await listenOnKeptPort(profile, null, listen);
    expect(second.port).toBe(first.port);
  });

  it('takes another free port when another program holds it, and keeps that one', async () => {
    const profile = tempDir();
    const first = await listenOnKeptPort(profile, null, listen);
    await closeAll();
    await listen(first.port); // another program now
    const second = await listenOnKeptPort(profile, null, listen);
    expect(second.port).not.toBe(first.port);
    expect(keptPort(profile)).toBe(second.port);
  });

  it('leaves the kept port to the user’s own host that holds it (a second data file opened beside)', async () => {
    const profile = tempDir();
    const first = await listenOnKeptPort(profile, null, listen);
    const second = await listenOnKeptPort(profile, null, listen, (p) => p === first.port);
    expect(second.port).not.toBe(first.port);
    expect(keptPort(profile)).toBe(first.port);
  });

  it('listens where --port says, and does not keep it', async () => {
    const profile = tempDir();
    const kept = await listenOnKeptPort(profile, null, listen);
    await closeAll();
    const given = await listenOnKeptPort(profile, 0, listen);
    expect(given.port).not.toBe(0);
    expect(keptPort(profile)).toBe(kept.port);
  });

  it('starts on a free port when the kept file is unreadable, and writes it anew', async () => {
    const profile = tempDir();
    fs.writeFileSync(path.join(profile, 'browser-port.json'), '{"port": "壊れた"');
    expect(keptPort(profile)).toBeNull();
    const server = await listenOnKeptPort(profile, null, listen);
    expect(keptPort(profile)).toBe(server.port);
  });

  it('passes on failures that are not about the port', async () => {
    const profile = tempDir();
    await listenOnKeptPort(profile, null, listen);
    await closeAll();
    const broken = () => Promise.reject(Object.assign(new Error('no'), { code: 'EMFILE' }));
    await expect(listenOnKeptPort(profile, null, broken)).rejects.toThrow('no');
  });
});
