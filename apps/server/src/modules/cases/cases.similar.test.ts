// The intake form's duplicate hint (issue 16 point 12): the description goes in a POST body — 2,000 characters of
// Chinese are ≈ 18 KB URL-encoded, past the server's header limit (HTTP 431) as a query — bounded as the GET is.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, call, login, type Session, type TestContext } from '../../../test/harness.js';

let t: TestContext;
let village: Session;

beforeAll(async () => {
  t = await createTestApp();
  village = await login(t.app, 'demo-village');
  const res = await call(t.app, village, 'POST', '/api/cases', { category: 'housing', title: '房屋漏雨', description: '李四家房屋漏雨，申请危房改造', channel: 'walkIn' });
  expect(res.status).toBe(201);
});
afterAll(() => t.close());

describe('POST /api/cases/similar', () => {
  it('finds the open case of like words from a body of 2,000 characters, too long for a URL', async () => {
    const long = `李四家房屋漏雨 危房改造${'，情况说明'.repeat(400)}`.slice(0, 2000);
    // (the 431 itself comes from Node's HTTP parser, 16 KB of headers, which app.inject does not go through)
    expect(Buffer.byteLength(encodeURIComponent(long))).toBeGreaterThan(16 * 1024);
    const short = await call(t.app, village, 'POST', '/api/cases/similar', { text: '李四家房屋漏雨 危房改造' });
    expect(short.status).toBe(200);
    expect(short.body.items.map((c: { title: string }) => c.title)).toContain('房屋漏雨');
    const res = await call(t.app, village, 'POST', '/api/cases/similar', { text: long });
    expect(res.status).toBe(200);
    expect(Array.isArray(res.body.items)).toBe(true);
  });

  it('bounds the text as the contract does and names the field', async () => {
    const res = await call(t.app, village, 'POST', '/api/cases/similar', { text: 'x'.repeat(2001) });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.text).toBeDefined();
    expect((await call(t.app, village, 'POST', '/api/cases/similar', { text: 'x', extra: 1 })).status).toBe(400);
  });
});
