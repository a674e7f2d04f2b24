/**
 * The studio page's Content Security Policy, the same in both hosts but for where the API is:
 * scripts only from the studio itself (no inline, no eval), workers from the studio or blob:
 * (Monaco's editor worker), inline styles allowed (Monaco and React Flow set style attributes
 * and inject style elements), images and fonts from the studio or data: (codicons), and no
 * plugins, frames, forms or base-URL tricks.
 */
export function studioCsp(connectSources: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "worker-src 'self' blob:",
    ["connect-src 'self'", ...connectSources].join(' '),
    "img-src 'self' data:",
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
