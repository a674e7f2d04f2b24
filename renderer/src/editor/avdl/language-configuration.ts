/**
 * Editing behaviour for Avro IDL: comment toggling, bracket matching and auto-closing (`<` only
 * where a type goes, never in strings or comments), indentation inside braces, and doc comments
 * that continue with ` * ` on Enter.
 */
import type * as Monaco from 'monaco-editor/editor';
import type { MonacoNamespace } from './host.js';

export function avdlLanguageConfiguration(monaco: Pick<MonacoNamespace, 'languages'>): Monaco.languages.LanguageConfiguration {
  const { IndentAction } = monaco.languages;
  return {
    comments: { lineComment: '//', blockComment: ['/*', '*/'] },
    brackets: [['{', '}'], ['[', ']'], ['(', ')'], ['<', '>']],
    autoClosingPairs: [
      { open: '{', close: '}' },
      { open: '[', close: ']' },
      { open: '(', close: ')' },
      { open: '<', close: '>', notIn: ['string', 'comment'] },
      { open: '"', close: '"', notIn: ['string', 'comment'] },
      { open: '`', close: '`', notIn: ['string', 'comment'] },
      { open: '/**', close: ' */', notIn: ['string'] },
    ],
    surroundingPairs: [
      { open: '{', close: '}' },
      { open: '[', close: ']' },
      { open: '(', close: ')' },
      { open: '<', close: '>' },
      { open: '"', close: '"' },
      { open: '`', close: '`' },
    ],
    // Names may be dotted (`spl.common.Payload`) or dashed (`@java-class`): one word each.
    wordPattern: /(-?\d*\.\d\w*)|([A-Za-z_`][\w`]*(?:[.-][A-Za-z_`][\w`]*)*)/g,
    indentationRules: {
      increaseIndentPattern: /^.*\{[^}"'`]*$|^.*\([^)"'`]*$/,
      decreaseIndentPattern: /^\s*[})]/,
    },
    onEnterRules: [
      // Inside a /** ... */ doc comment: continue with " * ".
      { beforeText: /^\s*\/\*\*(?!\/)([^*]|\*(?!\/))*$/, afterText: /^\s*\*\/$/, action: { indentAction: IndentAction.IndentOutdent, appendText: ' * ' } },
      { beforeText: /^\s*\/\*\*(?!\/)([^*]|\*(?!\/))*$/, action: { indentAction: IndentAction.None, appendText: ' * ' } },
      { beforeText: /^(\t|( {2}))* \*( ([^*]|\*(?!\/))*)?$/, action: { indentAction: IndentAction.None, appendText: '* ' } },
      { beforeText: /^(\t|( {2}))* \*\/\s*$/, action: { indentAction: IndentAction.None, removeText: 1 } },
    ],
    folding: { markers: { start: /^\s*\/\/\s*#?region\b/, end: /^\s*\/\/\s*#?endregion\b/ } },
  };
}
