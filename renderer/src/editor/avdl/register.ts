/**
 * Registers Avro IDL with Monaco: the `avdl` language (`.avdl` files), its colouring and editing
 * behaviour, and every provider the language service backs (completion on `@`, `.` and `<`,
 * hover, go to definition, references, rename, format, outline). Call once at start-up; the
 * returned disposable undoes it. The diagnostics client (diagnostics-client.ts) uses the same
 * Monaco namespace and host unless given others, and then serves the providers from its worker.
 */
import type * as Monaco from 'monaco-editor/editor';
import { createLanguageService, type LanguageService } from '../../../../shared/idl/service/index.js';
import type { AvdlHost, MonacoNamespace } from './host.js';
import { avdlLanguageConfiguration } from './language-configuration.js';
import { avdlMonarch } from './monarch.js';
import * as providers from './providers.js';

export const AVDL_LANGUAGE_ID = 'avdl';

export interface AvdlRegistration extends Monaco.IDisposable {
  monaco: MonacoNamespace;
  host: AvdlHost;
  /** The main thread's language service (completion, hover, navigation). */
  service: LanguageService;
}

let current: AvdlRegistration | undefined;

/** The last registration, for clients that were not given a Monaco namespace and host. */
export function currentRegistration(): AvdlRegistration | undefined {
  return current;
}

export function registerAvdlLanguage(monaco: MonacoNamespace, host: AvdlHost, service: LanguageService = createLanguageService()): AvdlRegistration {
  const { languages } = monaco;
  if (!languages.getLanguages().some((l) => l.id === AVDL_LANGUAGE_ID)) {
    languages.register({ id: AVDL_LANGUAGE_ID, extensions: ['.avdl'], aliases: ['Avro IDL', 'avdl'] });
  }
  const ctx: providers.ProviderContext = { monaco, host, service };
  const disposables: Monaco.IDisposable[] = [
    languages.setMonarchTokensProvider(AVDL_LANGUAGE_ID, avdlMonarch),
    languages.setLanguageConfiguration(AVDL_LANGUAGE_ID, avdlLanguageConfiguration(monaco)),
    languages.registerCompletionItemProvider(AVDL_LANGUAGE_ID, providers.completionProvider(ctx)),
    languages.registerHoverProvider(AVDL_LANGUAGE_ID, providers.hoverProvider(ctx)),
    languages.registerDefinitionProvider(AVDL_LANGUAGE_ID, providers.definitionProvider(ctx)),
    languages.registerReferenceProvider(AVDL_LANGUAGE_ID, providers.referenceProvider(ctx)),
    languages.registerRenameProvider(AVDL_LANGUAGE_ID, providers.renameProvider(ctx)),
    languages.registerDocumentFormattingEditProvider(AVDL_LANGUAGE_ID, providers.formattingProvider(ctx)),
    languages.registerDocumentSymbolProvider(AVDL_LANGUAGE_ID, providers.documentSymbolProvider(ctx)),
  ];
  const registration: AvdlRegistration = {
    monaco, host,
    // The providers read the context's service at each request, so it can change under them.
    get service() {
      return ctx.service;
    },
    set service(next: LanguageService) {
      ctx.service = next;
    },
    dispose() {
      for (const d of disposables) d.dispose();
      if (current === registration) current = undefined;
    },
  };
  current = registration;
  return registration;
}
