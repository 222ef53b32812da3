import { describe, expect, it } from 'vitest';
import { redactUrl } from './log.js';

describe('request log', () => {
  it('drops the value of credential parameters and keeps the rest', () => {
    expect(redactUrl('/api/screen?token=01a2.abcdef')).toBe('/api/screen?token=[redacted]');
    expect(redactUrl('/api/x?a=1&TOKEN=s3cr3t&b=2')).toBe('/api/x?a=1&TOKEN=[redacted]&b=2');
    expect(redactUrl('/api/cases?orgId=5&q=token')).toBe('/api/cases?orgId=5&q=token');
    expect(redactUrl('/screen?secret=x#top')).toBe('/screen?secret=[redacted]#top');
  });
});
