import { describe, expect, it } from 'vitest';
import { externalUrl, rateLimited } from './external-links.js';

describe('external links', () => {
  it('only http and https go to the system browser', () => {
    expect(externalUrl('https://avro.apache.org/docs/')).toBe('https://avro.apache.org/docs/');
    expect(externalUrl('http://example.com')).toBe('http://example.com/');
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'app://studio/', 'smb://host/share', 'ms-settings:', 'not a url']) {
      expect(externalUrl(url), url).toBeUndefined();
    }
  });

  it('at most one a second', () => {
    let now = 1000;
    const allow = rateLimited(1000, () => now);
    expect(allow()).toBe(true);
    now += 500;
    expect(allow()).toBe(false);
    now += 600;
    expect(allow()).toBe(true);
  });
});
