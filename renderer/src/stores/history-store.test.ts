import { describe, expect, it } from 'vitest';
import { answered, createFixture, PUT } from '../composer/test-fixture.js';

describe('the history store', () => {
  it('lists calls newest first, follows new calls live, and narrows by search words', async () => {
    const fixture = createFixture();
    const { studio } = fixture;
    fixture.answer = async (request) => answered({ body: request.body, startedAt: 1000 + fixture.calls.length });
    await studio.history.getState().load();
    expect(studio.history.getState().entries).toEqual([]);

    await studio.composer.getState().open(PUT);
    await studio.composer.getState().send();
    await studio.composer.getState().open({ ...PUT, message: 'ping' });
    await studio.composer.getState().send();
    expect(studio.history.getState().entries.map((e) => e.request.message)).toEqual(['ping', 'put']);

    await studio.history.getState().search('PUT');
    expect(studio.history.getState().entries.map((e) => e.request.message)).toEqual(['put']);
    // A new call while searching: the host decides whether it matches.
    await studio.composer.getState().send();
    await new Promise((r) => setTimeout(r, 0));
    expect(studio.history.getState().entries.map((e) => e.request.message)).toEqual(['put']);
    await studio.history.getState().search('');
    expect(studio.history.getState().entries.map((e) => e.request.message)).toEqual(['ping', 'ping', 'put']);
  });

  it('clears the history', async () => {
    const fixture = createFixture();
    await fixture.studio.composer.getState().open(PUT);
    await fixture.studio.composer.getState().send();
    expect(fixture.studio.history.getState().entries).toHaveLength(1);
    expect(await fixture.studio.history.getState().clear()).toBe(true);
    expect(fixture.studio.history.getState().entries).toEqual([]);
    expect(await fixture.api.history.list()).toEqual([]);
  });
});
