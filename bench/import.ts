// `import`: one .xlsx of 100,000 households (1–3 residents each) through POST /api/imports/households, as the
// county admin, on PGlite (fresh folder) and PostgreSQL (throwaway cluster): seconds and the server's memory.
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { ltree } from '@electric-sql/pglite/contrib/ltree';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { checkDigitOf } from '@jiceng/contract';
import { seedInOwnProcess } from './start.js';
import { Client, REPO_ROOT, fmt, rssMB, serverMode, startServer, table, tempDir, writeResult } from './lib.js';

const HOUSEHOLDS = Number(process.env.BENCH_IMPORT_HOUSEHOLDS ?? 100_000);
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬芳燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹霞香月莺媛艳瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可姬舒影荔枝思丽';

/** Valid, unique ID numbers in a region the demo county does not use (湖北 仙桃 429004). */
function idFor(n: number, year0: number): string {
  const day = new Date(Date.UTC(year0, 0, 1) + (n % 9000) * 86_400_000);
  const birth = `${day.getUTCFullYear()}${String(day.getUTCMonth() + 1).padStart(2, '0')}${String(day.getUTCDate()).padStart(2, '0')}`;
  const first17 = `429004${birth}${String(Math.floor(n / 9000) % 1000).padStart(3, '0')}`;
  return first17 + checkDigitOf(first17);
}

async function writeFile(file: string, grids: { code: string }[]): Promise<{ rows: number; bytes: number }> {
  const headerBook = new ExcelJS.Workbook();
  const template = path.join(REPO_ROOT, 'bench/results/households-template.xlsx');
  await headerBook.xlsx.readFile(template);
  const header = (headerBook.worksheets[0]!.getRow(1).values as unknown[]).slice(1).map(String);
  const col = (name: string) => header.indexOf(name);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false });
  const ws = wb.addWorksheet('户籍');
  ws.addRow(header).commit();
  let rows = 0;
  let person = 0;
  for (let h = 0; h < HOUSEHOLDS; h++) {
    const grid = grids[h % grids.length]!;
    const size = 1 + (h % 3);
    for (let i = 0; i < size; i++) {
      const r: (string | null)[] = header.map(() => null);
      const p = person++;
      r[col('户编号')] = String(h + 1);
      r[col('网格编码')] = grid.code;
      r[col('地址')] = `导入测试路${h + 1}号`;
      if (h % 17 === 0 && col('六访标签') >= 0) r[col('六访标签')] = '空巢老人';
      r[col('姓名')] = SURNAMES[p % SURNAMES.length]! + GIVEN[(p * 7) % GIVEN.length]! + GIVEN[(p * 13 + 5) % GIVEN.length]!;
      r[col('与户主关系')] = i === 0 ? '户主' : i === 1 ? '配偶' : '子女';
      r[col('身份证号')] = idFor(p, i === 2 ? 1995 : 1950);
      r[col('联系电话')] = i === 0 ? `139${String(10_000_000 + h).slice(-8)}` : null;
      ws.addRow(r).commit();
      rows++;
    }
  }
  await wb.commit();
  return { rows, bytes: fs.statSync(file).size };
}

function pgStart(): { url: string; stop: () => void } | { skipped: string } {
  const dir = tempDir('jiceng-bench-import-pg-');
  try {
    const url = execFileSync(path.join(REPO_ROOT, '.ci/pg-throwaway.sh'), ['start'], {
      env: { ...process.env, PG_THROWAWAY_DIR: dir, PG_THROWAWAY_FAST: '0' }, stdio: ['ignore', 'pipe', 'pipe'],
    }).toString().trim();
    return { url, stop: () => execFileSync(path.join(REPO_ROOT, '.ci/pg-throwaway.sh'), ['stop', dir], { stdio: 'ignore' }) };
  } catch (e) {
    return { skipped: (e as Error).message.split('\n')[0]! };
  }
}

