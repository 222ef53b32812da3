// The computed metrics and mass inputs on a small county built by hand (issue 11): cases registered, answered and
// rated through the API (a township callback, a village's own callback, the resident), and for every metric the
// explanation's records agree with the figure: total = denominator, hits = numerator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { METRICS, METRIC_INFO, type Metric } from '@jiceng/contract';
import { createTestApp, call, login, type Session, type TestContext } from '../../../test/harness.js';
import { code, demoOrgs, idNumber } from '../../../test/factories.js';
import { rowsOf } from '../../db/client.js';
import { shanghaiToday } from '../../platform/calendar/today.js';
import type { Actor } from '../../platform/access/access.js';
import { rateCase } from '../cases/cases.service.js';
import { sweepDeadlines } from '../cases/cases.deadlines.js';
import { computeMetrics, metricRecords, metricRule, type MetricTarget } from './evaluation.metrics.js';
import { massInputs, massRecords } from './evaluation.mass.js';

let t: TestContext;
let countyId: string;
let village: Session, township: Session;
let qs: MetricTarget, sm: MetricTarget, town: MetricTarget;
const year = Number(shanghaiToday().slice(0, 4));
const ids: string[] = [];
let branchId: string, groupId: string;

beforeAll(async () => {
  t = await createTestApp();
  const d = await demoOrgs(t.app);
  countyId = (await call(t.app, d.county, 'GET', '/api/me')).body.user.countyId;
  const org = (code: string, tier: MetricTarget['tier']) => {
    const o = d.byCode(code) as unknown as { id: string; path: string; name: string };
    return { orgId: o.id, path: o.path, name: o.name, tier };
  };
  branchId = (d.byCode('SFX-QS-QS-B1') as unknown as { id: string }).id;
  groupId = (d.byCode('SFX-QS-QS-B1-G1') as unknown as { id: string }).id;
  qs = org('SFX-QS-QS', 'village'); sm = org('SFX-QS-SM', 'village'); town = org('SFX-QS', 'township');
  [village, township] = await Promise.all([login(t.app, 'demo-village'), login(t.app, 'demo-township')]);
  // four cases of 青山村 this year: all answered by the village; one with two trips
  for (const title of ['河道垃圾堆积', '路灯不亮', '低保咨询', '修缮危房']) {
    const c = await call(t.app, village, 'POST', '/api/cases', { category: 'housing', title, description: `${title}，请村里协调处理`, channel: 'phone' });
    expect(c.status, JSON.stringify(c.body)).toBe(201);
    ids.push(c.body.id);
    expect((await call(t.app, village, 'POST', `/api/cases/${c.body.id}/accept`, {})).status).toBe(200);
  }
  for (const n of [1, 2]) expect((await call(t.app, village, 'POST', `/api/cases/${ids[1]}/trips`, { note: `第 ${n} 次再来` })).status).toBe(200);
  for (const id of ids) expect((await call(t.app, village, 'POST', `/api/cases/${id}/reply`, { mode: 'direct', text: '已派人现场处理完毕' })).status).toBe(200);
  // ratings: the township's callback (independent of the village), 4 stars
  expect((await call(t.app, township, 'POST', `/api/cases/${ids[0]}/rate`, { score: 4 })).status).toBe(200);
  // a callback recorded from inside the village (an account whose scope is the village): its own work, not counted.
  // Through the service's own step(), which records rating_source/rater_path as for any staff account.
  const me = (await call(t.app, village, 'GET', '/api/me')).body.user;
  const villageActor: Actor = {
    countyId, userId: me.id, username: me.username, displayName: me.displayName, role: me.role, orgId: qs.orgId, departmentId: null,
    scope: [qs.path], countyPath: town.path.split('.').slice(0, -1).join('.'), sessionId: 'test', ip: null,
  };
  await rateCase(t.database.db, villageActor, ids[1]!, { score: 5 });
  // the resident on the portal: what the portal's step(actor null) writes
  await t.database.db.execute(sql`update cases set rating = 2, rated_at = now(), state = 'rated', rating_source = 'resident', rated_by = null, rater_path = null
    where county_id = ${countyId}::uuid and id = ${ids[2]}::uuid`);
});
afterAll(() => t.close());

