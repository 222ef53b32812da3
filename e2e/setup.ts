import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

const ROOT = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
export const CHROMIUM = '/usr/bin/chromium';
const DEMO_PASSWORD = 'E2e-Demo-Pass-2026!';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    demoPassword: string;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

// a first start seeds the demo county (≈ 55 s on an idle 2-core machine, more than 90 s when it is busy)
async function waitForHealth(url: string, server: ChildProcess, log: () => string, timeoutMs = 240_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}:\n${log()}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server did not answer /api/health within ${timeoutMs} ms:\n${log()}`);
}

let server: ChildProcess | undefined;
let dataDir: string | undefined;

export default async function setup(project: TestProject) {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install it with  apt-get install -y chromium fonts-noto-cjk`);
  }
  if (!fs.existsSync(path.join(ROOT, 'apps/web/dist/index.html'))) {
    throw new Error('apps/web/dist is missing: build the web first with  npm run build -w @jiceng/web');
  }
  fs.mkdirSync(path.join(ROOT, 'e2e/screenshots'), { recursive: true });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiceng-e2e-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;

  let output = '';
  server = spawn(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'apps/server/src/main.ts', 'serve'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      JICENG_DEMO_PASSWORD: DEMO_PASSWORD,
      LOGIN_RATE_LIMIT: '1000',
      // every browser test comes from 127.0.0.1: the residents' budget of 20 public requests a minute per address
      // (its refusal is tested in rate-limit.test.ts) would refuse the axe runs, which open the portal eight times
      PORTAL_RATE_LIMIT: '1000',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // the server's whole log is kept beside the screenshots: a failed e2e run in CI can be read afterwards
  const logFile = fs.createWriteStream(path.join(ROOT, 'e2e/screenshots/server.log'));
  const keep = (chunk: Buffer) => {
    logFile.write(chunk);
    output = (output + chunk.toString()).slice(-8000);
  };
  server.stdout?.on('data', keep);
  server.stderr?.on('data', keep);

  await waitForHealth(baseUrl, server, () => output);
  project.provide('baseUrl', baseUrl);
  project.provide('demoPassword', DEMO_PASSWORD);

  return async () => {
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          server?.kill('SIGKILL');
          resolve();
        }, 5000);
        server?.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
