// `npm start`: build what is missing or stale (web app, server bundle), then serve.
// Arguments after `npm start --` pass through (e.g. `npm start -- --no-demo`).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function newest(dir) {
  let t = 0;
  if (!fs.existsSync(dir)) return t;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const p = path.join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}
const builtAt = (file) => (fs.existsSync(file) ? fs.statSync(file).mtimeMs : 0);
const contract = newest(path.join(root, 'packages/contract/src'));

const targets = [
  { ws: '@jiceng/web', out: 'apps/web/dist/index.html', src: ['apps/web/src', 'apps/web/index.html', 'apps/web/vite.config.ts'] },
  { ws: '@jiceng/server', out: 'apps/server/dist/main.js', src: ['apps/server/src'] },
];
for (const t of targets) {
  const sources = Math.max(contract, ...t.src.map((s) => { const p = path.join(root, s); return fs.existsSync(p) && fs.statSync(p).isFile() ? fs.statSync(p).mtimeMs : newest(p); }));
  if (builtAt(path.join(root, t.out)) >= sources) continue;
  console.log(`building ${t.ws} …`);
  const r = spawnSync('npm', ['run', 'build', '-w', t.ws], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// A first start on an empty PGlite folder seeds the demo county in a process of its own (`jiceng seed`, which prints
// a line per part as it goes), then serves: what seeding grew — the embedded database's WebAssembly memory never
// shrinks, and the JS heap of 50,000 prepared rows — goes with that process instead of staying in the server's RSS
// (bench `memory`: after start 635 → see bench/README.md).
const main = path.join(root, 'apps/server/dist/main.js');
const args = process.argv.slice(2);
const dataDir = path.resolve(process.env.DATA_DIR ?? path.join(root, 'data'));
const demo = !args.includes('--no-demo') && process.env.JICENG_DEMO !== '0';
if (demo && !process.env.DATABASE_URL && !fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
  const r = spawnSync(process.execPath, [main, 'seed'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const child = spawn(process.execPath, [main, 'serve', ...args], { cwd: root, stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
