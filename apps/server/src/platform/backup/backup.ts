// Backup and restore of the whole database, both kinds: the PGlite data folder (PGlite's own dumpDataDir tarball)
// and PostgreSQL (pg_dump custom format, restored through pg_restore | psql in one transaction).
//
// A backup file is
//   JICENG-BACKUP 1\n
//   <header JSON: kind, time, data key fingerprint, row count of every table>\n
//   <payload: the tarball or the pg_dump archive>
//   \nJICENG-END <sha256 of the payload, 64 hex> <payload bytes, 16 digits>\n
// The trailer makes a truncated or damaged file fail before anything is touched. The data key itself is never in
// the file: without it the personal fields (ID numbers, disability, health, poverty) of a backup cannot be read.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { PGlite } from '@electric-sql/pglite';
import { ltree } from '@electric-sql/pglite/contrib/ltree';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import pg from 'pg';
import { openDatabase } from '../../db/client.js';
import { verifyAudit, type VerifyResult } from '../audit/audit.service.js';
import { keyedHash, setDataKey } from '../crypto/crypto.js';

const MAGIC = 'JICENG-BACKUP 1\n';
const TRAILER_LEN = '\nJICENG-END '.length + 64 + 1 + 16 + 1;
const PID_FILE = 'serve.pid';

export interface BackupTarget {
  /** postgres://… → PostgreSQL; otherwise the PGlite data folder */
  databaseUrl?: string;
  dataDir: string;
  env?: NodeJS.ProcessEnv;
}

export interface BackupHeader {
  format: 1;
  kind: 'pglite' | 'postgres';
  createdAt: string;
  /** HMAC of a constant under the data key: says whether a key is the backup's key, reveals nothing of it */
  keyFingerprint: string;
  keySource: string;
  /** rows per table (schema.table), counted in the same snapshot as the payload */
  tables: Record<string, number>;
  serverVersion: string;
}

export interface BackupResult {
  file: string;
  bytes: number;
  seconds: number;
  header: BackupHeader;
}

export interface RestoreResult {
  seconds: number;
  header: BackupHeader;
  /** tables whose row count after the restore differs from the backup's (empty = all match) */
  mismatches: { table: string; expected: number; actual: number }[];
  audit: VerifyResult;
  /** PGlite with --force: where the folder that was replaced was moved */
  previous?: string;
}

export class BackupError extends Error {}

export const KEY_REMINDER =
  '数据密钥不在备份里：请另行妥善保管 JICENG_DATA_KEY 或 data/jiceng.key，缺少它备份中的身份证号等个人敏感字段无法解密。\n' +
  'The data key is not in the backup: keep JICENG_DATA_KEY or data/jiceng.key safe, separately; without it the personal fields of this backup cannot be decrypted.';

// ------------------------------------------------------------------------------------------------ data key

/** The data key as the server takes it (JICENG_DATA_KEY, else <dataDir>/jiceng.key), but never created here. */
function loadExistingKey(dataDir: string, env: NodeJS.ProcessEnv): string {
  if (env.JICENG_DATA_KEY) {
    setDataKey(Buffer.from(env.JICENG_DATA_KEY, 'base64'));
    return 'JICENG_DATA_KEY';
  }
  const file = path.join(dataDir, 'jiceng.key');
  if (!fs.existsSync(file)) {
    throw new BackupError(
      `没有数据密钥：请设置 JICENG_DATA_KEY 或放回 ${file} / no data key: set JICENG_DATA_KEY or put the backed-up key at ${file}`,
    );
  }
  setDataKey(Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64'));
  return file;
}

const fingerprint = () => keyedHash('jiceng-backup', 'data key fingerprint v1').slice(0, 32);

// ------------------------------------------------------------------------------------------------ helpers

const COUNT_TABLES_SQL = `select table_schema || '.' || table_name as name from information_schema.tables
  where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema') order by 1`;

async function countRows(query: (sql: string) => Promise<{ rows: Record<string, unknown>[] }>): Promise<Record<string, number>> {
  const { rows } = await query(COUNT_TABLES_SQL);
  const out: Record<string, number> = {};
  for (const { name } of rows as { name: string }[]) {
    const [schema, table] = name.split('.');
    const r = await query(`select count(*)::int as n from "${schema}"."${table}"`);
    out[name] = Number(r.rows[0]!.n);
  }
  return out;
}

function pgBin(tool: string, env: NodeJS.ProcessEnv): string {
  if (env.PG_BIN) return path.join(env.PG_BIN, tool);
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, 'bin', tool))) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  return versions.length ? path.join(root, versions[0]!, 'bin', tool) : tool;
}

