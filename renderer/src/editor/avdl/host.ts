/**
 * What the Avro IDL support needs from the studio: the workspace's files (open buffers over
 * disk) and the mapping between workspace paths and Monaco URIs. Workspace files live at
 * `file:///workspace/<path>`, so a location in another file is a URI the shell can open.
 */
import type * as Monaco from 'monaco-editor/editor';

export type MonacoNamespace = typeof Monaco;

export interface AvdlHost {
  /** The current text of every workspace .avdl/.avpr/.avsc file, by workspace-relative path; open buffers override disk. */
  files(): Map<string, string>;
  /** The workspace path of a model's URI, or undefined when it is not a workspace file. */
  pathOf(uri: Monaco.Uri): string | undefined;
  uriOf(path: string): Monaco.Uri;
  /** Tells the user something the editor has no other place for (a refused format). */
  notify?(message: string): void;
}

export const WORKSPACE_ROOT = '/workspace/';

/** The workspace path of a `file:///workspace/...` URI. */
export function workspacePathOf(uri: { scheme: string; path: string }): string | undefined {
  if (uri.scheme !== 'file' || !uri.path.startsWith(WORKSPACE_ROOT)) return undefined;
  return uri.path.slice(WORKSPACE_ROOT.length);
}

/** The URI of a workspace path, `file:///workspace/<path>`. */
export function workspaceUriOf(monaco: Pick<MonacoNamespace, 'Uri'>, path: string): Monaco.Uri {
  return monaco.Uri.from({ scheme: 'file', path: WORKSPACE_ROOT + path });
}

/** The files with `model`'s current text for `path`: a buffer may be ahead of what the host last saw. */
export function filesWith(host: AvdlHost, path: string, text: string): Map<string, string> {
  const files = host.files();
  if (files.get(path) === text) return files;
  return new Map(files).set(path, text);
}
