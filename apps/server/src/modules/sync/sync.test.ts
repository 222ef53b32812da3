import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { GridView, HouseholdView, SyncResult } from '@jiceng/contract';
import { createTestApp, call, login, type Session, type TestContext } from '../../../test/harness.js';
import { code, demoOrgs, idNumber } from '../../../test/factories.js';
import { rowsOf } from '../../db/client.js';

let t: TestContext;
let worker: Session;
let grid: GridView;
let household: HouseholdView;
let otherHousehold: HouseholdView;
/** a tiny JPEG: the server checks the magic bytes */
const PHOTO = { name: 'bridge.jpg', mime: 'image/jpeg', data: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0xff, 0xd9]).toString('base64') };

const visit = (over: Record<string, unknown> = {}) => ({
  id: uuidv7(), type: 'visit',
  payload: { householdId: household.id, visitedAt: new Date(Date.now() - 3_600_000).toISOString(), purpose: '走访空巢老人', notes: { conditions: '身体尚可', difficulties: '冬季取暖' }, photos: [PHOTO], ...over },
});
const report = (title: string) => ({
  id: uuidv7(), type: 'fieldReport', payload: { kind: 'facilityDamage', title, description: '桥栏杆断了两节，夜里有危险', gridId: grid.id, photos: [PHOTO] },
});
const sync = (s: Session | null, records: unknown[]) => call(t.app, s, 'POST', '/api/sync', { records });
const count = async (q: ReturnType<typeof sql>) => rowsOf<{ n: number }>(await t.database.db.execute(q))[0]!.n;
const visitCount = (id: string) => count(sql`select count(*)::int as n from visits where id = ${id}::uuid`);
const caseCount = (title: string) => count(sql`select count(*)::int as n from cases where title = ${title} and channel = 'gridReport'`);

beforeAll(async () => {
  t = await createTestApp();
  const { county, byCode } = await demoOrgs(t.app);
  const village = await login(t.app, 'demo-village');
  grid = (await call(t.app, village, 'POST', '/api/grids', { orgId: byCode('SFX-QS-QS').id, name: '同步一网格', code: code('W'), partyGroupId: byCode('SFX-QS-QS-B1-G1').id })).body;
  household = (await call(t.app, village, 'POST', '/api/households', {
    orgId: byCode('SFX-QS-QS').id, gridId: grid.id, address: '青山村3组12号', visitTags: ['emptyNest'],
    residents: [{ name: '张德顺', relation: 'head', idNumber: idNumber('19520315') }],
  })).body;
  const otherGrid = (await call(t.app, county, 'POST', '/api/grids', { orgId: byCode('SFX-QS-SM').id, name: '石门一网格', code: code('W') })).body;
  otherHousehold = (await call(t.app, county, 'POST', '/api/households', {
    orgId: byCode('SFX-QS-SM').id, gridId: otherGrid.id, address: '石门村1组1号', residents: [{ name: '王石门', relation: 'head', idNumber: idNumber('19700101') }],
  })).body;
  worker = await login(t.app, 'demo-grid');
});
afterAll(() => t.close());