/** A serve process holds the PGlite folder: a second process opening it would corrupt it. */
export function holdDataDir(dataDir: string): void {
  refuseIfServed(dataDir);
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(path.join(dataDir, PID_FILE), `${process.pid}\n`);
  const release = () => {
    try {
      if (fs.readFileSync(path.join(dataDir, PID_FILE), 'utf8').trim() === String(process.pid)) fs.rmSync(path.join(dataDir, PID_FILE));
    } catch { /* already gone */ }
  };
  process.once('exit', release);
}

function refuseIfServed(dataDir: string): void {
  const file = path.join(dataDir, PID_FILE);
  if (!fs.existsSync(file)) return;
  const pid = Number(fs.readFileSync(file, 'utf8').trim());
  let alive = false;
  try {
    alive = pid > 0 && pid !== process.pid && process.kill(pid, 0);
  } catch { /* no such process: a stale file after a crash */ }
  if (alive) {
    throw new BackupError(
      `服务进程 ${pid} 正在使用 ${dataDir}，请先停止服务 / the server (pid ${pid}) is using ${dataDir}: stop it first (PGlite is single-process; ` +
        `if no jiceng server runs, pid ${pid} is another program: delete ${file})`,
    );
  }
}

function pgliteOptions(dataDir: string) {
  return { dataDir, extensions: { ltree, pg_trgm }, postgresqlconf: ['shared_buffers=32MB'] };
}

function hasPgliteData(dataDir: string): boolean {
  return fs.existsSync(path.join(dataDir, 'PG_VERSION'));
}

// ------------------------------------------------------------------------------------------------ backup

export async function backup(target: BackupTarget, file: string): Promise<BackupResult> {
  const env = target.env ?? process.env;
  const started = performance.now();
  const keySource = loadExistingKey(target.dataDir, env);
  if (!target.databaseUrl) {
    if (!hasPgliteData(target.dataDir)) throw new BackupError(`${target.dataDir} 中没有数据库 / no database in ${target.dataDir}`);
    refuseIfServed(target.dataDir);
  }
  const partial = `${file}.partial`;
  const out = fs.createWriteStream(partial, { mode: 0o600 });
  let writeError: Error | undefined;
  out.on('error', (err) => { writeError = err; });
  const hash = createHash('sha256');
  let payloadBytes = 0;
  const writeHeader = (header: BackupHeader) => {
    out.write(MAGIC);
    out.write(`${JSON.stringify(header)}\n`);
  };
  const writePayload = (chunk: Buffer) => {
    hash.update(chunk);
    payloadBytes += chunk.length;
    return out.write(chunk);
  };
  let header: BackupHeader;
  try {
    if (target.databaseUrl) {
      header = await backupPostgres(target.databaseUrl, env, keySource, writeHeader, writePayload);
    } else {
      header = await backupPglite(target.dataDir, keySource, writeHeader, writePayload);
    }
    out.write(`\nJICENG-END ${hash.digest('hex')} ${String(payloadBytes).padStart(16, '0')}\n`);
    await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
    const fd = fs.openSync(partial, 'r');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(partial, file);
  } catch (err) {
    await new Promise<void>((resolve) => { out.once('close', () => resolve()); out.destroy(); });
    fs.rmSync(partial, { force: true });
    throw writeError ?? err;
  }
  return { file, bytes: fs.statSync(file).size, seconds: (performance.now() - started) / 1000, header };
}

async function backupPglite(
  dataDir: string, keySource: string, writeHeader: (h: BackupHeader) => void, writePayload: (c: Buffer) => boolean,
): Promise<BackupHeader> {
  const db = await PGlite.create(pgliteOptions(dataDir));
  try {
    const tables = await countRows((s) => db.query(s) as never);
    const version = await db.query<{ v: string }>('show server_version');
    // the tarball is of the files: flush shared buffers first so they hold every committed row
    await db.exec('CHECKPOINT');
    const header: BackupHeader = {
      format: 1, kind: 'pglite', createdAt: new Date().toISOString(), keyFingerprint: fingerprint(), keySource,
      tables, serverVersion: version.rows[0]!.v,
    };
    writeHeader(header);
    const tar = await db.dumpDataDir('gzip');
    for await (const chunk of tar.stream() as unknown as AsyncIterable<Uint8Array>) writePayload(Buffer.from(chunk));
    return header;
  } finally {
    await db.close();
  }
}

