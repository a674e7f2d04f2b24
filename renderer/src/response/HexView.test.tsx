import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { WireFrame } from '../../../shared/studio/api.js';
import { HexView } from './HexView.js';

afterEach(cleanup);

// 4-byte length, then a 5-byte message name "hello" inside a payload.
const FRAME: WireFrame = {
  direction: 'request',
  hex: '00000012' + '0a68656c6c6f' + '00'.repeat(12),
  length: 22,
  segments: [
    { start: 0, end: 4, kind: 'framing', label: 'frame length 0x12' },
    { start: 4, end: 10, kind: 'message-name', label: 'message name "hello"' },
    { start: 10, end: 22, kind: 'payload', label: 'request parameters' },
  ],
};

const rows = () => [...document.querySelectorAll('.hex-row')];

describe('the annotated hex view', () => {
  it('shows rows of 16 bytes with offsets and ASCII, coloured by segment, with a legend', () => {
    render(<HexView frame={FRAME} />);
    expect(screen.getByRole('region', { name: 'Request frame' })).toBeTruthy();
    expect(rows()).toHaveLength(2);
    expect(rows()[0].querySelector('.hex-offset')?.textContent).toBe('00000000');
    expect(rows()[1].querySelector('.hex-offset')?.textContent).toBe('00000010');
    expect(rows()[0].querySelectorAll('.hex-byte')).toHaveLength(16);
    expect(rows()[0].querySelector('.hex-ascii')?.textContent).toBe('.....hello......');
    const kinds = [...rows()[0].querySelectorAll('.hex-byte')].map((b) => b.className.replace('hex-byte seg-', ''));
    expect(kinds.slice(0, 11)).toEqual(['framing', 'framing', 'framing', 'framing', 'message-name', 'message-name', 'message-name', 'message-name', 'message-name', 'message-name', 'payload']);
    expect(screen.getByRole('list', { name: 'Segment kinds' }).textContent).toBe('FramingMessage namePayload');
  });

  it('lights up a segment and shows its label when a byte is hovered or a segment is selected', () => {
    render(<HexView frame={FRAME} />);
    const byte = document.querySelector('.hex-byte[data-offset="6"]')!;
    fireEvent.mouseOver(byte);
    expect(document.querySelector('.hex-label-text')?.textContent).toBe('message name "hello"');
    expect(document.querySelector('style')?.textContent).toContain('[data-seg="1"]');
    fireEvent.mouseLeave(document.querySelector('.hex-dump')!);
    expect(document.querySelector('.hex-label-text')).toBeNull();

    const list = screen.getByRole('listbox', { name: 'Request frame segments' });
    act(() => {
      fireEvent.keyDown(list, { key: 'ArrowDown' });
    });
    expect(screen.getAllByRole('option')[0].getAttribute('aria-selected')).toBe('true');
    expect(document.querySelector('.hex-label-text')?.textContent).toBe('frame length 0x12');
    fireEvent.click(screen.getAllByRole('option')[2]);
    expect(document.querySelector('.hex-label-text')?.textContent).toBe('request parameters');
    expect(document.querySelector('style')?.textContent).toContain('[data-seg="2"]');
  });

  it('says when the frame was cut at 64 KiB', () => {
    render(<HexView frame={{ ...FRAME, direction: 'response', length: 200_000 }} />);
    expect(screen.getByRole('note').textContent).toBe('Showing the first 22 B of 195.3 KiB: frames are kept up to 64 KiB.');
    expect(screen.getByRole('region', { name: 'Response frame' })).toBeTruthy();
  });
});
