/**
 * Which links the studio may hand to the system browser: http(s) only, and at most one a
 * second, so a page gone wrong cannot flood the desktop with tabs. Electron gives no reliable
 * "was this a click" flag; the rate limit is the stand-in for it.
 */
export function externalUrl(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

export function rateLimited(intervalMs: number, now: () => number = Date.now): () => boolean {
  let last = -Infinity;
  return () => {
    const t = now();
    if (t - last < intervalMs) return false;
    last = t;
    return true;
  };
}
