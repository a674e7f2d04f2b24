/**
 * What a workspace file is, from its name: which Monaco language edits it, which icon the tree
 * shows, and whether it is an Avro contract (those get a Monaco model up front, so go to
 * definition and references work across files that are not open).
 */

export type FileKind = 'avdl' | 'avpr' | 'avsc' | 'json' | 'markdown' | 'text';

export function fileKind(path: string): FileKind {
  const dot = path.lastIndexOf('.');
  const ext = dot < 0 ? '' : path.slice(dot + 1).toLowerCase();
  switch (ext) {
    case 'avdl': return 'avdl';
    case 'avpr': return 'avpr';
    case 'avsc': return 'avsc';
    case 'json': return 'json';
    case 'md': case 'markdown': return 'markdown';
    default: return 'text';
  }
}

export function isContract(path: string): boolean {
  const kind = fileKind(path);
  return kind === 'avdl' || kind === 'avpr' || kind === 'avsc';
}

/** Monaco language ids; `avdl` is registered by editor/avdl, JSON by Monaco's JSON feature. */
export function languageOf(path: string): string {
  switch (fileKind(path)) {
    case 'avdl': return 'avdl';
    case 'avpr': case 'avsc': case 'json': return 'json';
    case 'markdown': return 'markdown';
    default: return 'plaintext';
  }
}

/** The name the status bar shows for a file's language. */
export function languageLabel(path: string): string {
  switch (fileKind(path)) {
    case 'avdl': return 'Avro IDL';
    case 'avpr': return 'Avro Protocol (JSON)';
    case 'avsc': return 'Avro Schema (JSON)';
    case 'json': return 'JSON';
    case 'markdown': return 'Markdown';
    default: return 'Plain Text';
  }
}

/** Codicon names (https://microsoft.github.io/vscode-codicons) per kind. */
export function fileIcon(path: string): string {
  switch (fileKind(path)) {
    case 'avdl': return 'file-code';
    case 'avpr': case 'avsc': case 'json': return 'json';
    case 'markdown': return 'markdown';
    default: return 'file';
  }
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function dirName(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}
