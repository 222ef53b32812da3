import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityView, OverdueVisits, VisitView } from '@jiceng/contract';
import { createTestApp, call, login, type Session, type TestContext } from '../../../test/harness.js';
import { code, demoOrgs, idNumber } from '../../../test/factories.js';

let t: TestContext;
let county: Session, township: Session, village: Session, dept: Session, shimen: Session;
let byCode: (c: string) => { id: string; name: string; code: string; level: string };
let qsHouse: { id: string }, qsHouse2: { id: string }, qsPlain: { id: string }, smHouse: { id: string };
let groups: { id: string; code: string }[];

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex').toString('base64');
const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString();
const visit = (s: Session, body: Record<string, unknown>) =>
  call(t.app, s, 'POST', '/api/visits', { visitedAt: daysAgo(0), purpose: '六访走访', ...body });
const household = async (s: Session, orgCode: string, address: string, visitTags: string[]) =>
  (await call(t.app, s, 'POST', '/api/households', {
    orgId: byCode(orgCode).id, address, visitTags, residents: [{ name: `户主${address}`, relation: 'head', idNumber: idNumber('19600101') }],
  })).body as { id: string };

beforeAll(async () => {
  t = await createTestApp();
  const d = await demoOrgs(t.app);
  county = d.county;
  byCode = d.byCode as typeof byCode;
  groups = (d.orgs as { id: string; code: string; level: string }[]).filter((o) => o.level === 'group' && o.code.startsWith('SFX-QS-'));
  township = await login(t.app, 'demo-township');
  village = await login(t.app, 'demo-village');
  dept = await login(t.app, 'demo-dept');
  expect((await call(t.app, county, 'POST', '/api/users', { username: 'shimen', displayName: '石门村书记 周敏', role: 'villageCadre', orgId: byCode('SFX-QS-SM').id, password: 'Shi-Men-2026x' })).status).toBe(201);
  shimen = await login(t.app, 'shimen', 'Shi-Men-2026x');
  qsHouse = await household(village, 'SFX-QS-QS', `青山村1组${code('H')}号`, ['needy']);
  qsHouse2 = await household(village, 'SFX-QS-QS', `青山村2组${code('H')}号`, ['needy', 'emptyNest']);
  qsPlain = await household(village, 'SFX-QS-QS', `青山村3组${code('H')}号`, []);
  smHouse = await household(shimen, 'SFX-QS-SM', `石门村1组${code('H')}号`, ['emptyNest']);
});
afterAll(() => t.close());

