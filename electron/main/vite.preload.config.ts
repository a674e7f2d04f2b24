// Bundles the preload script into one CommonJS file: Electron's sandboxed preloads can
// `require('electron')` but cannot load ES modules or other files. Output lands beside the
// main process that tsc compiles (tsconfig.electron.json), so emptyOutDir stays off.
import path from 'node:path';
import { defineConfig } from 'vite';

const root = path.resolve(import.meta.dirname, '../..');

export default defineConfig({
  root,
  build: {
    outDir: path.join(root, 'dist/electron/main'),
    emptyOutDir: false,
    // Electron 41's Chromium: no syntax lowering needed.
    target: 'chrome140',
    minify: false,
    sourcemap: true,
    lib: {
      entry: path.join(root, 'electron/main/preload.ts'),
      formats: ['cjs'],
      fileName: () => 'preload.cjs',
    },
    rollupOptions: {
      external: ['electron'],
    },
  },
});
