import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { DUTY_LIMITS, type CommitmentDetail, type MemberPostView } from '@jiceng/contract';
import { createTestApp, call, login, DEMO_PASSWORD, type Session, type TestContext } from '../../../test/harness.js';
import { code, demoOrgs, idNumber } from '../../../test/factories.js';
import { loginNames, users } from '../../platform/auth/auth.tables.js';
import { hashPassword } from '../../platform/auth/password.js';
import { resolveSession } from '../../platform/auth/auth.service.js';
import { rowsOf } from '../../db/client.js';
import type { Actor } from '../../platform/access/access.js';
import { assessCommitment, assessmentOpensAt } from './commitments.service.js';

let t: TestContext;
let county: Session, township: Session, village: Session, grid: Session, shimen: Session, self: Session;
let byCode: (c: string) => { id: string; name: string; code: string };
let countyId: string;
let zhang: { id: string }, li: { id: string }, gone: { id: string }, smMember: { id: string };
let qsHouse: { id: string }, smHouse: { id: string };

const thisYear = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()).slice(0, 4));
/** a past year: its assessment window is open whenever the test runs */
const lastYear = thisYear - 1;
/** a future year: its assessment window is closed whenever the test runs */
const nextYear = thisYear + 1;

const member = async (s: Session, orgCode: string, name: string, extra: Record<string, unknown> = {}) =>
  (await call(t.app, s, 'POST', '/api/members', { orgId: byCode(orgCode).id, name, status: 'formal', idNumber: idNumber('19750101'), phone: '13912345678', birthDate: '1975-01-01', ...extra })).body as { id: string };
const download = (s: Session, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: s.cookie } });
const commit = (s: Session, body: Record<string, unknown>) => call(t.app, s, 'POST', '/api/commitments', { year: thisYear, items: ['带头参加志愿服务'], ...body });

/** A member's own login (role member), bound to the member record — made here, not through the accounts module. */
async function memberLogin(memberId: string, orgCode: string): Promise<Session> {
  const username = `m${code('').replace(/[^a-z0-9]/gi, '').toLowerCase()}`;
  const org = byCode(orgCode);
  const [o] = rowsOf<{ path: string }>(await t.database.db.execute(sql`select path::text as path from orgs where county_id = ${countyId}::uuid and id = ${org.id}::uuid`));
  const id = uuidv7();
  await t.database.db.insert(users).values({
    countyId, id, username, displayName: '党员本人', role: 'member', memberId, orgId: org.id, orgPath: o!.path, passwordHash: await hashPassword(DEMO_PASSWORD),
  });
  await t.database.db.insert(loginNames).values({ username, countyId, userId: id });
  return login(t.app, username);
}

async function actorOfSession(s: Session): Promise<Actor> {
  const token = /jiceng_session=([^;]+)/.exec(s.cookie)![1]!;
  const r = await resolveSession(t.database.db, token, null);
  if (!r || r === 'expired') throw new Error('no session');
  return r.actor;
}

beforeAll(async () => {
  t = await createTestApp();
  const d = await demoOrgs(t.app);
  county = d.county;
  byCode = d.byCode as typeof byCode;
  [{ countyId } = { countyId: '' }] = rowsOf<{ countyId: string }>(await t.database.db.execute(sql`select county_id as "countyId" from orgs where id = ${byCode('SFX').id}::uuid`));
  township = await login(t.app, 'demo-township');
  village = await login(t.app, 'demo-village');
  grid = await login(t.app, 'demo-grid');
  expect((await call(t.app, county, 'POST', '/api/users', { username: 'shimen-c', displayName: '石门村书记', role: 'villageCadre', orgId: byCode('SFX-QS-SM').id, password: 'Shi-Men-2026x' })).status).toBe(201);
  shimen = await login(t.app, 'shimen-c', 'Shi-Men-2026x');
  zhang = await member(village, 'SFX-QS-QS-B1', '张承诺');
  li = await member(village, 'SFX-QS-QS-B1-G1', '李践诺');
  gone = await member(village, 'SFX-QS-QS-B2', '王已归档');
  expect((await call(t.app, village, 'PATCH', `/api/members/${gone.id}`, { archived: true })).status).toBe(200);
  smMember = await member(shimen, 'SFX-QS-SM', '赵石门');
  qsHouse = (await call(t.app, village, 'POST', '/api/households', { orgId: byCode('SFX-QS-QS').id, address: `青山村1组${code('H')}号`, residents: [{ name: '户主甲', relation: 'head', idNumber: idNumber('19600101') }] })).body;
  smHouse = (await call(t.app, shimen, 'POST', '/api/households', { orgId: byCode('SFX-QS-SM').id, address: `石门村1组${code('H')}号`, residents: [{ name: '户主乙', relation: 'head', idNumber: idNumber('19610101') }] })).body;
  self = await memberLogin(zhang.id, 'SFX-QS-QS-B1');
});
afterAll(() => t.close());

