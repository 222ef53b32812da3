import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/harness.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp({ portalRateLimit: 4 }, { demo: false });
});
afterAll(() => t.close());

const get = (url: string, remoteAddress = '203.0.113.7') => t.app.inject({ method: 'GET', url, remoteAddress }).then((r) => r.statusCode);

describe('public rate limit (issue 15)', () => {
  it('gives an address one budget across the portal and Open311, not one per route', async () => {
    // four requests on four different public routes use up the budget of 4…
    const spent = [
      await get('/open311/v2/services.json'),
      await get('/open311/v2/requests.xml'),
      await get('/api/public/orgs'),
      await get('/api/portal/requests/ABCDEFGH?secret=ABCDEFGH'),
    ];
    expect(spent).not.toContain(429);
    // …so a fifth route, never called before, is refused too
    expect(await get('/open311/v2/requests/ABCDEFGH.json')).toBe(429);
    expect(await get('/open311/v2/services.xml')).toBe(429);
    const body = JSON.parse((await t.app.inject({ method: 'GET', url: '/api/public/orgs', remoteAddress: '203.0.113.7', headers: { 'accept-language': 'zh-CN' } })).body);
    expect(body.error).toMatchObject({ code: 'rateLimited', message: '请求过于频繁，请稍后再试' });
  });

  it('counts each address on its own, and leaves signed-in routes alone', async () => {
    expect(await get('/open311/v2/services.json', '198.51.100.9')).not.toBe(429);
    expect(await get('/api/health')).toBe(200);
  });
});
