import { describe, expect, it } from 'vitest';
import { logLines } from './log-stream.js';

function frame(stream: 1 | 2, text: string): Buffer {
  const body = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
}

describe('logLines', () => {
  it("reads the engine's multiplexed stdout and stderr frames in order", () => {
    const stream = Buffer.concat([frame(1, 'node spl-1\nhttp '), frame(1, 'http://127.0.0.1:7410\n'), frame(2, 'spl node: listen EADDRINUSE\n')]);
    expect(logLines(stream)).toEqual(['node spl-1', 'http http://127.0.0.1:7410', 'spl node: listen EADDRINUSE']);
  });

  it('reads a TTY stream as text, and keeps the last lines only', () => {
    expect(logLines(Buffer.from('a\r\nb\nc\n'), 2)).toEqual(['b', 'c']);
    expect(logLines(Buffer.alloc(0))).toEqual([]);
  });
});
