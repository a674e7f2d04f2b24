/**
 * Syntax colouring for Avro IDL (a Monarch tokenizer): declaration keywords, type keywords,
 * annotations (`@namespace`, `@java-class`), doc comments apart from plain comments, strings
 * with Java escapes, numbers (hex, floats, NaN, Infinity), backticked identifiers.
 */
import type * as Monaco from 'monaco-editor/editor';

export const avdlMonarch: Monaco.languages.IMonarchLanguage = {
  defaultToken: '',
  tokenPostfix: '.avdl',
  keywords: ['protocol', 'namespace', 'import', 'idl', 'schema', 'enum', 'fixed', 'error', 'record', 'throws', 'oneway', 'void'],
  typeKeywords: [
    'array', 'map', 'union', 'boolean', 'int', 'long', 'float', 'double', 'string', 'bytes', 'null',
    'decimal', 'date', 'time_ms', 'timestamp_ms', 'local_timestamp_ms', 'uuid',
  ],
  constants: ['true', 'false', 'NaN', 'Infinity'],
  escapes: /\\(?:[btnfr\\"']|u[0-9A-Fa-f]{4}|[0-7]{1,3})/,
  brackets: [
    { open: '{', close: '}', token: 'delimiter.curly' },
    { open: '[', close: ']', token: 'delimiter.square' },
    { open: '(', close: ')', token: 'delimiter.parenthesis' },
    { open: '<', close: '>', token: 'delimiter.angle' },
  ],
  tokenizer: {
    root: [
      { include: '@whitespace' },
      [/@[a-zA-Z_][\w]*(?:[.-][a-zA-Z_][\w]*)*/, 'annotation'],
      [/`[^`\n]*`/, 'identifier.escaped'],
      [/[a-zA-Z_][\w]*/, { cases: { '@keywords': 'keyword', '@typeKeywords': 'type', '@constants': 'constant', '@default': 'identifier' } }],
      [/[{}()[\]<>]/, '@brackets'],
      [/[;,.=?:]/, 'delimiter'],
      [/[-+]?0[xX][0-9a-fA-F]+[lL]?/, 'number.hex'],
      [/[-+]?(?:\d+\.\d*|\.\d+)(?:[eE][-+]?\d+)?[fFdD]?/, 'number.float'],
      [/[-+]?\d+(?:[eE][-+]?\d+[fFdD]?|[fFdD])/, 'number.float'],
      [/-?\d+[lL]?/, 'number'],
      [/"(?:[^"\\]|\\.)*$/, 'string.invalid'],
      [/"/, 'string', '@string'],
    ],
    whitespace: [
      [/[ \t\r\n]+/, ''],
      [/\/\*\*(?!\/)/, 'comment.doc', '@doccomment'],
      [/\/\*/, 'comment', '@comment'],
      [/\/\/.*$/, 'comment'],
    ],
    comment: [
      [/[^/*]+/, 'comment'],
      [/\*\//, 'comment', '@pop'],
      [/[/*]/, 'comment'],
    ],
    doccomment: [
      [/[^/*]+/, 'comment.doc'],
      [/\*\//, 'comment.doc', '@pop'],
      [/[/*]/, 'comment.doc'],
    ],
    string: [
      [/[^\\"]+/, 'string'],
      [/@escapes/, 'string.escape'],
      [/\\./, 'string.escape.invalid'],
      [/"/, 'string', '@pop'],
    ],
  },
};
