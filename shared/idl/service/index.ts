/**
 * The Avro IDL language service, editor-agnostic and isomorphic: diagnostics (with the compiled
 * JSON), completion, hover, go to definition, references, rename, formatting and the outline,
 * over a map of workspace-relative paths to text. Positions are 1-based lines and columns
 * (Monaco's convention). See language-service.ts.
 */
export { AvdlLanguageService, createLanguageService, type LanguageService, type LanguageServiceOptions } from './language-service.js';
export { isIdlPath } from './compile-cache.js';
export { isJsonSchemaPath } from './json-diagnostics.js';
export type * from './types.js';
