/**
 * Second pass: with every name of the compilation known, resolves record fields, messages and
 * the main schema, then checks what needs the whole picture: defaults against their types,
 * duplicate fields, parameters and messages, `throws` of non-errors, and redefinitions.
 */
import type * as Ast from './ast.js';
import type { Compilation } from './compile.js';
import { FIELD_RESERVED, MESSAGE_RESERVED, splitAnnotations, type AnnotationContext } from './annotations.js';
import type { Field, JsonValue, Message, Protocol, Schema } from '../avro/model.js';
import { NO_ALIASES, primitive } from '../avro/model.js';
import { nameProblem, resolveName } from '../avro/names.js';
import { checkDefault } from '../avro/default-value.js';
import { sameDefinition } from '../avro/same-definition.js';
import { jsonValueOf } from './literals.js';
import { span } from './source.js';
import { reporterFor, type FileLowering } from './lower.js';
import { TypeLowerer, type LoweredType } from './types.js';

const FIELD_ANNOTATIONS: AnnotationContext = { aliases: true, order: true, reserved: FIELD_RESERVED, what: 'a field' };
const MESSAGE_ANNOTATIONS: AnnotationContext = { reserved: MESSAGE_RESERVED, what: 'a message' };

interface PendingDefault {
  field: Field;
  node: Ast.JsonNode;
  file: string;
  /** How to name the field in messages: "field 'kind' of R" or "parameter 'arg2' of add" (built only when needed). */
  label: () => string;
}

/** Builds one field (or parameter) from its variable declaration. */
function lowerVariable(
  variable: Ast.VariableDecl,
  type: LoweredType,
  defaultDoc: string | undefined,
  types: TypeLowerer,
  label: () => string,
  pending: PendingDefault[],
): Field {
  const report = types.report;
  const split = splitAnnotations(variable.annotations, FIELD_ANNOTATIONS, report);
  const name = variable.name.text;
  const problem = variable.name.missing ? undefined : nameProblem(name, 'field name');
  if (problem) report(variable.name, problem, 'error', 'invalid-name');
  let defaultValue: JsonValue | undefined;
  if (variable.defaultValue) defaultValue = jsonValueOf(variable.defaultValue, report);
  let schema = type.schema;
  if (type.optional) {
    // Avro 1.12: `T? x = null` (or no default) is [null, T]; a non-null default puts null last.
    const nonNullDefault = defaultValue !== undefined && defaultValue !== null;
    schema = { type: 'union', types: nonNullDefault ? [type.schema, primitive('null')] : [primitive('null'), type.schema] };
  }
  const field: Field = {
    name, type: schema, doc: variable.doc?.text ?? defaultDoc, hasDefault: variable.defaultValue !== undefined,
    order: split.order ?? 'ascending', aliases: split.aliases ?? NO_ALIASES, props: split.props,
    origin: { file: types.file, start: variable.name.start, end: variable.name.end },
  };
  if (variable.defaultValue !== undefined) {
    field.default = defaultValue;
    if (!type.unresolved) pending.push({ field, node: variable.defaultValue, file: types.file, label });
  }
  return field;
}

/** The type as written, on one line, for hovers. */
function typeText(file: string, compilation: Compilation, node: Ast.TypeNode | Ast.VoidType): string {
  const text = (compilation.files.get(file)?.text ?? '').slice(node.start, node.end);
  return /[\n\r\t]| {2}/.test(text) ? text.replace(/\s+/g, ' ') : text;
}

function resolveRecords(lowering: FileLowering, compilation: Compilation, pending: PendingDefault[]): void {
  for (const { schema, decl, file } of lowering.records) {
    const types = new TypeLowerer(compilation, file);
    const report = reporterFor(compilation, file);
    const seen = new Map<string, Ast.VariableDecl>();
    for (const fieldDecl of decl.fields) {
      // Inside a record, names resolve in the record's own namespace.
      const type = types.lower(fieldDecl.type, schema.namespace);
      for (const variable of fieldDecl.variables) {
        if (variable.name.missing) continue;
        const field = lowerVariable(variable, type, fieldDecl.doc?.text, types, () => `field '${variable.name.text}' of ${schema.name}`, pending);
        const earlier = seen.get(field.name);
        if (earlier) {
          report(variable.name, `duplicate field '${field.name}' in ${schema.type} ${schema.name}`, 'error', 'duplicate-field');
          continue;
        }
        seen.set(field.name, variable);
        schema.fields.push(field);
      }
    }
    compilation.symbols.defer(() => {
      // Walk the declarations as above; a field was kept where its origin is this variable.
      let i = 0;
      for (const fieldDecl of decl.fields) {
        for (const variable of fieldDecl.variables) {
          const field = schema.fields[i];
          if (field === undefined || field.origin?.start !== variable.name.start) continue;
          i++;
          const id = `${schema.fullName}.${field.name}`;
          compilation.symbols.define({
            id, kind: 'field', name: field.name, fullName: id, file, nameRange: span(variable.name), range: span(fieldDecl),
            doc: field.doc, container: schema.fullName, detail: `${typeText(file, compilation, fieldDecl.type)} ${field.name}`,
          });
        }
      }
    });
  }
}