describe('commitments (承诺践诺)', () => {
  let zc: CommitmentDetail;

  it('refuses anonymous callers, accounts without duty.write and a member login on the desk routes', async () => {
    expect((await call(t.app, null, 'GET', '/api/commitments')).status).toBe(401);
    expect((await commit(grid, { orgId: byCode('SFX-QS-QS').id })).status).toBe(403);
    expect((await call(t.app, self, 'GET', '/api/commitments')).status).toBe(403);
    expect((await commit(self, { orgId: byCode('SFX-QS-QS').id, memberId: zhang.id })).status).toBe(403);
  });

  it('names bad fields: empty items, too many items, an item over 200 characters', async () => {
    const orgId = byCode('SFX-QS-QS').id;
    const none = await commit(village, { orgId, memberId: zhang.id, items: [] });
    expect(none.status).toBe(400);
    expect(Object.keys(none.body.error.fields)).toContain('items');
    const many = await commit(village, { orgId, memberId: zhang.id, items: Array.from({ length: DUTY_LIMITS.commitmentItemsMax + 1 }, (_, i) => `事项${i}`) });
    expect(many.status).toBe(400);
    const long = await commit(village, { orgId, memberId: zhang.id, items: ['好'.repeat(201)] });
    expect(long.status).toBe(400);
    expect(Object.keys(long.body.error.fields)).toContain('items.0');
    expect((await commit(village, { orgId, memberId: zhang.id, items: ['好'.repeat(200)], year: 1999 })).status).toBe(400);
  });

  it('refuses an archived member, a member outside the org, an org outside the caller’s area', async () => {
    const archived = await commit(village, { orgId: byCode('SFX-QS-QS').id, memberId: gone.id });
    expect(archived.status).toBe(422);
    expect(archived.body.error.fields.memberId).toContain('未归档');
    const outsideOrg = await commit(village, { orgId: byCode('SFX-QS-QS-B2').id, memberId: zhang.id });
    expect(outsideOrg.status).toBe(422);
    expect(outsideOrg.body.error.fields.memberId).toBeDefined();
    const foreign = await commit(village, { orgId: byCode('SFX-QS-SM').id, memberId: smMember.id });
    expect(foreign.status).toBe(422);
    expect(foreign.body.error.fields.orgId).toBeDefined();
    expect((await call(t.app, village, 'GET', '/api/commitments')).body.total).toBe(0);
  });

  it('records a member’s commitment in the member’s own org, once per year (409 on a second)', async () => {
    const r = await commit(village, { orgId: byCode('SFX-QS-QS').id, memberId: zhang.id, items: ['每月走访联系户', '带头参加志愿服务'] });
    expect(r.status).toBe(201);
    zc = r.body;
    expect(zc).toMatchObject({ memberName: '张承诺', orgId: byCode('SFX-QS-QS-B1').id, public: true, assessment: null, notesCount: 0, notes: [] });
    const dup = await commit(village, { orgId: byCode('SFX-QS-QS-B1').id, memberId: zhang.id });
    expect(dup.status).toBe(409);
    expect(dup.body.error.fields.memberId).toBeDefined();
    expect((await commit(village, { orgId: byCode('SFX-QS-QS').id, memberId: zhang.id, year: lastYear })).status).toBe(201);
  });

  it('records an org’s own commitment once per org and year', async () => {
    expect((await commit(village, { orgId: byCode('SFX-QS-QS').id, items: ['办好十件实事'] })).status).toBe(201);
    expect((await commit(village, { orgId: byCode('SFX-QS-QS').id })).status).toBe(409);
    expect((await commit(village, { orgId: byCode('SFX-QS-QS-B1').id, items: ['支部承诺'] })).status).toBe(201);
  });

  it('edits items until assessed; lists by year, org, member and assessment within scope', async () => {
    const p = await call(t.app, village, 'PATCH', `/api/commitments/${zc.id}`, { items: ['每月走访联系户', '带头参加志愿服务', '调解邻里纠纷'] });
    expect(p.status).toBe(200);
    expect(p.body.items).toHaveLength(3);
    const list = await call(t.app, village, 'GET', `/api/commitments?year=${thisYear}&orgId=${byCode('SFX-QS-QS-B1').id}`);
    expect(list.body.items.map((c: CommitmentDetail) => c.memberName)).toEqual([null, '张承诺']);
    expect((await call(t.app, village, 'GET', `/api/commitments?memberId=${zhang.id}`)).body.total).toBe(2);
    expect((await call(t.app, village, 'GET', `/api/commitments?assessment=pending&year=${thisYear}`)).body.total).toBe(3);
    expect((await call(t.app, township, 'GET', `/api/commitments?year=${thisYear}`)).body.total).toBe(3);
  });

  it('hides other areas’ commitments: 404 on read, write, note and assess', async () => {
    const sm = await commit(shimen, { orgId: byCode('SFX-QS-SM').id, memberId: smMember.id });
    expect(sm.status).toBe(201);
    const id = sm.body.id as string;
    expect((await call(t.app, village, 'GET', `/api/commitments/${id}`)).status).toBe(404);
    expect((await call(t.app, village, 'PATCH', `/api/commitments/${id}`, { items: ['x'] })).status).toBe(404);
    expect((await call(t.app, village, 'POST', `/api/commitments/${id}/notes`, { text: 'x' })).status).toBe(404);
    expect((await call(t.app, village, 'POST', `/api/commitments/${id}/assess`, { assessment: 'fulfilled' })).status).toBe(404);
    expect((await call(t.app, village, 'GET', `/api/commitments?orgId=${byCode('SFX-QS-SM').id}`)).status).toBe(404);
    expect((await call(t.app, village, 'GET', '/api/commitments')).body.items.some((c: CommitmentDetail) => c.id === id)).toBe(false);
  });

  it('takes progress notes from a cadre and from the member’s own login (own commitments only)', async () => {
    const n = await call(t.app, village, 'POST', `/api/commitments/${zc.id}/notes`, { text: '走访了3户' });
    expect(n.status).toBe(201);
    expect(n.body.notes).toHaveLength(1);
    const future = await call(t.app, village, 'POST', `/api/commitments/${zc.id}/notes`, { text: 'x', notedOn: `${nextYear}-01-02` });
    expect(future.status).toBe(422);
    expect(future.body.error.fields.notedOn).toBeDefined();
    const mine = await call(t.app, self, 'POST', `/api/me/commitments/${zc.id}/notes`, { text: '参加了志愿服务' });
    expect(mine.status).toBe(201);
    expect(mine.body.notes.map((x: { authorName: string }) => x.authorName)).toContain('党员本人');
    const liC = await commit(village, { orgId: byCode('SFX-QS-QS').id, memberId: li.id });
    expect((await call(t.app, self, 'POST', `/api/me/commitments/${liC.body.id}/notes`, { text: 'x' })).status).toBe(404);
    expect((await call(t.app, village, 'POST', `/api/me/commitments/${zc.id}/notes`, { text: 'x' })).status).toBe(403);
  });

  it('shows the member’s own login only their own commitments', async () => {
    const r = await call(t.app, self, 'GET', '/api/me/commitments');
    expect(r.status).toBe(200);
    expect(r.body.items.length).toBe(2);
    expect(r.body.items.every((c: CommitmentDetail) => c.memberId === zhang.id)).toBe(true);
    expect(r.body.items.every((c: CommitmentDetail) => c.canAssess === false)).toBe(true);
    const y = await call(t.app, self, 'GET', `/api/me/commitments?year=${thisYear}`);
    expect(y.body.items).toHaveLength(1);
    expect(y.body.items[0].notes).toHaveLength(2);
    expect((await call(t.app, self, 'GET', `/api/commitments/${zc.id}`)).status).toBe(403);
  });
});

