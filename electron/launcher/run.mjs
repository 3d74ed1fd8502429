// `npm start`: the database module made ready, then the launcher started in
// this process — prebuilt (dist/electron/launcher.cjs, made by `npm run build`)
// when it is newer than its sources, else compiled as it loads (tsx). The
// prebuilt one starts about a second sooner: nothing is compiled at start.
// Plain JavaScript, so that nothing needs compiling before the choice.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureNative } from '../tools/ensure-native.mjs';
import { LAUNCHER_BUILD, isStale } from './build-if-needed.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

ensureNative();
if (!isStale(ROOT, LAUNCHER_BUILD.output, LAUNCHER_BUILD.sources)) {
  createRequire(import.meta.url)(path.join(ROOT, LAUNCHER_BUILD.output));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(path.join(ROOT, 'electron', 'launcher', 'start.ts')).href);
}
