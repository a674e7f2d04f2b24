/**
 * Monaco providers for Avro IDL, each a thin adapter: find the model's workspace path, take the
 * host's files with the model's current text, ask the language service, convert the answer.
 */
import type * as Monaco from 'monaco-editor/editor';
import type { Files, LanguageService } from '../../../../shared/idl/service/index.js';
import { toCompletionItem, toDocumentSymbol, toWorkspaceEdit } from './convert.js';
import { filesWith, type AvdlHost, type MonacoNamespace } from './host.js';

type Model = Monaco.editor.ITextModel;
type Pos = Monaco.IPosition;

export interface ProviderContext {
  monaco: MonacoNamespace;
  host: AvdlHost;
  service: LanguageService;
}

/** The model's workspace path and the files to ask about, or undefined for a model outside the workspace. */
function request(ctx: ProviderContext, model: Model): { path: string; files: Files } | undefined {
  const path = ctx.host.pathOf(model.uri);
  if (path === undefined) return undefined;
  return { path, files: filesWith(ctx.host, path, model.getValue()) };
}

const at = (position: Pos) => ({ lineNumber: position.lineNumber, column: position.column });

export function completionProvider(ctx: ProviderContext): Monaco.languages.CompletionItemProvider {
  return {
    triggerCharacters: ['@', '.', '<'],
    async provideCompletionItems(model, position) {
      const r = request(ctx, model);
      if (!r) return { suggestions: [] };
      const result = await ctx.service.completions(r.files, r.path, at(position));
      return { suggestions: result.items.map((item) => toCompletionItem(ctx.monaco.languages, item)) };
    },
  };
}

export function hoverProvider(ctx: ProviderContext): Monaco.languages.HoverProvider {
  return {
    async provideHover(model, position) {
      const r = request(ctx, model);
      if (!r) return null;
      const hover = await ctx.service.hover(r.files, r.path, at(position));
      return hover ? { contents: [{ value: hover.markdown }], range: hover.range } : null;
    },
  };
}

export function definitionProvider(ctx: ProviderContext): Monaco.languages.DefinitionProvider {
  return {
    async provideDefinition(model, position) {
      const r = request(ctx, model);
      if (!r) return null;
      const locations = await ctx.service.definition(r.files, r.path, at(position));
      return locations.map((l) => ({ uri: ctx.host.uriOf(l.path), range: l.range }));
    },
  };
}

export function referenceProvider(ctx: ProviderContext): Monaco.languages.ReferenceProvider {
  return {
    async provideReferences(model, position, context) {
      const r = request(ctx, model);
      if (!r) return null;
      const locations = await ctx.service.references(r.files, r.path, at(position), context.includeDeclaration);
      return locations.map((l) => ({ uri: ctx.host.uriOf(l.path), range: l.range }));
    },
  };
}

export function renameProvider(ctx: ProviderContext): Monaco.languages.RenameProvider {
  return {
    async resolveRenameLocation(model, position) {
      const r = request(ctx, model);
      const word = model.getWordAtPosition(position);
      const fallback = { startLineNumber: position.lineNumber, startColumn: word?.startColumn ?? position.column, endLineNumber: position.lineNumber, endColumn: word?.endColumn ?? position.column };
      if (!r) return { range: fallback, text: '', rejectReason: 'Only workspace files can be renamed in.' };
      const result = await ctx.service.prepareRename(r.files, r.path, at(position));
      return result.ok ? { range: result.range, text: result.placeholder } : { range: fallback, text: '', rejectReason: result.reason };
    },
    async provideRenameEdits(model, position, newName) {
      const r = request(ctx, model);
      if (!r) return { edits: [], rejectReason: 'Only workspace files can be renamed in.' };
      const result = await ctx.service.rename(r.files, r.path, at(position), newName);
      if (!result.ok) return { edits: [], rejectReason: result.reason };
      return toWorkspaceEdit(ctx.host, result.changes, { path: r.path, versionId: model.getVersionId() });
    },
  };
}

export function formattingProvider(ctx: ProviderContext): Monaco.languages.DocumentFormattingEditProvider {
  return {
    displayName: 'Avro IDL (spl fmt)',
    // The canonical layout, as `spl fmt` writes it, whatever the editor's tab size: one format for everyone.
    async provideDocumentFormattingEdits(model) {
      const r = request(ctx, model);
      if (!r) return [];
      const result = await ctx.service.format(r.files, r.path);
      if (!result.ok) {
        ctx.host.notify?.(result.reason);
        return [];
      }
      return result.edits.map((e) => ({ range: e.range, text: e.newText }));
    },
  };
}

export function documentSymbolProvider(ctx: ProviderContext): Monaco.languages.DocumentSymbolProvider {
  return {
    displayName: 'Avro IDL',
    async provideDocumentSymbols(model) {
      const r = request(ctx, model);
      if (!r) return [];
      return (await ctx.service.outline(r.files, r.path)).map((s) => toDocumentSymbol(ctx.monaco.languages, s));
    },
  };
}
