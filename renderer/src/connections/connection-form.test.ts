import { describe, expect, it } from 'vitest';
import { connectionIdFor, emptyForm, formFrom, toSave, validateForm, type ConnectionForm } from './connection-form.js';

const form = (patch: Partial<ConnectionForm>): ConnectionForm => ({ ...emptyForm(), name: 'Staging', url: 'http://127.0.0.1:7400', ...patch });

describe('connection ids', () => {
  it('are slugs of the name, unique in the workspace, never "local"', () => {
    expect(connectionIdFor('Staging Cluster (EU)', [])).toBe('staging-cluster-eu');
    expect(connectionIdFor('Café Nodes', [])).toBe('cafe-nodes');
    expect(connectionIdFor('Staging', ['staging', 'staging-2'])).toBe('staging-3');
    expect(connectionIdFor('Local', [])).toBe('local-2');
    expect(connectionIdFor('!!!', [])).toBe('connection');
    expect(connectionIdFor('x'.repeat(100), ['x'.repeat(64)])).toMatch(/^x{62}-2$/);
  });
});

describe('the connection form', () => {
  it('accepts a node by HTTP or TCP URL', () => {
    expect(validateForm(form({}))).toEqual({});
    expect(validateForm(form({ url: 'tcp://127.0.0.1:7401' }))).toEqual({});
  });

  it('says what is wrong next to each field', () => {
    expect(validateForm(form({ name: '  ', url: '' }))).toEqual({
      name: 'Give the connection a name, e.g. "Staging cluster".',
      url: 'Enter the URL, e.g. http://127.0.0.1:7400 or tcp://127.0.0.1:7401.',
    });
    expect(validateForm(form({ url: 'localhost 7400' })).url).toBe('This is not a URL. Write it as http://127.0.0.1:7400 or tcp://127.0.0.1:7401.');
    expect(validateForm(form({ kind: 'etcd', url: 'tcp://127.0.0.1:2379' })).url).toBe('etcd cluster takes a URL starting with http:// or https://.');
    expect(validateForm(form({ url: 'http://127.0.0.1' })).url).toBe('Name a host and a port, e.g. http://127.0.0.1:7400 or tcp://127.0.0.1:7401.');
    expect(validateForm(form({ url: 'http://me:pw@127.0.0.1:7400' })).url).toMatch(/token field/);
    expect(validateForm(form({ token: 'abc\ndef' })).token).toMatch(/line break/);
  });

  it('saves a new token, keeps a stored one, or forgets it', () => {
    expect(toSave(form({ token: 's3cret' }), 'staging')).toEqual({ config: { id: 'staging', name: 'Staging', kind: 'node', url: 'http://127.0.0.1:7400' }, secrets: { token: 's3cret' } });
    expect(toSave(form({}), 'staging').secrets).toBeUndefined();
    const stored = formFrom({ id: 'prod', name: 'Prod', kind: 'etcd', url: 'https://10.0.0.1:2379', caFile: '/ca.pem', hasToken: true, state: 'connected' });
    expect(stored.tokenAction).toBe('keep');
    expect(toSave(stored, 'prod')).toEqual({ config: { id: 'prod', name: 'Prod', kind: 'etcd', url: 'https://10.0.0.1:2379', caFile: '/ca.pem' } });
    expect(toSave({ ...stored, tokenAction: 'clear' }, 'prod').secrets).toEqual({ token: null });
  });

  it('keeps a CA file only for https and tcps', () => {
    expect(toSave(form({ caFile: '/ca.pem' }), 'a').config.caFile).toBeUndefined();
    expect(toSave(form({ url: 'tcps://127.0.0.1:7401', caFile: ' /ca.pem ' }), 'a').config.caFile).toBe('/ca.pem');
  });
});