describe('践诺评价 (year-end assessment)', () => {
  it('opens at 00:00 Asia/Shanghai on 1 December of the commitment’s year', () => {
    expect(assessmentOpensAt(2026).toISOString()).toBe('2026-11-30T16:00:00.000Z');
  });

  it('refuses before 1 December: 30 Nov 23:30 Shanghai refused, 1 Dec 00:10 allowed (the clock is a parameter)', async () => {
    const c = await commit(township, { orgId: byCode('SFX-QS-QS').id, memberId: (await member(village, 'SFX-QS-QS-B1', '钱年终')).id, year: 2026 });
    expect(c.status).toBe(201);
    const actor = await actorOfSession(township);
    await expect(assessCommitment(t.database.db, actor, c.body.id, { assessment: 'fulfilled' }, Date.parse('2026-11-30T23:30:00+08:00')))
      .rejects.toMatchObject({ code: 'commitment.tooEarly', status: 422 });
    const done = await assessCommitment(t.database.db, actor, c.body.id, { assessment: 'fulfilled' }, Date.parse('2026-12-01T00:10:00+08:00'));
    expect(done.assessment).toBe('fulfilled');
  });

  it('refuses an assessment before year end through the API, naming the field', async () => {
    const c = await commit(village, { orgId: byCode('SFX-QS-QS').id, memberId: zhang.id, year: nextYear });
    expect(c.status).toBe(201);
    expect(c.body.canAssess).toBe(false);
    const r = await call(t.app, village, 'POST', `/api/commitments/${c.body.id}/assess`, { assessment: 'fulfilled' });
    expect(r.status).toBe(422);
    expect(r.body.error.fields.assessment).toContain(`${nextYear}-12-01`);
  });

  it('an org does not assess its own commitment; the level above does, once, final and audited', async () => {
    const own = await commit(village, { orgId: byCode('SFX-QS-QS').id, items: ['上年承诺'], year: lastYear });
    expect(own.status).toBe(201);
    expect(own.body.canAssess).toBe(false);
    const same = await call(t.app, village, 'POST', `/api/commitments/${own.body.id}/assess`, { assessment: 'fulfilled' });
    expect(same.status).toBe(403);
    expect(same.body.error.code).toBe('commitment.assessor');
    const seen = await call(t.app, township, 'GET', `/api/commitments/${own.body.id}`);
    expect(seen.body.canAssess).toBe(true);
    const ok = await call(t.app, township, 'POST', `/api/commitments/${own.body.id}/assess`, { assessment: 'partly', note: '基本完成' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ assessment: 'partly', assessmentNote: '基本完成', assessorName: expect.any(String), canAssess: false });
    expect((await call(t.app, township, 'POST', `/api/commitments/${own.body.id}/assess`, { assessment: 'fulfilled' })).status).toBe(409);
    expect((await call(t.app, township, 'PATCH', `/api/commitments/${own.body.id}`, { items: ['改'] })).status).toBe(409);
    expect((await call(t.app, township, 'POST', `/api/commitments/${own.body.id}/notes`, { text: '补记' })).status).toBe(409);
    const audit = await call(t.app, county, 'GET', '/api/audit?action=commitment.assess');
    expect(JSON.stringify(audit.body)).toContain(own.body.id);
  });

  it('a branch’s commitment is assessed by the village above it; a member’s by a cadre of the area', async () => {
    const branch = await commit(village, { orgId: byCode('SFX-QS-QS-B2').id, items: ['支部承诺'], year: lastYear });
    expect((await call(t.app, village, 'POST', `/api/commitments/${branch.body.id}/assess`, { assessment: 'fulfilled' })).status).toBe(200);
    const lastZ = (await call(t.app, village, 'GET', `/api/commitments?memberId=${zhang.id}&year=${lastYear}`)).body.items[0];
    expect(lastZ.canAssess).toBe(true);
    const r = await call(t.app, village, 'POST', `/api/commitments/${lastZ.id}/assess`, { assessment: 'unfulfilled' });
    expect(r.status).toBe(200);
  });

  it('two assessments at once: one is made, the other is told it is assessed already', async () => {
    const c = await commit(village, { orgId: byCode('SFX-QS-QS').id, memberId: (await member(village, 'SFX-QS-QS-B1', '周并发')).id, year: lastYear });
    const both = await Promise.all([
      call(t.app, village, 'POST', `/api/commitments/${c.body.id}/assess`, { assessment: 'fulfilled' }),
      call(t.app, township, 'POST', `/api/commitments/${c.body.id}/assess`, { assessment: 'unfulfilled' }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    const audit = await call(t.app, county, 'GET', '/api/audit?action=commitment.assess');
    expect(JSON.stringify(audit.body).split(c.body.id).length - 1).toBe(1);
  });

  it('a member never assesses their own commitment', async () => {
    const c = await commit(village, { orgId: byCode('SFX-QS-QS').id, memberId: li.id, year: lastYear });
    const liSelf = await memberLogin(li.id, 'SFX-QS-QS-B1-G1');
    expect((await call(t.app, liSelf, 'POST', `/api/commitments/${c.body.id}/assess`, { assessment: 'fulfilled' })).status).toBe(403);
    // even an account that held duty.write and was bound to the member would be refused by the rule itself
    const actor = { ...(await actorOfSession(village)), memberId: li.id };
    await expect(assessCommitment(t.database.db, actor, c.body.id, { assessment: 'fulfilled' })).rejects.toMatchObject({ code: 'commitment.assessor', status: 403 });
  });

  it('exports the list as .xlsx', async () => {
    const r = await download(village, `/api/commitments/export.xlsx?year=${thisYear}`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    expect(r.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});

describe('the public notice board (村务公开栏)', () => {
  it('shows the village’s public commitments with names only, never a non-public one or a personal field', async () => {
    const hidden = await commit(village, { orgId: byCode('SFX-QS-QS').id, memberId: (await member(village, 'SFX-QS-QS-B1', '孙不公开')).id, items: ['不公开的承诺'], public: false });
    expect(hidden.status).toBe(201);
    const res = await t.app.inject({ method: 'GET', url: `/api/public/commitments?countyId=${countyId}&orgId=${byCode('SFX-QS-QS').id}&year=${thisYear}` });
    expect(res.statusCode).toBe(200);
    const board = JSON.parse(res.body);
    expect(board.orgName).toBe(byCode('SFX-QS-QS').name);
    const names = board.items.map((c: { memberName: string | null }) => c.memberName);
    expect(names).toContain('张承诺');
    expect(names).toContain(null);
    expect(res.body).not.toContain('孙不公开');
    expect(res.body).not.toContain('不公开的承诺');
    expect(res.body).not.toContain('石门');
    expect(res.body).not.toMatch(/phone|idNumber|idEnc|birth|gender|memberId|13912345678|1975/);
    const z = board.items.find((c: { memberName: string | null }) => c.memberName === '张承诺');
    expect(Object.keys(z).sort()).toEqual(['assessment', 'id', 'items', 'memberName', 'notesCount', 'orgName']);
    expect(z.notesCount).toBe(2);
  });

  it('shows the assessment once made, and refuses an unknown or county org', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/public/commitments?countyId=${countyId}&orgId=${byCode('SFX-QS-QS').id}&year=${lastYear}` });
    const board = JSON.parse(res.body);
    expect(board.items.some((c: { assessment: string | null }) => c.assessment === 'partly')).toBe(true);
    expect((await t.app.inject({ method: 'GET', url: `/api/public/commitments?countyId=${countyId}&orgId=${byCode('SFX').id}` })).statusCode).toBe(422);
    expect((await t.app.inject({ method: 'GET', url: `/api/public/commitments?countyId=${countyId}&orgId=${uuidv7()}` })).statusCode).toBe(422);
    expect((await t.app.inject({ method: 'GET', url: `/api/public/commitments?countyId=${countyId}` })).statusCode).toBe(400);
  });

  it('shares the one per-address budget of the public routes', async () => {
    const small = await createTestApp({ portalRateLimit: 2 });
    try {
      const get = (url: string) => small.app.inject({ method: 'GET', url, remoteAddress: '203.0.113.9' });
      expect((await get(`/api/public/orgs?countyId=${uuidv7()}`)).statusCode).not.toBe(429);
      expect((await get(`/api/public/commitments?countyId=${uuidv7()}&orgId=${uuidv7()}`)).statusCode).not.toBe(429);
      expect((await get(`/api/public/commitments?countyId=${uuidv7()}&orgId=${uuidv7()}`)).statusCode).toBe(429);
    } finally {
      await small.close();
    }
  });
});

describe('posts (党员示范岗、党员责任区)', () => {
  let post: MemberPostView;
  it('refuses households outside the member’s village, listing them, and an area without households or text', async () => {
    const outside = await call(t.app, township, 'POST', '/api/member-posts', {
      memberId: zhang.id, kind: 'responsibilityArea', title: '一组责任区', householdIds: [qsHouse.id, smHouse.id], startedOn: `${thisYear}-01-01`,
    });
    expect(outside.status).toBe(422);
    expect(outside.body.error.fields.householdIds).toContain(smHouse.id);
    expect(outside.body.error.fields.householdIds).not.toContain(qsHouse.id);
    const empty = await call(t.app, village, 'POST', '/api/member-posts', { memberId: zhang.id, kind: 'responsibilityArea', title: '空责任区', startedOn: `${thisYear}-01-01` });
    expect(empty.status).toBe(422);
    expect(empty.body.error.fields.area).toBeDefined();
    expect((await call(t.app, village, 'POST', '/api/member-posts', { memberId: smMember.id, kind: 'demonstrationPost', title: 'x', startedOn: `${thisYear}-01-01` })).status).toBe(422);
    expect((await call(t.app, village, 'POST', '/api/member-posts', { memberId: gone.id, kind: 'demonstrationPost', title: 'x', startedOn: `${thisYear}-01-01` })).status).toBe(422);
    expect((await call(t.app, village, 'GET', '/api/member-posts')).body.items).toHaveLength(0);
  });

  it('assigns a responsibility area with households and a demonstration post, lists current ones, ends a post', async () => {
    const r = await call(t.app, village, 'POST', '/api/member-posts', {
      memberId: zhang.id, kind: 'responsibilityArea', title: '一组责任区', householdIds: [qsHouse.id], startedOn: `${thisYear}-01-01`,
    });
    expect(r.status).toBe(201);
    post = r.body;
    expect(post.households.map((h) => h.id)).toEqual([qsHouse.id]);
    expect(post.current).toBe(true);
    const d = await call(t.app, village, 'POST', '/api/member-posts', { memberId: li.id, kind: 'demonstrationPost', title: '便民服务示范岗', area: '村党员群众服务中心', startedOn: `${lastYear}-03-01` });
    expect(d.status).toBe(201);
    expect((await call(t.app, village, 'GET', '/api/member-posts?kind=demonstrationPost')).body.items).toHaveLength(1);
    const bad = await call(t.app, village, 'PATCH', `/api/member-posts/${d.body.id}`, { endedOn: `${lastYear}-01-01` });
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields.endedOn).toBeDefined();
    const ended = await call(t.app, village, 'PATCH', `/api/member-posts/${d.body.id}`, { endedOn: `${lastYear}-12-31` });
    expect(ended.status).toBe(200);
    expect(ended.body.current).toBe(false);
    expect((await call(t.app, village, 'GET', '/api/member-posts?current=true')).body.items.map((p: MemberPostView) => p.id)).toEqual([post.id]);
    expect((await call(t.app, village, 'GET', '/api/member-posts?current=false')).body.items.map((p: MemberPostView) => p.id)).toEqual([d.body.id]);
    expect((await call(t.app, shimen, 'PATCH', `/api/member-posts/${post.id}`, { endedOn: `${thisYear}-06-30` })).status).toBe(404);
    expect((await call(t.app, shimen, 'GET', '/api/member-posts')).body.items).toHaveLength(0);
    const x = await download(village, '/api/member-posts/export.xlsx');
    expect(x.statusCode).toBe(200);
    expect(x.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('keeps households of the member’s village when edited', async () => {
    const r = await call(t.app, village, 'PATCH', `/api/member-posts/${post.id}`, { householdIds: [smHouse.id] });
    expect(r.status).toBe(422);
    const stored = await t.database.db.execute(sql`select household_ids::text as h from member_posts where county_id = ${countyId}::uuid and id = ${post.id}::uuid`);
    expect(rowsOf<{ h: string }>(stored)[0]!.h).toContain(qsHouse.id);
  });
});

