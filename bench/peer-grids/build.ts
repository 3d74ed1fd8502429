import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');

/** The app's font stack (renderer/styles/app.css --font): the peers draw the same glyphs as ours. */
function appFont(): string {
  const css = fs.readFileSync(path.join(ROOT, 'renderer', 'styles', 'app.css'), 'utf8');
  const m = /--font:([^;]+);/.exec(css);
  if (!m) throw new Error('--font not found in app.css');
  return m[1]!.replace(/\s+/g, ' ').trim();
}

/** Our cell's look (renderer/styles/app.css .grid-cell): 14 px, 20 px lines, 5 px padding, wrapping. */
const CELL_CSS = `
html, body, #root { height: 100%; margin: 0; }
body { font-family: ${appFont()}; font-size: 14px; }
.peer-cell, .ag-cell.peer-cell { white-space: pre-wrap; line-height: 20px; padding: 5px 8px; overflow: hidden; overflow-wrap: anywhere; }
.ag-cell.peer-cell { display: block; }
`;

/** The peers' page: one HTML document with the bundle and styles inline, production React. */
export async function buildPeerPage(): Promise<string> {
  const out = await build({
    entryPoints: [path.join(HERE, 'peers.tsx')],
    bundle: true,
    write: false,
    minify: true,
    format: 'iife',
    jsx: 'automatic',
    target: 'es2022',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'error',
  });
  const js = out.outputFiles[0]!.text;
  const rdgCss = fs.readFileSync(
    path.join(ROOT, 'node_modules', 'react-data-grid', 'lib', 'styles.css'),
    'utf8',
  );
  return `<!doctype html><html lang="ja"><head><meta charset="utf-8"><style>${rdgCss}${CELL_CSS}</style></head><body><div id="root"></div><script>${js.replace(/<\/script/g, '<\\/script')}</script></body></html>`;
}
