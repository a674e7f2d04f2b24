// Lint rules, including the layering DESIGN.md asks for: shared/ is isomorphic
// (no Node, no Electron) and the runtime never imports Electron, so it runs headless.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

import { builtinModules } from 'node:module';

const nodeBuiltinMessage = 'shared/ runs in the renderer too: no Node built-ins here; inject what you need.';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'out/**', 'coverage/**', 'test-results/**'] },
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
);