describe('case metrics and independent ratings', () => {
  it('counts on time, one trip and the independent ratings only', async () => {
    const m = await computeMetrics(t.database.db, countyId, year, [qs, sm, town], ['caseOnTimeRate', 'caseOneTripShare', 'caseMeanRating']);
    const v = m.get(qs.orgId)!;
    expect(v.get('caseOnTimeRate')).toEqual({ value: 1, numerator: 4, denominator: 4 });
    expect(v.get('caseOneTripShare')).toEqual({ value: 0.75, numerator: 3, denominator: 4 });
    // township 4 ★ + resident 2 ★; the village's own 5 ★ excluded
    expect(v.get('caseMeanRating')).toEqual({ value: 3, numerator: 6, denominator: 2 });
    // for the township the village's callback comes from inside its subtree too; the township's own callback is its own work
    expect(m.get(town.orgId)!.get('caseMeanRating')).toEqual({ value: 2, numerator: 2, denominator: 1 });
    expect(m.get(sm.orgId)!.get('caseOnTimeRate')).toEqual({ value: null, numerator: 0, denominator: 0 });
  });

  it('gives the mass inputs the same independent ratings, and lists the excluded one with why', async () => {
    const mass = await massInputs(t.database.db, countyId, year, [qs, town]);
    expect(mass.get(qs.orgId)).toEqual({ surveySum: 0, surveyCount: 0, ratingSum: (4 - 1) / 4 + (2 - 1) / 4, ratingCount: 2, ratingsExcluded: 1 });
    expect(mass.get(town.orgId)).toMatchObject({ ratingCount: 1, ratingsExcluded: 2 });
    const list = await massRecords(t.database.db, countyId, year, qs, { offset: 0, limit: 50 });
    expect(list.total).toBe(3);
    expect(list.records.filter((r) => r.counted).map((r) => r.value).sort()).toEqual([2, 4]);
    const out = list.records.find((r) => !r.counted)!;
    expect(out).toMatchObject({ value: 5, source: 'callback' });
    expect(out.why).toContain('不计入');
  });
});

describe('the other metrics on records made through the API', () => {
  const now = () => new Date().toISOString();
  const ok = (r: { status: number; body: unknown }) => { expect(r.status, JSON.stringify(r.body)).toBe(201); return r.body as { id: string }; };
  const household = async (address: string, visitTags: string[]) => ok(await call(t.app, village, 'POST', '/api/households', {
    orgId: qs.orgId, address, visitTags, residents: [{ name: `张${address}`, relation: 'head', idNumber: idNumber('19600101') }],
  }));

  it('must-visit, 两走遍, activities, grids, bodies, the secretary: numerator and denominator as built', async () => {
    const needy = await household(`青山村1组${code('H')}号`, ['needy']);
    await household(`青山村2组${code('H')}号`, ['needy', 'emptyNest']);
    const plain = await household(`青山村3组${code('H')}号`, []);
    for (const h of [needy, plain]) ok(await call(t.app, village, 'POST', '/api/visits', { householdId: h.id, visitedAt: now(), purpose: '六访走访' }));
    ok(await call(t.app, village, 'POST', '/api/activities', { kind: 'policyBriefing', title: '医保政策宣讲', heldOn: now(), place: '青山村党群服务中心', organizer: '张德明' }));
    ok(await call(t.app, village, 'POST', '/api/activities', { kind: 'healthService', title: '义诊进村', heldOn: now(), place: '青山村卫生室', organizer: '张德明' }));
    // a volunteer service is neither 五会 nor 四进: not counted
    ok(await call(t.app, village, 'POST', '/api/activities', { kind: 'volunteerService', title: '志愿清扫', heldOn: now(), place: '青山村', organizer: '张德明' }));
    ok(await call(t.app, village, 'POST', '/api/grids', { orgId: qs.orgId, name: '一网格', code: code('W'), partyGroupId: groupId }));
    ok(await call(t.app, village, 'POST', '/api/grids', { orgId: qs.orgId, name: '二网格', code: code('W') }));
    const d = await login(t.app, 'demo-county');
    const m = ok(await call(t.app, d, 'POST', '/api/members', { orgId: branchId, name: '张德明', status: 'formal' }));
    ok(await call(t.app, d, 'POST', `/api/members/${m.id}/positions`, { kind: 'secretary', orgId: qs.orgId, startedOn: '2018-01-01' }));
    // an activist of the village without confirmed hours: counted, not met
    ok(await call(t.app, village, 'POST', '/api/members', { orgId: branchId, name: '王小红', status: 'activist', activistOn: `${year}-01-05` }));
    ok(await call(t.app, d, 'POST', '/api/bodies', { orgId: qs.orgId, kind: 'deliberationCouncil', name: '青山村村民议事会', leaderName: '张德明' }));

    const all = await computeMetrics(t.database.db, countyId, year, [qs], METRICS);
    const v = all.get(qs.orgId)!;
    const nd = (x: Metric) => [v.get(x)!.numerator, v.get(x)!.denominator];
    expect(nd('mustVisitCoverage')).toEqual([1, 2]);
    expect(nd('twoWalksCoverage')).toEqual([2, 3]);
    expect(v.get('activitiesHeld')).toEqual({ value: 2, numerator: 2, denominator: 2 });
    expect(nd('gridsWithPartyGroup')).toEqual([1, 2]);
    expect(nd('bodiesComplete')).toEqual([0, 1]);
    expect(nd('threeOnesCompletion')).toEqual([0, 1]);
    expect(nd('secretaryTrained')).toEqual([0, 1]);
    expect(nd('volunteerCompliance')).toEqual([0, 1]);
  });
});

