/**
 * Validation of `.avsc` and `.avpr` files with the schema reader, which stops at the first
 * problem: one error, ranged over the JSON value it is about, plus any warnings. With no
 * error, the document as Avro JSON (names resolved, Java's layout) for the preview panel.
 */
import { readProtocolJson, readSchemaJson, SchemaReadError, type SchemaReadProblem } from '../../avro/schema-reader.js';
import { protocolToJson, schemaToJson } from '../../avro/schema-writer.js';
import { toJsonText } from '../../avro/json-text.js';
import { LineIndex } from '../source.js';
import { toEditorRange } from './positions.js';
import type { DiagnosticsResult, Marker } from './types.js';

export function isJsonSchemaPath(path: string): boolean {
  return path.endsWith('.avsc') || path.endsWith('.avpr');
}

/** The extent of the JSON value starting at `offset`: a string, number or word; one character for a bracket. */
function valueEnd(text: string, offset: number): number {
  const c = text[offset];
  if (c === '"') {
    for (let i = offset + 1; i < text.length; i++) {
      if (text[i] === '\\') i++;
      else if (text[i] === '"') return i + 1;
      else if (text[i] === '\n') return i;
    }
    return text.length;
  }
  const word = /[-+.\w]+/y;
  word.lastIndex = offset;
  const match = word.exec(text);
  return match ? offset + match[0].length : Math.min(offset + 1, text.length);
}

export function jsonSchemaDiagnostics(text: string, path: string, withOutput = true): DiagnosticsResult {
  const index = new LineIndex(text);
  const markers: Marker[] = [];
  const ranged = (problem: SchemaReadProblem) => {
    const start = problem.offset ?? 0;
    return toEditorRange(index, { start, end: problem.offset === undefined ? 0 : valueEnd(text, start) });
  };
  const message = (problem: SchemaReadProblem): string => (problem.path ? `${problem.path}: ${problem.detail}` : problem.detail);
  const onWarning = (warning: SchemaReadProblem): void => {
    markers.push({ severity: 'warning', code: 'schema-warning', message: message(warning), range: ranged(warning) });
  };
  let output: DiagnosticsResult['output'];
  try {
    if (path.endsWith('.avpr')) {
      const protocol = readProtocolJson(text, { file: path, onWarning });
      if (withOutput) output = { kind: 'avpr', text: toJsonText(protocolToJson(protocol)) };
    } else {
      const schema = readSchemaJson(text, { file: path, onWarning }).schema;
      if (withOutput) output = { kind: 'avsc', text: toJsonText(schemaToJson(schema)) };
    }
  } catch (error) {
    if (!(error instanceof SchemaReadError)) throw error;
    markers.push({ severity: 'error', code: 'invalid-json-schema', message: message(error), range: ranged(error) });
    output = undefined;
  }
  const errorCount = markers.filter((m) => m.severity === 'error').length;
  return { path, markers, output, errorCount, warningCount: markers.length - errorCount };
}
