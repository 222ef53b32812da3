import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { PROGRAMME_LINES, type ProgrammeView } from '@jiceng/contract';
import { createTestApp, call, login, type Session, type TestContext } from '../../../test/harness.js';
import { demoOrgs } from '../../../test/factories.js';
import { rowsOf } from '../../db/client.js';
import { shanghaiToday } from '../../platform/calendar/today.js';

let t: TestContext;
let county: Session, township: Session, shimen: Session, dept: Session;
let byCode: (c: string) => { id: string; name: string; countyId: string };
const today = shanghaiToday();
const dayOffset = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const startsOn = dayOffset(-400);

const member = async (orgCode: string, name: string) =>
  (await call(t.app, county, 'POST', '/api/members', { orgId: byCode(orgCode).id, name, status: 'formal' })).body.id as string;
const position = async (memberId: string, kind: string, orgCode: string, started: string, ended: string | null = null) =>
  expect((await call(t.app, county, 'POST', `/api/members/${memberId}/positions`, { kind, orgId: byCode(orgCode).id, startedOn: started, endedOn: ended })).status).toBe(201);
const course = async (kind: string, starts: string, ends: string, memberIds: string[]) => {
  const c = await call(t.app, county, 'POST', '/api/training-courses', { kind, title: `${kind} ${starts}`, startsOn: starts, endsOn: ends, hours: 40 });
  expect(c.status, JSON.stringify(c.body)).toBe(201);
  expect((await call(t.app, county, 'PUT', `/api/training-courses/${c.body.id}/attendees`, { memberIds })).status).toBe(200);
};
const pairing = async (orgCode: string, kind: string, partnerName: string, ended: string | null = null) =>
  expect((await call(t.app, county, 'POST', '/api/pairings', { orgId: byCode(orgCode).id, kind, partnerKind: 'enterprise', partnerName, startedOn: dayOffset(-100), endedOn: ended })).status).toBe(201);
const view = async (s: Session) => (await call(t.app, s, 'GET', '/api/programme')).body as ProgrammeView;
const line = (v: ProgrammeView, l: string) => v.lines.find((x) => x.line === l)!;

/** A straightforward recount of each line over the tables, for the whole county. */
async function recount(): Promise<Record<string, number>> {
  const c = byCode('SFX').countyId;
  const one = async (q: ReturnType<typeof sql>) => Number(rowsOf<{ n: number }>(await t.database.db.execute(q))[0]!.n);
  const cur = sql`p.started_on <= ${today}::date and (p.ended_on is null or p.ended_on >= ${today}::date)`;
  const trained = (kind: string) => one(sql`
    select count(distinct ta.member_id) as n from training_attendances ta join training_courses tc on tc.county_id = ta.county_id and tc.id = ta.course_id
     where ta.county_id = ${c}::uuid and tc.kind = ${kind} and tc.ends_on < ${today}::date and tc.starts_on >= ${startsOn}::date`);
  return {
    // every demo village is one org of tier village whose parent is a township
    villageAdvisors: await one(sql`
      select count(distinct v.id) as n from member_positions p join orgs v on v.county_id = p.county_id and v.tier = 'village' and p.org_path <@ v.path
        join orgs up on up.county_id = v.county_id and up.id = v.parent_id and up.tier = 'township'
       where p.county_id = ${c}::uuid and p.kind = 'villageAdvisor' and ${cur}`),
    cadresStudy: await trained('fieldStudy'),
    reserveCadres: await trained('reserveCadre'),
    firstSecretaries: await one(sql`select count(distinct p.member_id) as n from member_positions p where p.county_id = ${c}::uuid and p.kind = 'firstSecretary' and ${cur}`),
    enterprisePairings: await one(sql`select count(*) as n from pairings p where p.county_id = ${c}::uuid and p.kind = 'enterpriseVillage' and ${cur}`),
    nonPublicSecretaries: await trained('nonPublicSecretary'),
  };
}

beforeAll(async () => {
  t = await createTestApp();
  const d = await demoOrgs(t.app);
  county = d.county;
  byCode = d.byCode;
  township = await login(t.app, 'demo-township');
  dept = await login(t.app, 'demo-dept');
  expect((await call(t.app, county, 'POST', '/api/users', { username: 'shimen', displayName: '石门村书记 周敏', role: 'villageCadre', orgId: byCode('SFX-QS-SM').id, password: 'Shi-Men-2026x' })).status).toBe(201);
  shimen = await login(t.app, 'shimen', 'Shi-Men-2026x');

  // village advisors: two at 青山村 (one village), one at 石门村, one at 河口镇's 宏达 (not a village), one ended
  await position(await member('SFX-QS-QS-B1', '顾问甲'), 'villageAdvisor', 'SFX-QS-QS', '2025-01-01');
  await position(await member('SFX-QS-QS-B2', '顾问乙'), 'villageAdvisor', 'SFX-QS-QS-B2', '2025-03-01');
  await position(await member('SFX-QS-SM', '顾问丙'), 'villageAdvisor', 'SFX-QS-SM', '2025-05-01');
  await position(await member('SFX-HK-HD', '顾问丁'), 'villageAdvisor', 'SFX-HK-HD', '2025-05-01');
  await position(await member('SFX-QS-BG', '顾问戊'), 'villageAdvisor', 'SFX-QS-BG', '2020-01-01', '2024-12-31');
  // first secretaries: two current (石门村, 河口镇 宏达), one ended
  await position(await member('SFX-QS-SM', '第一书记甲'), 'firstSecretary', 'SFX-QS-SM', '2024-06-01');
  await position(await member('SFX-HK-HD', '第一书记乙'), 'firstSecretary', 'SFX-HK-HD', '2024-06-01');
  await position(await member('SFX-QS-BG', '第一书记丙'), 'firstSecretary', 'SFX-QS-BG', '2021-06-01', '2023-06-01');
  // courses: attendees counted once per line, only ended courses started since the line's startsOn
  const a = await member('SFX-QS-QS-B1', '学员甲');
  const b = await member('SFX-QS-SM', '学员乙');
  const h = await member('SFX-HK-HD', '学员丙');
  await course('fieldStudy', dayOffset(-60), dayOffset(-50), [a, b]);
  await course('fieldStudy', dayOffset(-30), dayOffset(-20), [a, h]);
  await course('fieldStudy', dayOffset(10), dayOffset(20), [b]);
  await course('reserveCadre', dayOffset(-500), dayOffset(-490), [a]);
  await course('reserveCadre', dayOffset(-10), dayOffset(-5), [b]);
  await course('nonPublicSecretary', dayOffset(-40), dayOffset(-38), [h]);
  // pairings: two enterprise–village active, one ended, one of another kind
  await pairing('SFX-QS-QS', 'enterpriseVillage', '青山茶业有限公司');
  await pairing('SFX-QS-SM', 'enterpriseVillage', '石门建材厂');
  await pairing('SFX-QS-BG', 'enterpriseVillage', '白果农机合作社', dayOffset(-1));
  await pairing('SFX-QS-CY', 'coBuilding', '县供电公司');
});
afterAll(() => t.close());