function resolveMessage(draft: Extract<FileLowering['messages'][number], { kind: 'idl' }>, protocolId: string, compilation: Compilation, pending: PendingDefault[]): Message {
  const { decl, file, namespace } = draft;
  const report = reporterFor(compilation, file);
  const types = new TypeLowerer(compilation, file);
  const split = splitAnnotations(decl.annotations, MESSAGE_ANNOTATIONS, report);
  const name = decl.name.text;
  const problem = decl.name.missing ? undefined : nameProblem(name, 'message name');
  if (problem) report(decl.name, problem, 'error', 'invalid-name');
  const request: Field[] = [];
  const seen = new Set<string>();
  for (const param of decl.params) {
    if (param.variable.name.missing) continue;
    const type = types.lower(param.type, namespace);
    const field = lowerVariable(param.variable, type, param.doc?.text, types, () => `parameter '${param.variable.name.text}' of ${name}`, pending);
    if (seen.has(field.name)) {
      report(param.variable.name, `duplicate parameter '${field.name}' in message ${name}`, 'error', 'duplicate-field');
      continue;
    }
    seen.add(field.name);
    request.push(field);
  }
  let response: Schema;
  if (decl.returnType.kind === 'VoidType') response = primitive('null');
  else {
    const lowered = types.lowerNested(decl.returnType, namespace);
    response = lowered.schema;
  }
  if (decl.oneway && response.type !== 'null') {
    report(decl.returnType, `one-way message '${name}' must return void`, 'error', 'oneway-result');
  }
  const errors: Schema[] = [];
  for (const errorName of decl.throws) {
    const schema = types.resolveName(errorName, namespace, 'error type');
    if (!schema) continue;
    if (schema.type !== 'error') {
      report(errorName, `'${errorName.text}' is declared as ${schema.type === 'record' ? 'a record' : `a ${schema.type}`}, not an error: declare it with 'error ${errorName.text} { ... }' so clients can tell it apart`, 'warning', 'throws-non-error');
    }
    errors.push(schema);
  }
  compilation.symbols.defer(() => {
    const messageId = `${protocolId}#${name}`;
    compilation.symbols.define({
      id: messageId, kind: 'message', name, fullName: name, file, nameRange: span(decl.name), range: span(decl), doc: decl.doc?.text,
      container: protocolId, detail: `${typeText(file, compilation, decl.returnType)} ${name}(${request.map((f) => f.name).join(', ')})${decl.oneway ? ' oneway' : ''}`,
    });
    for (const param of decl.params) {
      const field = request.find((f) => f.origin?.start === param.variable.name.start);
      if (!field) continue;
      compilation.symbols.define({
        id: `${messageId}(${field.name})`, kind: 'parameter', name: field.name, fullName: `${name}.${field.name}`, file,
        nameRange: span(param.variable.name), range: span(param), doc: field.doc, container: messageId,
        detail: `${typeText(file, compilation, param.type)} ${field.name}`,
      });
    }
  });
  return {
    name, doc: decl.doc?.text, props: split.props, request, response, errors, oneWay: decl.oneway,
    origin: { file, start: decl.name.start, end: decl.name.end },
  };
}

function checkDefaults(pending: PendingDefault[], compilation: Compilation): void {
  for (const { field, node, file, label } of pending) {
    for (const problem of checkDefault(field.type, field.default ?? null)) {
      const where = problem.path ? ` at ${problem.path}` : '';
      compilation.report(file, node, `invalid default for ${label()}${where}: ${problem.message}`, 'invalid-default', problem.severity);
    }
  }
}

function checkRedefinitions(compilation: Compilation): void {
  for (const lowering of compilation.lowered) {
    for (const { first, second, file, range } of lowering.redefinitions) {
      const same = sameDefinition(first, second);
      const related = first.origin ? [{ file: first.origin.file, range: { start: first.origin.start, end: first.origin.end }, message: `${first.fullName} is first defined here` }] : undefined;
      if (same) compilation.report(file, range, `${first.fullName} is defined twice (identically); remove one`, 'duplicate-name', 'warning', related);
      else compilation.report(file, range, `${first.fullName} is already defined${first.origin ? ` in ${first.origin.file}` : ''}; a type cannot be redefined`, 'duplicate-name', 'error', related);
    }
  }
}

export interface Resolved {
  protocol?: Protocol;
  mainSchema?: Schema;
}

/** Runs the second pass over a compilation whose main file was lowered into `main`. */
export function resolveDeclarations(main: FileLowering, compilation: Compilation): Resolved {
  const pending: PendingDefault[] = [];
  for (const lowering of compilation.lowered) resolveRecords(lowering, compilation, pending);
  const result: Resolved = {};
  if (main.protocol) {
    const header = main.protocol;
    const protocolId = `protocol:${resolveName(header.name, header.namespace)}`;
    const messages: Message[] = [];
    const byName = new Map<string, Message>();
    for (const draft of main.messages) {
      const message = draft.kind === 'idl' ? resolveMessage(draft, protocolId, compilation, pending) : draft.message;
      const earlier = byName.get(message.name);
      if (earlier) {
        const range = draft.kind === 'idl' ? draft.decl.name : draft.range;
        compilation.report(draft.file, range, `duplicate message '${message.name}'${earlier.origin ? ` (also defined in ${earlier.origin.file})` : ''}`, 'duplicate-message');
        continue;
      }
      byName.set(message.name, message);
      messages.push(message);
    }
    result.protocol = { protocol: header.name, namespace: header.namespace, doc: header.doc, props: header.props, types: compilation.types, messages };
  } else if (main.ast.mainSchema) {
    const types = new TypeLowerer(compilation, main.file);
    result.mainSchema = types.lowerNested(main.ast.mainSchema.type, main.namespace).schema;
  }
  checkDefaults(pending, compilation);
  checkRedefinitions(compilation);
  return result;
}
