// 吹哨报到 (issue 16 point 13): 接哨 and 到场 take optional evidence (a note, photos of the scene) kept like case
// files (checked by magic bytes, hashed, read back only by who sees the whistle); cases are linked after the whistle
// was blown, found by the ledger's own search (the number's tail, the title).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import type { WhistleView } from '@jiceng/contract';
import { createTestApp, call, login, type Session, type TestContext } from '../../../test/harness.js';

let t: TestContext;
let county: Session, township: Session, village: Session, dept: Session, other: Session;
let mzId: string, rsId: string;
let w: WhistleView;

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4b50000000049454e44ae426082', 'hex');
const photo = (name = 'scene.png') => ({ name, mime: 'image/png' as const, data: PNG.toString('base64') });

beforeAll(async () => {
  t = await createTestApp();
  county = await login(t.app, 'demo-county');
  township = await login(t.app, 'demo-township');
  village = await login(t.app, 'demo-village');
  dept = await login(t.app, 'demo-dept');
  const depts = (await call(t.app, county, 'GET', '/api/departments')).body.items as { id: string; code: string }[];
  // demo-dept works in 民政局 (MZ)
  [mzId, rsId] = ['MZ', 'RS'].map((c) => depts.find((d) => d.code === c)!.id) as [string, string];
  await call(t.app, county, 'POST', '/api/users', { username: 'other-handler', displayName: '另一部门 钱', role: 'departmentHandler', departmentId: rsId, password: 'Other-Dept-2026x' });
  other = await login(t.app, 'other-handler', 'Other-Dept-2026x');
  const res = await call(t.app, township, 'POST', '/api/whistles', {
    title: '青山河三组段垃圾堆积', place: '青山村三组河段', description: '河道垃圾涉及多个部门，需要联合处置', departmentIds: [mzId, rsId], reportHours: 24,
  });
  expect(res.status).toBe(201);
  w = res.body;
});
afterAll(() => t.close());

describe('接哨 / 到场 evidence', () => {
  it('接哨 with a note only, 到场 with a note and a photo; both shown on the report, the photo readable by hash', async () => {
    const ack = await call(t.app, dept, 'POST', `/api/whistles/${w.id}/report`, { step: 'acknowledge', note: '已安排王科长带队，约 1 小时到场' });
    expect(ack.status).toBe(200);
    const arrive = await call(t.app, dept, 'POST', `/api/whistles/${w.id}/report`, { step: 'arrive', note: '已到三组河段，现场垃圾约 2 吨', photos: [photo()] });
    expect(arrive.status).toBe(200);
    const mine = (arrive.body as WhistleView).reports.find((r) => r.departmentId === mzId)!;
    expect(mine).toMatchObject({ acknowledgeNote: '已安排王科长带队，约 1 小时到场', arriveNote: '已到三组河段，现场垃圾约 2 吨' });
    expect(mine.arrivedAt).not.toBeNull();
    expect(mine.files).toHaveLength(1);
    expect(mine.files[0]).toMatchObject({ step: 'arrive', name: 'scene.png', mime: 'image/png', size: PNG.length, sha256: createHash('sha256').update(PNG).digest('hex') });
    // the township that blew the whistle sees it and reads the photo
    const seen = (await call(t.app, township, 'GET', `/api/whistles/${w.id}`)).body as WhistleView;
    expect(seen.reports.find((r) => r.departmentId === mzId)!.files.map((f) => f.id)).toEqual([mine.files[0]!.id]);
    const file = await t.app.inject({ method: 'GET', url: `/api/whistles/${w.id}/files/${mine.files[0]!.id}`, headers: { cookie: township.cookie } });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(file.rawPayload, PNG)).toBe(0);
    // another whistle's id does not open it
    const w2 = (await call(t.app, township, 'POST', '/api/whistles', { title: '另一件事', place: '石门村', description: '另一件事的说明', departmentIds: [rsId] })).body as WhistleView;
    expect((await t.app.inject({ method: 'GET', url: `/api/whistles/${w2.id}/files/${mine.files[0]!.id}`, headers: { cookie: township.cookie } })).statusCode).toBe(404);
  });

  it('evidence is optional: the other department acknowledges and arrives with nothing', async () => {
    expect((await call(t.app, other, 'POST', `/api/whistles/${w.id}/report`, { step: 'acknowledge' })).status).toBe(200);
    const res = await call(t.app, other, 'POST', `/api/whistles/${w.id}/report`, { step: 'arrive' });
    expect(res.status).toBe(200);
    expect((res.body as WhistleView).reports.find((r) => r.departmentId === rsId)).toMatchObject({ acknowledgeNote: null, arriveNote: null, files: [] });
  });

  it('refuses a photo that is not one, evidence on 反馈结果, and more than three photos, naming the field', async () => {
    const w3 = (await call(t.app, township, 'POST', '/api/whistles', { title: '第三件事', place: '青山村', description: '说明', departmentIds: [mzId] })).body as WhistleView;
    const bad = await call(t.app, dept, 'POST', `/api/whistles/${w3.id}/report`, { step: 'acknowledge', photos: [{ name: 'x.png', mime: 'image/png', data: Buffer.from('not a picture').toString('base64') }] });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.fields)).toEqual(['photos.0']);
    // nothing was saved: the step is still open
    expect(((await call(t.app, dept, 'GET', `/api/whistles/${w3.id}`)).body as WhistleView).reports[0]!.acknowledgedAt).toBeNull();
    const four = await call(t.app, dept, 'POST', `/api/whistles/${w3.id}/report`, { step: 'acknowledge', photos: [photo(), photo(), photo(), photo()] });
    expect(four.status).toBe(400);
    expect(Object.keys(four.body.error.fields ?? {}).some((k) => k.startsWith('photos'))).toBe(true);
    await call(t.app, dept, 'POST', `/api/whistles/${w3.id}/report`, { step: 'acknowledge' });
    await call(t.app, dept, 'POST', `/api/whistles/${w3.id}/report`, { step: 'arrive' });
    const onReport = await call(t.app, dept, 'POST', `/api/whistles/${w3.id}/report`, { step: 'report', result: '已清理', note: '附言' });
    expect(onReport.status).toBe(422);
    expect(onReport.body.error).toMatchObject({ code: 'whistle.evidenceStep', fields: { note: expect.any(String) } });
    const tooLong = await call(t.app, dept, 'POST', `/api/whistles/${w3.id}/report`, { step: 'report', result: 'x'.repeat(2001) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.fields.result).toBeDefined();
  });
});

