/** The language service's plain results as Monaco's types: kinds, markers, edits, symbols. */
import type * as Monaco from 'monaco-editor/editor';
import type { CompletionItem, DocumentSymbol, FileEdits, Marker } from '../../../../shared/idl/service/index.js';
import type { AvdlHost, MonacoNamespace } from './host.js';

type Languages = MonacoNamespace['languages'];

export function completionKind(languages: Languages, item: CompletionItem): Monaco.languages.CompletionItemKind {
  const K = languages.CompletionItemKind;
  switch (item.kind) {
    case 'type':
      switch (item.typeKind) {
        case 'record': return K.Struct;
        case 'error': return K.Class;
        case 'enum': return K.Enum;
        case 'fixed': return K.Unit;
        default: return K.TypeParameter;
      }
    case 'logical-type': return K.Interface;
    case 'keyword': return K.Keyword;
    case 'annotation': return K.Property;
    case 'snippet': return K.Snippet;
    case 'enum-symbol': return K.EnumMember;
    case 'value': return K.Value;
    case 'file': return K.File;
    case 'namespace': return K.Module;
  }
}

export function toCompletionItem(languages: Languages, item: CompletionItem): Monaco.languages.CompletionItem {
  return {
    label: item.label,
    kind: completionKind(languages, item),
    insertText: item.insertText,
    insertTextRules: item.isSnippet ? languages.CompletionItemInsertTextRule.InsertAsSnippet : undefined,
    detail: item.detail,
    documentation: item.documentation ? { value: item.documentation } : undefined,
    range: item.range,
    sortText: item.sortText,
  };
}

export function symbolKind(languages: Languages, kind: DocumentSymbol['kind']): Monaco.languages.SymbolKind {
  const S = languages.SymbolKind;
  switch (kind) {
    case 'protocol': return S.Module;
    case 'record': return S.Struct;
    case 'error': return S.Class;
    case 'enum': return S.Enum;
    case 'fixed': return S.Constant;
    case 'field': return S.Field;
    case 'message': return S.Method;
    case 'parameter': return S.Variable;
    case 'enum-symbol': return S.EnumMember;
  }
}

export function toDocumentSymbol(languages: Languages, symbol: DocumentSymbol): Monaco.languages.DocumentSymbol {
  return {
    name: symbol.name, detail: symbol.detail, kind: symbolKind(languages, symbol.kind), tags: [],
    range: symbol.range, selectionRange: symbol.selectionRange, children: symbol.children.map((c) => toDocumentSymbol(languages, c)),
  };
}

export function toMarkerData(monaco: Pick<MonacoNamespace, 'MarkerSeverity'>, host: Pick<AvdlHost, 'uriOf'>, marker: Marker): Monaco.editor.IMarkerData {
  return {
    severity: marker.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
    message: marker.message,
    code: marker.code,
    source: 'avdl',
    ...marker.range,
    relatedInformation: marker.related?.map((r) => ({ resource: host.uriOf(r.path), message: r.message, ...r.range })),
  };
}

export function toWorkspaceEdit(host: Pick<AvdlHost, 'uriOf'>, changes: FileEdits[], current?: { path: string; versionId: number }): Monaco.languages.WorkspaceEdit {
  return {
    edits: changes.flatMap((change) => change.edits.map((edit) => ({
      resource: host.uriOf(change.path),
      textEdit: { range: edit.range, text: edit.newText },
      // Pin the edits of the file being edited to the version they were computed for.
      versionId: current && current.path === change.path ? current.versionId : undefined,
    }))),
  };
}
