// Shared helpers of the benchmarks: start the real server as a child process, talk HTTP to it, statistics,
// tables, a throwaway PostgreSQL cluster. Benchmarks measure; they never assert on time.
import { spawn, execFile, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const execFileP = promisify(execFile);

export const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(BENCH_DIR, '..');
export const RESULTS_DIR = path.join(BENCH_DIR, 'results');
/** Satisfies the password policy (length and character classes). */
export const DEMO_PASSWORD = process.env.JICENG_DEMO_PASSWORD || 'Bench-Pass-2026!';
export const DEMO_USER = 'demo-county';

// ---------------------------------------------------------------------------------------------- server

const BUILT_MAIN = path.join(REPO_ROOT, 'apps/server/dist/main.js');
const SRC_MAIN = path.join(REPO_ROOT, 'apps/server/src/main.ts');

export interface ServerMode {
  /** 'built' = node apps/server/dist/main.js; 'tsx' = node --import tsx apps/server/src/main.ts */
  kind: 'built' | 'tsx';
  label: string;
  args: string[];
}

/** The built server when `npm run build` has produced it, else the sources through tsx (one process either way). */
export function serverMode(): ServerMode {
  if (process.env.BENCH_SERVER !== 'tsx' && fs.existsSync(BUILT_MAIN)) {
    return { kind: 'built', label: 'built server (node apps/server/dist/main.js)', args: [BUILT_MAIN, 'serve'] };
  }
  return { kind: 'tsx', label: 'sources via tsx (node --import tsx apps/server/src/main.ts)', args: ['--import', 'tsx', SRC_MAIN, 'serve'] };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export interface ServerOptions {
  /** PGlite data folder (ignored when databaseUrl is set) */
  dataDir?: string;
  /** postgres://… to run on PostgreSQL */
  databaseUrl?: string;
  demo?: boolean;
}

export interface RunningServer {
  pid: number;
  base: string;
  mode: ServerMode;
  /** seconds from spawn to the first 200 of /api/health */
  readySeconds: number;
  stop(): Promise<void>;
  output(): string;
}

const running = new Set<ChildProcess>();
function killAll() {
  for (const child of running) if (child.exitCode === null) child.kill('SIGKILL');
}
process.once('exit', killAll);

/** Spawns the server and waits for the first 200 from GET /api/health. */
export async function startServer(opts: ServerOptions, timeoutMs = 120_000): Promise<RunningServer> {
  const mode = serverMode();
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    JICENG_DEMO_PASSWORD: DEMO_PASSWORD,
    JICENG_DEMO: opts.demo === false ? '0' : '1',
    LOGIN_RATE_LIMIT: '1000',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
  };
  delete env.DATABASE_URL;
  if (opts.databaseUrl) env.DATABASE_URL = opts.databaseUrl;
  if (opts.dataDir) env.DATA_DIR = opts.dataDir;

  let out = '';
  const keep = (chunk: Buffer) => {
    out = (out + chunk.toString()).slice(-20_000);
  };
  const t0 = performance.now();
  const child = spawn(process.execPath, mode.args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(t);
    }
    running.delete(child);
  };

  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} before it was ready:\n${out}`);
    try {
      const res = await fetch(`${base}/api/health`);
      await res.arrayBuffer();
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (performance.now() - t0 > timeoutMs) {
      await stop();
      throw new Error(`server not ready after ${timeoutMs} ms:\n${out}`);
    }
    await sleep(20);
  }
  const readySeconds = (performance.now() - t0) / 1000;
  return { pid: child.pid!, base, mode, readySeconds, stop, output: () => out };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resident memory of a process in MB, from /proc/<pid>/status (VmRSS, and the peak VmHWM). */
export function rssMB(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

// ------------------------------------------------------------------------------------------------ http

/** A logged-in API client: session cookie + CSRF header on writes. */
export class Client {
  private cookie = '';
  private csrf = '';
  constructor(readonly base: string) {}

  async login(username = DEMO_USER, password = DEMO_PASSWORD): Promise<void> {
    const res = await fetch(`${this.base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${body}`);
    const jar = new Map<string, string>();
    for (const c of res.headers.getSetCookie()) {
      const [pair = ''] = c.split(';');
      const eq = pair.indexOf('=');
      jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
    this.csrf = jar.get('jiceng_csrf') ?? '';
    if (!jar.get('jiceng_session') || !this.csrf) throw new Error('login: session or csrf cookie missing');
    this.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async get<T>(p: string): Promise<{ status: number; body: T; bytes: number }> {
    const res = await fetch(`${this.base}${p}`, { headers: { cookie: this.cookie } });
    const text = await res.text();
    return { status: res.status, body: JSON.parse(text) as T, bytes: Buffer.byteLength(text) };
  }

  /** Through node:http, without fetch's 300 s header timeout (a county-size import on a busy machine takes longer). */
  async upload<T>(p: string, form: FormData): Promise<{ status: number; body: T }> {
    const encoded = new Request('http://bench.invalid/', { method: 'POST', body: form });
    const payload = Buffer.from(await encoded.arrayBuffer());
    const url = new URL(`${this.base}${p}`);
    return new Promise((resolve, reject) => {
      const req = http.request({
        host: url.hostname, port: url.port, path: url.pathname + url.search, method: 'POST',
        headers: { cookie: this.cookie, 'x-csrf-token': this.csrf, 'content-type': encoded.headers.get('content-type')!, 'content-length': payload.length },
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as T }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(payload);
    });
  }

  async download(p: string): Promise<Buffer> {
    const res = await fetch(`${this.base}${p}`, { headers: { cookie: this.cookie } });
    if (res.status !== 200) throw new Error(`GET ${p}: ${res.status}`);
    return Buffer.from(await res.arrayBuffer());
  }

  async post<T>(p: string, body: unknown): Promise<{ status: number; body: T }> {
    const res = await fetch(`${this.base}${p}`, {
      method: 'POST',
      headers: { cookie: this.cookie, 'x-csrf-token': this.csrf, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: JSON.parse(text) as T };
  }
}

// ------------------------------------------------------------------------------------------ statistics

export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  // nearest rank
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1]!;
}

export function summarize(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const mean = s.reduce((a, b) => a + b, 0) / (s.length || 1);
  return { n: s.length, min: s[0] ?? NaN, median: quantile(s, 0.5), p90: quantile(s, 0.9), p99: quantile(s, 0.99), max: s[s.length - 1] ?? NaN, mean };
}

export const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');

export function table(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => [...(r[i] ?? '')].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0))));
  const pad = (s: string, w: number, right: boolean) => {
    const len = [...s].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
    const fill = ' '.repeat(Math.max(0, w - len));
    return right ? fill + s : s + fill;
  };
  const line = (r: string[]) => r.map((c, i) => pad(c, widths[i]!, i > 0)).join('  ');
  return [line(cells[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

// ----------------------------------------------------------------------------------------- PostgreSQL

export interface PgTarget {
  url: string;
  source: 'BENCH_DATABASE_URL' | 'throwaway cluster';
  stop(): Promise<void>;
}

/**
 * BENCH_DATABASE_URL when given (an empty database the bench may fill), else a throwaway cluster started
 * with .ci/pg-throwaway.sh (PostgreSQL's durable defaults: PG_THROWAWAY_FAST=0). `{ skipped }` with the reason if neither works.
 */
export async function postgresTarget(): Promise<PgTarget | { skipped: string }> {
  const given = process.env.BENCH_DATABASE_URL;
  if (given) return { url: given, source: 'BENCH_DATABASE_URL', stop: async () => {} };
  const script = path.join(REPO_ROOT, '.ci/pg-throwaway.sh');
  const dir = tempDir('jiceng-bench-pg-');
  try {
    const { stdout } = await execFileP(script, ['start'], {
      env: { ...process.env, PG_THROWAWAY_DIR: dir, PG_THROWAWAY_FAST: '0' },
    });
    const url = stdout.trim().split('\n').pop()!;
    let stopped = false;
    const stop = async () => {
      if (stopped) return;
      stopped = true;
      await execFileP(script, ['stop', dir]).catch(() => {});
    };
    process.once('exit', () => {
      if (!stopped) {
        try {
          // synchronous last resort on an unexpected exit
          execFileSync(script, ['stop', dir]);
        } catch {
          // ignore
        }
      }
    });
    return { url, source: 'throwaway cluster', stop };
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true });
    const e = err as { stderr?: string; message: string };
    return { skipped: `PostgreSQL could not be started: ${(e.stderr || e.message).trim().split('\n').slice(-3).join(' | ')}` };
  }
}

// -------------------------------------------------------------------------------------------- results

export function machine() {
  return {
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? '',
    memGB: Math.round(os.totalmem() / 2 ** 30),
    platform: `${os.platform()} ${os.release()}`,
  };
}

export function writeResult(name: string, data: unknown): string {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name}.json`);
  fs.writeFileSync(file, `${JSON.stringify({ benchmark: name, at: new Date().toISOString(), machine: machine(), ...(data as object) }, null, 2)}\n`);
  return file;
}
