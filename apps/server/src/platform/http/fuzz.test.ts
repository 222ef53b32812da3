// Schema-driven fuzzing (issue 15.13): walks every operation of the served OpenAPI document and sends inputs
// generated from its schemas (which come from the contract's zod schemas) — valid ones, valid ones with one field
// made hostile, and hostile ones (NUL, control characters, odd unicode, huge text, far dates, malformed cursors,
// negative and huge numbers, arrays for scalars, malformed JSON) — as every demo role and without an account.
// No answer may be a 5xx, none may take longer than 2 s. Fixed seed: the same requests every run.
//   FUZZ_RUNS=20000 npx vitest run apps/server/src/platform/http/fuzz.test.ts   (more requests)
//   FUZZ_SEED=7 …                                                                 (other requests)
//   FUZZ_REPORT=/tmp/fuzz.json …                                                  (figures per operation)
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { isNull } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POLICY_KEYS } from '@jiceng/contract';
import { call, createTestApp, DEMO_PASSWORD, login, type Session, type TestContext } from '../../../test/harness.js';
import { bodyArb, boundaryValues, hostileValue, HOSTILE_STRINGS, Harvested, queryArb, validArb, type JsonSchema, type SchemaContext } from '../../../test/openapi-arbitraries.js';
import { orgs } from '../../modules/orgs/orgs.tables.js';
import { policyOverrides } from '../policy/policy.tables.js';

const SEED = Number(process.env.FUZZ_SEED ?? 1513);
const RUNS = Number(process.env.FUZZ_RUNS ?? 1500);
const SLOW_MS = 2000;
// demo-member: a member's own login (issue 10), made in the setup below (the harness seeds no members)
const ROLES = ['demo-county', 'demo-township', 'demo-village', 'demo-grid', 'demo-dept', 'demo-evaluator', 'demo-member', null] as const;
type Role = (typeof ROLES)[number];

/** Operations left out, each with its reason. */
const EXCLUDED = new Map<string, string>([]);

interface Slot {
  where: 'path' | 'query' | 'body';
  name: string;
  schema: JsonSchema;
}

interface Operation {
  key: string;
  method: string;
  path: string;
  pathParams: string[];
  arb: fc.Arbitrary<RequestSpec>;
  /** all inputs valid: the base that the boundary sweep changes one slot of */
  valid: fc.Arbitrary<RequestSpec>;
  slots: Slot[];
}

interface RequestSpec {
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  body: unknown;
  transport: 'json' | 'malformed' | 'text' | 'none' | 'multipart';
  locale: string;
}

