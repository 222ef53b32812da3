// Property: the computed volunteer-hours standing equals a straightforward recount in JS of the confirmed records
// that no confirmed correction supersedes, inside each member's activist/probationary part of the year — and the
// behind list holds exactly the members the recount finds short.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { uuidv7 } from 'uuidv7';
import type { ComplianceBehindList, MemberDutiesView } from '@jiceng/contract';
import { createTestApp, call, type Session, type TestContext } from '../../../test/harness.js';
import { demoOrgs } from '../../../test/factories.js';
import { members } from '../members/members.tables.js';
import { volunteerRecords } from './duties.tables.js';
import { shanghaiToday } from '../../platform/calendar/today.js';
import { HOURS_PLAN } from './compliance.service.js';

let t: TestContext;
let county: Session;
let countyId: string, userId: string;
let branch: { id: string; path: string };
const PY = Number(shanghaiToday().slice(0, 4)) - 2;
const DAY = 86_400_000;
const dayAt = (base: string, n: number) => new Date(Date.parse(`${base}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
const YEAR_DAYS = (Date.parse(`${PY + 1}-01-01T00:00:00Z`) - Date.parse(`${PY}-01-01T00:00:00Z`)) / DAY;

beforeAll(async () => {
  t = await createTestApp();
  const d = await demoOrgs(t.app);
  county = d.county;
  const me = await call(t.app, county, 'GET', '/api/me');
  countyId = me.body.user.countyId;
  userId = me.body.user.id;
  const b = d.byCode('SFX-QS-QS-B1') as unknown as { id: string; path: string };
  branch = { id: b.id, path: b.path };
});
afterAll(() => t.close());

const optionalDay = (from: string, span: number) => fc.option(fc.integer({ min: 0, max: span }).map((n) => dayAt(from, n)), { nil: null });
const memberArb = fc.record({
  status: fc.constantFrom('activist', 'probationary', 'formal'),
  // dates around the year: before it, inside it, after it
  activistOn: optionalDay(`${PY - 1}-07-01`, 700),
  admittedOn: optionalDay(`${PY - 1}-07-01`, 700),
  fullOn: optionalDay(`${PY - 1}-07-01`, 800),
});
const recordArb = fc.record({
  member: fc.nat(),
  day: fc.integer({ min: -20, max: YEAR_DAYS + 20 }),
  minutes: fc.integer({ min: 15, max: 600 }),
  state: fc.constantFrom('pending', 'confirmed', 'confirmed', 'rejected'),
  /** index of an earlier record of the same member this one corrects */
  corrects: fc.option(fc.nat(), { nil: null, freq: 2 }),
});
const caseArb = fc.record({ members: fc.array(memberArb, { minLength: 1, maxLength: 6 }), records: fc.array(recordArb, { maxLength: 14 }) });

type M = { status: string; activistOn: string | null; admittedOn: string | null; fullOn: string | null; id: string };
type R = { id: string; memberId: string; servedOn: string; minutes: number; state: string; correctsId: string | null };

/** the rule written out plainly, independent of compliance.rules.ts */
function recount(ms: M[], rs: R[]) {
  const counted = rs.filter((r) => r.state === 'confirmed' && !rs.some((c) => c.correctsId === r.id && c.state === 'confirmed'));
  const out = new Map<string, { done: number; behind: boolean; hours: number }>();
  for (const m of ms) {
    const start = m.activistOn ?? m.admittedOn;
    if (!start) continue;
    if (m.status === 'formal' && !m.fullOn) continue;
    const from = start > `${PY}-01-01` ? start : `${PY}-01-01`;
    const endExcl = m.fullOn && m.fullOn < `${PY + 1}-01-01` ? m.fullOn : `${PY + 1}-01-01`;
    const days = (Date.parse(`${endExcl}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY;
    if (days <= 0) continue;
    const mine = counted.filter((r) => r.memberId === m.id);
    const minutes = mine.filter((r) => r.servedOn >= from && r.servedOn < endExcl).reduce((s, r) => s + r.minutes, 0);
    out.set(m.id, {
      done: Math.round((minutes / 60) * 100) / 100,
      behind: minutes / 60 < (100 * days) / YEAR_DAYS - 1e-9,
      hours: Math.round((mine.filter((r) => r.servedOn.startsWith(`${PY}-`)).reduce((s, r) => s + r.minutes, 0) / 60) * 100) / 100,
    });
  }
  return out;
}

