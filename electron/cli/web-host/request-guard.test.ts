/** The web host's gate as pure functions: Host values, Origins and token paths. */
import { describe, expect, it } from 'vitest';
import { allowedHosts, hostAllowed, originAllowed, splitTokenPath, tokenMatches } from './request-guard.js';

describe('request guard', () => {
  it('allows the bound host and localhost on our port, brackets for IPv6', () => {
    expect([...allowedHosts('127.0.0.1', 5000)]).toEqual(['127.0.0.1:5000', 'localhost:5000']);
    expect([...allowedHosts('::1', 5000)]).toEqual(['[::1]:5000', 'localhost:5000']);
    expect([...allowedHosts('localhost', 5000)].sort()).toEqual(['127.0.0.1:5000', '[::1]:5000', 'localhost:5000']);
    const allowed = allowedHosts('127.0.0.1', 5000);
    expect(hostAllowed('LOCALHOST:5000', allowed)).toBe(true);
    expect(hostAllowed(undefined, allowed)).toBe(false);
    expect(hostAllowed('127.0.0.1:5000.evil', allowed)).toBe(false);
  });

  it('allows only our own pages as WebSocket origins', () => {
    const allowed = allowedHosts('127.0.0.1', 5000);
    expect(originAllowed('http://127.0.0.1:5000', allowed)).toBe(true);
    expect(originAllowed('http://localhost:5000', allowed)).toBe(true);
    for (const origin of [undefined, 'null', 'https://127.0.0.1:5000', 'http://127.0.0.1:5001', 'http://evil.example', 'file://']) {
      expect(originAllowed(origin, allowed), String(origin)).toBe(false);
    }
  });

  it('splits the token off the path, or refuses', () => {
    const token = 'T0k_en-';
    expect(splitTokenPath(`/${token}/assets/a.js?x=1#y`, token)).toEqual({ kind: 'inside', rest: 'assets/a.js' });
    expect(splitTokenPath(`/${token}/`, token)).toEqual({ kind: 'inside', rest: '' });
    expect(splitTokenPath(`/${token}`, token)).toEqual({ kind: 'bare' });
    expect(splitTokenPath(`/${token}?q`, token)).toEqual({ kind: 'bare' });
    for (const target of [undefined, '', '/', `http://h/${token}/`, `/${token}x/`, `/x${token}/`, `//${token}/`, `/${token.slice(1)}/`]) {
      expect(splitTokenPath(target, token), String(target)).toEqual({ kind: 'refused' });
    }
  });

  it('compares tokens exactly', () => {
    expect(tokenMatches('abc', 'abc')).toBe(true);
    expect(tokenMatches('abd', 'abc')).toBe(false);
    expect(tokenMatches('ab', 'abc')).toBe(false);
    expect(tokenMatches('', 'abc')).toBe(false);
  });
});
