/**
 * DESIGN.md's layering, enforced by ESLint: shared/ is isomorphic (no Node built-ins, no
 * Electron), and the runtime and CLI never import Electron. These prove the rules bite.
 */
import { ESLint } from 'eslint';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './support/corpus.js';

const eslint = new ESLint({ cwd: REPO_ROOT });

async function restrictedImports(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(REPO_ROOT, file) });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layering rules', () => {
  it('shared/ may not import Node built-ins or Electron', async () => {
    const problems = await restrictedImports('shared/probe.ts', "import fs from 'node:fs';\nimport p from 'path';\nimport e from 'electron';\nexport const x = [fs, p, e];\n");
    expect(problems).toHaveLength(3);
  });

  it('shared/ may not import from electron/ or renderer/', async () => {
    const problems = await restrictedImports('shared/probe.ts', "import { main } from '../electron/cli/main.js';\nexport const x = main;\n");
    expect(problems.some((m) => m.includes('Dependencies point one way'))).toBe(true);
  });

  it('the runtime and the CLI may not import Electron; the shell may', async () => {
    expect(await restrictedImports('electron/runtime/probe.ts', "import { app } from 'electron';\nexport const x = app;\n")).toHaveLength(1);
    expect(await restrictedImports('electron/cli/probe.ts', "import { app } from 'electron';\nexport const x = app;\n")).toHaveLength(1);
    expect(await restrictedImports('electron/main/probe.ts', "import { app } from 'electron';\nexport const x = app;\n")).toEqual([]);
  });

  it('shared/ may use its own modules', async () => {
    expect(await restrictedImports('shared/idl/probe.ts', "import { normalize } from '../util/path.js';\nexport const x = normalize;\n")).toEqual([]);
  });

  it('the renderer may import shared/ and itself, but not Node, Electron or electron/', async () => {
    expect(await restrictedImports('renderer/src/probe.ts', "import fs from 'node:fs';\nimport { app } from 'electron';\nimport { main } from '../../electron/cli/main.js';\nexport const x = [fs, app, main];\n")).toHaveLength(3);
    expect(await restrictedImports('renderer/src/probe.ts', "import { createStudioApi } from '../../shared/studio/client.js';\nimport { App } from './app/App.js';\nexport const x = [createStudioApi, App];\n")).toEqual([]);
  });
});
