/**
 * An ExecuteResponse (a stage's output, or the run's final one) as a JSON tree: longs exact,
 * unions by branch, and payloads decoded with the target node's module schemas (found by
 * fingerprint) or the schema the payload carries.
 */
import { useMemo } from 'react';
import { useStudio } from '../../app/studio.js';
import { copyText } from '../../composer/clipboard.js';
import { JsonTree } from '../../response/JsonTree.js';
import { buildResultTree } from '../../response/result-tree.js';
import '../../response/response.css';
import type { PipelineTarget } from '../pipeline-doc-store.js';
import { executeResponseSchema } from './execute-schemas.js';
import { useNodeModules } from '../../composer/payload/use-node-modules.js';

export interface OutputTreeProps {
  /** ExecuteResponse as Avro JSON text. */
  text: string;
  /** The node that answered: its module schemas decode the payloads. */
  target: PipelineTarget | null;
  label: string;
}

export function OutputTree({ text, target, label }: OutputTreeProps) {
  const studio = useStudio();
  const { known, slot } = useNodeModules(target);
  const tree = useMemo(() => buildResultTree(text, executeResponseSchema(), undefined, known), [text, known]);
  if ('error' in tree) return <p className="run-note is-error">{tree.error}</p>;
  return (
    <>
      {tree.missingSchema && slot?.status === 'loading' && <p className="run-note">Reading the node’s module schemas to decode the payload…</p>}
      <JsonTree root={tree.root} label={label} onCopy={(copied, what) => void copyText(studio, copied, what)} />
    </>
  );
}
