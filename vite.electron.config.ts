import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';

/**
 * The main process and the preload (for Electron) and the `npm start`
 * launcher, bundled to CommonJS. Native and heavy runtime packages stay
 * external (better-sqlite3 is unpacked from the asar by electron-builder).
 */
export default defineConfig({
  build: {
    ssr: true,
    outDir: 'dist/electron',
    emptyOutDir: true,
    target: 'node20',
    sourcemap: true,
    minify: false,
    rollupOptions: {
      // launcher: `npm start` without compiling at start (electron/launcher/run.mjs)
      input: {
        main: 'electron/main.ts',
        preload: 'electron/preload.ts',
        launcher: 'electron/launcher/start.ts',
      },
      external: [
        'electron',
        'better-sqlite3',
        'exceljs',
        ...builtinModules,
        ...builtinModules.map((m) => `node:${m}`),
      ],
      output: { format: 'cjs', entryFileNames: '[name].cjs' },
    },
  },
  ssr: { noExternal: ['zod'] },
});
