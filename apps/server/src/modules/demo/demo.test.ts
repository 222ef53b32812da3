import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { CASE_CHANNELS, FIELD_REPORT_KINDS, idNumberFacts, idNumberProblem, type CaseDetail, type CaseList, type CaseStats, type GridList } from '@jiceng/contract';
import { createTestApp, call, login, DEMO_PASSWORD, type TestContext } from '../../../test/harness.js';
import { openDatabase, rowsOf } from '../../db/client.js';
import { decrypt } from '../../platform/crypto/crypto.js';
import { seedDemo, type SeedResult } from './demo.seed.js';
import { DEMO_SERVICE_ITEMS } from './demo.catalog.js';
import { sweepDeadlines } from '../cases/cases.deadlines.js';
import { dueAt } from '../../platform/calendar/working-days.js';

// The demo county with its people (grids, households, members, 131n) and two years of cases and whistles: what
// `npm start` shows on first start. The end of the history is pinned, so a second seed can be compared.
let t: TestContext;
let seeded: SeedResult;
const NOW = new Date();

beforeAll(async () => {
  t = await createTestApp({}, { demo: false });
  seeded = await seedDemo(t.database.db, DEMO_PASSWORD, { people: true, now: NOW });
});
afterAll(() => t.close());

const q = async <T = Record<string, unknown>>(text: string) => rowsOf<T>(await t.database.db.execute(sql.raw(text)));
// the demo county: statements that join tables name it (and join on county_id), so they run on a Citus cluster too
let C = '';
beforeAll(async () => {
  C = (await q<{ c: string }>(`select county_id c from orgs where code = 'SFX'`))[0]!.c;
});