describe('linking cases after the whistle', () => {
  it("finds a case by its number's tail and links it; the case's timeline says whistled; linking it again is refused", async () => {
    const c = (await call(t.app, village, 'POST', '/api/cases', { category: 'housing', title: '河道垃圾发臭', description: '青山河三组段垃圾堆积发臭', channel: 'phone' })).body as { id: string; number: string };
    const tail = c.number.split('-').pop()!;
    const found = (await call(t.app, township, 'GET', `/api/cases?queue=all&q=${tail}&limit=10`)).body.items as { id: string }[];
    expect(found.map((x) => x.id)).toContain(c.id);
    const byTitle = (await call(t.app, township, 'GET', `/api/cases?queue=all&q=${encodeURIComponent('河道垃圾')}&limit=10`)).body.items as { id: string }[];
    expect(byTitle.map((x) => x.id)).toContain(c.id);
    const res = await call(t.app, township, 'POST', `/api/whistles/${w.id}/cases`, { caseIds: [c.id] });
    expect(res.status).toBe(200);
    expect((res.body as WhistleView).cases.map((x) => x.id)).toEqual([c.id]);
    const timeline = (await call(t.app, village, 'GET', `/api/cases/${c.id}`)).body.timeline as { kind: string; detail?: { whistleId?: string } }[];
    expect(timeline.some((e) => e.kind === 'whistled')).toBe(true);
    const again = await call(t.app, township, 'POST', `/api/whistles/${w.id}/cases`, { caseIds: [c.id] });
    expect(again.status).toBe(409);
    expect(again.body.error.fields.caseIds).toBeDefined();
  });

  it('a department or a village may not link; an unknown case is named', async () => {
    const c = (await call(t.app, village, 'POST', '/api/cases', { category: 'housing', title: '路面塌陷', description: '三组路面塌陷', channel: 'phone' })).body as { id: string };
    expect((await call(t.app, dept, 'POST', `/api/whistles/${w.id}/cases`, { caseIds: [c.id] })).status).toBe(403);
    expect((await call(t.app, village, 'POST', `/api/whistles/${w.id}/cases`, { caseIds: [c.id] })).status).toBe(403);
    const unknown = await call(t.app, township, 'POST', `/api/whistles/${w.id}/cases`, { caseIds: ['00000000-0000-4000-8000-000000000000'] });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.fields.caseIds).toBeDefined();
  });
});