interface Floor { withIndexes: number; noIndexes: number; rows: number }
interface Result { database: string; households: number; rows: number; seconds: number; status: number; imported: number | null; rssBeforeMB: number; rssPeakDuringMB: number; floor?: Floor }

const FLOOR_TABLES = ['households', 'residents'];
/** the rows this import wrote (the file's addresses are 导入测试路…), not the demo county's */
const IMPORTED: Record<string, string> = {
  households: `select * from households where address like '导入测试路%'`,
  residents: `select r.* from residents r join households h on h.county_id = r.county_id and h.id = r.household_id where h.address like '导入测试路%'`,
};

/**
 * The floor, in the same run on the same database: the rows the import wrote (households + residents, exported
 * with COPY … TO) loaded again with a bare COPY into empty clones of the two tables — once with the same indexes
 * (`like … including all`: the trigram GINs, the ltree GiSTs, the unique ID hash), once with none.
 */
async function floorPglite(dir: string): Promise<Floor> {
  const db = await PGlite.create({ dataDir: dir, extensions: { ltree, pg_trgm }, postgresqlconf: ['shared_buffers=32MB'] });
  try {
    const dumps = new Map<string, Blob>();
    let rows = 0;
    for (const t of FLOOR_TABLES) {
      const r = await db.query(`copy (${IMPORTED[t]}) to '/dev/blob'`);
      dumps.set(t, r.blob!);
      rows += r.affectedRows ?? 0;
    }
    const load = async (including: string) => {
      for (const t of FLOOR_TABLES) await db.exec(`drop table if exists floor_${t}; create table floor_${t} (like ${t} ${including})`);
      const t0 = performance.now();
      await db.transaction(async (tx) => {
        for (const t of FLOOR_TABLES) await tx.query(`copy floor_${t} from '/dev/blob'`, [], { blob: dumps.get(t)! });
      });
      return (performance.now() - t0) / 1000;
    };
    const noIndexes = await load('including defaults');
    const withIndexes = await load('including all');
    for (const t of FLOOR_TABLES) await db.exec(`drop table floor_${t}`);
    return { withIndexes, noIndexes, rows };
  } finally {
    await db.close();
  }
}

