/**
 * The web host's gatekeeping, as pure functions of a request's parts. A page on any other
 * site can make the browser send requests to 127.0.0.1, so:
 * - the secret token must prefix every path (`/<token>/...`), else 404 with no hint;
 * - the Host header must name the loopback host and port we listen on, so a hostile site that
 *   rebinds its DNS name to 127.0.0.1 is refused (its requests carry its own name);
 * - a WebSocket's Origin must be our own page's, since browsers let any page open one.
 */
import { timingSafeEqual } from 'node:crypto';

/** `host:port` as it appears in a Host header (IPv6 in brackets). */
export function hostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** The Host header values that reach us: the bound host and its loopback aliases, on our port. */
export function allowedHosts(bindHost: string, port: number): Set<string> {
  const names = new Set([bindHost.toLowerCase(), 'localhost']);
  if (bindHost === 'localhost') {
    names.add('127.0.0.1');
    names.add('::1');
  }
  return new Set([...names].map((name) => hostPort(name, port)));
}

export function hostAllowed(hostHeader: string | undefined, allowed: ReadonlySet<string>): boolean {
  return hostHeader !== undefined && allowed.has(hostHeader.toLowerCase());
}

/** A WebSocket's Origin must be a page served by us (under one of our allowed hosts). */
export function originAllowed(origin: string | undefined, allowed: ReadonlySet<string>): boolean {
  if (origin === undefined || !origin.startsWith('http://')) return false;
  return allowed.has(origin.slice('http://'.length).toLowerCase());
}

export type TokenPath =
  | { kind: 'inside'; rest: string } // `/<token>/<rest>`, rest still percent-encoded
  | { kind: 'bare' } // `/<token>` without the slash: redirect, so relative URLs resolve under it
  | { kind: 'refused' };

/** Splits a request target (`req.url`) into what follows the token; anything without the token is refused. */
export function splitTokenPath(target: string | undefined, token: string): TokenPath {
  if (!target || !target.startsWith('/')) return { kind: 'refused' };
  const end = target.search(/[?#]/);
  const pathname = end < 0 ? target : target.slice(0, end);
  const slash = pathname.indexOf('/', 1);
  const candidate = slash < 0 ? pathname.slice(1) : pathname.slice(1, slash);
  if (!tokenMatches(candidate, token)) return { kind: 'refused' };
  return slash < 0 ? { kind: 'bare' } : { kind: 'inside', rest: pathname.slice(slash + 1) };
}

/** Constant-time comparison, so response timing does not reveal how much of a guess was right. */
export function tokenMatches(candidate: string, token: string): boolean {
  const a = Buffer.from(candidate);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}