async function backupPostgres(
  url: string, env: NodeJS.ProcessEnv, keySource: string, writeHeader: (h: BackupHeader) => void, writePayload: (c: Buffer) => boolean,
): Promise<BackupHeader> {
  // Counts and pg_dump read one exported snapshot: the header's counts are exactly the dump's rows, online.
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('begin isolation level repeatable read read only');
    const snapshot = (await client.query<{ s: string }>('select pg_export_snapshot() as s')).rows[0]!.s;
    const tables = await countRows((s) => client.query(s));
    const version = (await client.query<{ v: string }>('show server_version')).rows[0]!.v;
    const header: BackupHeader = {
      format: 1, kind: 'postgres', createdAt: new Date().toISOString(), keyFingerprint: fingerprint(), keySource, tables, serverVersion: version,
    };
    writeHeader(header);
    const child = spawn(pgBin('pg_dump', env), ['--format=custom', '--no-owner', '--no-privileges', `--snapshot=${snapshot}`, '--dbname', url], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    const exited = new Promise<number>((resolve, reject) => { child.on('error', reject); child.on('close', (code) => resolve(code ?? 1)); });
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) writePayload(chunk);
    const code = await exited;
    if (code !== 0) throw new BackupError(`pg_dump failed (exit ${code}): ${stderr.trim()}`);
    await client.query('commit');
    return header;
  } finally {
    await client.end();
  }
}

// ------------------------------------------------------------------------------------------------ reading a file

interface OpenedBackup {
  header: BackupHeader;
  payloadStart: number;
  payloadEnd: number;
}

/** Reads the header and checks the trailer's hash over the payload: a damaged file is refused before any change. */
export async function readBackup(file: string): Promise<OpenedBackup> {
  if (!fs.existsSync(file)) throw new BackupError(`备份文件不存在 / no such backup file: ${file}`);
  const size = fs.statSync(file).size;
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(Math.min(size, 1 << 20));
    fs.readSync(fd, head, 0, head.length, 0);
    const bad = () => new BackupError(`不是完整的 jiceng 备份文件 / not a complete jiceng backup file: ${file}`);
    if (head.subarray(0, MAGIC.length).toString() !== MAGIC) throw bad();
    const nl = head.indexOf(0x0a, MAGIC.length);
    if (nl < 0 || size < nl + 1 + TRAILER_LEN) throw bad();
    const header = JSON.parse(head.subarray(MAGIC.length, nl).toString()) as BackupHeader;
    const trailer = Buffer.alloc(TRAILER_LEN);
    fs.readSync(fd, trailer, 0, TRAILER_LEN, size - TRAILER_LEN);
    const m = /^\nJICENG-END ([0-9a-f]{64}) (\d{16})\n$/.exec(trailer.toString());
    const payloadStart = nl + 1;
    const payloadEnd = size - TRAILER_LEN;
    if (!m || Number(m[2]) !== payloadEnd - payloadStart) throw bad();
    const hash = createHash('sha256');
    await pipeline(fs.createReadStream(file, { start: payloadStart, end: payloadEnd - 1 }), hash);
    if (hash.digest('hex') !== m[1]) throw new BackupError(`备份文件已损坏（校验和不符）/ the backup file is damaged (checksum mismatch): ${file}`);
    return { header, payloadStart, payloadEnd };
  } finally {
    fs.closeSync(fd);
  }
}

// ------------------------------------------------------------------------------------------------ restore

export async function restore(target: BackupTarget, file: string, { force = false } = {}): Promise<RestoreResult> {
  const env = target.env ?? process.env;
  const started = performance.now();
  const opened = await readBackup(file);
  const { header } = opened;
  const wantKind = target.databaseUrl ? 'postgres' : 'pglite';
  if (header.kind !== wantKind) {
    throw new BackupError(
      `备份是 ${header.kind} 的，目标是 ${wantKind} / the backup is of ${header.kind}, the target is ${wantKind} ` +
        `(${header.kind === 'postgres' ? 'set DATABASE_URL' : 'unset DATABASE_URL, set DATA_DIR'})`,
    );
  }
  loadExistingKey(target.dataDir, env);
  if (fingerprint() !== header.keyFingerprint) {
    throw new BackupError(
      '数据密钥与备份时的不一致：请使用备份时的 JICENG_DATA_KEY 或 jiceng.key / the data key is not the one of the backup: ' +
        `use the JICENG_DATA_KEY or jiceng.key it was made with (the backup's key came from ${header.keySource})`,
    );
  }
  let previous: string | undefined;
  let actual: Record<string, number>;
  if (target.databaseUrl) actual = await restorePostgres(target.databaseUrl, env, file, opened, force);
  else ({ actual, previous } = await restorePglite(target.dataDir, file, opened, force));

  const mismatches = Object.entries(header.tables)
    .filter(([t, n]) => actual[t] !== n)
    .map(([table, expected]) => ({ table, expected, actual: actual[table] ?? -1 }));
  const database = await openDatabase(target.databaseUrl ?? target.dataDir);
  try {
    const audit = await verifyAudit(database.db);
    return { seconds: (performance.now() - started) / 1000, header, mismatches, audit, previous };
  } finally {
    await database.close();
  }
}

