import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDatabase, rowsOf } from './client.js';
import { analyze, neverAnalysed, refreshAtStart } from './statistics.js';

const estimate = async (db: Awaited<ReturnType<typeof openDatabase>>['db']) =>
  Number(rowsOf<{ r: number }>(await db.execute(sql`select reltuples::float8 as r from pg_class where relname = 'orgs'`))[0]!.r);

describe('planner statistics on the embedded database', () => {
  it('a fresh database was never analysed; refreshAtStart analyses it once, then finds nothing to do', async () => {
    const database = await openDatabase(process.env.TEST_DATABASE_URL ?? 'memory://');
    try {
      if (database.kind !== 'pglite') return; // a PostgreSQL server has autovacuum
      expect(await neverAnalysed(database.db)).toBe(true);
      expect(await estimate(database.db)).toBe(-1);
      expect(await refreshAtStart(database)).not.toBeNull();
      expect(await neverAnalysed(database.db)).toBe(false);
      expect(await estimate(database.db)).toBe(0);
      expect(await refreshAtStart(database)).toBeNull();
    } finally {
      await database.close();
    }
  });

  it('refuses a table name that is not an identifier', async () => {
    const database = await openDatabase('memory://');
    try {
      await expect(analyze(database.db, ['orgs; drop table orgs'])).rejects.toThrow(/bad table name/);
      expect(await analyze(database.db, ['orgs'])).toBeGreaterThanOrEqual(0);
    } finally {
      await database.close();
    }
  });
});
