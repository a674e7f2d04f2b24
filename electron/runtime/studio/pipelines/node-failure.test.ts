/** How a node's refusals reach the renderer: codes that say what to do, messages that say where. */
import { describe, expect, it } from 'vitest';
import { StudioError } from '../../../../shared/studio/api.js';
import { DeclaredError, RemoteSystemError, TransportError } from '../../rpc/errors.js';
import { pipelineErrorText, pipelineRequestError } from './node-failure.js';

const refusal = (value: Record<string, unknown>) =>
  new DeclaredError('spl.pipeline.PipelineError', { pipeline: { string: 'p' }, stage: null, details: {}, ...value });

describe('pipelineRequestError', () => {
  it('gives the code, the stage, and each detail the message does not already hold', () => {
    const text = pipelineErrorText({
      code: 'SCHEMA_MISMATCH',
      message: "pipeline 'p' cannot run:\n  stage 1 reads X:\n    X.a: writer type int cannot be read as reader type string",
      pipeline: { string: 'p' },
      stage: { int: 1 },
      details: { paths: 'X.a: writer type int cannot be read as reader type string\nX.b: missing, and it has no default', writerSchema: 'W', 'problem.1': 'stage 1 reads X' },
    });
    expect(text).toBe("[SCHEMA_MISMATCH, stage 1] pipeline 'p' cannot run:\n  stage 1 reads X:\n    X.a: writer type int cannot be read as reader type string\n  paths: X.b: missing, and it has no default\n  writerSchema: W");
  });

  it('makes PIPELINE_NOT_FOUND not-found and other refusals invalid-argument', () => {
    expect(pipelineRequestError('get', 'http://h:1', refusal({ code: 'PIPELINE_NOT_FOUND', message: 'no pipeline' }))).toMatchObject({ code: 'not-found', message: 'get: [PIPELINE_NOT_FOUND] no pipeline' });
    expect(pipelineRequestError('register', 'http://h:1', refusal({ code: 'INVALID_PIPELINE', message: 'bad', stage: { int: 0 } }))).toMatchObject({ code: 'invalid-argument', message: 'register: [INVALID_PIPELINE, stage 0] bad' });
  });

  it('says io, naming the endpoint, for a node that cannot be reached or fails', () => {
    const refused = pipelineRequestError('list', 'http://127.0.0.1:9', new TransportError('connect ECONNREFUSED 127.0.0.1:9', true));
    expect(refused).toBeInstanceOf(StudioError);
    expect(refused.code).toBe('io');
    expect(refused.message).toMatch(/^list: cannot reach http:\/\/127\.0\.0\.1:9: /);
    expect(pipelineRequestError('list', 'http://h:1', new RemoteSystemError('disk full'))).toMatchObject({ code: 'io', message: 'list: http://h:1 answered with a system error: disk full' });
  });
});
