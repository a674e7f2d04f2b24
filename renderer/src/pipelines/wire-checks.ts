/**
 * Typed wires: whether what the upstream stage writes can be read by the downstream stage,
 * by Avro schema resolution (the upstream module's output schema as the writer, the downstream
 * module's input schema as the reader), with the schemas the target node describes its modules
 * with. A wire with an untyped end is neither right nor wrong; one whose schemas are not known
 * yet is being checked.
 */
import type { Schema } from '../../../shared/avro/model.js';
import { checkSchemaCompatibility } from '../../../shared/compat/schema-compatibility.js';
import type { ModuleDescription } from '../../../shared/studio/api.js';
import { readSchema } from '../explorer/read-schemas.js';

export type WireCheck =
  | { state: 'checking'; note: string }
  | { state: 'ok'; writer: string; reader: string; note: string }
  | { state: 'mismatch'; writer: string; reader: string; reasons: string[]; note: string }
  | { state: 'untyped'; note: string }
  /** Not checkable: no node to ask, a module the node lacks, a schema that does not read. */
  | { state: 'unknown'; note: string };

/** What the wire checks know of the target node's modules. */
export type TargetModules =
  | { status: 'no-target' }
  | { status: 'loading' }
  | { status: 'error'; error: string }
  | { status: 'ready'; modules: ModuleDescription[]; node: string };

const results = new Map<string, string[]>();
const CACHE_SIZE = 128;

/** Every reason `reader` cannot read `writer`'s data, by field path (`Words.words: …`); cached per pair of texts. */
function reasonsFor(reader: Schema, readerText: string, writer: Schema, writerText: string): string[] {
  const key = `${readerText}\n\u0000${writerText}`;
  const hit = results.get(key);
  if (hit) return hit;
  const reasons = checkSchemaCompatibility(reader, writer).map((p) => (p.path === '' ? p.message : `${p.path}: ${p.message}`));
  results.set(key, reasons);
  if (results.size > CACHE_SIZE) results.delete(results.keys().next().value!);
  return reasons;
}

const short = (fullName: string) => fullName.slice(fullName.lastIndexOf('.') + 1);

/** The check of a wire from a stage running `upstream` into one running `downstream`. */
export function checkWire(upstream: string, downstream: string, target: TargetModules): WireCheck {
  switch (target.status) {
    case 'no-target':
      return { state: 'unknown', note: 'Not checked: pick a node in the toolbar to check wires against its modules.' };
    case 'loading':
      return { state: 'checking', note: 'Checking… (asking the node for its modules\' schemas)' };
    case 'error':
      return { state: 'unknown', note: `Not checked: ${target.error}` };
  }
  const from = target.modules.find((m) => m.module === upstream);
  const to = target.modules.find((m) => m.module === downstream);
  const missing = [from ? undefined : upstream, to ? undefined : downstream].filter((m) => m !== undefined);
  if (missing.length > 0) {
    return { state: 'unknown', note: `Not checked: ${target.node} has no module ${missing.join(' or ')}. Pick a node that has it, or change the stage.` };
  }
  if (!from!.outputSchema || !to!.inputSchema) {
    const which = !from!.outputSchema ? `${upstream} writes untyped output` : `${downstream} takes untyped input`;
    return { state: 'untyped', note: `Untyped: ${which}, so there is nothing to check.` };
  }
  const writerText = from!.outputSchemaText;
  const readerText = to!.inputSchemaText;
  if (!writerText || !readerText) {
    return { state: 'unknown', note: `Not checked: ${target.node} did not send the text of ${!writerText ? from!.outputSchema : to!.inputSchema}.` };
  }
  const writer = readSchema(writerText, from!.outputSchema);
  const reader = readSchema(readerText, to!.inputSchema);
  if (writer.error !== undefined || reader.error !== undefined) {
    return { state: 'unknown', note: `Not checked: ${writer.error ?? reader.error}` };
  }
  const names = { writer: from!.outputSchema, reader: to!.inputSchema };
  const reasons = reasonsFor(reader.value, readerText, writer.value, writerText);
  if (reasons.length === 0) {
    return { state: 'ok', ...names, note: `${short(names.reader)} reads ${short(names.writer)}: the schemas resolve.` };
  }
  return { state: 'mismatch', ...names, reasons, note: `${short(names.reader)} cannot read ${short(names.writer)}:` };
}

/** Short label for a schema's full name in a stage node: `Words`; `untyped` when none. */
export function shortSchemaName(fullName: string | null | undefined): string {
  return fullName ? short(fullName) : 'untyped';
}
