// Issue 15.8: NUL in a search or an audit filter, a lone surrogate in a body, a malformed keyset cursor or a far
// year once reached the database and answered 500. Each is refused with a 400 that names the field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Session, type TestContext } from '../../../test/harness.js';

let t: TestContext;
let village: Session;
let county: Session;
beforeAll(async () => {
  t = await createTestApp();
  village = await login(t.app, 'demo-village');
  county = await login(t.app, 'demo-county');
});
afterAll(() => t.close());

async function get(s: Session | null, url: string, locale = 'zh-CN') {
  const res = await t.app.inject({ url, headers: { 'accept-language': locale, ...(s ? { cookie: s.cookie } : {}) } });
  return { status: res.statusCode, body: JSON.parse(res.body) };
}

describe('unsafe text and malformed cursors', () => {
  it.each([
    ['/api/orgs?q=%00', 'q'],
    ['/api/orgs?q=a%00b', 'q'],
    ['/api/households?q=%00', 'q'],
    ['/api/members?q=x%01y', 'q'],
    ['/api/grids?q=%00', 'q'],
    ['/api/catalog?q=%00', 'q'],
    ['/api/cases?q=%00', 'q'],
    ['/api/cases?q=%1B%5B31m', 'q'],
  ])('refuses %s with a 400 naming %s', async (url, field) => {
    const res = await get(village, url);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation.failed');
    expect(res.body.error.fields[field]).toBe('含有不允许的字符（空字符、控制字符或无效编码）');
  });

  it.each([['action'], ['entity'], ['actor']])('refuses NUL in the audit filter %s', async (field) => {
    const res = await get(county, `/api/audit?${field}=a%00b`, 'en');
    expect(res.status).toBe(400);
    expect(res.body.error.fields[field]).toBe('contains characters that are not allowed (NUL, control characters or invalid encoding)');
  });

  it('refuses NUL in a user search and in the public catalog', async () => {
    expect((await get(county, '/api/users?q=%00')).body.error.fields.q).toBeDefined();
    const me = await t.app.inject({ url: '/api/me', headers: { cookie: county.cookie } });
    const countyId = JSON.parse(me.body).user.countyId;
    const pub = await get(null, `/api/public/catalog?countyId=${countyId}&q=%00`);
    expect(pub.status).toBe(400);
    expect(pub.body.error.fields.q).toBeDefined();
  });

  it.each([
    '2026-01-01T00:00:00.000Z|not-a-uuid',
    '99999-01-01T00:00:00.000Z|01900000-0000-7000-8000-000000000000',
    'garbage',
    '2026-01-01T00:00:00.000Z|01900000-0000-7000-8000-000000000000|x',
  ])('refuses the malformed case-list cursor %s', async (cursor) => {
    const res = await get(village, `/api/cases?cursor=${encodeURIComponent(cursor)}`, 'en');
    expect(res.status).toBe(400);
    expect(res.body.error.fields.cursor).toBe('is not a valid page cursor: start again from the first page');
  });

  it('accepts the cursor a page answered', async () => {
    const first = await get(village, '/api/cases?limit=1');
    expect(first.status).toBe(200);
    if (first.body.nextCursor) {
      const next = await get(village, `/api/cases?limit=1&cursor=${encodeURIComponent(first.body.nextCursor)}`);
      expect(next.status).toBe(200);
    }
  });

  it('refuses a year 99999 in a date filter', async () => {
    const res = await get(village, '/api/cases?from=99999-01-01');
    expect(res.status).toBe(400);
    expect(res.body.error.fields.from).toBeDefined();
  });

  it('refuses NUL and lone surrogates in bodies and path parameters, naming the field', async () => {
    const login1 = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'a\u0000b', password: 'x' } });
    expect(login1.statusCode).toBe(400);
    expect(JSON.parse(login1.body).error.fields.username).toBeDefined();
    const login2 = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username":"\\ud800","password":"x"}' });
    expect(login2.statusCode).toBe(400);
    expect(JSON.parse(login2.body).error.fields.username).toBeDefined();
    const dept = await t.app.inject({
      method: 'POST', url: '/api/departments', headers: { cookie: county.cookie, 'x-csrf-token': county.csrf },
      payload: { name: 'x\u0000', code: 'FUZZ', phone: '' },
    });
    expect(dept.statusCode).toBe(400);
    expect(JSON.parse(dept.body).error.fields.name).toBeDefined();
    const portal = await get(null, '/api/portal/requests/%00%00%00%00?secret=abcd1234');
    expect(portal.status).toBe(400);
    expect(portal.body.error.fields.code).toBeDefined();
  });

  it('answers an Open311 date filter in year 99999 with its own 400 error row', async () => {
    const res = await t.app.inject({ url: '/open311/v2/requests.json?start_date=99999-01-01' });
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body)).toEqual([{ code: 400, description: 'start_date must be from 2000-01-01 to 2100-12-31' }]);
  });

  it('keeps tabs, line breaks and every script of Unicode', async () => {
    const res = await get(village, `/api/orgs?q=${encodeURIComponent('𠮷\t野\n家')}`);
    expect(res.status).toBe(200);
  });
});
