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

async function freshDatabase(): Promise<{ database: Database; drop: () => Promise<void> }> {
  const admin = process.env.TEST_DATABASE_URL;
  if (!admin) return { database: await openDatabase('memory://'), drop: async () => {} };
  const name = `jiceng_test_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`create database ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const database = await openDatabase(url.toString());
  return {
    database,
    drop: async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
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
