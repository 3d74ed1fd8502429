import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

/**
 * Where the Electron executable is, or null. Never require('electron') here:
 * in a plain Node process that starts a download of the binary, and this app
 * must not touch the network.
 */
export function findElectronBinary(
  env: NodeJS.ProcessEnv = process.env,
  fromDir: string = process.cwd(),
): string | null {
  let pkgDir: string;
  try {
    pkgDir = path.dirname(
      createRequire(path.join(fromDir, 'package.json')).resolve('electron/package.json'),
    );
  } catch {
    return null;
  }
  const pathFile = path.join(pkgDir, 'path.txt');
  const exe = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : null;
  const distDir = env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(pkgDir, 'dist');
  const candidate = exe ? path.join(distDir, exe) : null;
  return candidate && fs.existsSync(candidate) ? candidate : null;
}
