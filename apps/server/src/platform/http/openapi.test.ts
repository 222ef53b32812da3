// The served OpenAPI document is what Swagger UI and client generators read: lint it with a real OpenAPI 3.1
// validator and prove a generated client is usable (PITFALLS 14: the $refs once pointed at no schemas).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileErrors, validate } from '@readme/openapi-parser';
import openapiTS, { astToString } from 'openapi-typescript';
import createClient from 'openapi-fetch';
import ts from 'typescript';
import { createTestApp, DEMO_PASSWORD, type TestContext } from '../../../test/harness.js';

let t: TestContext;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let doc: any;
beforeAll(async () => {
  t = await createTestApp();
  const res = await t.app.inject({ url: '/api/openapi.json' });
  expect(res.statusCode).toBe(200);
  doc = JSON.parse(res.body);
});
afterAll(() => t?.close());

function refsIn(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const v of node) refsIn(v, out);
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out.add(v);
      else refsIn(v, out);
    }
  }
  return out;
}

describe('OpenAPI document', () => {
  it('defines every schema its $refs point at', () => {
    const refs = [...refsIn(doc)];
    expect(refs.length).toBeGreaterThan(50);
    const missing = refs.filter((r) => {
      const m = /^#\/components\/schemas\/(.+)$/.exec(r);
      return !m || !(m[1]! in (doc.components?.schemas ?? {}));
    });
    expect(missing).toEqual([]);
  });

  it('passes an OpenAPI 3.1 validator with 0 errors', async () => {
    const result = await validate(structuredClone(doc));
    expect(result.valid ? '' : compileErrors(result)).toBe('');
    expect(result.valid).toBe(true);
  });

  it('documents the request bodies and responses of the routes', () => {
    const login = doc.paths['/api/auth/login'].post;
    expect(login.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/LoginInputInput');
    expect(doc.components.schemas.LoginInputInput.required).toEqual(expect.arrayContaining(['username', 'password']));
    expect(doc.paths['/api/orgs'].get.responses['200'].content['application/json'].schema.$ref).toBe('#/components/schemas/OrgList');
  });
});

describe('client generated from the document (openapi-typescript)', () => {
  let dir: string;
  let source: string;
  beforeAll(async () => {
    source = astToString(await openapiTS(structuredClone(doc)));
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiceng-openapi-client-'));
    fs.writeFileSync(path.join(dir, 'api.d.ts'), source);
  });
  afterAll(() => { if (dir) fs.rmSync(dir, { recursive: true, force: true }); });

  it('type-checks a program that uses it, and refuses misuse', () => {
    expect(source).toContain('"/api/orgs/{id}"');
    fs.writeFileSync(path.join(dir, 'use.ts'), `
import createClient from 'openapi-fetch';
import type { paths, components } from './api.js';

const client = createClient<paths>({ baseUrl: 'http://localhost' });

export async function tree(): Promise<string[]> {
  const { data } = await client.GET('/api/orgs', { params: { query: { q: '街道' } } });
  return (data?.items ?? []).map((o) => o.name + o.path);
}

export async function one(id: string): Promise<components['schemas']['OrgView'] | undefined> {
  const { data, error } = await client.GET('/api/orgs/{id}', { params: { path: { id } } });
  if (error) return error.error.code === 'notFound' ? undefined : undefined;
  return data;
}

export async function signIn() {
  const { data } = await client.POST('/api/auth/login', { body: { username: 'u', password: 'p' } });
  const ok: true | undefined = data?.ok;
  return ok;
}

export async function misuse() {
  // @ts-expect-error a path the API does not have
  await client.GET('/api/nothing-here');
  // @ts-expect-error the login body needs a password
  await client.POST('/api/auth/login', { body: { username: 'u' } });
  const { data } = await client.GET('/api/orgs');
  // @ts-expect-error an org has no field "color"
  return data?.items[0]?.color;
}
`);
    const fetchDir = path.dirname(path.dirname(createRequire(import.meta.url).resolve('openapi-fetch')));
    const program = ts.createProgram([path.join(dir, 'use.ts')], {
      strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler, lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'], types: [],
      skipLibCheck: true, paths: { 'openapi-fetch': [fetchDir] },
    });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(diagnostics).toEqual([]);
  });

  it('talks to the running API through the generated paths', async () => {
    // openapi-fetch with app.inject underneath: the same paths, bodies and answers as over the network
    let cookie = '';
    const client = createClient<never>({
      baseUrl: 'http://jiceng.test',
      fetch: async (req: Request) => {
        const url = new URL(req.url);
        const res = await t.app.inject({
          method: req.method as 'GET',
          url: url.pathname + url.search,
          headers: { ...Object.fromEntries(req.headers), ...(cookie ? { cookie } : {}) },
          payload: req.body ? await req.text() : undefined,
        });
        const setCookies = res.cookies.map((c) => `${c.name}=${c.value}`);
        if (setCookies.length) cookie = setCookies.join('; ');
        return new Response(res.statusCode === 204 ? null : res.body, { status: res.statusCode, headers: { 'content-type': String(res.headers['content-type'] ?? 'application/json') } });
      },
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const c = client as any;
    // a village account: admins may be asked to enrol a second factor first
    const login = await c.POST('/api/auth/login', { body: { username: 'demo-village', password: DEMO_PASSWORD } });
    expect(login.data.ok).toBe(true);
    const orgs = await c.GET('/api/orgs');
    expect(orgs.data.items.length).toBeGreaterThan(0);
    const first = orgs.data.items[0];
    const one = await c.GET('/api/orgs/{id}', { params: { path: { id: first.id } } });
    expect(one.data.id).toBe(first.id);
    const bad = await c.GET('/api/orgs/{id}', { params: { path: { id: 'not-a-uuid' } } });
    expect(bad.response.status).toBe(400);
    expect(bad.error.error.code).toBe('validation.failed');
  });
});
