// DESIGN.md §3 (Citus-ready): a tenant table has county_id in its primary key and in every foreign
// key to another tenant table; reference tables are the declared exceptions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rowsOf, type Database } from './client.js';
import { DISTRIBUTED_TABLES, REFERENCE_TABLES } from './schema.js';
import { distributionOrder } from './citus.js';

let database: Database;
beforeAll(async () => {
  // the harness's fresh database, without the app
  const { createTestApp } = await import('../../test/harness.js');
  const t = await createTestApp({}, { demo: false });
  database = t.database;
  closeAll = t.close;
});
let closeAll: () => Promise<void> = async () => {};
afterAll(() => closeAll());

describe('scale-out rule (Citus-ready schema)', () => {
  it('every tenant table has county_id in its primary key', async () => {
    const tables = rowsOf<{ table_name: string }>(await database.db.execute(sql`
      select table_name from information_schema.tables
       where table_schema = 'public' and table_type = 'BASE TABLE'`)).map((r) => r.table_name);
    expect(tables).toEqual(expect.arrayContaining(['orgs', 'users', 'sessions', 'audit_log', 'departments', 'policy_overrides']));
    const pkCols = rowsOf<{ table_name: string; column_name: string }>(await database.db.execute(sql`
      select tc.table_name, kcu.column_name
        from information_schema.table_constraints tc
        join information_schema.key_column_usage kcu
          on kcu.constraint_name = tc.constraint_name and kcu.table_schema = tc.table_schema
       where tc.table_schema = 'public' and tc.constraint_type = 'PRIMARY KEY'`));
    const offenders = tables
      .filter((t) => !(REFERENCE_TABLES as readonly string[]).includes(t))
      .filter((t) => !pkCols.some((c) => c.table_name === t && c.column_name === 'county_id'));
    expect(offenders).toEqual([]);
  });

  it('every foreign key between tenant tables includes county_id on both sides', async () => {
    const fks = rowsOf<{ name: string; from_table: string; to_table: string; from_cols: string[]; to_cols: string[] }>(await database.db.execute(sql`
      select c.conname as name, c.conrelid::regclass::text as from_table, c.confrelid::regclass::text as to_table,
             array(select a.attname::text from unnest(c.conkey) k join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k) as from_cols,
             array(select a.attname::text from unnest(c.confkey) k join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k) as to_cols
        from pg_constraint c join pg_namespace n on n.oid = c.connamespace
       where c.contype = 'f' and n.nspname = 'public'`));
    expect(fks.length).toBeGreaterThan(0);
    const reference = REFERENCE_TABLES as readonly string[];
    const offenders = fks
      .filter((fk) => !reference.includes(fk.from_table) && !reference.includes(fk.to_table))
      .filter((fk) => {
        const i = fk.from_cols.indexOf('county_id');
        return i === -1 || fk.to_cols[i] !== 'county_id';
      })
      .map((fk) => fk.name);
    expect(offenders).toEqual([]);
  });

  it('reference tables have no foreign key into a tenant table (Citus forbids it)', async () => {
    const bad = rowsOf<{ conname: string }>(await database.db.execute(sql`
      select c.conname from pg_constraint c
       where c.contype = 'f' and c.conrelid::regclass::text in (select unnest(${`{${REFERENCE_TABLES.join(',')}}`}::text[]))`));
    expect(bad).toEqual([]);
  });

  it('every tenant table says how it is distributed (DISTRIBUTED_TABLES, read by jiceng citus distribute)', async () => {
    const tables = rowsOf<{ table_name: string }>(await database.db.execute(sql`
      select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`)).map((r) => r.table_name);
    const reference = REFERENCE_TABLES as readonly string[];
    const listed = DISTRIBUTED_TABLES as readonly string[];
    expect(tables.filter((t) => !reference.includes(t) && !listed.includes(t)), 'tenant tables missing from DISTRIBUTED_TABLES').toEqual([]);
    expect(listed.filter((t) => !tables.includes(t)), 'listed tables that do not exist').toEqual([]);
    expect(listed.filter((t) => reference.includes(t))).toEqual([]);
  });

  it('distributes parents before children (members before member_positions, cases before case_events)', async () => {
    const fks = rowsOf<{ from: string; to: string }>(await database.db.execute(sql`
      select c.conrelid::regclass::text as "from", c.confrelid::regclass::text as "to"
        from pg_constraint c join pg_namespace n on n.oid = c.connamespace where c.contype = 'f' and n.nspname = 'public'`));
    const order = distributionOrder(DISTRIBUTED_TABLES, fks);
    expect(order[0]).toBe('orgs');
    expect(new Set(order)).toEqual(new Set(DISTRIBUTED_TABLES));
    for (const fk of fks.filter((f) => f.from !== f.to && order.includes(f.from))) {
      expect(order.indexOf(fk.to), `${fk.to} before ${fk.from}`).toBeLessThan(order.indexOf(fk.from));
    }
  });
});
