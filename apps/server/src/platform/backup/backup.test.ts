// Restore drill: backup → wipe → restore → the audit chain verifies, every table has its rows back, and the
// encrypted personal fields decrypt with the key. On a PGlite data folder always; on PostgreSQL when
// TEST_DATABASE_URL is set (a database of its own, dropped afterwards).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { buildApp } from '../../app.js';
import { loadConfig } from '../../config.js';
import { openDatabase, rowsOf } from '../../db/client.js';
import { seedDemo } from '../../modules/demo/demo.seed.js';
import { call, DEMO_PASSWORD, login } from '../../../test/harness.js';
import { code, demoOrgs, idNumber } from '../../../test/factories.js';
import { verifyAudit } from '../audit/audit.service.js';
import { decrypt, setDataKey } from '../crypto/crypto.js';
import { backup, BackupError, readBackup, restore, type BackupTarget } from './backup.js';

const KEY = randomBytes(32).toString('base64');
const env = { JICENG_DATA_KEY: KEY, PG_BIN: process.env.PG_BIN };
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jiceng-backup-test-'));
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
  fs.rmSync(tmp, { recursive: true, force: true });
  setDataKey(randomBytes(32));
});

const headId = idNumber('19620315');

/** The demo county's orgs and accounts plus a household with encrypted ID numbers, written through the API. */
async function fill(url: string): Promise<void> {
  setDataKey(Buffer.from(KEY, 'base64'));
  const database = await openDatabase(url);
  await seedDemo(database.db, DEMO_PASSWORD, { people: false });
  const app = await buildApp({ config: { ...loadConfig({}), loginRateLimit: 10_000, webDist: '/nonexistent', logLevel: 'error' }, database, logger: false });
  await app.ready();
  const { byCode } = await demoOrgs(app);
  const village = await login(app, 'demo-village');
  const grid = (await call(app, village, 'POST', '/api/grids', { orgId: byCode('SFX-QS-QS').id, name: '备份测试网格', code: code('W') })).body;
  const hh = await call(app, village, 'POST', '/api/households', {
    orgId: byCode('SFX-QS-QS').id, gridId: grid.id, address: '青山村9组9号',
    residents: [{ name: '备份户主', relation: 'head', idNumber: headId, disability: '肢体三级' }, { name: '备份配偶', relation: 'spouse', idNumber: idNumber('19640808') }],
  });
  expect(hh.status).toBe(201);
  await app.close();
  await database.close();
}

async function countsOf(url: string): Promise<Record<string, number>> {
  const database = await openDatabase(url);
  try {
    const tables = rowsOf<{ s: string; t: string }>(await database.db.execute(sql.raw(
      `select table_schema as s, table_name as t from information_schema.tables where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')`,
    )));
    const out: Record<string, number> = {};
    for (const { s, t } of tables) out[`${s}.${t}`] = Number(rowsOf<{ n: number }>(await database.db.execute(sql.raw(`select count(*)::int as n from "${s}"."${t}"`)))[0]!.n);
    return out;
  } finally {
    await database.close();
  }
}

async function headIdDecrypts(url: string): Promise<string> {
  const database = await openDatabase(url);
  try {
    const [r] = rowsOf<{ id_enc: string }>(await database.db.execute(sql`select id_enc from residents where name = '备份户主'`));
    return decrypt(r!.id_enc);
  } finally {
    await database.close();
  }
}

async function drill(target: BackupTarget, url: string, wipe: () => Promise<void>) {
  const file = path.join(tmp, `drill-${randomBytes(4).toString('hex')}.jbk`);
  const before = await countsOf(url);
  const made = await backup(target, file);
  expect(made.header.tables).toEqual(before);
  expect(made.header.tables['public.residents']).toBe(2);
  expect(fs.readFileSync(file).includes(Buffer.from(KEY, 'base64'))).toBe(false);

  await wipe();
  const r = await restore(target, file);
  expect(r.mismatches).toEqual([]);
  expect(r.audit).toMatchObject({ ok: true });
  expect(await countsOf(url)).toEqual(before);
  const database = await openDatabase(url);
  expect(await verifyAudit(database.db)).toMatchObject({ ok: true, entries: expect.any(Number) });
  await database.close();
  expect(await headIdDecrypts(url)).toBe(headId);
  return file;
}