interface Outcome {
  op: string;
  role: string;
  method: string;
  url: string;
  status: number;
  ms: number;
  body?: string;
  answer?: string;
  phase: string;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

let t: TestContext;
let doc: JsonSchema;
const sessions = new Map<Role, Session | null>();
const protectedIds = new Set<string>();
/** ids seen in answers, by the field they came in (orgId, householdId…; an `id` under the resource it came from) */
const pools = new Map<string, string[]>();
const seen = new Set<string>();
const ALL = '*';

const SINGULAR: Record<string, string> = { activities: 'activity', 'duty-shifts': 'dutyShift', accountability: 'accountability', catalog: 'item', policy: 'policy' };
/** `/api/households/{id}/residents` → household; the name an id of that resource has elsewhere (householdId). */
function resourceOf(path: string): string {
  const segs = path.split('/').filter((x) => x && x !== 'api' && !x.startsWith('{'));
  const seg = (path.includes('/surveys/draws') ? 'draws' : segs[0]) ?? '';
  return SINGULAR[seg] ?? seg.replace(/s$/, '');
}

function addId(key: string, id: string) {
  const list = pools.get(key) ?? [];
  if (list.length < 500 && !list.includes(id)) list.push(id);
  pools.set(key, list);
}

function harvest(v: unknown, resource: string, key = '', depth = 0) {
  if (depth > 6 || seen.size >= 20_000) return;
  if (typeof v === 'string') {
    if (!UUID_RE.test(v)) return;
    seen.add(v);
    addId(ALL, v);
    addId(key === 'id' ? `${resource}Id` : key.replace(/s$/, ''), v);
  } else if (Array.isArray(v)) {
    for (const x of v.slice(0, 50)) harvest(x, resource, key, depth + 1);
  } else if (v && typeof v === 'object') {
    // nested records name their own resource: { org: { id } }, { items: [{ id }] }
    for (const [k, x] of Object.entries(v)) harvest(x, k === 'items' || !x || typeof x !== 'object' || Array.isArray(x) ? resource : k, k, depth + 1);
  }
}

function pickId(h: Harvested, opPath: string): string {
  const field = h.field === 'id' ? `${resourceOf(opPath)}Id` : h.field.replace(/s$/, '');
  const list = pools.get(field)?.length ? pools.get(field)! : h.pick % 4 === 0 ? pools.get(ALL) ?? [] : [];
  return list.length ? list[h.pick % list.length]! : randomUUID();
}

async function signIn(role: Exclude<Role, null>): Promise<Session | null> {
  try {
    const s = await login(t.app, role);
    const me = await t.app.inject({ url: '/api/me', headers: { cookie: s.cookie } });
    if (me.statusCode === 200) protectedIds.add(JSON.parse(me.body).user.id);
    return s;
  } catch {
    return null;
  }
}

/** A probationary member of 青山村 with an activated own login `demo-member` (the demo password). */
async function openMemberLogin() {
  const village = await login(t.app, 'demo-village');
  const orgList = (await call(t.app, village, 'GET', '/api/orgs')).body.items as { id: string; code: string }[];
  const branch = orgList.find((o) => o.code === 'SFX-QS-QS-B1')!;
  const m = await call(t.app, village, 'POST', '/api/members', { orgId: branch.id, name: '模糊测试党员', status: 'probationary', admittedOn: '2026-03-01' });
  const opened = await call(t.app, village, 'POST', `/api/members/${m.body.id}/account`, { username: 'demo-member' });
  await call(t.app, null, 'POST', '/api/auth/activate', { username: 'demo-member', code: opened.body.activationCode, newPassword: DEMO_PASSWORD });
}

beforeAll(async () => {
  // the demo county's orgs and accounts (its people would take a minute to seed): the fuzzer's own valid
  // writes create households, cases, visits… whose ids it harvests for the later requests
  const t0 = performance.now();
  t = await createTestApp({ loginRateLimit: 1e9, portalRateLimit: 1e9 });
  const [county] = await t.database.db.select({ id: orgs.id }).from(orgs).where(isNull(orgs.parentId));
  // the fuzzer signs in with passwords: a second factor, where policy requires one, is switched off here
  const totpKeys = POLICY_KEYS.filter((k) => k.startsWith('totp.required.'));
  if (totpKeys.length) {
    await t.database.db.insert(policyOverrides).values(totpKeys.map((key) => ({ countyId: county!.id, key, value: 0 })))
      .onConflictDoUpdate({ target: [policyOverrides.countyId, policyOverrides.key], set: { value: 0 } });
  }
  await openMemberLogin();
  for (const role of ROLES) sessions.set(role, role ? await signIn(role) : null);
  const res = await t.app.inject({ url: '/api/openapi.json' });
  doc = JSON.parse(res.body);
  console.log(`fuzz: app, sessions and document ready in ${Math.round(performance.now() - t0)} ms`);
  // a first harvest: the lists each role sees
  for (const role of ROLES) {
    const s = sessions.get(role);
    if (!s) continue;
    for (const url of ['/api/orgs', '/api/users', '/api/departments', '/api/grids', '/api/households?pageSize=50', '/api/members?pageSize=50', '/api/cases?limit=50', '/api/catalog', '/api/whistles', '/api/visits', '/api/activities', '/api/surveys/draws', '/api/bodies', '/api/pairings']) {
      const r = await t.app.inject({ url, headers: { cookie: s.cookie } });
      if (r.statusCode === 200) harvest(JSON.parse(r.body), resourceOf(url));
    }
  }
}, 300_000);
afterAll(() => t?.close());

function resolveRef(schema: JsonSchema): JsonSchema {
  const m = typeof schema.$ref === 'string' ? /^#\/components\/schemas\/(.+)$/.exec(schema.$ref) : null;
  return m ? resolveRef(doc.components.schemas[m[1]!] ?? {}) : schema;
}

function operations(): Operation[] {
  const ctx: SchemaContext = { doc };
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, JsonSchema>>)) {
    for (const [method, op] of Object.entries(item)) {
      const key = `${method.toUpperCase()} ${path}`;
      if (EXCLUDED.has(key)) continue;
      const params = (op.parameters ?? []) as JsonSchema[];
      const pathParams = params.filter((p) => p.in === 'path');
      const queryParams = params.filter((p) => p.in === 'query');
      const pathArb = fc.record(Object.fromEntries(pathParams.map((p) => [p.name, fc.oneof(
        { arbitrary: validArb(ctx, p.schema ?? {}, 0, p.name), weight: 4 },
        { arbitrary: fc.constantFrom(...HOSTILE_STRINGS.filter((s) => s !== '')), weight: 1 },
      )])));
      const query = queryArb(ctx, queryParams);
      const jsonSchema = op.requestBody?.content?.['application/json']?.schema as JsonSchema | undefined;
      const multipart = !!op.requestBody?.content?.['multipart/form-data'] || /\/api\/imports\/\{kind\}$/.test(path);
      const body: fc.Arbitrary<unknown> = jsonSchema ? bodyArb(ctx, jsonSchema) : method === 'get' ? fc.constant(undefined) : fc.oneof(fc.constant(undefined), fc.constant({}), hostileValue);
      const transport: fc.Arbitrary<RequestSpec['transport']> = method === 'get'
        ? fc.constant('none')
        : multipart
          ? fc.constantFrom('multipart', 'multipart', 'json', 'none')
          : fc.oneof({ arbitrary: fc.constant('json' as const), weight: 12 }, { arbitrary: fc.constantFrom('malformed' as const, 'text' as const, 'none' as const), weight: 1 });
      const arb = fc.record({ path: pathArb, query, body, transport, locale: fc.constantFrom('zh-CN', 'en', 'zh-CN,zh;q=0.9', '*', 'xx\u0000') });
      const valid = fc.record({
        path: fc.record(Object.fromEntries(pathParams.map((p) => [p.name, validArb(ctx, p.schema ?? {}, 0, p.name)]))),
        query: fc.record(
          Object.fromEntries(queryParams.map((p) => [p.name as string, validArb(ctx, p.schema ?? {}, 0, p.name)])) as Record<string, fc.Arbitrary<unknown>>,
          { requiredKeys: queryParams.filter((p) => p.required).map((p) => p.name as string) },
        ),
        body: jsonSchema ? validArb(ctx, jsonSchema) : fc.constant(undefined),
        transport: fc.constant(jsonSchema ? 'json' as const : 'none' as const),
        locale: fc.constant('zh-CN'),
      });
      const bodyProps = jsonSchema ? Object.entries((resolveRef(jsonSchema).properties ?? {}) as Record<string, JsonSchema>) : [];
      const slots: Slot[] = [
        ...pathParams.map((p) => ({ where: 'path' as const, name: p.name as string, schema: p.schema ?? {} })),
        ...queryParams.map((p) => ({ where: 'query' as const, name: p.name as string, schema: p.schema ?? {} })),
        ...bodyProps.map(([name, schema]) => ({ where: 'body' as const, name, schema })),
      ];
      ops.push({ key, method: method.toUpperCase(), path, pathParams: pathParams.map((p) => p.name), arb, valid, slots });
    }
  }
  return ops;
}