describe('demo county people', () => {
  it('has grids, households, residents, members and 131n bodies in the promised amounts', async () => {
    expect(seeded.seeded).toBe(true);
    const people = seeded.seeded ? seeded.people! : null;
    expect(people!.households).toBeGreaterThanOrEqual(3000);
    expect(people!.members).toBeGreaterThanOrEqual(400);
    const [n] = await q<{ g: number; h: number; r: number; m: number; b: number; p: number }>(
      `select (select count(*) from grids)::int g, (select count(*) from households)::int h, (select count(*) from residents)::int r,
              (select count(*) from members)::int m, (select count(*) from bodies)::int b, (select count(*) from pairings)::int p`,
    );
    expect(n).toEqual({ g: people!.grids, h: people!.households, r: people!.residents, m: people!.members, b: people!.bodies, p: people!.pairings });
    // every household 1–5 residents, exactly one head
    const bad = await q(`select household_id from residents group by household_id having count(*) > 5 or count(*) filter (where is_head) <> 1`);
    expect(bad).toEqual([]);
    // one audit entry for the whole seed, with the counts
    const audit = await q<{ detail: { people: { households: number } } }>(`select detail from audit_log where action = 'seed.demo'`);
    expect(audit).toHaveLength(1);
    expect(audit[0]!.detail.people.households).toBe(people!.households);
  });

  it('stores valid, encrypted ID numbers whose birth date and gender match the resident', async () => {
    const rows = await q<{ id_enc: string; birth_date: string; gender: string }>(`select id_enc, birth_date::text, gender from residents order by id limit 500`);
    for (const r of rows) {
      const id = decrypt(r.id_enc);
      expect(idNumberProblem(id)).toBeNull();
      expect(idNumberFacts(id)).toEqual({ birthDate: r.birth_date, gender: r.gender });
    }
    const [dup] = await q<{ n: number }>(`select count(*)::int n from (select id_hash from residents group by id_hash having count(*) > 1) d`);
    expect(dup!.n).toBe(0);
  });

  it('puts grids on the map as closed, non-degenerate polygons with a party group where the village has one', async () => {
    const county = await login(t.app, 'demo-county');
    const list = (await call(t.app, county, 'GET', '/api/grids')).body as GridList;
    expect(list.items.length).toBe(seeded.seeded ? seeded.people!.grids : 0);
    for (const g of list.items) {
      const ring = g.boundary!.type === 'Polygon' ? g.boundary!.coordinates[0]! : [];
      expect(ring[0]).toEqual(ring[ring.length - 1]);
      expect(ring.length).toBeGreaterThanOrEqual(4);
      expect(g.code).toMatch(/^SFX-[A-Z]{2}-[A-Z]{2}-W\d$/);
    }
    const flags = list.items.map((g) => g.sizeFlag);
    expect(flags).toContain('tooFew');
    expect(flags).toContain('tooMany');
    expect(flags.filter((f) => f === 'ok').length).toBeGreaterThan(list.items.length * 0.8);
    expect(list.items.filter((g) => g.centralHouseholds.length > 0).length).toBeGreaterThan(list.items.length * 0.8);
  });

  it("lets demo-grid see exactly 青山村第一网格's households", async () => {
    const [g] = await q<{ id: string; n: number }>(
      `select g.id, (select count(*)::int from households h where h.county_id = '${C}' and h.county_id = g.county_id and h.grid_id = g.id) n from grids g
         join orgs o on o.county_id = g.county_id and o.id = g.party_group_id where g.county_id = '${C}' and o.code = 'SFX-QS-QS-B1-G1' and g.code = 'SFX-QS-QS-W1'`,
    );
    expect(g!.n).toBeGreaterThan(50);
    const worker = await login(t.app, 'demo-grid');
    const res = await call(t.app, worker, 'GET', '/api/households?pageSize=10');
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(g!.n);
    expect(res.body.items.every((h: { gridId: string }) => h.gridId === g!.id)).toBe(true);
  });

  it('tags households for the six visits at realistic rates and keeps sensitive fields encrypted', async () => {
    const [r] = await q<Record<string, number>>(
      `select count(*)::int total, ${['needy', 'emptyNest', 'leftBehindChild', 'disabled', 'floatingMember', 'unemployed']
        .map((tag) => `count(*) filter (where '${tag}' = any(visit_tags))::int "${tag}"`).join(', ')} from households`,
    );
    const share = (k: string) => r![k]! / r!.total!;
    expect(share('needy')).toBeGreaterThan(0.03);
    expect(share('emptyNest')).toBeGreaterThan(0.06);
    expect(share('leftBehindChild')).toBeGreaterThan(0.02);
    expect(share('disabled')).toBeGreaterThan(0.02);
    expect(share('floatingMember')).toBeGreaterThan(0.005);
    expect(share('unemployed')).toBeGreaterThan(0.02);
    const sensitive = await q<{ s: string }>(`select sensitive_enc s from residents where sensitive_enc is not null limit 50`);
    expect(sensitive.length).toBe(50);
    for (const { s } of sensitive) expect(s.startsWith('v1:')).toBe(true);
    const texts = sensitive.map(({ s }) => decrypt(s)).join('\n');
    expect(texts).toMatch(/级|户|孕妇|高血压|糖尿病|肺病|后遗症|冠心病/);
  });

  it('gives members consistent statuses, dates and positions', async () => {
    const rows = await q<{ status: string; n: number }>(`select status, count(*)::int n from members group by status`);
    const total = rows.reduce((s, r) => s + r.n, 0);
    const by = Object.fromEntries(rows.map((r) => [r.status, r.n / total]));
    expect(by.formal).toBeGreaterThan(0.75);
    expect(by.probationary).toBeGreaterThan(0.04);
    expect(by.activist).toBeGreaterThan(0.03);
    const [wrong] = await q<{ n: number }>(
      `select count(*)::int n from members where activist_on > coalesce(admitted_on, activist_on) or admitted_on > coalesce(full_on, admitted_on)
          or (status = 'formal' and full_on is null) or (status = 'probationary' and (admitted_on is null or full_on is not null))
          or (status = 'activist' and admitted_on is not null) or (floating and floating_to is null)`,
    );
    expect(wrong!.n).toBe(0);
    const kinds = (await q<{ kind: string }>(`select distinct kind from member_positions order by kind`)).map((r) => r.kind);
    // villageAdvisor: the 6×100 programme's 村级顾问 (duties demo)
    expect(kinds).toEqual(['centralHousehold', 'committeeMember', 'deputySecretary', 'firstSecretary', 'gridLeader', 'postedMember', 'secretary', 'stationedCadre', 'villageAdvisor']);
    const [linked] = await q<{ n: number }>(`select count(*)::int n from members where resident_id is not null`);
    expect(linked!.n).toBeGreaterThan(total * 0.5);
  });

  it('leaves a gap in 131n on purpose and pairs villages with organs, departments and enterprises', async () => {
    const missing = await q<{ code: string }>(
      `select o.code from orgs o where o.county_id = '${C}' and o.tier = 'village' and o.level <> 'group'
         and o.parent_id in (select id from orgs where county_id = '${C}' and tier = 'township')
         and (select count(distinct kind) from bodies b where b.county_id = '${C}' and b.county_id = o.county_id and b.org_id = o.id and b.kind in ('villageCommittee', 'deliberationCouncil', 'supervisionCommittee')) < 3
       order by o.code`,
    );
    expect(missing.map((m) => m.code)).toEqual(['SFX-CG-LS', 'SFX-DF-JS']);
    const kinds = await q<{ kind: string; partner_kind: string }>(`select distinct kind, partner_kind from pairings order by 1, 2`);
    expect(kinds).toEqual([
      { kind: 'assistance', partner_kind: 'department' }, { kind: 'coBuilding', partner_kind: 'org' }, { kind: 'enterpriseVillage', partner_kind: 'enterprise' },
    ]);
  });

  it('is the same demo on every run (seeded PRNG) and seeds only once', async () => {
    expect((await seedDemo(t.database.db, DEMO_PASSWORD, { people: true })).seeded).toBe(false);
    const other = await openDatabase('memory://');
    try {
      await seedDemo(other.db, DEMO_PASSWORD, { people: true, now: NOW });
      for (const fingerprint of [
        `select string_agg(address || head_name || array_to_string(visit_tags, ','), '|' order by address, head_name) f from households`,
        `select string_agg(concat_ws(',', number, tracking_code, title, state, due_at, replied_at, rating), '|' order by number) f from cases`,
        `select string_agg(concat_ws(',', number, title, created_at, due_at, state), '|' order by number) f from whistles`,
      ]) {
        const [a] = await q<{ f: string }>(fingerprint);
        const [b] = rowsOf<{ f: string }>(await other.db.execute(sql.raw(fingerprint)));
        expect(a!.f).toBe(b!.f);
      }
    } finally {
      await other.close();
    }
  });
});

