/**
 * A container's logs as the Engine API sends them: without a TTY, stdout and stderr are
 * multiplexed in frames (1 byte stream: 1 stdout, 2 stderr; 3 zero bytes; 4-byte big-endian
 * length; the bytes); with a TTY, the raw text. Either way, its last lines as text.
 */
export function logLines(stream: Buffer, last = 20): string[] {
  const text = isMultiplexed(stream) ? demultiplex(stream) : stream.toString('utf8');
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.slice(-last);
}

function isMultiplexed(stream: Buffer): boolean {
  return stream.length >= 8 && stream[0] <= 2 && stream[1] === 0 && stream[2] === 0 && stream[3] === 0;
}

function demultiplex(stream: Buffer): string {
  const parts: Buffer[] = [];
  let at = 0;
  while (at + 8 <= stream.length) {
    const length = stream.readUInt32BE(at + 4);
    parts.push(stream.subarray(at + 8, Math.min(stream.length, at + 8 + length)));
    at += 8 + length;
  }
  return Buffer.concat(parts).toString('utf8');
}
