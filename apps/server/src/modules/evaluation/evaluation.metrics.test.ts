// The computed metrics and mass inputs on a small county built by hand (issue 11): cases registered, answered and
// rated through the API (a township callback, a village's own callback, the resident), and for every metric the
// explanation's records agree with the figure: total = denominator, hits = numerator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { METRICS, METRIC_INFO, type Metric } from '@jiceng/contract';
import { createTestApp, call, login, type Session, type TestContext } from '../../../test/harness.js';
import { demoOrgs } from '../../../test/factories.js';
import { shanghaiToday } from '../../platform/calendar/today.js';
import type { Actor } from '../../platform/access/access.js';
import { rateCase } from '../cases/cases.service.js';
import { computeMetrics, metricRecords, metricRule, type MetricTarget } from './evaluation.metrics.js';
import { massInputs, massRecords } from './evaluation.mass.js';

let t: TestContext;
let countyId: string;
let village: Session, township: Session;
let qs: MetricTarget, sm: MetricTarget, town: MetricTarget;
const year = Number(shanghaiToday().slice(0, 4));
const ids: string[] = [];

beforeAll(async () => {
  t = await createTestApp();
  const d = await demoOrgs(t.app);
  countyId = (await call(t.app, d.county, 'GET', '/api/me')).body.user.countyId;
  const org = (code: string, tier: MetricTarget['tier']) => {
    const o = d.byCode(code) as unknown as { id: string; path: string; name: string };
    return { orgId: o.id, path: o.path, name: o.name, tier };
  };
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
