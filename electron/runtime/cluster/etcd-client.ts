/**
 * An etcd3 client for `etcd://HOST:PORT[,HOST:PORT...]`, set up for membership: short dial
 * timeouts, and no circuit breaker in front of the host (etcd3's default holds a restarted etcd
 * off for 5 s after three failures; our own loops already retry once per interval), and a
 * deadline on every unary call so a dead etcd fails a call instead of hanging it.
 */
import { Etcd3, type IOptions } from 'etcd3';

/** Where members live: one key per node, `/spl/nodes/<nodeId>`. */
export const DEFAULT_PREFIX = '/spl/nodes/';

export function etcdHosts(url: string): string[] {
  const match = /^etcd:\/\/(.+)$/i.exec(url.trim());
  if (!match) throw new Error(`not an etcd URL: ${url} (expected etcd://HOST:PORT, or several as etcd://HOST:PORT,HOST:PORT)`);
  return match[1].replace(/\/+$/, '').split(',').map((host) => {
    if (!/^[^\s/:]+:\d+$|^\[[0-9a-f:]+\]:\d+$/i.test(host)) throw new Error(`not HOST:PORT in ${url}: ${host}`);
    return `http://${host}`;
  });
}

type HostPolicy = NonNullable<NonNullable<IOptions['faultHandling']>['host']>;

/** Calls straight through: no breaker, no retry (etcd3 only uses `execute`). */
const passThrough = (() => ({ execute: <T>(fn: () => Promise<T>) => Promise.resolve().then(fn) })) as unknown as HostPolicy;

export function connectEtcd(url: string): Etcd3 {
  return new Etcd3({ hosts: etcdHosts(url), dialTimeout: 2000, faultHandling: { host: passThrough }, defaultCallOptions: (context) => (context.isStream ? {} : { deadline: Date.now() + 3000 }) });
}
