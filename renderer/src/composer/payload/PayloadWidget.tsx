/**
 * The composer form's widget for `spl.common.Payload`: the payload editor over the composer's
 * target node, defaulting to the input schema of the module the request names.
 */
import { useMemo } from 'react';
import { requestSchema } from '../../../../shared/avro/model.js';
import { useSlice, useStudio } from '../../app/studio.js';
import { nodeKey } from '../../stores/connections-store.js';
import type { FormWidget } from '../form/SchemaForm.js';
import { moduleNamed, readBody } from '../read-body.js';
import { messageOf } from '../target-schema.js';
import { PayloadEditor } from './PayloadEditor.js';

type WidgetProps = Parameters<FormWidget>[0];

export function PayloadWidget({ value, onChange, path }: WidgetProps) {
  const studio = useStudio();
  const target = useSlice(studio.composer, (s) => s.target);
  const body = useSlice(studio.composer, (s) => s.body);
  const hasNode = target.connectionId !== '' && target.nodeId !== '';
  const description = useSlice(studio.connections, (s) => (hasNode ? s.descriptions[nodeKey(target.connectionId, target.nodeId)]?.value : undefined));

  const moduleName = useMemo(() => {
    const found = messageOf(description, target);
    if (!found || 'error' in found) return undefined;
    const read = readBody(requestSchema(found.message), body);
    return 'value' in read ? moduleNamed(read.value) : undefined;
  }, [description, target, body]);

  const node = useMemo(() => (hasNode ? { connectionId: target.connectionId, nodeId: target.nodeId } : null), [hasNode, target.connectionId, target.nodeId]);
  return (
    <PayloadEditor
      value={value}
      onChange={onChange}
      path={typeof path === 'string' ? path : ''}
      target={node}
      defaultModule={moduleName ? { module: moduleName, why: 'The request names' } : undefined}
    />
  );
}
