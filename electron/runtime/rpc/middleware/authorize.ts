/**
 * Per-call authorization: a check that sees the call's protocol, message, metadata and peer, and
 * answers true or the reason for refusing. A refused call gets a system error saying why; the
 * handler never runs. (The transports' `--token` guards the whole connection; this guards calls.)
 */
import type { CallContext, Middleware } from '../server.js';

export function authorize(check: (context: CallContext, request: Record<string, unknown>) => true | string | Promise<true | string>): Middleware {
  return async (context, request, next) => {
    const verdict = await check(context, request);
    if (verdict !== true) throw new Error(`unauthorized: ${context.protocol}.${context.message}: ${verdict}`);
    return next();
  };
}