describe('“6个100” programme', () => {
  it('refuses anonymous callers, accounts without duty rights, and targets set by anyone but the county', async () => {
    expect((await call(t.app, null, 'GET', '/api/programme')).status).toBe(401);
    expect((await call(t.app, dept, 'GET', '/api/programme')).status).toBe(403);
    expect((await call(t.app, township, 'PUT', '/api/programme/targets', { targets: [{ line: 'villageAdvisors', target: 8, startsOn }] })).status).toBe(403);
  });

  it('shows the six lines with no targets set, progress counted from records', async () => {
    const v = await view(county);
    expect(v.lines.map((l) => l.line)).toEqual([...PROGRAMME_LINES]);
    expect(v.countyWide).toBe(true);
    expect(v.lines.every((l) => l.target === null && l.rate === null)).toBe(true);
    expect(line(v, 'villageAdvisors').items.map((i) => i.name)).toEqual([byCode('SFX-QS-QS').name, byCode('SFX-QS-SM').name]);
    expect(line(v, 'villageAdvisors').items[0]!.sourceIds).toHaveLength(2);
    // without a start date every ended course counts
    expect(line(v, 'reserveCadres').progress).toBe(2);
  });

  it('refuses bad targets, naming the field', async () => {
    const neg = await call(t.app, county, 'PUT', '/api/programme/targets', { targets: [{ line: 'villageAdvisors', target: -1, startsOn }] });
    expect(neg.status).toBe(400);
    expect(Object.keys(neg.body.error.fields)).toEqual(['targets.0.target']);
    expect((await call(t.app, county, 'PUT', '/api/programme/targets', { targets: [{ line: 'moon', target: 1, startsOn }] })).status).toBe(400);
    expect((await call(t.app, county, 'PUT', '/api/programme/targets', { targets: [{ line: 'villageAdvisors', target: 1, startsOn: '1999-12-31' }] })).status).toBe(400);
  });

  it('sets the county’s targets (audited) and its progress equals a recount of the records', async () => {
    const r = await call(t.app, county, 'PUT', '/api/programme/targets', { targets: PROGRAMME_LINES.map((l) => ({ line: l, target: 8, startsOn })) });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const v = r.body as ProgrammeView;
    expect(v.lines.every((l) => l.target === 8 && l.startsOn === startsOn)).toBe(true);
    const counts = await recount();
    expect(Object.fromEntries(v.lines.map((l) => [l.line, l.progress]))).toEqual(counts);
    expect(counts).toEqual({ villageAdvisors: 2, cadresStudy: 3, reserveCadres: 1, firstSecretaries: 2, enterprisePairings: 2, nonPublicSecretaries: 1 });
    for (const l of v.lines) expect(l.items).toHaveLength(l.progress);
    expect(line(v, 'cadresStudy').rate).toBe(0.375);
    expect(line(v, 'cadresStudy').items.find((i) => i.name === '学员甲')!.sourceIds).toHaveLength(2);
    expect(line(v, 'enterprisePairings').items.map((i) => i.name)).toEqual(['青山茶业有限公司', '石门建材厂']);
    const audit = (await call(t.app, county, 'GET', '/api/audit?action=programme.targets')).body.items;
    expect(audit).toHaveLength(1);
    expect(audit[0].detail.after).toHaveLength(6);
  });

  it('counts within the caller’s area for a township or village, with the county’s targets', async () => {
    const v = await view(township);
    expect(v.countyWide).toBe(false);
    expect(v.scopeName).toBe(byCode('SFX-QS').name);
    expect(line(v, 'firstSecretaries')).toMatchObject({ target: 8, progress: 1 });
    expect(line(v, 'cadresStudy').items.map((i) => i.name).sort()).toEqual(['学员乙', '学员甲'].sort());
    const sm = await view(shimen);
    expect(line(sm, 'villageAdvisors').items.map((i) => i.name)).toEqual([byCode('SFX-QS-SM').name]);
    expect(line(sm, 'enterprisePairings').items.map((i) => i.name)).toEqual(['石门建材厂']);
    expect(JSON.stringify(sm)).not.toContain('青山茶业');
  });
});