/** Harvested placeholders become ids seen earlier (never the fuzzer's own accounts where that would lock them out). */
function materialize(v: unknown, opPath: string): unknown {
  if (v instanceof Harvested) {
    const id = pickId(v, opPath);
    return /^\/api\/users\/\{id\}/.test(opPath) && protectedIds.has(id) ? randomUUID() : id;
  }
  if (Array.isArray(v)) return v.map((x) => materialize(x, opPath));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, materialize(x, opPath)]));
  return v;
}

const asText = (v: unknown) => (typeof v === 'string' ? v : v !== null && typeof v === 'object' ? JSON.stringify(v) : String(v));

/** Percent-encoding; a lone surrogate goes out as the invalid UTF-8 bytes an attacker would send. */
function enc(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return `${encodeURIComponent(s.replace(/[\ud800-\udfff]/g, ''))}%ED%A0%80`;
  }
}

function urlOf(op: Operation, spec: RequestSpec): string {
  let url = op.path;
  for (const name of op.pathParams) url = url.replace(`{${name}}`, enc(asText(spec.path[name])));
  const qs: string[] = [];
  for (const [k, v] of Object.entries(spec.query)) {
    if (v === undefined) continue;
    for (const x of Array.isArray(v) ? v : [v]) qs.push(`${enc(k)}=${enc(asText(x))}`);
  }
  return qs.length ? `${url}?${qs.join('&')}` : url;
}

