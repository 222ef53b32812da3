import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { idNumberFacts, idNumberProblem, type GridList } from '@jiceng/contract';
import { createTestApp, call, login, DEMO_PASSWORD, type TestContext } from '../../../test/harness.js';
import { openDatabase, rowsOf } from '../../db/client.js';
import { decrypt } from '../../platform/crypto/crypto.js';
import { seedDemo, type SeedResult } from './demo.seed.js';

// The demo county with its people (grids, households, members, 131n): what `npm start` shows on first start.
let t: TestContext;
let seeded: SeedResult;

beforeAll(async () => {
  t = await createTestApp({}, { demo: false });
  seeded = await seedDemo(t.database.db, DEMO_PASSWORD, { people: true });
});
afterAll(() => t.close());

const q = async <T = Record<string, unknown>>(text: string) => rowsOf<T>(await t.database.db.execute(sql.raw(text)));

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
      `select g.id, (select count(*)::int from households h where h.grid_id = g.id) n from grids g
         join orgs o on o.id = g.party_group_id where o.code = 'SFX-QS-QS-B1-G1' and g.code = 'SFX-QS-QS-W1'`,
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
    expect(kinds).toEqual(['centralHousehold', 'committeeMember', 'deputySecretary', 'firstSecretary', 'gridLeader', 'postedMember', 'secretary', 'stationedCadre']);
    const [linked] = await q<{ n: number }>(`select count(*)::int n from members where resident_id is not null`);
    expect(linked!.n).toBeGreaterThan(total * 0.5);
  });

  it('leaves a gap in 131n on purpose and pairs villages with organs, departments and enterprises', async () => {
    const missing = await q<{ code: string }>(
      `select o.code from orgs o where o.tier = 'village' and o.level <> 'group' and o.parent_id in (select id from orgs where tier = 'township')
         and (select count(distinct kind) from bodies b where b.org_id = o.id and b.kind in ('villageCommittee', 'deliberationCouncil', 'supervisionCommittee')) < 3
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
      await seedDemo(other.db, DEMO_PASSWORD, { people: true });
      const fingerprint = `select string_agg(address || head_name || array_to_string(visit_tags, ','), '|' order by address, head_name) f from households`;
      const [a] = await q<{ f: string }>(fingerprint);
      const [b] = rowsOf<{ f: string }>(await other.db.execute(sql.raw(fingerprint)));
      expect(a!.f).toBe(b!.f);
    } finally {
      await other.close();
    }
  });
});
