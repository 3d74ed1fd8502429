import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';

/**
 * The main process and the preload, bundled to CommonJS for Electron. Native
 * and heavy runtime packages stay external (better-sqlite3 is unpacked from
 * the asar by electron-builder).
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
      input: { main: 'electron/main.ts', preload: 'electron/preload.ts' },
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
