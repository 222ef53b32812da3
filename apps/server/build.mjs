// Bundles the server (and the workspace contract it imports) into dist/main.js; npm packages stay
// external and load from node_modules. Migrations are copied next to the bundle.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { build } from 'esbuild';

const pkg = JSON.parse(fs.readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const external = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter((d) => !d.startsWith('@jiceng/'));

fs.rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: ['src/main.ts'],
  outfile: 'dist/main.js',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  external: [...external, 'zod', 'pinyin-pro'],
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: 'warning',
});
fs.cpSync('src/db/migrations', 'dist/migrations', { recursive: true });
// the empty migrated database a first start restores instead of running initdb + migrations (src/db/template.ts)
const t = spawnSync(process.execPath, ['dist/main.js', 'template', 'dist'], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, LOG_LEVEL: 'warn' } });
if (t.status !== 0) console.warn('PGlite template not written: first starts run initdb instead');
console.log('server built: dist/main.js');
