// An empty, migrated PGlite database as a tarball, restored instead of running initdb and every migration when
// an embedded database is created (a first start on an empty folder, `jiceng seed`, each test file's in-memory
// database). initdb alone is ≈ 2.3 s of WebAssembly here and the migrations ≈ 1.1 s; restoring the tarball ≈ 0.5 s
// (bench `start`, issue 14 point 4).
//
// The tarball is made by the same code path it replaces (initdb, then the committed migrations), once per set of
// migrations and PGlite version: its file name carries a hash of both, so a new migration or a PGlite upgrade makes
// a new one and a stale tarball is never used. It is looked for next to the migrations (the build writes one into
// dist/, `jiceng template`) and in the machine's temp folder, where it is written on first use when missing. The
// migrations still run after a restore (a no-op when the journal matches), so a database made from a template is
// the database the migrations make.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { PGlite, type Extensions } from '@electric-sql/pglite';

/** PGlite's version, from its package.json (not in its exports: found from its main file upwards). */
function pgliteVersion(): string {
  let dir = path.dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  for (let i = 0; i < 4; i++, dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === '@electric-sql/pglite' && pkg.version) return pkg.version;
    } catch {
      // not this folder
    }
  }
  throw new Error('PGlite package.json not found');
}

/** A hash of the migration files (names and contents) and the PGlite version: the template's identity. */
export function templateKey(migrationsFolder: string): string {
  const h = crypto.createHash('sha256');
  h.update(`pglite ${pgliteVersion()}\n`);
  const walk = (dir: string) => {
    for (const name of fs.readdirSync(dir).sort()) {
      const p = path.join(dir, name);
      if (fs.statSync(p).isDirectory()) walk(p);
      else h.update(`${path.relative(migrationsFolder, p)}\n`).update(fs.readFileSync(p));
    }
  };
  walk(migrationsFolder);
  return h.digest('hex').slice(0, 16);
}

/** Where a template may be: next to the migrations (dist/ after a build), then the temp folder. */
function templatePaths(migrationsFolder: string, key: string): string[] {
  const name = `pglite-template-${key}.tar`;
  return [path.join(path.dirname(migrationsFolder), name), path.join(os.tmpdir(), 'jiceng-pglite', name)];
}

/**
 * The template tarball for these migrations, made (initdb + `migrate`) and written when no file has it yet. When no
 * place is writable it is still returned (used for this database); with `writeTo` (the build) a failed write throws.
 */
export async function pgliteTemplate(
  migrationsFolder: string,
  extensions: Extensions,
  migrate: (client: PGlite) => Promise<void>,
  options: { writeTo?: string } = {},
): Promise<Blob> {
  const key = templateKey(migrationsFolder);
  const paths = options.writeTo ? [path.join(options.writeTo, `pglite-template-${key}.tar`)] : templatePaths(migrationsFolder, key);
  if (!options.writeTo) {
    for (const p of paths) {
      try {
        return new Blob([fs.readFileSync(p)]);
      } catch {
        // not there: the next place, or make it
      }
    }
  }
  const client = await PGlite.create({ extensions });
  let tar: Blob;
  try {
    await migrate(client);
    tar = (await client.dumpDataDir('none')) as Blob;
  } finally {
    await client.close();
  }
  const bytes = Buffer.from(await tar.arrayBuffer());
  for (const p of options.writeTo ? paths : [...paths].reverse()) {
    try {
      fs.mkdirSync(path.dirname(p), { recursive: true });
      const tmp = `${p}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, bytes);
      fs.renameSync(tmp, p); // atomic: a parallel test worker reads a whole file or none
      break;
    } catch (err) {
      if (options.writeTo) throw err;
      // read-only place: the next one; none writable → still used for this database
    }
  }
  return new Blob([bytes]);
}
