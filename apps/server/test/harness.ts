// Test harness: a real database per test file — in-memory PGlite by default, or a fresh
// PostgreSQL database when TEST_DATABASE_URL is set. No mocks.
import { randomBytes } from 'node:crypto';
import { setDataKey } from '../src/platform/crypto/crypto.js';
import pg from 'pg';
import type { LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/app.js';
import { loadConfig, type Config } from '../src/config.js';
import { openDatabase, type Database } from '../src/db/client.js';
import { seedDemo } from '../src/modules/demo/demo.seed.js';
import type { App } from '../src/platform/http/types.js';

export const DEMO_PASSWORD = 'Test-Demo-Pass-9';

setDataKey(randomBytes(32));

export interface TestContext {
  app: App;
  database: Database;
  close(): Promise<void>;
}

async function sql1(url: string, ...statements: string[]): Promise<{ rows: Record<string, unknown>[] }> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    let last = { rows: [] as Record<string, unknown>[] };
    for (const s of statements) last = await c.query(s);
    return last;
  } finally {
    await c.end();
  }
}

const urlOf = (base: string, host: string | null, port: number | null, name: string) => {
  const u = new URL(base);
  if (host) u.hostname = host;
  if (port) u.port = String(port);
  u.pathname = `/${name}`;
  return u.toString();
};

/**
 * TEST_CITUS=1 with TEST_DATABASE_URL on a Citus coordinator (issue 13): the per-file database is created on the
 * coordinator and on each worker it knows, joined into one cluster, migrated, then distributed by
 * `jiceng citus distribute`'s own code (TEST_CITUS_SHARDS shards per table, default 4, to keep 60 files quick).
 */
async function citusCluster(admin: string, name: string): Promise<{ workers: { host: string; port: number }[] }> {
  const workers = (await sql1(admin, 'select node_name as host, node_port as port from citus_get_active_worker_nodes()')).rows as { host: string; port: number }[];
  const coordinator = new URL(admin);
  for (const w of workers) await sql1(urlOf(admin, w.host, w.port, 'postgres'), `create database ${name}`);
  for (const w of workers) await sql1(urlOf(admin, w.host, w.port, name), 'create extension citus');
  await sql1(urlOf(admin, null, null, name),
    'create extension citus',
    `alter database ${name} set citus.shard_count = ${Number(process.env.TEST_CITUS_SHARDS ?? 4)}`,
    `select citus_set_coordinator_host('${coordinator.hostname}', ${Number(coordinator.port || 5432)})`,
    ...workers.map((w) => `select citus_add_node('${w.host}', ${w.port})`));
  return { workers };
}

async function freshDatabase(): Promise<{ database: Database; drop: () => Promise<void> }> {
  const admin = process.env.TEST_DATABASE_URL;
  if (!admin) return { database: await openDatabase('memory://'), drop: async () => {} };
  const name = `jiceng_test_${randomBytes(6).toString('hex')}`;
  await sql1(admin, `create database ${name}`);
  const citus = process.env.TEST_CITUS === '1' ? await citusCluster(admin, name) : null;
  const url = urlOf(admin, null, null, name);
  const database = await openDatabase(url);
  if (citus) {
    const { distribute } = await import('../src/db/citus.js');
    await distribute(database.db);
  }
  return {
    database,
    drop: async () => {
      await sql1(admin, `drop database if exists ${name} with (force)`);
      for (const w of citus?.workers ?? []) await sql1(urlOf(admin, w.host, w.port, 'postgres'), `drop database if exists ${name} with (force)`);
    },
  };
}

/** A full app on a fresh database with the demo county seeded. */
export async function createTestApp(overrides: Partial<Config> = {}, { demo = true } = {}): Promise<TestContext> {
  const { database, drop } = await freshDatabase();
  // the demo's orgs and accounts; tests build the people (households, members…) they need themselves
  if (demo) await seedDemo(database.db, DEMO_PASSWORD, { people: false });
  const config = { ...loadConfig({}), loginRateLimit: 10_000, portalRateLimit: 10_000, webDist: '/nonexistent', logLevel: 'error', ...overrides };
  const app = await buildApp({ config, database, logger: true });
  await app.ready();
  return {
    app,
    database,
    close: async () => {
      await app.close();
      await database.close();
      await drop();
    },
  };
}

export interface Session {
  cookie: string;
  csrf: string;
  username: string;
}

export function cookiesOf(res: LightMyRequestResponse): Record<string, string> {
  return Object.fromEntries(res.cookies.map((c) => [c.name, c.value]));
}

export async function login(app: App, username: string, password = DEMO_PASSWORD): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  const c = cookiesOf(res);
  return { cookie: `jiceng_session=${c.jiceng_session}; jiceng_csrf=${c.jiceng_csrf}`, csrf: c.jiceng_csrf!, username };
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** An API call as a logged-in user (CSRF header included on writes). */
export async function call(app: App, s: Session | null, method: Method, url: string, payload?: unknown, headers: Record<string, string> = {}) {
  const res = await app.inject({
    method,
    url,
    payload: payload as Record<string, unknown> | undefined,
    headers: {
      ...(s ? { cookie: s.cookie } : {}),
      ...(s && method !== 'GET' ? { 'x-csrf-token': s.csrf } : {}),
      ...headers,
    },
  });
  return { status: res.statusCode, body: res.body ? (JSON.parse(res.body) as any) : undefined, res }; // eslint-disable-line @typescript-eslint/no-explicit-any
}
