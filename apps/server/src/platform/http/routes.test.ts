import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS } from '@jiceng/contract';
import { createTestApp, type TestContext } from '../../../test/harness.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp({}, { demo: false });
});
afterAll(() => t.close());

const PUBLIC_ALLOWED = new Set(['GET /api/health', 'POST /api/auth/login', 'POST /api/auth/activate', 'GET /api/openapi.json', 'GET /api/calendar/working-days/add', 'GET /api/public/catalog', 'GET /api/public/catalog/:id',
  // resident portal (rate-limited per IP)
  'GET /api/public/orgs', 'GET /api/screen' /* a display token instead of a session (dashboards/screen.routes.ts) */, 'POST /api/portal/requests', 'GET /api/portal/requests/:code', 'POST /api/portal/requests/:code/rating',
  // 村务公开栏: public commitments of a village, names only (rate-limited per IP with the portal)
  'GET /api/public/commitments',
  // Open311 GeoReport v2 (rate-limited per IP)
  ...['json', 'xml'].flatMap((f) => [`GET /open311/v2/services.${f}`, `GET /open311/v2/requests.${f}`, `POST /open311/v2/requests.${f}`]),
  'GET /open311/v2/requests/:file']);

describe('deny by default', () => {
  it('every registered route declares a permission', () => {
    const routes = t.app.routeTable;
    expect(routes.length).toBeGreaterThan(15);
    const missing = routes.filter((r) => r.permission === undefined).map((r) => `${r.method} ${r.url}`);
    expect(missing).toEqual([]);
    for (const r of routes) expect([...PERMISSIONS, 'public', 'authenticated']).toContain(r.permission);
  });

  it('only the intended API routes are public', () => {
    const publicApi = t.app.routeTable
      .filter((r) => r.permission === 'public' && r.method !== 'HEAD' && (r.url.startsWith('/api/') || r.url.startsWith('/open311/')) && !r.url.startsWith('/api/docs'))
      .map((r) => `${r.method} ${r.url}`);
    expect(new Set(publicApi)).toEqual(PUBLIC_ALLOWED);
  });

  it('every non-public API route answers 401 without a session', async () => {
    for (const r of t.app.routeTable) {
      if (r.permission === 'public' || r.method === 'HEAD') continue;
      const url = r.url.replace(':id', '01900000-0000-7000-8000-000000000000');
      const res = await t.app.inject({ method: r.method as 'GET', url, payload: r.method === 'GET' ? undefined : {} });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
    }
  });

  it('serves OpenAPI 3.1 with the contract schemas', async () => {
    const res = await t.app.inject({ url: '/api/openapi.json' });
    const doc = JSON.parse(res.body);
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/orgs', '/api/orgs/{id}', '/api/orgs/{id}/move', '/api/auth/login', '/api/me']));
    expect((await t.app.inject({ url: '/api/docs' })).statusCode).toBeLessThan(400);
  });

  it('sends security headers (helmet)', async () => {
    const res = await t.app.inject({ url: '/api/health' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(JSON.parse(res.body)).toEqual({ status: 'ok', database: process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite' });
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const res = await t.app.inject({ url: '/api/nope' });
    expect(res.statusCode).toBe(404);
    expect(JSON.parse(res.body).error.code).toBe('notFound');
  });
});
