/** The element the editor controller draws the Monaco editor into ("Protocol editor"). */
import { useEffect, useRef } from 'react';
import type { EditorController } from './editor-controller.js';

export function MonacoEditor({ controller }: { controller: EditorController }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => (ref.current ? controller.mount(ref.current) : undefined), [controller]);
  return <div ref={ref} className="monaco-host" />;
}
