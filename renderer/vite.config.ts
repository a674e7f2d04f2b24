// The browser build of the studio's renderer: the web host (`spl studio --web`) serves
// dist/renderer/, and Electron loads the same files. Everything is bundled (Monaco, its
// workers, codicons): the studio works offline and loads nothing from a CDN.
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = import.meta.dirname;
const repo = path.resolve(root, '..');

export default defineConfig({
  root,
  // Relative URLs: the web host serves the page under a secret token path, Electron from file://.
  base: './',
  plugins: [react()],
  worker: { format: 'es' },
  build: {
    outDir: path.join(repo, 'dist/renderer'),
    emptyOutDir: true,
    // Monaco alone is a few MB; one warning about it tells nobody anything new.
    chunkSizeWarningLimit: 6000,
  },
  server: { fs: { allow: [repo] } },
});
