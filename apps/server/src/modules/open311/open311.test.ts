import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, call, login, type Session, type TestContext } from '../../../test/harness.js';
import type { GridBoundary } from '@jiceng/contract';
import { inBoundary } from './open311.service.js';

let t: TestContext;
let village: Session;
let countyId: string;
let serviceCode: string;

// the fields GeoReport v2 names for a service and for a service request
const SERVICE_FIELDS = ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group'];
const REQUEST_FIELDS = [
  'service_request_id', 'status', 'status_notes', 'service_name', 'service_code', 'description', 'agency_responsible', 'service_notice',
  'requested_datetime', 'updated_datetime', 'expected_datetime', 'address', 'address_id', 'zipcode', 'lat', 'long', 'media_url',
];
const form = (o: Record<string, string>) => ({ payload: new URLSearchParams(o).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });

beforeAll(async () => {
  t = await createTestApp();
  const county = await login(t.app, 'demo-county');
  village = await login(t.app, 'demo-village');
  countyId = (await call(t.app, county, 'GET', '/api/me')).body.user.countyId;
  const orgs = (await call(t.app, county, 'GET', '/api/orgs')).body.items as { id: string; code: string }[];
  // a grid of 青山村 with a square boundary around (111.30, 30.70)
  const res = await call(t.app, village, 'POST', '/api/grids', {
    orgId: orgs.find((o) => o.code === 'SFX-QS-QS')!.id, name: '青山村一网格', code: 'QS-G1',
    boundary: { type: 'Polygon', coordinates: [[[111.29, 30.69], [111.31, 30.69], [111.31, 30.71], [111.29, 30.71], [111.29, 30.69]]] },
  });
  expect(res.status).toBe(201);
});
afterAll(() => t.close());

describe('Open311 GeoReport v2', () => {
  it('lists the published catalog as services, in JSON and XML', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/open311/v2/services.json?jurisdiction_id=${countyId}` });
    expect(res.statusCode).toBe(200);
    const services = res.json() as Record<string, unknown>[];
    expect(services.length).toBeGreaterThan(5);
    for (const s of services) expect(Object.keys(s).sort()).toEqual([...SERVICE_FIELDS].sort());
    expect(services[0]).toMatchObject({ metadata: false, type: 'realtime' });
    serviceCode = services[0]!.service_code as string;
    const xml = await t.app.inject({ method: 'GET', url: '/open311/v2/services.xml' }); // one county: jurisdiction optional
    expect(xml.headers['content-type']).toContain('text/xml');
    expect(xml.body).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<services><service><service_code>/);
  });

  it('files a request located by lat/long inside a grid; tracks it by id', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/open311/v2/requests.json', ...form({ jurisdiction_id: countyId, service_code: serviceCode, lat: '30.70', long: '111.30', description: '路灯坏了', first_name: '明', last_name: '王', phone: '13700001111' }) });
    expect(res.statusCode).toBe(201);
    const [receipt] = res.json() as { service_request_id: string; service_notice: string }[];
    // the public id is the case number, not the portal's tracking code (issue 15, finding 4)
    expect(receipt!.service_request_id).toMatch(/^\d{4}-\d{6}$/);
    const one = await t.app.inject({ method: 'GET', url: `/open311/v2/requests/${receipt!.service_request_id}.json` });
    expect(one.statusCode).toBe(200);
    const [req] = one.json() as Record<string, unknown>[];
    expect(Object.keys(req!).sort()).toEqual([...REQUEST_FIELDS].sort());
    expect(req).toMatchObject({ status: 'open', service_code: serviceCode, lat: 30.7, long: 111.3, address_id: 'SFX-QS-QS' });
    expect(new Date(req!.requested_datetime as string).toISOString()).toBe(req!.requested_datetime);
    // the village sees it in its queue, with the grid
    const list = (await call(t.app, village, 'GET', '/api/cases?channel=open311')).body.items;
    expect(list).toHaveLength(1);
    // closes when answered
    await call(t.app, village, 'POST', `/api/cases/${list[0].id}/reply`, { mode: 'direct', text: '已报修，路灯已修好' });
    const closed = (await t.app.inject({ method: 'GET', url: `/open311/v2/requests.json?status=closed` })).json() as Record<string, unknown>[];
    expect(closed[0]).toMatchObject({ status: 'closed', status_notes: '已报修，路灯已修好' });
    const xml = await t.app.inject({ method: 'GET', url: `/open311/v2/requests/${receipt!.service_request_id}.xml` });
    expect(xml.body).toContain('<service_requests><request><service_request_id>');
  });

  it('files by address_id (a village code), and answers errors in the spec’s shape', async () => {
    const ok = await t.app.inject({ method: 'POST', url: '/open311/v2/requests.json', ...form({ service_code: serviceCode, address_id: 'SFX-QS-SM', description: '水管漏水' }) });
    expect(ok.statusCode).toBe(201);
    const outside = await t.app.inject({ method: 'POST', url: '/open311/v2/requests.json', ...form({ service_code: serviceCode, lat: '0', long: '0' }) });
    expect(outside.statusCode).toBe(400);
    expect(outside.json()).toEqual([{ code: 400, description: expect.stringContaining('outside') }]);
    const noCode = await t.app.inject({ method: 'POST', url: '/open311/v2/requests.xml', ...form({ address_id: 'SFX-QS-SM' }) });
    expect(noCode.statusCode).toBe(400);
    expect(noCode.body).toContain('<errors><error><code>400</code><description>service_code is required</description></error></errors>');
    expect((await t.app.inject({ method: 'GET', url: '/open311/v2/requests/ZZZZ2222.json' })).statusCode).toBe(404);
  });

  it('does not publish cases from other channels', async () => {
    await call(t.app, village, 'POST', '/api/cases', { category: 'civilAffairs', title: '低保申请', description: '个人隐私事项', channel: 'walkIn' });
    const all = (await t.app.inject({ method: 'GET', url: '/open311/v2/requests.json' })).json() as { description: string }[];
    expect(all.some((r) => r.description.includes('隐私'))).toBe(false);
  });

  it('tests a point against polygons with holes', () => {
    const square: GridBoundary = { type: 'Polygon', coordinates: [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]], [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]]] };
    expect(inBoundary(1, 1, square)).toBe(true);
    expect(inBoundary(5, 5, square)).toBe(false);
    expect(inBoundary(11, 5, square)).toBe(false);
  });
});