// each step opens a file-backed database several times (≈ 3 s each on PGlite)
const SLOW = 240_000;

describe('backup and restore (PGlite data folder)', () => {
  const dataDir = path.join(tmp, 'data');
  const target: BackupTarget = { dataDir, env };
  let file = '';

  it('restores a wiped folder: audit chain ok, every table\'s rows back, ID numbers decrypt', async () => {
    await fill(dataDir);
    file = await drill(target, dataDir, async () => fs.rmSync(dataDir, { recursive: true, force: true }));
  }, SLOW);

  it('refuses to overwrite a folder that holds a database unless forced, and keeps the old one aside', async () => {
    await expect(restore(target, file)).rejects.toThrow(/不是空的.*--force|not empty/);
    const r = await restore(target, file, { force: true });
    expect(r.audit).toMatchObject({ ok: true });
    expect(r.previous && fs.existsSync(path.join(r.previous, 'PG_VERSION'))).toBe(true);
  }, SLOW);

  it('refuses a restore with another data key, and a damaged or truncated file, before touching anything', async () => {
    const other = { dataDir: path.join(tmp, 'other'), env: { JICENG_DATA_KEY: randomBytes(32).toString('base64') } };
    await expect(restore(other, file)).rejects.toThrow(/数据密钥.*不一致|not the one of the backup/);
    expect(fs.existsSync(other.dataDir)).toBe(false);
    await expect(restore({ dataDir: path.join(tmp, 'nokey'), env: {} }, file)).rejects.toThrow(/no data key/);

    const bytes = fs.readFileSync(file);
    const damaged = path.join(tmp, 'damaged.jbk');
    const flipped = Buffer.from(bytes);
    flipped[Math.floor(bytes.length / 2)]! ^= 0xff;
    fs.writeFileSync(damaged, flipped);
    await expect(readBackup(damaged)).rejects.toThrow(/校验和不符|checksum/);
    fs.writeFileSync(damaged, bytes.subarray(0, bytes.length - 1000));
    await expect(restore({ dataDir: path.join(tmp, 'fresh'), env }, damaged)).rejects.toBeInstanceOf(BackupError);
    expect(fs.existsSync(path.join(tmp, 'fresh'))).toBe(false);
  });

  it('refuses to back up a folder that a live server process holds', async () => {
    fs.writeFileSync(path.join(dataDir, 'serve.pid'), `${process.ppid}\n`);
    await expect(backup(target, path.join(tmp, 'live.jbk'))).rejects.toThrow(/stop it first/);
    fs.rmSync(path.join(dataDir, 'serve.pid'));
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)('backup and restore (PostgreSQL)', () => {
  const admin = process.env.TEST_DATABASE_URL ?? 'postgres://skipped/x';
  const name = `jiceng_backup_${randomBytes(5).toString('hex')}`;
  const url = Object.assign(new URL(admin), { pathname: `/${name}` }).toString();
  const target: BackupTarget = { databaseUrl: url, dataDir: path.join(tmp, 'pg-no-data'), env };
  const adminQuery = async (q: string) => {
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    try {
      await c.query(q);
    } finally {
      await c.end();
    }
  };
  let file = '';

  it('restores a wiped database with pg_restore: audit chain ok, every table\'s rows back, ID numbers decrypt', async () => {
    await adminQuery(`create database ${name}`);
    cleanups.push(() => adminQuery(`drop database if exists ${name} with (force)`));
    await fill(url);
    file = await drill(target, url, async () => {
      await adminQuery(`drop database ${name} with (force)`);
      await adminQuery(`create database ${name}`);
    });
  }, SLOW);

  it('refuses to overwrite a database with tables unless forced; forced, it replaces it in one transaction', async () => {
    await expect(restore(target, file)).rejects.toThrow(/不是空的.*--force|not empty/);
    const r = await restore(target, file, { force: true });
    expect(r.mismatches).toEqual([]);
    expect(r.audit).toMatchObject({ ok: true });
  }, SLOW);
});
