// Lint rules, including the layering DESIGN.md asks for: shared/ is isomorphic
// (no Node, no Electron) and the runtime never imports Electron, so it runs headless.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

import { builtinModules } from 'node:module';

const nodeBuiltinMessage = 'shared/ runs in the renderer too: no Node built-ins here; inject what you need.';
const rendererNodeMessage = 'The renderer runs in a browser: no Node built-ins; ask the host through the StudioApi.';
const rendererElectronMessage = 'The renderer must not import Electron: the preload exposes window.splStudio.';
// Node's own globals (process, Buffer, require…) do not exist in the renderer's page.
const nodeOnlyGlobalsOff = Object.fromEntries(Object.keys(globals.node).filter((name) => !(name in globals.browser)).map((name) => [name, 'off']));

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'out/**', 'coverage/**', 'test-results/**', 'playwright-report/**', 'e2e/test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    // Tests run in Node only (they read Avro's corpus from disk); the code they test does not.
    ignores: ['shared/**/*.test.ts'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
    rules: {
      'no-restricted-imports': ['error', {
        paths: builtinModules.map((name) => ({ name, message: nodeBuiltinMessage })),
        patterns: [
          { group: ['node:*'], message: nodeBuiltinMessage },
          { group: ['electron', 'electron/*'], message: 'shared/ must not import Electron.' },
          { group: ['**/electron/**', '**/renderer/**'], message: 'Dependencies point one way: shared/ imports nothing from electron/ or renderer/.' },
        ],
      }],
    },
  },
  {
    files: ['electron/runtime/**/*.ts', 'electron/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['electron', 'electron/*'], message: 'The runtime and CLI run headless: never import Electron here (only electron/main may).' },
          { group: ['**/renderer/**', '**/electron/main/**'], message: 'The runtime does not depend on the desktop shell or the renderer.' },
        ],
      }],
    },
  },
  {
    // The renderer runs in a browser page and reaches the world only through the StudioApi:
    // it may import shared/ and its own modules, never Node, Electron or the runtime.
    files: ['renderer/**/*.{ts,tsx}'],
    // Tests run in Node (Vitest) and may read fixtures from disk; the code they test may not.
    ignores: ['renderer/vite.config.ts', 'renderer/**/*.test.{ts,tsx}'],
    languageOptions: { globals: { ...nodeOnlyGlobalsOff, ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          ...builtinModules.map((name) => ({ name, message: rendererNodeMessage })),
          { name: 'electron', message: rendererElectronMessage },
        ],
        patterns: [
          { group: ['node:*'], message: rendererNodeMessage },
          { regex: '^electron/', message: rendererElectronMessage },
          { group: ['**/electron/**'], message: 'The renderer talks to the runtime only through the StudioApi (shared/studio), never by importing electron/.' },
        ],
      }],
    },
  },
);
