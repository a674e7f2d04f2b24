import { describe, expect, it } from 'vitest';
import { composerCommands } from './commands.js';
import { createFixture, PUT, untilCancelled } from './test-fixture.js';

function key(init: KeyboardEventInit): KeyboardEvent {
  return new KeyboardEvent('keydown', init);
}

describe('the composer commands', () => {
  it('binds Ctrl+Enter to Send and Escape to Cancel only while the composer is shown, and runs them', async () => {
    const fixture = createFixture();
    const { studio } = fixture;
    studio.commands.getState().register(...composerCommands(studio));
    await studio.composer.getState().open(PUT);
    const send = key({ key: 'Enter', code: 'Enter', ctrlKey: true });
    expect(studio.commands.getState().forKey(send, false)).toBeUndefined();
    studio.layout.getState().showView('composer');
    expect(studio.commands.getState().forKey(send, true)?.id).toBe('composer.send');

    fixture.answer = untilCancelled;
    await studio.commands.getState().run('composer.send');
    expect(studio.composer.getState().callId).not.toBeNull();
    expect(studio.commands.getState().forKey(send, false)).toBeUndefined();
    expect(studio.commands.getState().forKey(key({ key: 'Escape' }), false)?.id).toBe('composer.cancel');
    await studio.commands.getState().run('composer.cancel');
    await new Promise((r) => setTimeout(r, 0));
    expect(studio.composer.getState().result?.outcome).toBe('cancelled');
    expect(studio.commands.getState().forKey(key({ key: 'Escape' }), false)).toBeUndefined();
  });

  it('lists the composer actions in the palette', () => {
    const { studio } = createFixture();
    const titles = composerCommands(studio).map((c) => `${c.category}: ${c.title}`);
    expect(titles).toEqual([
      'Request: Send',
      'Request: Cancel Call',
      'Request: Fill with Defaults',
      'Request: Fill with Example',
      'Request: Copy as spl call',
      'Request: Save to Collection…',
      'Request: Search Call History',
      'Request: Clear Call History…',
      'Request: Focus Request Target',
    ]);
  });
});
