// Planner statistics. PGlite runs PostgreSQL in single-user mode: there is no autovacuum and no statistics
// collector, so a table is never analysed by itself and the planner keeps guessing one row for everything it has
// not measured — nested loops over thousands of rows. Measured on the demo county (PGlite): 工作统计 of the year
// 4.9 s before ANALYZE, 0.39 s after (the volunteer counting rule's anti-join alone 1.17 s → a few ms). So the
// embedded database is analysed after the demo is seeded, after a large import, at start when a table was never
// analysed, and periodically (JICENG_ANALYZE_EVERY_MS, default one hour; ≈ 0.8 s for the demo county). A
// PostgreSQL server has autovacuum; there this only runs where asked explicitly (after a bulk load).
import { sql } from 'drizzle-orm';
import { rowsOf, type Database, type Db } from './client.js';

/** the rows an import must write before it analyses the tables it wrote */
export const ANALYZE_AFTER_ROWS = 500;

/** ANALYZE the given tables (all when none); returns the time taken */
export async function analyze(db: Db, tables: readonly string[] = []): Promise<number> {
  const started = performance.now();
  for (const t of tables) if (!/^[a-z_][a-z0-9_]*$/.test(t)) throw new Error(`bad table name ${t}`);
  await db.execute(tables.length ? sql.raw(`analyze ${tables.join(', ')}`) : sql`analyze`);
  return performance.now() - started;
}

/** true when some table of the schema has never been analysed (reltuples -1) */
export async function neverAnalysed(db: Db): Promise<boolean> {
  const [r] = rowsOf<{ n: number }>(await db.execute(sql`
    select count(*)::int as n from pg_class c join pg_namespace s on s.oid = c.relnamespace
     where s.nspname = 'public' and c.relkind = 'r' and c.reltuples < 0`));
  return (r?.n ?? 0) > 0;
}

/** At start, on PGlite: analyse when a table was never analysed (a data folder from before this rule, a restore). */
export async function refreshAtStart(database: Database): Promise<number | null> {
  if (database.kind !== 'pglite' || !(await neverAnalysed(database.db))) return null;
  return analyze(database.db);
}