function payloadOf(spec: RequestSpec): { payload?: string | Buffer; contentType?: string } {
  switch (spec.transport) {
    case 'none': return {};
    case 'malformed': return { payload: `{"a":${JSON.stringify(asText(spec.body)).slice(0, 200)}`, contentType: 'application/json' };
    case 'text': return { payload: asText(spec.body).slice(0, 10_000), contentType: 'text/plain' };
    case 'multipart': {
      const boundary = 'fuzzboundary7MA4YWxkTrZu0gW';
      const bytes = Buffer.from(asText(spec.body).slice(0, 4_000), 'utf8');
      const file = Buffer.concat([Buffer.from('PK\u0003\u0004'), bytes]);
      const payload = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="fuzz.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`),
        file,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return { payload, contentType: `multipart/form-data; boundary=${boundary}` };
    }
    default:
      return spec.body === undefined ? {} : { payload: JSON.stringify(spec.body), contentType: 'application/json' };
  }
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! : 0;
}

describe('schema-driven fuzzing of every route', () => {
  it(`answers ${RUNS} generated requests (seed ${SEED}) as every role with no 5xx`, async () => {
    const ops = operations();
    expect(ops.length).toBeGreaterThan(100);
    const ctx: SchemaContext = { doc };
    const perOp = Math.max(ROLES.length, Math.ceil(RUNS / ops.length));
    const samples = ops.map((op, i) => fc.sample(op.arb, { seed: SEED + i * 7919, numRuns: perOp }));
    const bases = ops.map((op, i) => fc.sample(op.valid, { seed: SEED + i * 104_729, numRuns: 1 })[0]!);
    const outcomes: Outcome[] = [];
    const relogins: string[] = [];

    const send = async (op: Operation, role: Role, raw: RequestSpec, phase: string) => {
      const spec = materialize(raw, op.path) as RequestSpec;
      const session = role ? sessions.get(role) ?? null : null;
      const url = urlOf(op, spec);
      const { payload, contentType } = payloadOf(spec);
      const headers: Record<string, string> = { 'accept-language': spec.locale };
      if (session) headers.cookie = session.cookie;
      if (session && op.method !== 'GET') headers['x-csrf-token'] = session.csrf;
      if (contentType) headers['content-type'] = contentType;
      const t0 = performance.now();
      const res = await t.app.inject({ method: op.method as 'GET', url, headers, ...(payload !== undefined ? { payload } : {}) });
      const ms = performance.now() - t0;
      const outcome: Outcome = { op: op.key, role: role ?? 'anonymous', method: op.method, url: url.slice(0, 300), status: res.statusCode, ms, phase };
      if (res.statusCode >= 500 || ms > SLOW_MS) {
        outcome.body = typeof payload === 'string' ? payload.slice(0, 300) : payload ? `<${payload.length} bytes>` : undefined;
        outcome.answer = res.body.slice(0, 300);
      }
      outcomes.push(outcome);
      if (res.statusCode < 300 && String(res.headers['content-type'] ?? '').includes('json')) {
        try { harvest(JSON.parse(res.body), resourceOf(op.path)); } catch { /* not JSON after all */ }
      }
      // a logout, a password reset or a revoked session: sign in again and go on
      if (role && res.statusCode === 401 && session) {
        relogins.push(`${role} after ${op.key}`);
        sessions.set(role, await signIn(role));
      }
      return outcome;
    };

    const started = performance.now();
    // 1. generated requests, round-robin over operations (destructive ones spread through the run), every role
    for (let k = 0; k < perOp; k++) {
      for (let i = 0; i < ops.length; i++) {
        if (outcomes.length >= Math.max(RUNS, ops.length * ROLES.length)) break;
        await send(ops[i]!, ROLES[(k + i) % ROLES.length]!, samples[i]![k]!, 'generated');
      }
    }
    // 2. boundary sweep: each input slot of each operation gets each boundary value, the other inputs valid, sent
    //    as a role the operation let through (so the value reaches the handler, not only the permission check)
    for (let i = 0; i < ops.length; i++) {
      const op = ops[i]!;
      const tried = outcomes.filter((o) => o.op === op.key);
      const through = tried.find((o) => o.status < 300) ?? tried.find((o) => o.status !== 401 && o.status !== 403);
      if (!through) continue; // no role got past the permission check: the values would not reach the handler
      const role = ROLES.find((r) => (r ?? 'anonymous') === through.role) ?? null;
      for (const slot of op.slots) {
        for (const value of boundaryValues(ctx, slot.schema, slot.where !== 'body')) {
          const base = structuredClone(bases[i]!);
          if (slot.where === 'path') base.path[slot.name] = value;
          else if (slot.where === 'query') base.query[slot.name] = value;
          else base.body = { ...(base.body && typeof base.body === 'object' ? base.body : {}), [slot.name]: value };
          if (slot.where === 'body') base.transport = 'json';
          await send(op, role, base, 'boundary');
        }
      }
    }
    const seconds = (performance.now() - started) / 1000;

    const byOp = new Map<string, Outcome[]>();
    for (const o of outcomes) byOp.set(o.op, [...(byOp.get(o.op) ?? []), o]);
    const figures = [...byOp].map(([op, os]) => {
      const ms = os.map((o) => o.ms);
      return { op, requests: os.length, ok2xx: os.filter((o) => o.status < 300).length, p50: Math.round(percentile(ms, 50)), p95: Math.round(percentile(ms, 95)), max: Math.round(Math.max(...ms)) };
    });
    const slowP95 = figures.filter((f) => f.p95 > 200).sort((a, b) => b.p95 - a.p95);
    const statuses: Record<number, number> = {};
    for (const o of outcomes) statuses[o.status] = (statuses[o.status] ?? 0) + 1;
    const summary = {
      seed: SEED, requests: outcomes.length, seconds: Math.round(seconds * 10) / 10, perSecond: Math.round(outcomes.length / seconds),
      operations: ops.length, excluded: [...EXCLUDED.keys()], statuses, relogins: relogins.length,
      generated: outcomes.filter((o) => o.phase === 'generated').length, boundary: outcomes.filter((o) => o.phase === 'boundary').length,
      operationsWith2xx: figures.filter((f) => f.ok2xx > 0).length, slowP95,
    };
    console.log(`fuzz: ${JSON.stringify(summary, null, 1)}`);
    if (process.env.FUZZ_REPORT) fs.writeFileSync(process.env.FUZZ_REPORT, JSON.stringify({ summary, figures, relogins, failures: outcomes.filter((o) => o.status >= 500 || o.ms > SLOW_MS) }, null, 1));

    // every operation was tried by every role, and valid inputs got through on a good part of them
    for (const op of ops) expect(new Set(byOp.get(op.key)?.map((o) => o.role)).size, op.key).toBe(ROLES.length);
    expect(summary.operationsWith2xx).toBeGreaterThan(ops.length * 0.3);

    const serverErrors = outcomes.filter((o) => o.status >= 500).map((o) => `${o.status} ${o.role} ${o.method} ${o.url} body=${o.body ?? ''} → ${o.answer}`);
    expect(serverErrors).toEqual([]);
    // Tests never assert time (a loaded CI machine is not a benchmark): requests slower than SLOW_MS are printed
    // for a developer to look at; speed is measured by `npm run bench`.
    const slow = outcomes.filter((o) => o.ms > SLOW_MS).map((o) => `${Math.round(o.ms)} ms ${o.role} ${o.method} ${o.url}`);
    if (slow.length) console.warn(`fuzz: ${slow.length} requests slower than ${SLOW_MS} ms:\n${slow.join('\n')}`);
  }, 900_000);
});
