/** The headers a stage is given, and what flows on to the next (the runner's and the studio's rule). */
import { describe, expect, it } from 'vitest';
import type { PipelineDef } from './definition.js';
import { applyHeaderChanges, stageHeaders } from './stage-headers.js';

const definition: PipelineDef = {
  name: 'p',
  stages: [{ module: 'a', configuration: { level: 'stage', only: 'a' }, inputSchema: null, outputSchema: null }],
  globalConfig: { level: 'global', shared: 'yes' },
  description: null,
};

describe('stage headers', () => {
  it('gives a stage the flowing headers, then globalConfig, then its configuration, then its place', () => {
    expect(stageHeaders(definition, 0, { level: 'context', trace: 't' }, '{}')).toEqual({
      level: 'stage', trace: 't', shared: 'yes', only: 'a',
      'spl.execute.pipeline': 'p', 'spl.execute.stage': '0', 'spl.execute.next': '1', 'spl.execute.definition': '{}',
    });
  });

  it('lets on what a stage added, changed or removed, and nothing it returned unchanged', () => {
    const flowing: Record<string, string> = { trace: 't', gone: 'x' };
    const given = { ...flowing, only: 'a', kept: 'k' };
    // As a decoded map holds it: "__proto__" an own key like any other.
    const returned = JSON.parse('{"trace": "t2", "only": "a", "kept": "k", "added": "n", "__proto__": "p"}') as Record<string, string>;
    applyHeaderChanges(flowing, given, returned);
    expect(Object.entries(flowing)).toEqual([['trace', 't2'], ['added', 'n'], ['__proto__', 'p']]);
    expect(Object.getPrototypeOf(flowing)).toBe(Object.prototype);
  });
});