describe('compliance (property)', () => {
  it('equals a recount of the confirmed, non-superseded records', async () => {
    let run = 0;
    await fc.assert(fc.asyncProperty(caseArb, async ({ members: gen, records: genRecords }) => {
      // both plans of the hours query (county-wide materialized / per member) must count the same
      HOURS_PLAN.manyMembers = run++ % 2 === 0 ? 1000 : 0;
      const ms: M[] = gen.map((m) => ({ ...m, id: uuidv7() }));
      await t.database.db.insert(members).values(ms.map((m, i) => ({
        countyId, id: m.id, orgId: branch.id, orgPath: branch.path, name: `性质${i}`, searchText: `性质${i}`,
        status: m.status as 'activist', activistOn: m.activistOn, admittedOn: m.admittedOn, fullOn: m.fullOn,
      })));
      const rs: R[] = [];
      for (const g of genRecords) {
        const memberId = ms[g.member % ms.length]!.id;
        const earlier = rs.filter((r) => r.memberId === memberId);
        const correctsId = g.corrects !== null && earlier.length ? earlier[g.corrects % earlier.length]!.id : null;
        rs.push({ id: uuidv7(), memberId, servedOn: dayAt(`${PY}-01-01`, g.day), minutes: g.minutes, state: g.state, correctsId });
      }
      for (const r of rs) {
        const startsAt = new Date(`${r.servedOn}T08:00:00+08:00`);
        await t.database.db.insert(volunteerRecords).values({
          countyId, id: r.id, memberId: r.memberId, memberOrgPath: branch.path, orgId: branch.id, orgPath: branch.path, servedOn: r.servedOn, startsAt,
          endsAt: new Date(startsAt.getTime() + r.minutes * 60_000), minutes: r.minutes, place: '服务中心', content: '服务',
          state: r.state as 'confirmed', source: 'desk', correctsId: r.correctsId, createdBy: userId, createdByName: '测试',
        });
      }
      const expected = recount(ms, rs);
      const ids = new Set(ms.map((m) => m.id));
      const all = (await call(t.app, county, 'GET', `/api/compliance/behind?rule=volunteerHours&year=${PY}&all=true`)).body as ComplianceBehindList;
      const got = all.items.filter((r) => ids.has(r.subjectId));
      expect(new Set(got.map((r) => r.subjectId))).toEqual(new Set(expected.keys()));
      for (const r of got) {
        const e = expected.get(r.subjectId)!;
        expect(r.done).toBeCloseTo(e.done, 2);
        expect(r.status === 'behind').toBe(e.behind);
      }
      const list = (await call(t.app, county, 'GET', `/api/compliance/behind?rule=volunteerHours&year=${PY}`)).body as ComplianceBehindList;
      expect(new Set(list.items.filter((r) => ids.has(r.subjectId)).map((r) => r.subjectId)))
        .toEqual(new Set([...expected].filter(([, e]) => e.behind).map(([id]) => id)));
      const first = ms[0]!;
      const file = (await call(t.app, county, 'GET', `/api/members/${first.id}/duties?year=${PY}`)).body as MemberDutiesView;
      const allCounted = rs.filter((r) => r.memberId === first.id && r.servedOn.startsWith(`${PY}-`) && r.state === 'confirmed' && !rs.some((c) => c.correctsId === r.id && c.state === 'confirmed'));
      expect(file.current.hours).toBeCloseTo(allCounted.reduce((s, r) => s + r.minutes, 0) / 60, 2);
      if (expected.has(first.id)) expect(file.current.done).toBeCloseTo(expected.get(first.id)!.done, 2);
    }), { numRuns: 20 });
  });
});