describe('sync', () => {
  it('refuses without a session, without the permission, and a malformed batch', async () => {
    expect((await sync(null, [visit()])).status).toBe(401);
    expect((await sync(await login(t.app, 'demo-evaluator'), [visit()])).status).toBe(403);
    expect((await sync(worker, [])).status).toBe(400);
    expect((await sync(worker, [{ id: 'not-a-uuid', type: 'visit', payload: {} }])).status).toBe(400);
  });

  it('creates a visit and a 六报 case, then answers duplicate for the same records', async () => {
    const title = `桥栏杆损坏 ${code()}`;
    const records = [visit(), report(title)];
    const first = await sync(worker, records);
    expect(first.status).toBe(200);
    expect(first.body.results).toEqual([{ id: records[0]!.id, status: 'created' }, { id: records[1]!.id, status: 'created' }]);
    const again = await sync(worker, records);
    expect(again.body.results.map((r: SyncResult) => r.status)).toEqual(['duplicate', 'duplicate']);
    expect(await visitCount(records[0]!.id)).toBe(1);
    expect(await caseCount(title)).toBe(1);
    // the visit is the phone's id, with its photo; the report is a grid-report case
    const v = await call(t.app, worker, 'GET', `/api/visits/${records[0]!.id}`);
    expect(v.body).toMatchObject({ householdId: household.id, purpose: '走访空巢老人', notes: { conditions: '身体尚可' } });
    expect(v.body.photos).toHaveLength(1);
    const cases = await call(t.app, worker, 'GET', '/api/cases?channel=gridReport');
    expect(cases.body.items.find((c: { title: string }) => c.title === title)).toMatchObject({ fieldReportKind: 'facilityDamage', channel: 'gridReport' });
  });

  it('creates one copy when the same batch is sent 3 times', async () => {
    const title = `巷道脏乱 ${code()}`;
    const records = [visit(), visit({ purpose: '再访' }), report(title)];
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await sync(worker, records)).body.results.map((r: SyncResult) => r.status));
    expect(statuses).toEqual([['created', 'created', 'created'], ['duplicate', 'duplicate', 'duplicate'], ['duplicate', 'duplicate', 'duplicate']]);
    expect(await visitCount(records[0]!.id)).toBe(1);
    expect(await visitCount(records[1]!.id)).toBe(1);
    expect(await caseCount(title)).toBe(1);
  });

  it('creates one copy when the same batch arrives twice at once', async () => {
    const title = `新增孕情 ${code()}`;
    const records = [visit(), report(title)];
    const [a, b] = await Promise.all([sync(worker, records), sync(worker, records)]);
    const statuses = [...a.body.results, ...b.body.results].map((r: SyncResult) => r.status).sort();
    expect(statuses).toEqual(['created', 'created', 'duplicate', 'duplicate']);
    expect(await visitCount(records[0]!.id)).toBe(1);
    expect(await caseCount(title)).toBe(1);
  });

  it('answers conflict for the same id with other content and changes nothing', async () => {
    const r = visit();
    await sync(worker, [r]);
    const changed = { ...r, payload: { ...r.payload, purpose: '改过的目的' } };
    const res = await sync(worker, [changed]);
    expect(res.body.results[0]).toMatchObject({ id: r.id, status: 'conflict' });
    expect(res.body.results[0].reason).toContain('不同内容');
    const v = await call(t.app, worker, 'GET', `/api/visits/${r.id}`);
    expect(v.body.purpose).toBe('走访空巢老人');
  });

  it('answers invalid per record with reasons, and still takes the good ones', async () => {
    const good = visit();
    const badFields = visit({ purpose: '', householdId: undefined, groupOrgId: undefined });
    const unknown = { id: uuidv7(), type: 'diary', payload: {} };
    const survey = { id: uuidv7(), type: 'surveyResponse', payload: { householdId: household.id } };
    const res = await sync(worker, [badFields, unknown, good, survey]);
    const [a, b, c, d] = res.body.results as SyncResult[];
    expect(a).toMatchObject({ status: 'invalid' });
    expect(Object.keys(a!.fields ?? {})).toContain('purpose');
    expect(b).toMatchObject({ status: 'invalid', reason: '未知的记录类型“diary”' });
    expect(c).toMatchObject({ id: good.id, status: 'created' });
    expect(d).toMatchObject({ status: 'invalid' });
    expect(Object.keys(d!.fields ?? {})).toEqual(expect.arrayContaining(['drawId', 'answers']));
    expect(await visitCount(good.id)).toBe(1);
  });

  it('refuses a visit to a household of another village (scope), and takes it once corrected under the same id', async () => {
    const r = visit({ householdId: otherHousehold.id });
    const res = await sync(worker, [r]);
    expect(res.body.results[0]).toMatchObject({ id: r.id, status: 'invalid' });
    expect(res.body.results[0].fields.householdId).toBeDefined();
    expect(await visitCount(r.id)).toBe(0);
    const [receipt] = rowsOf<{ status: string; reason: string }>(await t.database.db.execute(sql`select status, reason from sync_receipts where id = ${r.id}::uuid`));
    expect(receipt).toMatchObject({ status: 'invalid' });
    // nothing was stored, so the corrected record may keep its id
    const fixed = await sync(worker, [{ ...r, payload: { ...r.payload, householdId: household.id } }]);
    expect(fixed.body.results[0].status).toBe('created');
    expect(await visitCount(r.id)).toBe(1);
  });

  it('records a survey answer for a drawn household once', async () => {
    const township = await login(t.app, 'demo-township');
    const { byCode } = await demoOrgs(t.app);
    const draw = (await call(t.app, township, 'POST', '/api/surveys/draws', { orgId: byCode('SFX-QS').id, level: 'township', title: '同步测试抽样', sampleSize: 5 })).body;
    expect(draw.households.map((h: { id: string }) => h.id)).toContain(household.id);
    const answers = Object.fromEntries(draw.questions.map((q: { key: string }) => [q.key, 5]));
    const r = { id: uuidv7(), type: 'surveyResponse', payload: { drawId: draw.id, householdId: household.id, answers, answeredAt: new Date(Date.now() - 60_000).toISOString() } };
    expect((await sync(worker, [r])).body.results[0]).toEqual({ id: r.id, status: 'created' });
    expect((await sync(worker, [r])).body.results[0]).toEqual({ id: r.id, status: 'duplicate' });
    expect(await count(sql`select count(*)::int as n from survey_responses where id = ${r.id}::uuid`)).toBe(1);
  });

  it('refuses a 六报 on a grid of the worker’s village that is not theirs (issue 15)', async () => {
    const village = await login(t.app, 'demo-village');
    const { byCode } = await demoOrgs(t.app);
    const notMine = (await call(t.app, village, 'POST', '/api/grids', { orgId: byCode('SFX-QS-QS').id, name: '青山二网格', code: code('W') })).body as GridView;
    const title = `他人网格 ${code()}`;
    const r = { ...report(title), payload: { ...report(title).payload, gridId: notMine.id } };
    const res = await sync(worker, [r]);
    expect(res.body.results[0]).toMatchObject({ id: r.id, status: 'invalid' });
    expect(res.body.results[0].fields.gridId).toBe('所选网格不在受理单位辖区内');
    expect(await caseCount(title)).toBe(0);
  });

  it('answers a record id used by another account exactly as an unused one (issue 15)', async () => {
    const village = await login(t.app, 'demo-village');
    const { byCode } = await demoOrgs(t.app);
    // the village cadre's record on a household outside the worker's grid, sent through sync with its id
    const villageHousehold = (await call(t.app, village, 'POST', '/api/households', {
      orgId: byCode('SFX-QS-QS').id, address: `青山村5组${code('H')}号`, residents: [{ name: '李五组', relation: 'head', idNumber: idNumber('19650505') }],
    })).body as HouseholdView;
    const theirs = visit({ householdId: villageHousehold.id, purpose: '村干部走访' });
    expect((await sync(village, [theirs])).body.results[0]).toEqual({ id: theirs.id, status: 'created' });
    // …and one made at the desk with a chosen id (no receipt)
    const deskId = uuidv7();
    expect((await call(t.app, village, 'POST', '/api/visits', { id: deskId, householdId: villageHousehold.id, visitedAt: new Date().toISOString(), purpose: '桌面录入' })).status).toBe(201);
    const workerVisits = () => count(sql`select count(*)::int as n from visits v join users u on u.county_id = v.county_id and u.id = v.visitor_id where u.username = 'demo-grid'`);
    for (const taken of [theirs.id, deskId]) {
      const probe = { ...visit(), id: taken };
      const unused = visit();
      const before = await workerVisits();
      const [a, b] = (await sync(worker, [probe, unused])).body.results as SyncResult[];
      expect(a).toEqual({ id: taken, status: 'created' });
      expect(b).toEqual({ id: unused.id, status: 'created' });
      // a retry of it is a duplicate, a change a conflict — as for any own record
      expect((await sync(worker, [probe])).body.results[0]).toEqual({ id: taken, status: 'duplicate' });
      expect((await sync(worker, [{ ...probe, payload: { ...probe.payload, purpose: '改' } }])).body.results[0]).toMatchObject({ id: taken, status: 'conflict' });
      // the village's record is untouched and the worker's visit exists once, under its own id
      expect((await call(t.app, village, 'GET', `/api/visits/${taken}`)).body.householdId).toBe(villageHousehold.id);
      expect(await workerVisits()).toBe(before + 2);
    }
    // the village cadre's own retry still finds its receipt
    expect((await sync(village, [theirs])).body.results[0]).toEqual({ id: theirs.id, status: 'duplicate' });
  });

  it('refuses a 六报 outside the grid worker’s area', async () => {
    const r = { ...report(`越界 ${code()}`), payload: { ...report('x').payload, title: `越界 ${code()}`, householdId: otherHousehold.id } };
    const res = await sync(worker, [r]);
    expect(res.body.results[0]).toMatchObject({ status: 'invalid' });
    expect(await caseCount(r.payload.title)).toBe(0);
  });
});
