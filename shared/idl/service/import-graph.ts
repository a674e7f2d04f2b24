/**
 * Which import statement of a file brought in each file of its compilation. An error inside an
 * imported file (or a file that one imports) is shown on the import statement that led to it,
 * so the user sees it without opening the other file.
 */
import type * as Ast from '../ast.js';
import type { CompileResult } from '../compile.js';
import * as paths from '../../util/path.js';

export function importsOf(ast: Ast.IdlFile): Ast.ImportDecl[] {
  const items = ast.protocol ? ast.protocol.items : ast.items;
  return items.filter((item): item is Ast.ImportDecl => item.kind === 'Import');
}

/** The file an import statement reads, as the compiler looks for it: beside the importer, then in the import paths. */
export function importTarget(decl: Ast.ImportDecl, importer: string, exists: (path: string) => boolean, importPaths: readonly string[] = []): string | undefined {
  const target = decl.path.value;
  if (target === '') return undefined;
  const candidates = [paths.resolve(paths.dirname(importer), target), ...importPaths.map((dir) => paths.resolve(dir, target))];
  return candidates.find(exists);
}

/** For every other file of the compilation: the import statement of `main` through which it was first read. */
export function importOwners(result: CompileResult, main: string, importPaths: readonly string[] = []): Map<string, Ast.ImportDecl> {
  const owners = new Map<string, Ast.ImportDecl>();
  const ast = result.files.get(main)?.ast;
  if (!ast) return owners;
  const exists = (path: string): boolean => result.files.has(path);
  const seen = new Set<string>([main]);
  for (const decl of importsOf(ast)) {
    // Depth first, in source order, as the compiler reads them: the first import to reach a file owns it.
    const stack = [importTarget(decl, main, exists, importPaths)];
    while (stack.length > 0) {
      const file = stack.pop();
      if (file === undefined || seen.has(file)) continue;
      seen.add(file);
      owners.set(file, decl);
      const nested = result.files.get(file)?.ast;
      if (nested) {
        const targets = importsOf(nested).map((d) => importTarget(d, file, exists, importPaths));
        for (let i = targets.length - 1; i >= 0; i--) stack.push(targets[i]);
      }
    }
  }
  return owners;
}

/** The import statements of a text, found without parsing it: whether a file's imports changed since its last compilation. */
export function importSignature(text: string): string {
  const out: string[] = [];
  for (const m of text.matchAll(/\bimport\s+(idl|protocol|schema)\s+"((?:[^"\\\n]|\\.)*)"/g)) out.push(`${m[1]} ${m[2]}`);
  return out.join('\n');
}

export function astImportSignature(ast: Ast.IdlFile): string {
  return importsOf(ast).map((d) => `${d.importKind} ${d.path.raw.slice(1, -1)}`).join('\n');
}