describe('visits (走访台账)', () => {
  let v: VisitView;
  it('refuses anonymous callers and accounts without field work', async () => {
    expect((await call(t.app, null, 'GET', '/api/visits')).status).toBe(401);
    expect((await visit(dept, { householdId: qsHouse.id })).status).toBe(403);
    expect((await call(t.app, dept, 'GET', '/api/visits/overdue')).status).toBe(403);
  });

  it('names each bad field in Chinese', async () => {
    const r = await visit(village, { householdId: qsHouse.id, visitedAt: new Date(Date.now() + 86_400_000).toISOString(), purpose: '' });
    expect(r.status).toBe(400);
    expect(r.body.error.fields.purpose).toBe('必填');
    const future = await visit(village, { householdId: qsHouse.id, visitedAt: new Date(Date.now() + 86_400_000).toISOString() });
    expect(future.status).toBe(422);
    expect(future.body.error.fields).toEqual({ visitedAt: '走访时间不能晚于现在' });
    const none = await visit(village, {});
    expect(none.body.error.fields.householdId).toContain('二选一');
    const both = await visit(village, { householdId: qsHouse.id, groupOrgId: groups[0]!.id });
    expect(both.status).toBe(422);
    const badPhoto = await visit(village, { householdId: qsHouse.id, photos: [{ name: 'x.png', mime: 'image/png', data: Buffer.from('not a png').toString('base64') }] });
    expect(badPhoto.body.error.fields['photos.0']).toBe('文件内容无法读取或与类型不符');
  });

  it('refuses a household of another village', async () => {
    const r = await visit(shimen, { householdId: qsHouse.id });
    expect(r.status).toBe(422);
    expect(r.body.error.fields.householdId).toBe('请选择本辖区的农户或村(居)民小组（二选一）');
  });

  it('records a visit with four-knows notes, a photo and a follow-up case, and audits both', async () => {
    const r = await visit(village, {
      householdId: qsHouse.id, visitedAt: daysAgo(40), purpose: '困难群众走访',
      notes: { conditions: '村里修路', basics: '老两口务农', hotIssues: '医保报销慢', difficulties: '老伴住院' },
      followUp: '协助申请临时救助', createCase: { title: '临时救助申请', description: '老伴住院，申请临时救助', category: 'civilAffairs' },
      photos: [{ name: 'door.png', mime: 'image/png', data: PNG }],
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    v = r.body;
    expect(v).toMatchObject({ householdId: qsHouse.id, visitorName: '青山村书记 张德明', notes: { hotIssues: '医保报销慢' }, followUp: '协助申请临时救助' });
    expect(v.caseId).toBeTruthy();
    expect(v.caseNumber).toBeTruthy();
    expect(v.photos).toHaveLength(1);
    const c = await call(t.app, village, 'GET', `/api/cases/${v.caseId}`);
    expect(c.body).toMatchObject({ title: '临时救助申请', householdId: qsHouse.id });
    const audit = (await call(t.app, county, 'GET', '/api/audit?limit=20')).body.items as { action: string; entityId: string }[];
    expect(audit.some((a) => a.action === 'visit.create' && a.entityId === v.id)).toBe(true);
    expect(audit.some((a) => a.action === 'case.create' && a.entityId === v.caseId)).toBe(true);
  });

  it('takes a client-made id once', async () => {
    const id = '0190f0c2-7d4e-7a1b-8c3d-1234567890ab';
    expect((await visit(village, { id, householdId: qsHouse2.id, visitedAt: daysAgo(10) })).status).toBe(201);
    const again = await visit(village, { id, householdId: qsHouse2.id, visitedAt: daysAgo(10) });
    expect(again.status).toBe(409);
  });

  it('records a village group visit (两走遍)', async () => {
    const g = groups.find((x) => x.code.startsWith('SFX-QS-QS'))!;
    const r = await visit(township, { groupOrgId: g.id, purpose: '走遍村民小组' });
    expect(r.status).toBe(201);
    expect(r.body.groupOrgId).toBe(g.id);
    expect((await visit(township, { groupOrgId: byCode('SFX-QS-QS').id })).body.error.fields.groupOrgId).toBeTruthy();
  });

  it('lists and shows visits inside the caller’s scope only', async () => {
    expect((await visit(shimen, { householdId: smHouse.id })).status).toBe(201);
    const mine = (await call(t.app, shimen, 'GET', '/api/visits')).body;
    expect(mine.items.every((x: VisitView) => x.orgId === byCode('SFX-QS-SM').id)).toBe(true);
    expect(mine.total).toBe(1);
    expect((await call(t.app, shimen, 'GET', `/api/visits/${v.id}`)).status).toBe(404);
    expect((await call(t.app, shimen, 'GET', `/api/visits?orgId=${byCode('SFX-QS-QS').id}`)).status).toBe(404);
    const qs = (await call(t.app, village, 'GET', `/api/visits?householdId=${qsHouse.id}`)).body;
    expect(qs.items.map((x: VisitView) => x.id)).toEqual([v.id]);
    const all = (await call(t.app, township, 'GET', '/api/visits?limit=2')).body;
    expect(all.total).toBe(4);
    expect(all.items).toHaveLength(2);
    expect((await call(t.app, village, 'GET', `/api/visits/${v.id}`)).body.photos).toHaveLength(1);
  });
});

describe('overdue must-visit households (六访)', () => {
  const overdue = async (s: Session, q = '') => (await call(t.app, s, 'GET', `/api/visits/overdue${q}`)).body as OverdueVisits;

  it('lists a needy household visited 40 days ago at a 30-day interval, not one visited 10 days ago', async () => {
    const r = await overdue(village);
    const ids = r.items.map((x) => x.householdId);
    expect(ids).toContain(qsHouse.id);
    expect(ids).not.toContain(qsHouse2.id);
    expect(ids).not.toContain(qsPlain.id);
    expect(ids).not.toContain(smHouse.id);
    const row = r.items.find((x) => x.householdId === qsHouse.id)!;
    expect(row).toMatchObject({ intervalDays: 30, daysSinceLastVisit: 40, daysOverdue: 10, tags: ['needy'] });
    expect(r.total).toBe(r.grids.reduce((s, g) => s + g.overdue, 0));
  });

  it('treats a never-visited household as overdue, first', async () => {
    const fresh = await household(village, 'SFX-QS-QS', `青山村4组${code('H')}号`, ['disabled']);
    const r = await overdue(township, `?orgId=${byCode('SFX-QS-QS').id}`);
    expect(r.items[0]).toMatchObject({ householdId: fresh.id, lastVisitAt: null, daysSinceLastVisit: null, intervalDays: 90 });
    expect(r.grids.reduce((s, g) => s + g.neverVisited, 0)).toBe(1);
  });

  it('follows the policy', async () => {
    expect((await call(t.app, county, 'PUT', '/api/policy', { values: { 'visit.needyDays': 60 } })).status).toBe(200);
    expect((await overdue(village)).items.map((x) => x.householdId)).not.toContain(qsHouse.id);
    expect((await call(t.app, county, 'PUT', '/api/policy', { values: { 'visit.needyDays': 7 } })).status).toBe(200);
    expect((await overdue(village)).items.map((x) => x.householdId)).toEqual(expect.arrayContaining([qsHouse.id, qsHouse2.id]));
    await call(t.app, county, 'PUT', '/api/policy', { values: { 'visit.needyDays': null } });
  });

  it('keeps other villages out', async () => {
    expect((await overdue(shimen)).items.map((x) => x.householdId)).toEqual([]); // its one household was just visited
    expect((await call(t.app, shimen, 'GET', `/api/visits/overdue?orgId=${byCode('SFX-QS-QS').id}`)).status).toBe(404);
  });
});

describe('duty shifts (值班台账)', () => {
  it('validates the unit, the person and the times', async () => {
    const r = await call(t.app, village, 'POST', '/api/duty-shifts', { startsAt: daysAgo(0), endsAt: daysAgo(1) });
    expect(r.status).toBe(422);
    expect(r.body.error.fields).toEqual({ personName: '请选择值班人员账号或填写姓名', endsAt: '结束时间须晚于开始时间' });
    const other = await call(t.app, shimen, 'POST', '/api/duty-shifts', { orgId: byCode('SFX-QS-QS').id, personName: '周敏', startsAt: daysAgo(1), endsAt: daysAgo(0) });
    expect(other.body.error.fields.orgId).toBe('值班单位须为本辖区的村(社区)或乡镇(街道)');
  });

  it('records a shift at the village service room and lists it in scope', async () => {
    const r = await call(t.app, village, 'POST', '/api/duty-shifts', { orgId: byCode('SFX-QS-QS-B1-G1').id, personName: '张德明', startsAt: daysAgo(1), endsAt: daysAgo(0.6), handled: '代办低保材料2件' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ orgId: byCode('SFX-QS-QS').id, personName: '张德明', handled: '代办低保材料2件' });
    expect((await call(t.app, village, 'GET', '/api/duty-shifts')).body.items).toHaveLength(1);
    expect((await call(t.app, shimen, 'GET', '/api/duty-shifts')).body.items).toHaveLength(0);
    const audit = (await call(t.app, county, 'GET', '/api/audit?limit=5')).body.items as { action: string }[];
    expect(audit.some((a) => a.action === 'duty.create')).toBe(true);
  });
});

describe('coverage (两走遍)', () => {
  it('measures the township account against village groups and village accounts against households', async () => {
    const r = (await call(t.app, township, 'GET', '/api/coverage')).body;
    expect(r.orgId).toBe(byCode('SFX-QS').id);
    const ts = r.people.find((p: { name: string }) => p.name === '青山乡党委 李春梅');
    expect(ts).toMatchObject({ target: 'villageGroups', visited: 1 });
    expect(ts.total).toBe(groups.length);
    expect(ts.missing).toHaveLength(groups.length - 1);
    const vc = r.people.find((p: { name: string }) => p.name === '青山村书记 张德明');
    expect(vc).toMatchObject({ target: 'households', visited: 2 });
    const qs = r.orgs.find((o: { orgId: string }) => o.orgId === byCode('SFX-QS-QS').id);
    expect(qs).toMatchObject({ groupsVisited: 1, householdsVisited: 2 });
    expect((await call(t.app, shimen, 'GET', `/api/coverage?orgId=${byCode('SFX-QS').id}`)).status).toBe(404);
  });
});

describe('activities (五会、四进)', () => {
  let a: ActivityView;
  it('validates and records an activity with attendance, minutes and a photo', async () => {
    const bad = await call(t.app, village, 'POST', '/api/activities', { kind: 'party', title: '', heldOn: daysAgo(2), place: '村部', organizer: '张德明' });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['kind', 'title']);
    const r = await call(t.app, village, 'POST', '/api/activities', {
      kind: 'policyBriefing', title: '医保政策宣讲', heldOn: daysAgo(2), place: '青山村党群服务中心', organizer: '张德明',
      otherAttendees: 23, minutes: '讲解2027年医保缴费', photos: [{ name: 'a.png', mime: 'image/png', data: PNG }],
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    a = r.body;
    expect(a).toMatchObject({ kind: 'policyBriefing', attendance: 23, orgId: byCode('SFX-QS-QS').id });
    expect(a.photos).toHaveLength(1);
  });

  it('lists for the calendar in scope only', async () => {
    const day = daysAgo(2).slice(0, 10);
    expect((await call(t.app, village, 'GET', `/api/activities?kind=policyBriefing`)).body.items).toHaveLength(1);
    expect((await call(t.app, township, 'GET', `/api/activities?from=${day}&to=${day}`)).body.items.length).toBeLessThanOrEqual(1);
    expect((await call(t.app, shimen, 'GET', '/api/activities')).body.items).toHaveLength(0);
    expect((await call(t.app, shimen, 'GET', `/api/activities/${a.id}`)).status).toBe(404);
    expect((await call(t.app, village, 'GET', `/api/activities/${a.id}`)).body.title).toBe('医保政策宣讲');
  });
});

describe('scope of the aggregates and of client-chosen ids (issue 15)', () => {
  it('shows a grid worker in 两走遍 coverage only what GET /api/households/{id} shows them', async () => {
    const worker = await login(t.app, 'demo-grid');
    const grid = (await call(t.app, village, 'POST', '/api/grids', {
      orgId: byCode('SFX-QS-QS').id, name: '覆盖一网格', code: code('W'), partyGroupId: byCode('SFX-QS-QS-B1-G1').id,
    })).body as { id: string };
    const own = (await call(t.app, village, 'POST', '/api/households', {
      orgId: byCode('SFX-QS-QS').id, gridId: grid.id, address: `青山村网格内${code('H')}号`, residents: [{ name: '网格户主', relation: 'head', idNumber: idNumber('19580101') }],
    })).body as { id: string };
    const r = await call(t.app, worker, 'GET', '/api/coverage');
    expect(r.status).toBe(200);
    const listed = (r.body.people as { missing: { id: string }[] }[]).flatMap((p) => p.missing.map((m) => m.id));
    expect(listed).toContain(own.id);
    // everything it names, the worker may open; the village's other households (qsHouse…) are not named
    for (const id of listed) expect((await call(t.app, worker, 'GET', `/api/households/${id}`)).status, id).toBe(200);
    for (const h of [qsHouse, qsHouse2, qsPlain, smHouse]) expect(JSON.stringify(r.body)).not.toContain(h.id);
    expect((await call(t.app, worker, 'GET', `/api/households/${qsHouse.id}`)).status).toBe(404);
    // other accounts' progress needs user.read: the worker sees their own row only
    expect(r.body.people.map((p: { name: string }) => p.name)).toEqual(['网格员 刘小燕']);
    expect(r.body.people[0]).toMatchObject({ target: 'households', total: 1, visited: 0 });
    // the overdue list names only households the worker may open too
    const overdue = (await call(t.app, worker, 'GET', '/api/visits/overdue')).body as OverdueVisits;
    for (const x of overdue.items) expect((await call(t.app, worker, 'GET', `/api/households/${x.householdId}`)).status).toBe(200);
  });

  it('does not name an account outside the caller’s scope on a duty shift', async () => {
    const all = (await call(t.app, county, 'GET', '/api/users')).body.items as { id: string; username: string; displayName: string }[];
    for (const username of ['shimen', 'demo-dept', 'demo-township']) {
      const u = all.find((x) => x.username === username)!;
      const r = await call(t.app, village, 'POST', '/api/duty-shifts', { userId: u.id, startsAt: daysAgo(1), endsAt: daysAgo(0.5) });
      expect(r.status, username).toBe(422);
      expect(r.body.error.fields.userId).toBe('请选择值班人员账号或填写姓名');
      expect(JSON.stringify(r.body)).not.toContain(u.displayName);
    }
    const unknown = await call(t.app, village, 'POST', '/api/duty-shifts', { userId: '01900000-0000-7000-8000-000000000000', startsAt: daysAgo(1), endsAt: daysAgo(0.5) });
    expect(unknown.body.error).toEqual((await call(t.app, village, 'POST', '/api/duty-shifts', { userId: all.find((x) => x.username === 'shimen')!.id, startsAt: daysAgo(1), endsAt: daysAgo(0.5) })).body.error);
    const grid = all.find((x) => x.username === 'demo-grid')!;
    const mine = await call(t.app, village, 'POST', '/api/duty-shifts', { userId: grid.id, startsAt: daysAgo(1), endsAt: daysAgo(0.5) });
    expect(mine.status).toBe(201);
    expect(mine.body.personName).toBe('网格员 刘小燕');
  });

  it('answers a client id of another village’s visit as an unused id, and a visible one as a resend', async () => {
    const theirs = (await call(t.app, village, 'GET', `/api/visits?householdId=${qsHouse.id}`)).body.items[0] as VisitView;
    const r = await visit(shimen, { id: theirs.id, householdId: smHouse.id, purpose: '编号探测' });
    expect(r.status).toBe(201);
    expect(r.body.id).not.toBe(theirs.id);
    expect((await call(t.app, village, 'GET', `/api/visits/${theirs.id}`)).body.purpose).toBe(theirs.purpose);
    const fresh = await visit(shimen, { id: '0190f0c2-7d4e-7a1b-8c3d-0000000000aa', householdId: smHouse.id });
    expect(fresh.status).toBe(r.status);
    expect(Object.keys(fresh.body).sort()).toEqual(Object.keys(r.body).sort());
    expect((await visit(shimen, { id: fresh.body.id, householdId: smHouse.id })).status).toBe(409);
  });
});