async function restorePglite(dataDir: string, file: string, opened: OpenedBackup, force: boolean) {
  refuseIfServed(dataDir);
  const occupied = fs.existsSync(dataDir) && fs.readdirSync(dataDir).some((f) => f !== 'jiceng.key' && f !== PID_FILE);
  if (occupied && !force) {
    throw new BackupError(`目标 ${dataDir} 不是空的，加 --force 覆盖（原目录会被移走保留）/ ${dataDir} is not empty: add --force to replace it (the old folder is kept aside)`);
  }
  const dir = path.resolve(dataDir);
  const staging = `${dir}.restoring-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true, mode: 0o700 });
  let actual: Record<string, number>;
  try {
    const blob = (await fs.openAsBlob(file)).slice(opened.payloadStart, opened.payloadEnd);
    const db = await PGlite.create({ ...pgliteOptions(staging), loadDataDir: blob });
    try {
      actual = await countRows((s) => db.query(s) as never);
      await db.exec('CHECKPOINT');
    } finally {
      await db.close();
    }
  } catch (err) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw err;
  }
  // the key file belongs to the folder: it moves with the restored data
  const keyFile = path.join(dir, 'jiceng.key');
  if (fs.existsSync(keyFile)) fs.copyFileSync(keyFile, path.join(staging, 'jiceng.key'));
  let previous: string | undefined;
  if (fs.existsSync(dir)) {
    previous = `${dir}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    fs.renameSync(dir, previous);
    if (!occupied) {
      fs.rmSync(previous, { recursive: true, force: true });
      previous = undefined;
    }
  }
  fs.renameSync(staging, dir);
  return { actual, previous };
}

async function restorePostgres(url: string, env: NodeJS.ProcessEnv, file: string, opened: OpenedBackup, force: boolean) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(COUNT_TABLES_SQL);
    if (rows.length > 0 && !force) {
      throw new BackupError(`目标数据库不是空的（${rows.length} 张表），加 --force 覆盖 / the target database is not empty (${rows.length} tables): add --force to replace it`);
    }
  } finally {
    await client.end();
  }
  // pg_restore turns the archive into SQL; psql runs it after the drops in ONE transaction (-1): a failed restore
  // leaves the target as it was.
  const restoreProc = spawn(pgBin('pg_restore', env), ['--no-owner', '--no-privileges', '--file=-'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const psql = spawn(pgBin('psql', env), ['--no-psqlrc', '--quiet', '-v', 'ON_ERROR_STOP=1', '--single-transaction', '--dbname', url, '--file=-'], {
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  let errors = '';
  restoreProc.stderr.on('data', (d: Buffer) => { errors += d.toString(); });
  psql.stderr.on('data', (d: Buffer) => { errors += d.toString(); });
  const done = (p: ReturnType<typeof spawn>) => new Promise<number>((resolve, reject) => { p.on('error', reject); p.on('close', (c) => resolve(c ?? 1)); });
  const codes = Promise.all([done(restoreProc), done(psql)]);
  psql.stdin!.write('drop schema if exists drizzle cascade;\ndrop schema if exists public cascade;\ncreate schema public;\n');
  restoreProc.stdout!.pipe(psql.stdin!);
  await pipeline(fs.createReadStream(file, { start: opened.payloadStart, end: opened.payloadEnd - 1 }), restoreProc.stdin!);
  const [rc1, rc2] = await codes;
  if (rc1 !== 0 || rc2 !== 0) throw new BackupError(`恢复失败，目标未改动 / restore failed, the target is unchanged: ${errors.trim()}`);
  const after = new pg.Client({ connectionString: url });
  await after.connect();
  try {
    return await countRows((s) => after.query(s));
  } finally {
    await after.end();
  }
}