describe('accountability upheld (a deduction)', () => {
  it('counts the records of the subtree raised in the year and upheld', async () => {
    const before = (await computeMetrics(t.database.db, countyId, year, [qs, town], ['accountabilityUpheld'])).get(qs.orgId)!.get('accountabilityUpheld')!;
    const c = await call(t.app, village, 'POST', '/api/cases', { category: 'housing', title: '超期未办', description: '用于超期的办件', channel: 'phone' });
    expect(c.status).toBe(201);
    await sweepDeadlines(t.database.db, new Date(Date.parse(c.body.dueAt) + 60_000));
    const pending = (await call(t.app, township, 'GET', '/api/accountability?status=pending')).body.items as { id: string; caseId: string }[];
    const rec = pending.find((p) => p.caseId === c.body.id)!;
    expect((await call(t.app, township, 'POST', `/api/accountability/${rec.id}/review`, { decision: 'upheld', reason: '承办人未按期答复' })).status).toBe(200);
    const [{ y }] = rowsOf<{ y: number }>(await t.database.db.execute(sql`select extract(year from raised_at at time zone 'Asia/Shanghai')::int as y from accountability_records
      where county_id = ${countyId}::uuid and id = ${rec.id}::uuid`)) as [{ y: number }];
    const after = (await computeMetrics(t.database.db, countyId, year, [qs, sm, town], ['accountabilityUpheld']));
    const added = y === year ? 1 : 0;
    expect(after.get(qs.orgId)!.get('accountabilityUpheld')!.value).toBe(before.value! + added);
    expect(after.get(town.orgId)!.get('accountabilityUpheld')!.value).toBe(before.value! + added);
    expect(after.get(sm.orgId)!.get('accountabilityUpheld')!.value).toBe(0);
  });
});

describe('whistle reports on time (townships)', () => {
  it('counts each called department’s report of the township’s whistles: by the deadline or not', async () => {
    const county = await login(t.app, 'demo-county');
    const depts = (await call(t.app, county, 'GET', '/api/departments')).body.items as { id: string; code: string }[];
    const [mz, rs] = ['MZ', 'RS'].map((c) => depts.find((d) => d.code === c)!.id);
    const w = await call(t.app, township, 'POST', '/api/whistles', {
      title: '青山河三组段垃圾堆积', place: '青山村三组河段', description: '河道垃圾涉及水利、环保和民政，需要联合处置', departmentIds: [mz, rs], reportHours: 24,
    });
    expect(w.status, JSON.stringify(w.body)).toBe(201);
    const dept = await login(t.app, 'demo-dept');
    for (const step of ['acknowledge', 'arrive']) expect((await call(t.app, dept, 'POST', `/api/whistles/${w.body.id}/report`, { step })).status).toBe(200);
    expect((await call(t.app, dept, 'POST', `/api/whistles/${w.body.id}/report`, { step: 'report', result: '已协调清运，安排专人巡查' })).status).toBe(200);
    const m = await computeMetrics(t.database.db, countyId, year, [town, qs], ['whistleOnTimeRate']);
    expect(m.get(town.orgId)!.get('whistleOnTimeRate')).toEqual({ value: 0.5, numerator: 1, denominator: 2 });
    // the township's whistle is not the village's
    expect(m.get(qs.orgId)!.get('whistleOnTimeRate')).toEqual({ value: null, numerator: 0, denominator: 0 });
  });
});

describe('every metric: the explanation lists what the figure counted', () => {
  it('total = denominator and hits = numerator for every metric and target', async () => {
    const all = await computeMetrics(t.database.db, countyId, year, [qs, sm, town], METRICS);
    for (const target of [qs, sm, town]) {
      for (const metric of METRICS as readonly Metric[]) {
        const v = all.get(target.orgId)!.get(metric)!;
        expect(v, `${target.name} ${metric}`).toBeDefined();
        const r = await metricRecords(t.database.db, countyId, year, target, metric, { offset: 0, limit: 10_000 });
        expect(r.total, `${target.name} ${metric} total`).toBe(v.denominator);
        expect(r.records).toHaveLength(r.total);
        const unit = METRIC_INFO[metric].unit;
        if (unit === 'share' && metric !== 'threeOnesCompletion') {
          expect(r.records.filter((x) => x.hit).length, `${target.name} ${metric} hits`).toBe(v.numerator);
        }
        if (unit === 'count') expect(v.value).toBe(r.total);
        expect(metricRule(metric).length, metric).toBeGreaterThan(10);
        // one statement for all targets gives the same figure as a statement for this target alone
        const alone = await computeMetrics(t.database.db, countyId, year, [target], [metric]);
        expect(alone.get(target.orgId)!.get(metric), `${target.name} ${metric} alone`).toEqual(v);
      }
    }
  });

  it('masks the household head in the records', async () => {
    const r = await metricRecords(t.database.db, countyId, year, qs, 'twoWalksCoverage', { offset: 0, limit: 20 });
    for (const x of r.records) expect(x.label).not.toMatch(/^户主 \S{2,}[^*] ·/u);
  });
});
