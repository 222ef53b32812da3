// bulkInsert (COPY on PGlite, multi-row INSERT on PostgreSQL) writes exactly the rows drizzle's insert writes:
// odd characters, nulls, arrays, defaults; a violated constraint throws 23505; a rolled-back transaction keeps none.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { createTestApp, type TestContext } from '../../../test/harness.js';
import { orgs } from '../orgs/orgs.tables.js';
import { households, residents } from '../grids/grids.tables.js';
import { sql } from 'drizzle-orm';
import { rowsOf, type DbOrTx } from '../../db/client.js';
import { bulkInsert, BULK_COPY_ROWS, trigramDeferral } from './bulk.js';

let t: TestContext;
let village: { countyId: string; id: string; path: string };

beforeAll(async () => {
  t = await createTestApp();
  const [v] = await t.database.db.select({ countyId: orgs.countyId, id: orgs.id, path: orgs.path }).from(orgs).where(eq(orgs.tier, 'village')).limit(1);
  village = v!;
}, 120_000);
afterAll(() => t?.close());

const ODD = ['tab\there', 'line\nbreak', 'cr\rhere', 'back\\slash \\N not null', '"quoted", comma', '汉字 𠀋 emoji 🙂', ''];

function household(n: number, extra: Partial<typeof households.$inferInsert> = {}): typeof households.$inferInsert {
  return {
    countyId: village.countyId, id: uuidv7(), orgId: village.id, orgPath: village.path,
    address: ODD[n % ODD.length]! || '空', headName: `户主${n}`, phone: n % 2 ? null : `1390000${String(n).padStart(4, '0')}`,
    note: n % 3 ? ODD[(n + 1) % ODD.length]! : null, searchText: `hz${n} ${ODD[n % ODD.length]}`,
    ...(n % 4 ? { visitTags: n % 2 ? ['emptyNest', 'a "quoted" tag', 'comma,tag', 'back\\slash'] : [] } : {}),
    ...extra,
  };
}

const comparable = (r: typeof households.$inferSelect) => {
  const { id: _id, createdAt: _c, updatedAt: _u, ...rest } = r;
  return rest;
};

describe('bulkInsert', () => {
  it('writes the same rows as drizzle’s insert, defaults included', async () => {
    const db = t.database.db;
    const viaDrizzle = Array.from({ length: 28 }, (_, n) => household(n));
    const viaBulk = viaDrizzle.map((h) => ({ ...h, id: uuidv7() }));
    const before = new Date();
    await db.transaction(async (tx) => {
      await tx.insert(households).values(viaDrizzle);
      await bulkInsert(tx, households, viaBulk);
    });
    const read = async (ids: string[]) => (await db.select().from(households).where(and(eq(households.countyId, village.countyId), inArray(households.id, ids))))
      .sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id));
    const a = await read(viaDrizzle.map((h) => h.id));
    const b = await read(viaBulk.map((h) => h.id));
    expect(b).toHaveLength(28);
    expect(b.map(comparable)).toEqual(a.map(comparable));
    expect(b.find((h) => h.address.startsWith('tab'))!.address).toBe('tab\there');
    expect(b[1]!.visitTags).toEqual(['emptyNest', 'a "quoted" tag', 'comma,tag', 'back\\slash']);
    expect(b[4]!.visitTags).toEqual([]); // left out → the column's default '{}'
    for (const h of b) expect(h.createdAt.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
  });

  it('writes more rows than one COPY holds, and the residents after their households', async () => {
    const db = t.database.db;
    const hs = Array.from({ length: BULK_COPY_ROWS + 7 }, (_, n) => household(n));
    const rs = hs.map((h, n) => ({
      countyId: village.countyId, id: uuidv7(), householdId: h.id!, orgPath: village.path, name: `居民${n}`, searchText: `jm${n}`,
      relation: 'head', isHead: n % 2 === 0, gender: n % 3 ? ('male' as const) : null, birthDate: n % 5 ? '1960-02-29' : null, idHash: `hash-${uuidv7()}`,
    }));
    await db.transaction(async (tx) => {
      await bulkInsert(tx, households, hs);
      await bulkInsert(tx, residents, rs);
    });
    const got = await db.select().from(residents).where(and(eq(residents.countyId, village.countyId), inArray(residents.id, rs.map((r) => r.id))));
    expect(got).toHaveLength(rs.length);
    const r1 = got.find((r) => r.id === rs[1]!.id)!;
    expect(r1).toMatchObject({ isHead: false, gender: 'male', birthDate: '1960-02-29', phone: null, idEnc: null });
  });

  it('throws the unique violation (23505) and keeps nothing of a rolled-back transaction', async () => {
    const db = t.database.db;
    const hs = [household(1), household(2)];
    const dup = uuidv7();
    const rs = hs.map((h, n) => ({ countyId: village.countyId, id: uuidv7(), householdId: h.id!, orgPath: village.path, name: `重${n}`, searchText: 'x', relation: 'head', idHash: `dup-${dup}` }));
    const err = await db.transaction(async (tx) => {
      await bulkInsert(tx, households, hs);
      await bulkInsert(tx, residents, rs);
    }).then(() => null, (e: { code?: string; cause?: { code?: string } }) => e);
    expect(err?.code ?? err?.cause?.code).toBe('23505');
    const left = await db.select().from(households).where(and(eq(households.countyId, village.countyId), inArray(households.id, hs.map((h) => h.id!))));
    expect(left).toHaveLength(0);
  });

  const trigram = async (db: DbOrTx) => rowsOf<{ name: string; def: string }>(await db.execute(sql`
    select indexname as name, indexdef as def from pg_indexes where tablename in ('households', 'residents') and indexdef like '%gin_trgm_ops%' order by 1`));

  it('rebuilds the trigram indexes a big load dropped (PGlite), the same definitions, and a rollback keeps them', async () => {
    const db = t.database.db;
    const before = await trigram(db);
    expect(before.map((i) => i.name)).toEqual(['households_search_trgm', 'residents_search_trgm']);
    const hs = Array.from({ length: 40 }, (_, n) => household(n, { searchText: `defer${n} zhangsan` }));
    let during: string[] = [];
    await db.transaction(async (tx) => {
      const d = await trigramDeferral(tx, ['households', 'residents'], 10);
      await bulkInsert(tx, households, hs);
      await d.wrote(1_000_000); // "as many rows as the tables held"
      during = (await trigram(tx)).map((i) => i.name);
      expect(d.deferred).toBe(t.database.kind === 'pglite');
      await d.finish();
    });
    // PGlite drops them for the load; PostgreSQL never does (other counties' readers)
    expect(during).toEqual(t.database.kind === 'pglite' ? [] : before.map((i) => i.name));
    expect(await trigram(db)).toEqual(before);
    const found = await db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      const plan = rowsOf<{ 'QUERY PLAN': string }>(await tx.execute(sql`explain select id from households where search_text ilike '%defer3%'`)).map((r) => r['QUERY PLAN']).join('\n');
      expect(plan).toContain('households_search_trgm');
      return rowsOf(await tx.execute(sql`select id from households where county_id = ${village.countyId}::uuid and search_text ilike '%defer3 z%'`)).length;
    });
    expect(found).toBe(1);
    // a load that fails after the drop: the rollback brings the indexes back with everything else
    await db.transaction(async (tx) => {
      const d = await trigramDeferral(tx, ['households', 'residents'], 1);
      await d.wrote(1_000_000);
      throw new Error('bad row');
    }).catch(() => {});
    expect(await trigram(db)).toEqual(before);
  });
});
