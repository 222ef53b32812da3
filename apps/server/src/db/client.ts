import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { ltree } from '@electric-sql/pglite/contrib/ltree';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as schema from './schema.js';
import { pgliteTemplate } from './template.js';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle has the same query surface as the database. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

/**
 * Sees every statement the app sends (text and parameters), for the hot-query SQL check
 * (db/hot-queries.test.ts) only; null otherwise, so the app pays one comparison per statement.
 */
let statementHook: ((query: string, params: unknown[]) => void) | null = null;
export function setStatementHook(hook: ((query: string, params: unknown[]) => void) | null): void {
  statementHook = hook;
}
const logger = { logQuery: (query: string, params: unknown[]) => statementHook?.(query, params) };

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}

/** Migrations sit beside this file in src/, and are copied next to the bundle in dist/. */
function migrationsFolder(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const candidate of [path.join(here, 'migrations'), path.join(here, 'db/migrations')]) {
    if (fs.existsSync(path.join(candidate, 'meta/_journal.json'))) return candidate;
  }
  throw new Error(`migrations folder not found near ${here}`);
}

const PGLITE_EXTENSIONS = { ltree, pg_trgm };
/** The committed migrations applied to a bare PGlite client (as openDatabase does). */
async function migrateClient(client: PGlite): Promise<void> {
  await migratePglite(drizzlePglite(client, { schema }) as never, { migrationsFolder: migrationsFolder() });
}

/** Writes the empty-database template for the committed migrations into `dir` (the build: dist/). */
export async function writePgliteTemplate(dir: string): Promise<void> {
  await pgliteTemplate(migrationsFolder(), PGLITE_EXTENSIONS, migrateClient, { writeTo: dir });
}

/**
 * Opens the database and applies the committed migrations.
 * `url` = postgres://… for a server; otherwise a PGlite data directory, or 'memory://' for tests.
 */
export async function openDatabase(url: string): Promise<Database> {
  if (/^postgres(ql)?:\/\//.test(url)) {
    const pool = new pg.Pool({ connectionString: url, max: Number(process.env.PG_POOL_MAX ?? 10) });
    // an idle connection killed by the server (restart, failover, admin) must not crash the process; the pool
    // replaces it on the next checkout
    pool.on('error', (err) => console.error(`postgres: idle connection lost: ${err.message}`));
    const db = drizzlePg(pool, { schema, logger }) as unknown as Db;
    await migratePg(db as never, { migrationsFolder: migrationsFolder() });
    return { db, kind: 'postgres', close: () => pool.end() };
  }
  if (url !== 'memory://') fs.mkdirSync(url, { recursive: true });
  const fresh = url === 'memory://' || !fs.existsSync(path.join(url, 'PG_VERSION'));
  // a new database starts from the migrated empty template instead of initdb (db/template.ts)
  const template = fresh && process.env.JICENG_PGLITE_TEMPLATE !== '0' ? await pgliteTemplate(migrationsFolder(), PGLITE_EXTENSIONS, migrateClient) : null;
  const client = await PGlite.create({
    dataDir: url === 'memory://' ? undefined : url,
    extensions: PGLITE_EXTENSIONS,
    ...(template ? { loadDataDir: template } : {}),
    // PGlite's 128 MB shared_buffers costs ~125 MB of resident memory on a laptop; 32 MB holds a county.
    postgresqlconf: [`shared_buffers=${process.env.PGLITE_SHARED_BUFFERS ?? '32MB'}`],
  });
  const db = drizzlePglite(client, { schema, logger }) as unknown as Db;
  await migratePglite(db as never, { migrationsFolder: migrationsFolder() });
  return { db, kind: 'pglite', close: () => client.close() };
}

/** Rows of a raw `db.execute(sql…)`: both drivers answer `{ rows }`. */
export function rowsOf<T = Record<string, unknown>>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/** Rows touched by a raw UPDATE/DELETE: PGlite says affectedRows, node-postgres rowCount. */
export function affectedOf(result: unknown): number {
  const r = result as { affectedRows?: number; rowCount?: number | null };
  return r.affectedRows ?? r.rowCount ?? 0;
}
