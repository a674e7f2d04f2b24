/**
 * Diagnostics of an `.avdl` file as editor markers: every problem the compiler found in the
 * file itself, plus the errors inside the files it imports, shown on the import statement
 * that brought each file in (with a link to the real place). With no errors, the compiled
 * JSON as `spl idl` prints it, for the preview panel.
 */
import type { CompileResult } from '../compile.js';
import { compileResultToJson } from '../compile.js';
import type { Diagnostic } from '../diagnostics.js';
import { LineIndex } from '../source.js';
import { toJsonText } from '../../avro/json-text.js';
import { importOwners } from './import-graph.js';
import { relativePath, toEditorRange } from './positions.js';
import type { DiagnosticsResult, Marker } from './types.js';

/** At most this many problems of one imported file are repeated on its import statement. */
const MAX_PER_IMPORT = 20;

export function idlDiagnostics(result: CompileResult, path: string, importPaths: readonly string[] = [], withOutput = true): DiagnosticsResult {
  const index = result.files.get(path)?.lineIndex ?? new LineIndex('');
  const markers: Marker[] = [];
  const elsewhere: Diagnostic[] = [];
  for (const d of result.diagnostics) {
    if (d.file === path) markers.push(toMarker(d, index, result));
    // Warnings elsewhere are that file's business; JSON files' errors also come as 'invalid-import' on the importer.
    else if (d.severity === 'error' && d.code !== 'invalid-json-schema') elsewhere.push(d);
  }
  if (elsewhere.length > 0) {
    const owners = importOwners(result, path, importPaths);
    const perImport = new Map<object, number>();
    for (const d of elsewhere) {
      const decl = owners.get(d.file);
      const fileIndex = result.files.get(d.file)?.lineIndex;
      if (!decl || !fileIndex) continue;
      const count = perImport.get(decl) ?? 0;
      perImport.set(decl, count + 1);
      if (count >= MAX_PER_IMPORT) continue;
      const at = fileIndex.position(d.range.start);
      const where = `${relativePath(path, d.file)}:${at.line}:${at.column}`;
      markers.push({
        severity: 'error', code: d.code, range: toEditorRange(index, decl.path.end > decl.path.start ? decl.path : decl),
        message: `in ${where}: ${d.message}`,
        related: [{ path: d.file, range: toEditorRange(fileIndex, d.range), message: d.message }],
      });
    }
  }
  markers.sort((a, b) => a.range.startLineNumber - b.range.startLineNumber || a.range.startColumn - b.range.startColumn);
  const errorCount = markers.filter((m) => m.severity === 'error').length;
  return {
    path, markers, errorCount, warningCount: markers.length - errorCount,
    output: result.ok && withOutput ? { kind: result.kind === 'protocol' ? 'avpr' : 'avsc', text: toJsonText(compileResultToJson(result)) } : undefined,
  };
}

function toMarker(d: Diagnostic, index: LineIndex, result: CompileResult): Marker {
  const marker: Marker = { severity: d.severity, message: d.message, code: d.code, range: toEditorRange(index, d.range) };
  if (d.related?.length) {
    marker.related = d.related.flatMap((r) => {
      const other = result.files.get(r.file)?.lineIndex;
      return other ? [{ path: r.file, range: toEditorRange(other, r.range), message: r.message }] : [];
    });
  }
  return marker;
}
