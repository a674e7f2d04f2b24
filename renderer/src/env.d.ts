/// <reference types="vite/client" />

// Monaco internals imported for their side effects only (see editor/monaco.ts); they ship no
// declarations of their own.
declare module 'monaco-editor/editor/contrib/*';
