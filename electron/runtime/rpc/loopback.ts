import net from 'node:net';

/**
 * Whether an address only reaches this machine: binds beyond it need a token. Only `localhost`
 * and loopback IP literals count (127.0.0.0/8, ::1, and IPv4-mapped 127.x): a host name such as
 * `127.example.com` may resolve anywhere, so it does not.
 */
export function isLoopback(host: string): boolean {
  const h = host.trim().replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost') return true;
  if (net.isIPv4(h)) return h.startsWith('127.');
  if (!net.isIPv6(h)) return false;
  const mapped = /^(?:0{0,4}:){0,4}:?(?:0{0,4}:)?ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(h);
  if (mapped) return net.isIPv4(mapped[1]) && mapped[1].startsWith('127.');
  // ::1 in any of its spellings (0:0:0:0:0:0:0:1, ::0:1...).
  return expandIPv6(h) === '0000:0000:0000:0000:0000:0000:0000:0001';
}

function expandIPv6(address: string): string | undefined {
  const halves = address.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (missing < 0 || (halves.length === 1 && missing !== 0)) return undefined;
  const groups = [...head, ...Array<string>(missing).fill('0'), ...tail];
  return groups.map((g) => g.padStart(4, '0')).join(':');
}
