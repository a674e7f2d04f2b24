import { describe, expect, it } from 'vitest';
import { emptyStartForm, hasStartErrors, startRequest, validateStartForm, type StartForm } from './start-form.js';

const form = (patch: Partial<StartForm>): StartForm => ({ ...emptyStartForm(), image: 'localhost/spl-node:0.1.0', ...patch });

describe('the start container form', () => {
  it('needs an image, and nothing else', () => {
    expect(validateStartForm(emptyStartForm()).image).toMatch(/^Give the image of an SPL node to start/);
    expect(validateStartForm(form({ image: 'localhost/spl node' })).image).toMatch(/no spaces/);
    expect(hasStartErrors(validateStartForm(form({})))).toBe(false);
    expect(startRequest(form({ image: '  localhost/spl-node:0.1.0 ' }))).toEqual({ image: 'localhost/spl-node:0.1.0', config: {} });
  });

  it('checks the name and port as the node does', () => {
    expect(validateStartForm(form({ name: '-ml' })).name).toMatch(/starting with a letter or digit/);
    expect(validateStartForm(form({ name: 'ml-1.a_b' })).name).toBeUndefined();
    for (const port of ['0', '65536', '74.1', 'http', '-1']) expect(validateStartForm(form({ port })).port, port).toMatch(/1 to 65535/);
    expect(validateStartForm(form({ port: '65535' })).port).toBeUndefined();
  });

  it('reads NAME=value rows, skipping empty ones, and says which row is wrong', () => {
    const errors = validateStartForm(form({ env: ['A=1', '', 'no equals', '2X=y', 'A=2', 'B='] }));
    expect(errors.env).toEqual({
      2: 'Write NAME=value.',
      3: '"2X" is not a variable name: letters, digits and "_", not starting with a digit.',
      4: 'A is set twice: keep one.',
    });
    expect(startRequest(form({ name: ' ml-1 ', port: '7410', env: ['LOG_LEVEL=debug', '  ', 'URL=http://x/?a=b', 'EMPTY='] }))).toEqual({
      image: 'localhost/spl-node:0.1.0',
      config: { name: 'ml-1', port: '7410', 'env.LOG_LEVEL': 'debug', 'env.URL': 'http://x/?a=b', 'env.EMPTY': '' },
    });
  });
});
