// Property (the independent recount): the computed case metrics and the ratings part of the mass evaluation equal
// a plain recount in JS of the same rows — random cases received around the year's ends (Asia/Shanghai), answered
// or not, on time or late, with trips, ratings from the resident or callbacks recorded inside or outside each org's
// subtree — for two villages and their township at once (the set-based statement over all targets).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { uuidv7 } from 'uuidv7';
import { sql } from 'drizzle-orm';
import { createTestApp, call, type TestContext } from '../../../test/harness.js';
import { demoOrgs } from '../../../test/factories.js';
import { cases } from '../cases/cases.tables.js';
import { computeMetrics, type MetricTarget } from './evaluation.metrics.js';
import { massInputs } from './evaluation.mass.js';

let t: TestContext;
let countyId: string;
let targets: MetricTarget[];
let origins: { id: string; path: string }[];
const Y = 2025;
const HOUR = 3_600_000;
/** 00:00 of 1 January Y in Asia/Shanghai, as UTC milliseconds */
const START = Date.parse(`${Y}-01-01T00:00:00+08:00`);
const END = Date.parse(`${Y + 1}-01-01T00:00:00+08:00`);

beforeAll(async () => {
  t = await createTestApp();
  const d = await demoOrgs(t.app);
  const me = await call(t.app, d.county, 'GET', '/api/me');
  countyId = me.body.user.countyId;
  const org = (code: string) => d.byCode(code) as unknown as { id: string; path: string; name: string; tier: 'village' | 'township' };
  const qs = org('SFX-QS-QS'), sm = org('SFX-QS-SM'), township = org('SFX-QS');
  targets = [qs, sm, township].map((o) => ({ orgId: o.id, path: o.path, tier: o.tier, name: o.name }));
  origins = [org('SFX-QS-QS-B1'), qs, sm, township].map((o) => ({ id: o.id, path: o.path }));
});
afterAll(() => t.close());

const caseArb = fc.record({
  origin: fc.nat({ max: 3 }),
  // hours from 1 January: a few days before the year to a few after its end
  receivedHour: fc.oneof(fc.integer({ min: -72, max: 72 }), fc.integer({ min: 8760 - 72, max: 8784 + 72 }), fc.integer({ min: 0, max: 8784 })),
  answeredAfterHours: fc.option(fc.integer({ min: 1, max: 400 }), { nil: null }),
  deadlineHours: fc.integer({ min: 24, max: 240 }),
  trips: fc.nat({ max: 3 }),
  rating: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
  source: fc.constantFrom('resident', 'callback'),
  /** the recording account's scope root for a callback: none (a department), or one of the origins' paths */
  rater: fc.integer({ min: -1, max: 3 }),
});

type Row = { path: string; received: number; replied: number | null; due: number; trips: number; rating: number | null; source: string | null; raterPath: string | null };
const within = (path: string, root: string) => path === root || path.startsWith(`${root}.`);

/** the rules written out plainly, independent of evaluation.metrics.ts */
function recount(rows: Row[], target: MetricTarget) {
  const mine = rows.filter((r) => within(r.path, target.path) && r.received >= START && r.received < END);
  const answered = mine.filter((r) => r.replied !== null);
  const independent = mine.filter((r) => r.rating !== null && (r.source === 'resident' || r.raterPath === null || !within(r.raterPath, target.path)));
  return {
    // answered, or still open past the deadline (as of the year's end or now)
    onTime: {
      numerator: answered.filter((r) => r.replied! <= r.due).length,
      denominator: answered.length + mine.filter((r) => r.replied === null && r.due < Math.min(Date.now(), END)).length,
    },
    oneTrip: { numerator: answered.filter((r) => r.trips <= 1).length, denominator: answered.length },
    rating: { numerator: independent.reduce((s, r) => s + r.rating!, 0), denominator: independent.length },
    mass: {
      ratingCount: independent.length, ratingSum: independent.reduce((s, r) => s + (r.rating! - 1) / 4, 0),
      ratingsExcluded: mine.filter((r) => r.rating !== null).length - independent.length,
    },
  };
}

describe('case metrics and independent ratings equal a plain recount', () => {
  it('for random cases around the year’s ends, for every target', async () => {
    let run = 0;
    await fc.assert(fc.asyncProperty(fc.array(caseArb, { minLength: 1, maxLength: 25 }), async (arb) => {
      run++;
      await t.database.db.execute(sql`delete from cases where county_id = ${countyId}::uuid`);
      const rows: Row[] = [];
      const values = arb.map((a, i) => {
        const o = origins[a.origin]!;
        const received = START + a.receivedHour * HOUR;
        const replied = a.answeredAfterHours === null ? null : received + a.answeredAfterHours * HOUR;
        const due = received + a.deadlineHours * HOUR;
        const rating = replied === null ? null : a.rating;
        const source = rating === null ? null : a.source;
        const raterPath = source === 'callback' && a.rater >= 0 ? origins[a.rater]!.path : null;
        rows.push({ path: o.path, received, replied, due, trips: a.trips, rating, source, raterPath });
        return {
          countyId, id: uuidv7(), number: `P${run}-${i}`, trackingCode: `PR${run}X${i}`, category: 'consult', title: '咨询', description: '性质测试',
          channel: 'walkIn', orgId: o.id, orgPath: o.path, state: replied === null ? 'inProgress' : rating === null ? 'replied' : 'rated', ownerTier: 'village' as const,
          receivedAt: new Date(received), dueAt: new Date(due), repliedAt: replied === null ? null : new Date(replied), trips: a.trips,
          rating, ratedAt: rating === null ? null : new Date(replied! + HOUR), ratingSource: source as 'resident' | 'callback' | null, raterPath,
        };
      });
      await t.database.db.insert(cases).values(values);
      const metrics = await computeMetrics(t.database.db, countyId, Y, targets, ['caseOnTimeRate', 'caseOneTripShare', 'caseMeanRating']);
      const mass = await massInputs(t.database.db, countyId, Y, targets);
      for (const target of targets) {
        const want = recount(rows, target);
        const got = metrics.get(target.orgId)!;
        expect({ numerator: got.get('caseOnTimeRate')!.numerator, denominator: got.get('caseOnTimeRate')!.denominator }).toEqual(want.onTime);
        expect({ numerator: got.get('caseOneTripShare')!.numerator, denominator: got.get('caseOneTripShare')!.denominator }).toEqual(want.oneTrip);
        expect({ numerator: got.get('caseMeanRating')!.numerator, denominator: got.get('caseMeanRating')!.denominator }).toEqual(want.rating);
        if (want.onTime.denominator === 0) expect(got.get('caseOnTimeRate')!.value).toBeNull();
        const m = mass.get(target.orgId)!;
        expect(m.ratingCount).toBe(want.mass.ratingCount);
        expect(m.ratingSum).toBeCloseTo(want.mass.ratingSum, 9);
        expect(m.ratingsExcluded).toBe(want.mass.ratingsExcluded);
      }
    }), { numRuns: 25 });
  });
});
