#!/usr/bin/env node
// Dependency hygiene that works offline (the registry's audit endpoint answers 405 here, so `npm audit` cannot run).
// Walks the production dependency tree of the shipped workspaces (apps/server, apps/web, packages/contract) through
// package-lock.json, reads each installed package's own package.json in node_modules, and fails when
//   1. a licence is outside the allow-list of scripts/deps-allow.json (an SPDX expression passes when one side of
//      every OR and both sides of every AND are allowed), unless that package has an exception with a reason;
//   2. the lockfile resolves two majors of one production package, unless scripts/deps-allow.json states why;
//   3. a direct production dependency of a workspace is not explained in docs/dependencies.md.
// `node scripts/deps-check.mjs [--list]` (--list prints every production package with its licence).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WORKSPACES = ['apps/server', 'apps/web', 'packages/contract'];
const allow = JSON.parse(fs.readFileSync(path.join(ROOT, 'scripts/deps-allow.json'), 'utf8'));
const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8'));
const entries = lock.packages;
const allowed = new Set(allow.licenses);
const problems = [];

/** Node's resolution over the lockfile's paths: <from>/node_modules/<name>, then each parent's, then the root's. */
function resolve(from, name) {
  let dir = from;
  for (;;) {
    const key = dir ? `${dir}/node_modules/${name}` : `node_modules/${name}`;
    if (entries[key]) return entries[key].link ? entries[key].resolved : key;
    if (!dir) return null;
    const cut = dir.lastIndexOf('/node_modules/');
    dir = cut >= 0 ? dir.slice(0, cut) : '';
  }
}

function readManifest(key) {
  const file = path.join(ROOT, key, 'package.json');
  if (!fs.existsSync(file)) return null;
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function licenceOf(manifest) {
  const l = manifest.license ?? manifest.licenses;
  if (!l) return null;
  if (typeof l === 'string') return l;
  if (Array.isArray(l)) return l.map((x) => (typeof x === 'string' ? x : x.type)).join(' OR ');
  return l.type ?? null;
}

/** SPDX expression → allowed? Parentheses, OR, AND, WITH (the exception is ignored: it only grants more). */
function licenceAllowed(expr) {
  const tokens = expr.replace(/[()]/g, (p) => ` ${p} `).split(/\s+/).filter(Boolean);
  let i = 0;
  const primary = () => {
    if (tokens[i] === '(') {
      i += 1;
      const v = orExpr();
      i += 1; // ')'
      return v;
    }
    const id = (tokens[i++] ?? '').replace(/\+$/, '');
    if (tokens[i] === 'WITH') i += 2;
    return allowed.has(id);
  };
  const andExpr = () => {
    let v = primary();
    while (tokens[i] === 'AND') { i += 1; v = primary() && v; }
    return v;
  };
  const orExpr = () => {
    let v = andExpr();
    while (tokens[i] === 'OR') { i += 1; v = andExpr() || v; }
    return v;
  };
  return orExpr();
}

// ------------------------------------------------------------------------------------------ walk the tree
const seen = new Map(); // lockfile key → { name, version, licence, via }
const direct = [];
const queue = [];
for (const ws of WORKSPACES) {
  const manifest = readManifest(ws);
  for (const name of Object.keys(manifest.dependencies ?? {})) direct.push({ workspace: ws, name });
  queue.push({ key: ws, via: ws });
}
while (queue.length) {
  const { key, via } = queue.shift();
  const manifest = readManifest(key);
  if (!manifest) continue; // an optional dependency for another platform
  const isWorkspace = WORKSPACES.includes(key);
  if (!isWorkspace) {
    if (seen.has(key)) continue;
    seen.set(key, { name: manifest.name, version: manifest.version, licence: licenceOf(manifest), via });
  }
  const deps = {
    ...manifest.dependencies,
    ...manifest.optionalDependencies,
    // peers are what the package loads at run time from its host; the installed one is the one shipped
    ...Object.fromEntries(Object.keys(manifest.peerDependencies ?? {}).filter((p) => !manifest.peerDependenciesMeta?.[p]?.optional).map((p) => [p, '*'])),
  };
  for (const name of Object.keys(deps)) {
    const target = resolve(key, name);
    if (target && !WORKSPACES.includes(target) && !seen.has(target)) queue.push({ key: target, via: isWorkspace ? key : `${via} > ${manifest.name}` });
  }
}

// ------------------------------------------------------------------------------------------ 1. licences
const counts = {};
for (const [key, p] of seen) {
  const label = p.licence ?? '(none)';
  counts[label] = (counts[label] ?? 0) + 1;
  const exception = allow.licenseExceptions?.[p.name];
  if (p.licence && licenceAllowed(p.licence)) continue;
  if (exception && exception.license === label && exception.reason) continue;
  problems.push(`licence ${label} of ${p.name}@${p.version} (${key}, via ${p.via}) is not allowed: ` +
    'replace the package, or add it to licenseExceptions in scripts/deps-allow.json with the licence and the reason');
}
for (const [name, e] of Object.entries(allow.licenseExceptions ?? {})) {
  if (![...seen.values()].some((p) => p.name === name)) problems.push(`licenseExceptions has ${name}, which is no longer a production dependency: remove it (${e.license})`);
}

// ------------------------------------------------------------------------------------------ 2. two majors
const majors = new Map();
for (const p of seen.values()) {
  const major = p.version.startsWith('0.') ? p.version.split('.').slice(0, 2).join('.') : p.version.split('.')[0];
  if (!majors.has(p.name)) majors.set(p.name, new Map());
  majors.get(p.name).set(major, p.version);
}
const duplicated = [...majors].filter(([, m]) => m.size > 1);
for (const [name, m] of duplicated) {
  if (allow.duplicateMajors?.[name]) continue;
  problems.push(`${name} resolves to ${m.size} majors (${[...m.values()].join(', ')}): dedupe (npm dedupe / align the ranges), ` +
    'or state the reason in duplicateMajors of scripts/deps-allow.json');
}
for (const name of Object.keys(allow.duplicateMajors ?? {})) {
  if (!duplicated.some(([n]) => n === name)) problems.push(`duplicateMajors has ${name}, which no longer resolves to two majors: remove it`);
}

// ------------------------------------------------------------------------------------------ 3. documented
const doc = fs.existsSync(path.join(ROOT, 'docs/dependencies.md')) ? fs.readFileSync(path.join(ROOT, 'docs/dependencies.md'), 'utf8') : '';
for (const { workspace, name } of direct) {
  if (name.startsWith('@jiceng/')) continue;
  if (!doc.includes(`\`${name}\``)) problems.push(`${name} (a production dependency of ${workspace}) is not explained in docs/dependencies.md`);
}

// ------------------------------------------------------------------------------------------ report
if (process.argv.includes('--list')) {
  for (const p of [...seen.values()].sort((a, b) => a.name.localeCompare(b.name))) console.log(`${p.name}@${p.version}\t${p.licence}`);
}
const summary = Object.entries(counts).sort((a, b) => b[1] - a[1]).map(([l, n]) => `${l} ${n}`).join(', ');
console.log(`deps-check: ${seen.size} production packages (${direct.length} direct) of ${WORKSPACES.join(', ')}; licences: ${summary}`);
if (duplicated.length) console.log(`two majors, with stated reasons: ${duplicated.map(([n, m]) => `${n} (${[...m.values()].join(', ')})`).join('; ')}`);
if (problems.length) {
  for (const p of problems) console.error(`  ✗ ${p}`);
  console.error(`deps-check FAILED: ${problems.length} problem(s)`);
  process.exit(1);
}
console.log('deps-check ok');