async function floorPostgres(url: string): Promise<Floor> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiceng-import-floor-'));
  fs.chmodSync(dir, 0o777);
  try {
    let rows = 0;
    for (const t of FLOOR_TABLES) rows += (await client.query(`copy (${IMPORTED[t]}) to '${dir}/${t}.txt'`)).rowCount ?? 0;
    const load = async (including: string) => {
      for (const t of FLOOR_TABLES) await client.query(`drop table if exists floor_${t}; create table floor_${t} (like ${t} ${including})`);
      const t0 = performance.now();
      await client.query('begin');
      for (const t of FLOOR_TABLES) await client.query(`copy floor_${t} from '${dir}/${t}.txt'`);
      await client.query('commit');
      return (performance.now() - t0) / 1000;
    };
    const noIndexes = await load('including defaults');
    const withIndexes = await load('including all');
    for (const t of FLOOR_TABLES) await client.query(`drop table floor_${t}`);
    return { withIndexes, noIndexes, rows };
  } finally {
    await client.end();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function measure(database: 'pglite' | 'postgres', opts: { dataDir?: string; databaseUrl?: string }, file: string | null, prepare: (c: Client) => Promise<string>): Promise<Result & { file: string }> {
  const server = await startServer(opts, 300_000);
  try {
    const client = new Client(server.base);
    await client.login();
    const xlsx = file ?? (await prepare(client));
    const before = rssMB(server.pid).rss;
    let peak = before;
    const sampler = setInterval(() => { try { peak = Math.max(peak, rssMB(server.pid).rss); } catch { /* exited */ } }, 100);
    const form = new FormData();
    form.append('file', new Blob([fs.readFileSync(xlsx)]), 'households.xlsx');
    const t0 = performance.now();
    const res = await client.upload('/api/imports/households', form);
    const seconds = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    peak = Math.max(peak, rssMB(server.pid).rss);
    const body = res.body as { imported?: number; error?: { message: string; rows?: unknown[] } };
    if (res.status !== 200) console.log(`  [${database}] ${res.status}: ${body.error?.message} ${JSON.stringify(body.error?.rows?.slice(0, 3))}`);
    console.log(`  [${database}] ${res.status} in ${fmt(seconds)} s, imported ${body.imported ?? 0}; server RSS ${fmt(before, 0)} → peak ${fmt(peak, 0)} MB`);
    const result = { database, households: HOUSEHOLDS, rows: 0, seconds, status: res.status, imported: body.imported ?? null, rssBeforeMB: before, rssPeakDuringMB: peak, file: xlsx };
    await server.stop();
    if (res.status === 200) {
      const floor = opts.dataDir ? await floorPglite(opts.dataDir) : await floorPostgres(opts.databaseUrl!);
      console.log(`  [${database}] floor: bare COPY of the same ${floor.rows.toLocaleString('en')} rows ${fmt(floor.withIndexes)} s with the same indexes, ${fmt(floor.noIndexes)} s without`);
      return { ...result, floor };
    }
    return result;
  } finally {
    await server.stop();
  }
}

export async function benchImport() {
  const mode = serverMode();
  console.log(`server: ${mode.label}; ${HOUSEHOLDS.toLocaleString('en')} households (1–3 residents) in one .xlsx, POST /api/imports/households as demo-county`);
  const work = tempDir('jiceng-bench-import-');
  const xlsx = path.join(work, 'households.xlsx');
  let rows = 0;
  const results: Result[] = [];
  const notes: string[] = [];
  const prepare = async (client: Client) => {
    const tpl = await client.download('/api/imports/templates/households.xlsx');
    fs.mkdirSync(path.dirname(path.join(REPO_ROOT, 'bench/results/x')), { recursive: true });
    fs.writeFileSync(path.join(REPO_ROOT, 'bench/results/households-template.xlsx'), tpl);
    const grids = (await client.get<{ items: { code: string }[] }>('/api/grids')).body.items;
    const t0 = performance.now();
    const w = await writeFile(xlsx, grids);
    rows = w.rows;
    console.log(`  file: ${rows.toLocaleString('en')} rows, ${fmt(w.bytes / 1e6, 1)} MB, written in ${fmt((performance.now() - t0) / 1000)} s`);
    return xlsx;
  };
  try {
    const dir = tempDir('jiceng-bench-import-pglite-');
    try {
      // as `npm start` does it on an empty folder: the demo county seeded by `jiceng seed` in its own process, then served
      seedInOwnProcess(dir);
      results.push({ ...(await measure('pglite', { dataDir: dir }, null, prepare)), rows });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const pg = pgStart();
    if ('skipped' in pg) notes.push(`PostgreSQL skipped: ${pg.skipped}`);
    else {
      try {
        results.push({ ...(await measure('postgres', { databaseUrl: pg.url }, xlsx, prepare)), rows });
      } finally {
        pg.stop();
      }
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  console.log();
  console.log(table(['database', 'households', 'rows', 'status', 'seconds', 'households/s', 'floor: bare COPY, same indexes s', 'ratio', 'no indexes s', 'RSS before MB', 'RSS peak MB'],
    results.map((r) => [r.database, r.households, r.rows, r.status, fmt(r.seconds), fmt(r.households / r.seconds, 0),
      r.floor ? fmt(r.floor.withIndexes) : 'n/a', r.floor ? fmt(r.seconds / r.floor.withIndexes, 2) : 'n/a', r.floor ? fmt(r.floor.noIndexes) : 'n/a',
      fmt(r.rssBeforeMB, 0), fmt(r.rssPeakDuringMB, 0)])));
  console.log(`load average at the end: ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} (${os.cpus().length} cores)`);
  for (const n of notes) console.log(`note: ${n}`);
  const file = writeResult('import', { server: mode.kind, serverLabel: mode.label, results, notes });
  console.log(`\nwritten ${file}`);
}
