import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, call, login, type Session, type TestContext } from '../../../test/harness.js';

let t: TestContext;
let village: Session, shimen: Session;
let countyId: string;
let qingshan: { id: string }, shimenOrg: { id: string };
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]).toString('base64');

beforeAll(async () => {
  t = await createTestApp();
  const county = await login(t.app, 'demo-county');
  village = await login(t.app, 'demo-village');
  countyId = (await call(t.app, county, 'GET', '/api/me')).body.user.countyId;
  const orgs = (await call(t.app, null, 'GET', `/api/public/orgs?countyId=${countyId}`)).body.items as { id: string; name: string; tier: string }[];
  qingshan = orgs.find((o) => o.name.includes('青山村'))!;
  shimenOrg = orgs.find((o) => o.name.includes('石门村'))!;
  await call(t.app, county, 'POST', '/api/users', { username: 'shimen', displayName: '石门村书记', role: 'villageCadre', orgId: shimenOrg.id, password: 'Shi-Men-2026x' });
  shimen = await login(t.app, 'shimen', 'Shi-Men-2026x');
});
afterAll(() => t.close());

describe('resident portal (no account)', () => {
  it('lists townships and villages only (no organ branches, no party groups)', async () => {
    const items = (await call(t.app, null, 'GET', `/api/public/orgs?countyId=${countyId}`)).body.items as { name: string; tier: string }[];
    expect(items.filter((o) => o.tier === 'township')).toHaveLength(4);
    expect(items.filter((o) => o.tier === 'village')).toHaveLength(16);
    expect(items.some((o) => o.name.includes('机关'))).toBe(false);
  });

  let code = '';
  let secret = '';
  it('takes a request with a photo and gives a tracking code and a secret; the village sees it, another village does not', async () => {
    const res = await call(t.app, null, 'POST', '/api/portal/requests', {
      countyId, orgId: qingshan.id, category: 'civilAffairs', description: '我家老人行动不便，想咨询居家养老补贴怎么申请', name: '李桂兰', phone: '13912345678',
      photo: { name: 'a.jpg', mime: 'image/jpeg', data: JPEG },
    });
    expect(res.status).toBe(201);
    code = res.body.trackingCode;
    secret = res.body.secret;
    expect(code).toMatch(/^[2-9A-Z]{8}$/);
    expect(secret).toMatch(/^[2-9A-Z]{8}$/);
    const list = (await call(t.app, village, 'GET', `/api/cases?queue=mine&q=${code}`)).body.items as { number: string; channel: string; firstResponderId: string | null }[];
    expect(list.map((c) => c.number)).toEqual([res.body.number]);
    expect(list[0]).toMatchObject({ channel: 'web', firstResponderId: null });
    expect((await call(t.app, shimen, 'GET', '/api/cases?queue=all')).body.items.map((c: { number: string }) => c.number)).not.toContain(res.body.number);
  });

  it('refuses bad input with the field named', async () => {
    const res = await call(t.app, null, 'POST', '/api/portal/requests', { countyId, orgId: qingshan.id, category: 'civilAffairs', description: '', phone: '123' });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields)).toEqual(expect.arrayContaining(['description', 'phone']));
    const county = await call(t.app, null, 'POST', '/api/portal/requests', { countyId, orgId: countyId, category: 'civilAffairs', description: '测试', phone: '13912345678' });
    expect(county.status).toBe(422);
    expect(county.body.error.fields.orgId).toBe('请选择您所在的村(社区)');
  });

  it('answers a wrong code and a wrong secret alike; the phone digits are no credential', async () => {
    const wrongSecret = await call(t.app, null, 'GET', `/api/portal/requests/${code}?secret=ZZZZ2222`);
    const wrongCode = await call(t.app, null, 'GET', `/api/portal/requests/ZZZZ2222?secret=${secret}`);
    expect(wrongSecret.status).toBe(404);
    expect(wrongCode.status).toBe(404);
    expect(wrongSecret.body).toEqual(wrongCode.body);
    expect(wrongCode.body.error.message).toBe('查询码或查询密码不正确');
    expect((await call(t.app, null, 'GET', `/api/portal/requests/${code}?phoneLast4=5678`)).status).toBe(400);
  });

  it('shows progress without staff names, lets the resident rate once after the reply', async () => {
    const before = (await call(t.app, null, 'GET', `/api/portal/requests/${code.toLowerCase()}?secret=${secret.toLowerCase()}`)).body;
    expect(before).toMatchObject({ state: 'received', canRate: false, ownerName: expect.stringContaining('青山村') });
    expect((await call(t.app, null, 'POST', `/api/portal/requests/${code}/rating`, { secret, score: 5 })).status).toBe(409);
    const id = (await call(t.app, village, 'GET', `/api/cases?q=${code}`)).body.items[0].id;
    // 承诺办理 names its date at 开始承办 (issue 16 point 2): the resident sees it
    const accepted = (await call(t.app, village, 'POST', `/api/cases/${id}/accept`, { mode: 'promised', promisedDays: 3 })).body;
    expect(accepted.firstResponderName).toBe('青山村书记 张德明'); // the first cadre to act answers for it
    expect((await call(t.app, null, 'GET', `/api/portal/requests/${code}?secret=${secret}`)).body.promisedAt).toBe(accepted.promisedAt);
    await call(t.app, village, 'POST', `/api/cases/${id}/reply`, { mode: 'promised', text: '已代为向乡民政办申请，3个工作日内答复' });
    const after = (await call(t.app, null, 'GET', `/api/portal/requests/${code}?secret=${secret}`)).body;
    expect(after).toMatchObject({ state: 'replied', mode: 'promised', canRate: true, reply: expect.stringContaining('代为') });
    expect(JSON.stringify(after)).not.toContain('张德明');
    const rated = (await call(t.app, null, 'POST', `/api/portal/requests/${code}/rating`, { secret, score: 4, comment: '村干部帮忙跑腿，很方便' })).body;
    expect(rated).toMatchObject({ state: 'rated', rating: 4, canRate: false });
    expect((await call(t.app, null, 'POST', `/api/portal/requests/${code}/rating`, { secret, score: 1 })).status).toBe(409);
    const staffView = (await call(t.app, village, 'GET', `/api/cases/${id}`)).body;
    expect(staffView.timeline.at(-1)).toMatchObject({ kind: 'rated', actorName: '群众' });
  });
});

describe('portal rate limit', () => {
  it('limits lookups per IP', async () => {
    const limited = await createTestApp({ portalRateLimit: 3 }, { demo: false });
    try {
      const codes = [];
      for (let i = 0; i < 4; i++) codes.push((await call(limited.app, null, 'GET', '/api/portal/requests/ABCDEFGH?secret=ABCDEFGH')).status);
      expect(codes).toEqual([404, 404, 404, 429]);
    } finally {
      await limited.close();
    }
  });
});
