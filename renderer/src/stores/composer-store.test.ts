import { describe, expect, it } from 'vitest';
import { answered, createFixture, PUT, untilCancelled } from '../composer/test-fixture.js';

const SETTINGS = 'spl-workspace.json';

describe('the composer store', () => {
  it('fills the body with the message defaults when a message is opened, and keeps an edited body for the same message', async () => {
    const { studio } = createFixture();
    const composer = studio.composer;
    await composer.getState().open(PUT);
    expect(JSON.parse(composer.getState().body)).toEqual({ thing: { id: 0, label: null, kind: 'A' }, count: 1 });
    composer.getState().setBody('{"thing": {"id": 5}, "count": 2}');
    await composer.getState().open(PUT);
    expect(composer.getState().body).toBe('{"thing": {"id": 5}, "count": 2}');
    await composer.getState().open({ ...PUT, message: 'ping' });
    expect(composer.getState().body).toBe('{}');
  });

  it('sends the body, metadata and deadline as they are, and keeps the result and its target', async () => {
    const fixture = createFixture();
    const { studio, calls } = fixture;
    const composer = studio.composer;
    await composer.getState().open(PUT);
    const body = '{"thing": {"id": 9007199254740993, "label": {"string": "x"}, "kind": "B"}, "count": 2}';
    composer.getState().setBody(body);
    composer.getState().addMetadata({ key: 'trace', value: 't-1' });
    composer.getState().addMetadata({ key: 'off', value: 'never', enabled: false });
    composer.getState().setDeadline(2500);
    const result = await composer.getState().send();
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ connectionId: 'local', nodeId: 'n1', protocol: 'shop.Shop', message: 'put', body, metadata: { trace: 't-1' }, deadlineMs: 2500 });
    expect(calls[0].callId).toMatch(/^call-/);
    expect(result?.outcome).toBe('ok');
    expect(composer.getState().result?.historyId).toBe('h1');
    expect(composer.getState().resultTarget).toEqual(PUT);
    expect(composer.getState().callId).toBeNull();
  });

  it('cancels the call in flight: the host answers cancelled and nothing is left in flight', async () => {
    const fixture = createFixture();
    fixture.answer = untilCancelled;
    const composer = fixture.studio.composer;
    await composer.getState().open(PUT);
    const sending = composer.getState().send();
    expect(composer.getState().callId).not.toBeNull();
    // A second send while one is in flight does nothing.
    expect(await composer.getState().send()).toBeNull();
    await composer.getState().cancel();
    const result = await sending;
    expect(result?.outcome).toBe('cancelled');
    expect(composer.getState().callId).toBeNull();
    expect(fixture.calls).toHaveLength(1);
  });

  it('replaces {{variables}} from the active environment in the body and metadata values', async () => {
    const settings = JSON.stringify({ name: 'w', environments: { dev: { id: '42', user: 'ada' } } });
    const fixture = createFixture({ [SETTINGS]: settings });
    const composer = fixture.studio.composer;
    await composer.getState().loadEnvironments();
    expect(composer.getState().environments).toEqual({ dev: { id: '42', user: 'ada' } });
    await composer.getState().open(PUT);
    composer.getState().setBody('{"thing": {"id": {{id}}}}');
    composer.getState().addMetadata({ key: 'user', value: 'by {{ user }}' });
    composer.getState().setEnvironment('dev');
    await composer.getState().send();
    expect(fixture.calls[0].body).toBe('{"thing": {"id": 42}}');
    expect(fixture.calls[0].metadata).toEqual({ user: 'by ada' });
  });

  it('refuses to send with an unknown variable, naming it and where it is', async () => {
    const fixture = createFixture({ [SETTINGS]: JSON.stringify({ environments: { dev: { id: '1' } } }) });
    const composer = fixture.studio.composer;
    await composer.getState().loadEnvironments();
    await composer.getState().open(PUT);
    composer.getState().addMetadata({ key: 'authorization', value: 'Bearer {{token}}' });
    expect(await composer.getState().send()).toBeNull();
    let problem = composer.getState().problem ?? '';
    expect(problem).toContain('In metadata "authorization"');
    expect(problem).toContain('{{token}}');
    expect(problem).toContain('No environment is active');

    composer.getState().setEnvironment('dev');
    composer.getState().setBody('{\n  "thing": {"id": {{missing}}}\n}');
    expect(await composer.getState().send()).toBeNull();
    problem = composer.getState().problem ?? '';
    expect(problem).toContain('In the body (environment "dev")');
    expect(problem).toContain('{{missing}} at 2:19');
    expect(fixture.calls).toHaveLength(0);
  });

  it('refuses metadata keys set twice, and a target that is not complete', async () => {
    const { studio } = createFixture();
    const composer = studio.composer;
    expect(await composer.getState().send()).toBeNull();
    expect(composer.getState().problem).toMatch(/Pick a connection, node, protocol and message/);
    await composer.getState().open(PUT);
    composer.getState().addMetadata({ key: 'k', value: '1' });
    composer.getState().addMetadata({ key: ' k ', value: '2' });
    expect(await composer.getState().send()).toBeNull();
    expect(composer.getState().problem).toBe('Metadata "k" is set twice: disable or remove one of the rows.');
  });

  it('saves environments into spl-workspace.json keeping its other members, and refuses to overwrite a file changed on disk', async () => {
    const fixture = createFixture({ [SETTINGS]: '{\n  "name": "Shop"\n}\n' });
    const composer = fixture.studio.composer;
    await composer.getState().loadEnvironments();
    expect(await composer.getState().saveEnvironments({ dev: { host: 'h' } })).toBe(true);
    const saved = await fixture.api.workspace.read(SETTINGS);
    expect(JSON.parse(saved.text)).toEqual({ name: 'Shop', environments: { dev: { host: 'h' } } });

    // Someone else edits the file; the change event would re-read it, so write behind its back.
    const version = composer.getState().settings?.version;
    await fixture.api.workspace.write(SETTINGS, '{"name": "Other"}', { expectedVersion: version });
    composer.setState({ settings: { text: saved.text, version: version! } });
    expect(await composer.getState().saveEnvironments({ prod: {} })).toBe(false);
    expect(composer.getState().environmentsError).toMatch(/changed on disk since it was read/);
    expect(JSON.parse((await fixture.api.workspace.read(SETTINGS)).text)).toEqual({ name: 'Other' });
    // It has been read again: saving now writes over the new version.
    expect(await composer.getState().saveEnvironments({ prod: {} })).toBe(true);
    expect(JSON.parse((await fixture.api.workspace.read(SETTINGS)).text)).toEqual({ name: 'Other', environments: { prod: {} } });
  });

  it('follows spl-workspace.json as it changes on disk, dropping an active environment that is gone', async () => {
    const fixture = createFixture({ [SETTINGS]: JSON.stringify({ environments: { dev: {} } }) });
    const composer = fixture.studio.composer;
    await composer.getState().loadEnvironments();
    composer.getState().setEnvironment('dev');
    fixture.api.touch(SETTINGS, JSON.stringify({ environments: { prod: { a: '1' } } }));
    await new Promise((r) => setTimeout(r, 0));
    expect(composer.getState().environments).toEqual({ prod: { a: '1' } });
    expect(composer.getState().environment).toBeNull();
  });

  it('puts a history entry back: request, metadata, deadline and result', async () => {
    const fixture = createFixture();
    fixture.answer = async () => answered({ outcome: 'declared-error', errorType: 'shop.Oops', body: '{"reason": "no", "code": 7}' });
    const composer = fixture.studio.composer;
    await composer.getState().open(PUT);
    composer.getState().addMetadata({ key: 'a', value: 'b' });
    composer.getState().setDeadline(100);
    await composer.getState().send();
    const [entry] = await fixture.api.history.list();
    await composer.getState().open({ ...PUT, message: 'ping' });
    composer.setState({ result: null, metadata: [], deadlineMs: null });
    composer.getState().loadEntry(entry);
    const state = composer.getState();
    expect(state.target).toEqual(PUT);
    expect(state.body).toBe(entry.request.body);
    expect(state.metadata.map((r) => [r.key, r.value, r.enabled])).toEqual([['a', 'b', true]]);
    expect(state.deadlineMs).toBe(100);
    expect(state.result).toMatchObject({ outcome: 'declared-error', errorType: 'shop.Oops', historyId: entry.id });
  });
});