describe('demo county cases and whistles (two years, 篇三 受理-承办-回复, 篇四 吹哨报到)', () => {
  const counts = () => (seeded.seeded ? seeded.cases! : null)!;

  it('holds a few cases per village a week, in the intended mix', async () => {
    const c = counts();
    expect(c.cases).toBeGreaterThanOrEqual(4000);
    expect(c.cases).toBeLessThanOrEqual(6000);
    expect(c.forwarded / c.cases).toBeGreaterThan(0.08);
    expect(c.forwarded / c.cases).toBeLessThan(0.16);
    expect(c.late / c.cases).toBeGreaterThan(0.02);
    expect(c.late / c.cases).toBeLessThan(0.06);
    expect(c.open).toBeGreaterThanOrEqual(5);
    expect(c.open).toBeLessThan(60);
    expect(c.overdue).toBeGreaterThanOrEqual(2);
    expect(c.whistles).toBeGreaterThanOrEqual(20);
    expect(c.whistles).toBeLessThanOrEqual(40);
    const [n] = await q<{ cases: number; events: number; acc: number; whistles: number }>(
      `select (select count(*) from cases)::int cases, (select count(*) from case_events)::int events,
              (select count(*) from accountability_records)::int acc, (select count(*) from whistles)::int whistles`,
    );
    expect(n).toEqual({ cases: c.cases, events: c.events, acc: c.accountability, whistles: c.whistles });
    const channels = await q<{ channel: string; n: number }>(`select channel, count(*)::int n from cases group by channel order by n desc`);
    expect(channels.map((r) => r.channel).sort()).toEqual([...CASE_CHANNELS].sort());
    expect(channels[0]!.channel).toBe('walkIn');
    const kinds = await q<{ k: string }>(`select distinct field_report_kind k from cases where channel = 'gridReport' order by 1`);
    expect(kinds.map((r) => r.k)).toEqual([...FIELD_REPORT_KINDS].sort());
    const [mix] = await q<{ items: number; rights: number; high: number; rated: number; trips2: number; villages: number }>(
      `select count(*) filter (where item_id is not null)::int items, count(*) filter (where category = 'rights')::int rights,
              count(*) filter (where rating >= 4)::int high, count(rating)::int rated, count(*) filter (where trips >= 2)::int trips2,
              count(distinct owner_org_id) filter (where owner_tier = 'village')::int villages from cases`,
    );
    expect(mix!.items / c.cases).toBeGreaterThan(0.5);
    expect(mix!.rights).toBeGreaterThan(100);
    expect(mix!.high / mix!.rated).toBeGreaterThan(0.8);
    expect(mix!.trips2).toBeGreaterThan(20);
    expect(mix!.villages).toBe(16);
  });

  it('gives every case an owner, a deadline on the calendar, a number and a timeline that ends in its state', async () => {
    const [bad] = await q<Record<string, number>>(`
      with ev as (
        select case_id, (array_agg(kind order by at, id))[1] first_kind,
               (array_agg(to_state order by at desc, id desc) filter (where to_state is not null))[1] last_state,
               count(*) filter (where kind = 'overdue')::int overdue, count(*) filter (where kind = 'forwarded')::int forwarded
          from case_events where county_id = '${C}' group by case_id)
      select count(*) filter (where c.owner_org_id is null and c.owner_department_id is null)::int no_owner,
             count(*) filter (where (c.owner_tier = 'county') <> (c.owner_department_id is not null and c.owner_path is null))::int bad_owner,
             count(*) filter (where c.due_at is null)::int no_due,
             count(*) filter (where ev.first_kind is distinct from 'received')::int first_not_received,
             count(*) filter (where ev.last_state is distinct from c.state)::int last_state_wrong,
             count(*) filter (where c.replied_at < c.received_at or c.rated_at < c.replied_at or c.closed_at < c.replied_at)::int time_travel,
             count(*) filter (where (c.state in ('replied', 'rated', 'closed')) <> (c.replied_at is not null))::int replied_mismatch,
             count(*) filter (where c.escalation <> ev.overdue or c.forwards <> ev.forwarded)::int counters_wrong,
             count(*) filter (where c.first_responder_id is null and not (c.channel in ('web', 'open311') and c.state = 'received'))::int no_responder,
             count(*) filter (where c.owner_department_id is not null and not c.owner_department_id = any(c.department_ids))::int dept_missing,
             count(*) filter (where extract(hour from c.due_at at time zone 'Asia/Shanghai') <> 23)::int due_not_end_of_day
        from cases c left join ev on ev.case_id = c.id where c.county_id = '${C}'`);
    expect(bad).toEqual({
      no_owner: 0, bad_owner: 0, no_due: 0, first_not_received: 0, last_state_wrong: 0, time_travel: 0, replied_mismatch: 0,
      counters_wrong: 0, no_responder: 0, dept_missing: 0, due_not_end_of_day: 0,
    });
    // every state step starts where the one before ended
    const [broken] = await q<{ n: number }>(`
      select count(*)::int n from (
        select from_state, lag(to_state) over (partition by county_id, case_id order by at, id) prev, kind
          from case_events where county_id = '${C}' and to_state is not null) s
       where kind <> 'received' and from_state is distinct from prev`);
    expect(broken!.n).toBe(0);
    // numbers: unique, gapless per year, and the counter goes on after them
    const years = await q<{ y: number; n: number; max: number; next: number }>(`
      select y, n, max, (select next from case_counters k where k.county_id = '${C}' and k.year = y) next
        from (select substr(number, 1, 4)::int y, count(*)::int n, max(substr(number, 6)::int) max from cases where county_id = '${C}' group by 1) c order by y`);
    for (const y of years) expect([y.max, y.next]).toEqual([y.n, y.n + 1]);
    const [codes] = await q<{ n: number; codes: number }>(`select (select count(distinct number) from cases where county_id = '${C}')::int n, (select count(*) from tracking_codes)::int codes`);
    expect(codes).toEqual({ n: counts().cases, codes: counts().cases });
  });

  it('computes deadlines as the API does: promised working days at the item\'s tier, else the county default', async () => {
    const days = new Map(DEMO_SERVICE_ITEMS.map((i) => [i.code, i]));
    const rows = await q<{ received_at: string; due_at: string; code: string | null }>(`
      select c.received_at, c.due_at, si.code from cases c left join service_items si on si.county_id = c.county_id and si.id = c.item_id
       where c.county_id = '${C}' and c.forwards = 0
         and not exists (select 1 from case_events e where e.county_id = '${C}' and e.county_id = c.county_id and e.case_id = c.id and e.kind = 'waiting')
       order by c.number limit 600`);
    for (const r of rows) {
      const item = r.code ? days.get(r.code)! : null;
      const n = item && item.tier === 'village' ? item.days : 3;
      expect(new Date(r.due_at).toISOString()).toBe(dueAt(new Date(r.received_at), n).toISOString());
    }
  });

  it('leaves the deadlines job nothing to mark: the seeded marks, records and notices are the job\'s own', async () => {
    expect(await sweepDeadlines(t.database.db, NOW)).toEqual({ counties: 1, dueSoon: 0, overdue: 0 });
    const [acc] = await q<{ records: number; overdue: number; reviewed: number; pending: number; upheld: number; dismissed: number; no_reason: number }>(`
      select count(*)::int records, (select count(*) from case_events where county_id = '${C}' and kind = 'overdue')::int overdue,
             count(*) filter (where status <> 'pending')::int reviewed, count(*) filter (where status = 'pending')::int pending,
             count(*) filter (where status = 'upheld')::int upheld, count(*) filter (where status = 'dismissed')::int dismissed,
             count(*) filter (where status <> 'pending' and (reason is null or reviewed_by is null))::int no_reason
        from accountability_records where county_id = '${C}'`);
    expect(acc!.records).toBe(acc!.overdue);
    expect(acc!.upheld).toBeGreaterThan(5);
    expect(acc!.dismissed).toBeGreaterThan(5);
    expect(acc!.pending).toBeGreaterThan(0);
    expect(acc!.no_reason).toBe(0);
  });

  it('shows demo-township its cases, statistics and accountability records through the API', async () => {
    const township = await login(t.app, 'demo-township');
    const list = (await call(t.app, township, 'GET', '/api/cases?limit=20')).body as CaseList;
    expect(list.total).toBeGreaterThan(800);
    expect(list.items.map((i) => i.receivedAt)).toEqual([...list.items.map((i) => i.receivedAt)].sort().reverse());
    const detail = (await call(t.app, township, 'GET', `/api/cases/${list.items[list.items.length - 1]!.id}`)).body as CaseDetail;
    expect(detail.timeline[0]!.kind).toBe('received');
    const to = NOW.toISOString().slice(0, 10);
    const from = new Date(NOW.getTime() - 365 * 86_400_000).toISOString().slice(0, 10);
    const stats = (await call(t.app, township, 'GET', `/api/cases/stats?from=${from}&to=${to}`)).body as CaseStats;
    expect(stats.rows.filter((r) => r.received > 50)).toHaveLength(4); // 青山村、石门村、白果村、茶园村
    expect(stats.total.onTimeRate).toBeGreaterThan(0.9);
    expect(stats.total.avgRating).toBeGreaterThan(4);
    const acc = await call(t.app, township, 'GET', '/api/accountability');
    expect(acc.status).toBe(200);
    expect(acc.body.items.length).toBeGreaterThan(0);
    // every other village, township and department has a seat of its own (same password)
    const shimen = await login(t.app, 'demo-v-sm');
    const mine = (await call(t.app, shimen, 'GET', '/api/cases?limit=1')).body as CaseList;
    expect(mine.total).toBeGreaterThan(100);
    expect(mine.total).toBeLessThan(list.total);
  });

  it('has townships whistle 2–4 departments, who mostly report on time, and links some whistles to their cases', async () => {
    const rows = await q<{ number: string; reports: number; reported: number; late: number; missing: number; cases: number; state: string }>(`
      select w.number, w.state, count(r.id)::int reports, count(r.reported_at)::int reported,
             count(*) filter (where r.reported_at > w.due_at)::int late,
             count(*) filter (where r.reported_at is null and w.due_at < now())::int missing,
             (select count(*) from whistle_cases wc where wc.county_id = '${C}' and wc.county_id = w.county_id and wc.whistle_id = w.id)::int cases
        from whistles w join whistle_reports r on r.county_id = w.county_id and r.whistle_id = w.id where w.county_id = '${C}' group by w.county_id, w.id order by w.number`);
    for (const w of rows) {
      expect(w.reports).toBeGreaterThanOrEqual(2);
      expect(w.reports).toBeLessThanOrEqual(4);
    }
    const sum = (k: 'reports' | 'reported' | 'late' | 'missing' | 'cases') => rows.reduce((s, w) => s + w[k], 0);
    expect(sum('late')).toBeGreaterThan(0);
    expect(sum('missing')).toBeGreaterThanOrEqual(2);
    expect((sum('reported') - sum('late')) / sum('reports')).toBeGreaterThan(0.7);
    expect(sum('cases')).toBeGreaterThan(5);
    expect(rows.some((w) => w.state === 'open')).toBe(true);
    const [whistled] = await q<{ n: number }>(`
      select count(*)::int n from whistle_cases wc
       where wc.county_id = '${C}' and not exists (select 1 from case_events e where e.county_id = '${C}' and e.county_id = wc.county_id and e.case_id = wc.case_id
         and e.kind = 'whistled' and e.detail->>'whistleId' = wc.whistle_id::text)`);
    expect(whistled!.n).toBe(0);
  });
});

describe('demo member login (issue 10)', () => {
  it('demo-member is a probationary member or activist of 青山村 and sees only their own file', async () => {
    const member = await login(t.app, 'demo-member');
    const me = (await call(t.app, member, 'GET', '/api/me')).body;
    expect(me.user.role).toBe('member');
    const file = (await call(t.app, member, 'GET', '/api/me/member')).body;
    expect(file.member.id).toBe(me.user.memberId);
    expect(['probationary', 'activist']).toContain(file.member.status);
    const [org] = await q<{ code: string }>(`select o.code from orgs o where o.id = '${file.member.orgId}'`);
    expect(org!.code.startsWith('SFX-QS-QS')).toBe(true);
    expect((await call(t.app, member, 'GET', '/api/members')).status).toBe(403);
  });
});
