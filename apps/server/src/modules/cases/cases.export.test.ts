// 办件台账 export (issue 16 points 14, 16): the file streams in batches of 1,000 and still holds exactly the
// list's rows in the list's order (across batch boundaries), in the actor's scope, counted once for the purpose rule
// and the audit entry; the channel open311 reads as what the resident used.
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { CASE_STATE_LABELS } from '@jiceng/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/client.js';
import { createTestApp, call, login, type Session, type TestContext } from '../../../test/harness.js';

let t: TestContext;
let county: Session, township: Session, village: Session;
let countyId: string;
const COPIES = 1_150; // with the 3 registered: more than one batch of 1,000

async function sheetRows(body: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const rows: string[][] = [];
  wb.worksheets[0]!.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
  return rows;
}

/** Every page of GET /api/cases as `s` (the list the file must equal). */
type Item = { number: string; channel: string; orgName: string; ownerName: string; state: string; late: boolean; title: string; trips: number };
async function listAll(s: Session, query: string): Promise<Item[]> {
  const out: Item[] = [];
  let cursor: string | null = null;
  do {
    const page: { body: { items: Item[]; nextCursor: string | null } } = await call(t.app, s, 'GET', `/api/cases?${query}&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    out.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return out;
}

beforeAll(async () => {
  t = await createTestApp();
  county = await login(t.app, 'demo-county');
  township = await login(t.app, 'demo-township');
  village = await login(t.app, 'demo-village');
  for (const title of ['路灯不亮', '垃圾清运不及时', '低保咨询']) {
    const res = await call(t.app, village, 'POST', '/api/cases', { title, description: `${title}，请尽快处理`, channel: 'walkIn', category: 'civilAffairs', requesterName: '王大妈' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
  const db = t.database.db;
  [{ id: countyId }] = rowsOf<{ id: string }>(await db.execute(sql`select county_id as id from cases limit 1`)) as [{ id: string }];
  // copies of the village's cases, a minute apart (some with the same received_at: the keyset's id breaks the tie),
  // a third of them filed through the Open311 interface
  await db.execute(sql`insert into cases (county_id, id, number, tracking_code, item_id, category, title, description, channel, household_id, resident_id, grid_id,
      org_id, org_path, requester_name, state, owner_tier, owner_org_id, owner_department_id, owner_path, department_ids, first_responder_id,
      received_at, due_at, mode, forwards, trips, escalation, created_at, updated_at)
    select c.county_id, gen_random_uuid(), c.number || '-X' || g, c.tracking_code || 'X' || g, c.item_id, c.category, c.title, c.description,
      case when g % 3 = 0 then 'open311' else c.channel end, c.household_id, c.resident_id, c.grid_id,
      c.org_id, c.org_path, c.requester_name, c.state, c.owner_tier, c.owner_org_id, c.owner_department_id, c.owner_path, c.department_ids, c.first_responder_id,
      c.received_at - make_interval(mins => g / 2), c.due_at, c.mode, c.forwards, c.trips, c.escalation, c.created_at, c.updated_at
      from (select * from cases where county_id = ${countyId}::uuid order by received_at desc limit 1) c cross join generate_series(1, ${COPIES}) g`);
}, 120_000);
afterAll(() => t.close());

describe('办件台账 export (streamed)', () => {
  it("holds the list's rows in the list's order across batches, with the resident's word for the channel", async () => {
    const list = await listAll(county, 'queue=all');
    expect(list.length).toBe(COPIES + 3);
    const res = await t.app.inject({ method: 'GET', url: `/api/cases/export.xlsx?queue=all&purpose=${encodeURIComponent('年度核查')}`, headers: { cookie: county.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const rows = await sheetRows(res.rawPayload);
    expect(rows[0]!.slice(0, 6)).toEqual(['办件编号', '受理时间', '事项', '标题', '类别', '渠道']);
    const body = rows.slice(1);
    expect(body.map((r) => r[0])).toEqual(list.map((c) => c.number));
    // the same view as the list, row by row (the export reads fewer columns, through the same summaryView)
    const state = (code: string) => CASE_STATE_LABELS[code as keyof typeof CASE_STATE_LABELS]['zh-CN'];
    expect(body.map((r) => [r[3], r[7], r[8], r[11], r[13], r[16]])).toEqual(list.map((c) => [c.title, c.orgName, c.ownerName, state(c.state), c.late ? '是' : '否', String(c.trips)]));
    const channels = new Set(body.map((r) => r[5]));
    expect(channels).toContain('第三方平台提交');
    expect(channels).toContain('来访');
    expect([...channels].some((c) => c?.includes('Open311'))).toBe(false);
    expect(body.filter((r) => r[5] === '第三方平台提交').length).toBe(list.filter((c) => c.channel === 'open311').length);
  });

  it('states its purpose for a bulk export, counted once over the whole filter, and audits the rows', async () => {
    const refused = await call(t.app, county, 'GET', '/api/cases/export.xlsx?queue=all');
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'export.purposeRequired', fields: { purpose: expect.any(String) } });
    expect(JSON.stringify(refused.body.error)).toContain(String(COPIES + 3));
    const [entry] = rowsOf<{ detail: { rows: number; purpose: string } }>(await t.database.db.execute(sql`
      select detail from audit_log where county_id = ${countyId}::uuid and action = 'export.cases' order by seq desc limit 1`));
    expect(entry!.detail).toMatchObject({ rows: COPIES + 3, purpose: '年度核查' });
  });

  it('keeps the filter and the scope: a township sees its subtree, a search its matches', async () => {
    const mine = await listAll(township, 'queue=all&q=' + encodeURIComponent('低保'));
    const res = await t.app.inject({ method: 'GET', url: `/api/cases/export.xlsx?queue=all&q=${encodeURIComponent('低保')}&purpose=x`, headers: { cookie: township.cookie } });
    expect(res.statusCode).toBe(200);
    const body = (await sheetRows(res.rawPayload)).slice(1);
    expect(body.map((r) => r[0])).toEqual(mine.map((c) => c.number));
    expect(body.every((r) => r[3] === '低保咨询')).toBe(true);
  });

  it('is a stream: sent as it is written (no length known up front); a download broken off leaves the server serving', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/cases/export.xlsx?queue=all&purpose=x', headers: { cookie: county.cookie }, payloadAsStream: true });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-length']).toBeUndefined();
    const stream = res.stream();
    const first = await new Promise<Buffer>((resolve) => stream.once('data', resolve));
    expect(first.subarray(0, 2).toString()).toBe('PK');
    stream.destroy();
    const again = await call(t.app, county, 'GET', '/api/cases?queue=all&limit=1');
    expect(again.status).toBe(200);
    expect(again.body.total).toBe(COPIES + 3);
  });
});
