// npm run bench:gen -- --scale township|county|city [--path insert|copy] [options]
//
// Writes counties of generated orgs, grids, households (+ residents) and members into the database of
// DATABASE_URL (PostgreSQL) or DATA_DIR (PGlite), keeping every rule of the application: county_id and
// org_path scope keys, ltree paths, ID numbers encrypted (AES-256-GCM) with a keyed hash unique per county,
// pinyin search text, one audit entry per county for the batch. Streams in batches: memory stays flat.
// Prints rows/s per table and the total; optional measurements: --compare-copy, --search.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { getTableColumns, sql, type Table } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { uuidv7 } from 'uuidv7';
import type { CreateHouseholdInput, MemberStatus, ResidentInput, VisitTag } from '@jiceng/contract';
import { loadConfig } from '../apps/server/src/config.js';
import { openDatabase, rowsOf, type Db, type DbOrTx } from '../apps/server/src/db/client.js';
import * as schema from '../apps/server/src/db/schema.js';
import { orgs } from '../apps/server/src/modules/orgs/orgs.tables.js';
import { grids, households, residents } from '../apps/server/src/modules/grids/grids.tables.js';
import { members } from '../apps/server/src/modules/members/members.tables.js';
import { listHouseholds, prepareHousehold } from '../apps/server/src/modules/grids/households.service.js';
import { prepareMember } from '../apps/server/src/modules/members/members.service.js';
import { appendAudit } from '../apps/server/src/platform/audit/audit.service.js';
import { pathLabel } from '../apps/server/src/platform/access/access.js';
import { encrypt, keyedHash, loadDataKey } from '../apps/server/src/platform/crypto/crypto.js';
import { searchText } from '../apps/server/src/platform/search/pinyin.js';
import { seedActor } from '../apps/server/src/modules/demo/demo.people.js';
import { Rng, dayIn, idNumber, mobile, personName, YICHANG_REGIONS } from '../apps/server/src/modules/demo/demo.random.js';
import { fmt, machine, postgresTarget, summarize, table, writeResult } from './lib.js';
import { fillDuties } from './duties.js';

// ————————————————————————————————————————————————————————————————————— scales (篇三: 宜昌 13 县市区, 87 乡镇, 1367 村)

interface Scale {
  counties: number;
  townships: number;
  villages: number;
  grids: number;
  households: number;
  members: number;
  /** residents per household: min, max */
  residents: [number, number];
}
const SCALES: Record<string, Scale> = {
  township: { counties: 1, townships: 1, villages: 20, grids: 200, households: 15_000, members: 2_250, residents: [1, 4] },
  county: { counties: 1, townships: 12, villages: 200, grids: 2_000, households: 120_000, members: 18_000, residents: [1, 4] },
  city: { counties: 13, townships: 87, villages: 1_367, grids: 16_000, households: 1_300_000, members: 200_000, residents: [1, 1] },
};
/** part i of n of a total, spread evenly (sums exactly to total) */
const share = (total: number, n: number, i: number) => Math.floor(((i + 1) * total) / n) - Math.floor((i * total) / n);

const COUNTY_NAMES = ['西陵', '伍家岗', '点军', '猇亭', '夷陵', '远安', '兴山', '秭归', '长阳', '五峰', '宜都', '当阳', '枝江'];
const TOWN_WORDS = '龙泉鸦鹊官庄分乡黄花太平小溪三斗坪乐天溪邓村雾渡河下堡坪樟村坪莲沱茅坪归州屈原沙镇溪两河口郭家坝杨林桥'.match(/../g)!;
const VILLAGE_WORDS = '青山石门白果茶园河口双河新桥渔洋红旗柳树松林桃园杨岭金竹大堰高岩黄龙龙潭马鞍凉水花溪向阳柏树清溪'.match(/../g)!;
const TAG_RATES: [VisitTag, number][] = [['needy', 0.06], ['emptyNest', 0.1], ['leftBehindChild', 0.05], ['disabled', 0.04], ['floatingMember', 0.02], ['unemployed', 0.04]];

// ————————————————————————————————————————————————————————————————————— options

const { values: opt } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    scale: { type: 'string', default: 'township' },
    path: { type: 'string', default: 'insert' },
    /** load only the first N counties of the scale (partial run; says so in the output) */
    counties: { type: 'string' },
    batch: { type: 'string', default: '5000' },
    'compare-copy': { type: 'boolean', default: false },
    search: { type: 'boolean', default: false },
    /** also the duties records of each county (issue 10: central households, pairings, volunteer records, activities; bench/duties.ts) */
    duties: { type: 'boolean', default: false },
    /** start a throwaway PostgreSQL cluster (.ci/pg-throwaway.sh, durable settings) instead of DATABASE_URL */
    throwaway: { type: 'boolean', default: false },
    /** counties loaded at once, each on its own connection and transaction (PostgreSQL; default 2 on the copy path) */
    parallel: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (opt.help) {
  console.log(`usage: npm run bench:gen -- --scale township|county|city [--path insert|copy] [--counties N] [--batch 5000]
                         [--compare-copy] [--search] [--throwaway] [--duties] [--parallel N]
  database: DATABASE_URL (PostgreSQL) or DATA_DIR (PGlite); --throwaway starts a temporary PostgreSQL cluster
  --path copy          PostgreSQL COPY … FROM STDIN (pg-copy-streams); insert = batched INSERT through Drizzle (both databases)
  --compare-copy       (copy path) also time PostgreSQL's own COPY of the same rows into empty clones of the tables
  --search             median latency of pinyin/initials/character household search (service and city-wide SQL)
  --duties             also each county's duties records (2,000 central households, 200 pairings, 500,000 volunteer records per 18,000 members)
  --parallel N         counties loaded at once, each on its own connection (PostgreSQL; default 2 on the copy path, else 1)`);
  process.exit(0);
}
if (!(opt.scale! in SCALES)) throw new Error(`unknown scale ${opt.scale} (township | county | city)`);
const scale: Scale = SCALES[opt.scale!]!;
if (opt.path !== 'insert' && opt.path !== 'copy') throw new Error('--path is insert or copy');
const countiesToLoad = Math.min(scale.counties, Number(opt.counties ?? scale.counties));
const BATCH = Number(opt.batch);
const PARALLEL = Number(opt.parallel ?? (opt.path === 'copy' ? 2 : 1));
if (!Number.isInteger(PARALLEL) || PARALLEL < 1 || PARALLEL > 16) throw new Error('--parallel is a whole number from 1 to 16');

// ————————————————————————————————————————————————————————————————————— rows

const searchMemo = new Map<string, string>();
/** searchText of the application, memoised (names repeat a lot at city scale) */
const st = (name: string) => {
  let s = searchMemo.get(name);
  if (s === undefined) {
    s = searchText(name);
    if (searchMemo.size < 500_000) searchMemo.set(name, s);
  }
  return s;
};

type Row = Record<string, unknown>;
interface Stat {
  rows: number;
  ms: number;
}
const stats = new Map<string, Stat>();
/** milliseconds spent writing the --compare-copy files (on the event loop, so out of the load's wall time) */
let teeMs = 0;

interface Sink {
  write(tableName: string, t: Table, rows: Row[]): Promise<void>;
}

/** Batched INSERT through Drizzle (1,000 rows a statement), inside the county's transaction. */
const insertSink = (tx: DbOrTx): Sink => ({
  async write(name, t, rows) {
    const t0 = performance.now();
    for (let i = 0; i < rows.length; i += 1000) await tx.insert(t as never).values(rows.slice(i, i + 1000) as never);
    track(name, rows.length, t0);
  },
});

function track(name: string, n: number, t0: number) {
  const s = stats.get(name) ?? { rows: 0, ms: 0 };
  s.rows += n;
  s.ms += performance.now() - t0;
  stats.set(name, s);
}

// COPY text format
const esc = (v: unknown): string => {
  if (v === null || v === undefined) return '\\N';
  if (Array.isArray(v)) return `{${v.join(',')}}`;
  if (typeof v === 'boolean') return v ? 't' : 'f';
  const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
  return s.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
};
function columnsOf(t: Table, sample: Row): { keys: string[]; names: string[] } {
  const cols = getTableColumns(t) as Record<string, { name: string }>;
  const keys = Object.keys(cols).filter((k) => k in sample);
  return { keys, names: keys.map((k) => cols[k]!.name) };
}

/** COPY … FROM STDIN through pg-copy-streams on the county's connection; optionally tees the lines to files. */
const copySink = (client: pg.ClientBase, teeDir: string | null): Sink => ({
  async write(name, t, rows) {
    if (rows.length === 0) return;
    const t0 = performance.now();
    const { keys, names } = columnsOf(t, rows[0]!);
    const cols = names.map((n) => `"${n}"`).join(', ');
    const lines = rows.map((r) => `${keys.map((k) => esc(r[k])).join('\t')}\n`);
    if (teeDir) {
      // the tee is the floor's input, not part of the load: its time is taken out of the load's figure
      const tt = performance.now();
      fs.appendFileSync(path.join(teeDir, `${name}.tsv`), lines.join(''));
      fs.writeFileSync(path.join(teeDir, `${name}.cols`), cols);
      teeMs += performance.now() - tt;
    }
    const stream = client.query(copyFrom(`COPY ${name} (${cols}) FROM STDIN`));
    await pipeline(Readable.from(chunked(lines)), stream);
    track(name, rows.length, t0);
  },
});
function* chunked(lines: string[]) {
  for (let i = 0; i < lines.length; i += 500) yield lines.slice(i, i + 500).join('');
}

interface Person {
  name: string;
  male: boolean;
  birthDate: string;
  idNumber: string;
  phone: string | null;
}

/** What prepareResident makes of a person (same fields, same encryption and hash), without the async lookups. */
function residentRow(countyId: string, householdId: string, orgPath: string, p: Person, relation: string, sensitive: { disability?: string; health?: string; poverty?: string } | null): Row {
  const s = sensitive ? { disability: sensitive.disability ?? null, health: sensitive.health ?? null, poverty: sensitive.poverty ?? null } : null;
  return {
    countyId, id: uuidv7(), householdId, orgPath, name: p.name, searchText: st(p.name), gender: p.male ? 'male' : 'female', relation,
    birthDate: p.birthDate, phone: p.phone, idEnc: encrypt(p.idNumber), idHash: keyedHash(countyId, p.idNumber),
    sensitiveEnc: s ? encrypt(JSON.stringify(s)) : null, isHead: relation === 'head',
  };
}

// ————————————————————————————————————————————————————————————————————— one county

interface CountyResult {
  countyId: string;
  counts: Record<string, number>;
  sampleNames: string[];
}

async function loadCounty(db: DbOrTx, sink: Sink, c: number, run: string): Promise<CountyResult> {
  const rng = new Rng(1000 + c);
  const countyId = uuidv7();
  const root = pathLabel(countyId);
  const actor = seedActor(countyId, root);
  const used = new Set<string>();
  const cname = `${COUNTY_NAMES[c % COUNTY_NAMES.length]}${c >= COUNTY_NAMES.length ? c : ''}`;
  const code = `${run}-C${String(c + 1).padStart(2, '0')}`;
  const nT = share(scale.townships, scale.counties, c);
  const nV = share(scale.villages, scale.counties, c);
  const nG = share(scale.grids, scale.counties, c);
  const nH = share(scale.households, scale.counties, c);
  const nM = share(scale.members, scale.counties, c);

  // — orgs: county → townships → villages (branches) → one party group per grid —
  const orgRows: Row[] = [{ countyId, id: countyId, parentId: null, name: `中共${cname}县委员会`, code, tier: 'county', level: 'committee', sector: 'organ', path: root, searchText: st(`中共${cname}县委员会`) }];
  const org = (parent: Row, name: string, ocode: string, tier: string, level: string, sector = 'rural'): Row => {
    const id = uuidv7();
    const row = { countyId, id, parentId: parent.id, name, code: ocode, tier, level, sector, path: `${parent.path}.${pathLabel(id)}`, searchText: st(name) };
    orgRows.push(row);
    return row;
  };
  interface V { row: Row; name: string; grids: { row: Row; group: Row; households: number }[]; members: number; pool: { p: Person; residentId: string; gridId: string; group: Row }[] }
  const villages: V[] = [];
  for (let t = 0; t < nT; t++) {
    const tw = `${rng.pick(TOWN_WORDS)}${t + 1}`;
    const town = org(orgRows[0]!, `中共${tw}镇委员会`, `${code}-T${t + 1}`, 'township', 'committee');
    const vn = share(nV, nT, t);
    for (let v = 0; v < vn; v++) {
      const name = `${rng.pick(VILLAGE_WORDS)}${villages.length + 1}村`;
      const vrow = org(town, `中共${tw}镇${name}支部委员会`, `${town.code}-V${v + 1}`, 'village', 'branch');
      villages.push({ row: vrow, name, grids: [], members: 0, pool: [] });
    }
  }
  const gridRows: Row[] = [];
  let gi = 0;
  villages.forEach((v, vi) => {
    const ng = share(nG, nV, vi);
    v.members = share(nM, nV, vi);
    for (let g = 0; g < ng; g++, gi++) {
      const group = org(v.row, `${v.name}第${g + 1}党小组`, `${v.row.code}-G${g + 1}`, 'village', 'group');
      const lon = 110.5 + (vi % 40) * 0.03 + g * 0.002;
      const lat = 30.2 + Math.floor(vi / 40) * 0.03;
      const row = {
        countyId, id: uuidv7(), orgId: v.row.id, orgPath: group.path, name: `${v.name}第${g + 1}网格`, code: `${v.row.code}-W${g + 1}`, partyGroupId: group.id,
        boundary: { type: 'Polygon', coordinates: [[[lon, lat], [lon + 0.002, lat], [lon + 0.002, lat + 0.02], [lon, lat + 0.02], [lon, lat]]] },
      };
      gridRows.push(row);
      v.grids.push({ row, group, households: share(nH, nG, gi) });
    }
  });
  await sink.write('orgs', orgs, orgRows);
  await sink.write('grids', grids, gridRows);

  // — households and residents, streamed in batches —
  let hh: Row[] = [];
  let rs: Row[] = [];
  const counts = { orgs: orgRows.length, grids: gridRows.length, households: 0, residents: 0, members: 0 };
  const sampleNames: string[] = [];
  // the database works on batch n while this process generates batch n + 1 (PostgreSQL: another process)
  let inflight: Promise<void> = Promise.resolve();
  const flush = async () => {
    const [h, r] = [hh, rs];
    hh = [];
    rs = [];
    await inflight;
    inflight = (async () => {
      await sink.write('households', households, h);
      await sink.write('residents', residents, r);
      counts.households += h.length;
      counts.residents += r.length;
    })();
    inflight.catch(() => {}); // awaited (and thrown) at the next flush
  };
  const person = (male: boolean, age: number, family?: string): Person => {
    const year = 2025 - age;
    const birthDate = dayIn(rng, year);
    const name = personName(rng, male, year, family);
    return { name, male, birthDate, idNumber: idNumber(rng, rng.chance(0.85) ? '420528' : rng.pick(YICHANG_REGIONS), birthDate, male, used), phone: age >= 18 ? mobile(rng) : null };
  };
  let checked = false;
  for (const v of villages) {
    for (const g of v.grids) {
      const zuBase = v.grids.indexOf(g) * 2 + 1;
      for (let i = 0; i < g.households; i++) {
        const headAge = rng.int(25, 85);
        const head = person(rng.chance(0.85), headAge);
        const family = head.male ? head.name[0] : undefined;
        const others: [Person, string][] = [];
        const n = rng.int(scale.residents[0], scale.residents[1]);
        if (n >= 2) others.push([person(!head.male, Math.max(20, headAge - rng.int(-3, 5)), undefined), 'spouse']);
        for (let k = 2; k < n; k++) {
          const age = headAge - rng.int(22, 34);
          if (age >= 0) others.push([person(rng.chance(0.5), age, family), 'child']);
        }
        const tags = TAG_RATES.filter(([, p]) => rng.chance(p)).map(([t]) => t);
        const address = `${v.name}${zuBase + (i % 2)}组${Math.floor(i / 2) + 1}号`;
        const hid = uuidv7();
        const headSensitive = tags.includes('disabled') ? { disability: '肢体三级' } : tags.includes('needy') ? { poverty: '低保户' } : null;
        const all: [Person, string][] = [[head, 'head'], ...others];
        const resRows = all.map(([p, rel], k) => residentRow(countyId, hid, g.group.path as string, p, rel, k === 0 ? headSensitive : null));
        const hrow: Row = {
          countyId, id: hid, orgId: v.row.id, orgPath: g.group.path, gridId: g.row.id, address, headName: head.name, phone: head.phone,
          visitTags: tags, note: null, searchText: `${all.map(([p]) => st(p.name)).join(' ')} ${address.toLowerCase()}`,
        };
        if (!checked) {
          checked = true;
          await sameAsService(actor, v, g, hrow, resRows, all);
        }
        hh.push(hrow);
        rs.push(...resRows);
        if (sampleNames.length < 200 && rng.chance(0.01)) sampleNames.push(head.name);
        // adults of the village are candidates for its members (resident_id link)
        for (const [k, [p]] of all.entries()) if (v.pool.length < v.members && p.birthDate <= '2003-01-01' && rng.chance(0.3)) v.pool.push({ p, residentId: resRows[k]!.id as string, gridId: g.row.id as string, group: g.group });
        if (hh.length >= BATCH) await flush();
        else if (hh.length % 250 === 0) await new Promise(setImmediate); // let the socket drain the batch in flight
      }
    }
  }
  await flush();
  await inflight;

  // — members: 85 % formal, 8 % probationary, 7 % activists; ~5 % floating; most linked to a resident —
  let ms: Row[] = [];
  for (const v of villages) {
    for (let i = 0; i < v.members; i++) {
      const status: MemberStatus = rng.weighted([['formal', 85], ['probationary', 8], ['activist', 7]] as const);
      const link = v.pool[i];
      const p = link?.p ?? person(rng.chance(0.7), rng.int(25, 70));
      const year = Number(p.birthDate.slice(0, 4));
      const admitted = status === 'activist' ? null : status === 'probationary' ? dayIn(rng, 2026, 1, 8) : dayIn(rng, Math.min(2024, year + rng.int(20, 40)));
      const activist = admitted ? `${Number(admitted.slice(0, 4)) - 1}${admitted.slice(4)}` : dayIn(rng, 2025);
      const floating = rng.chance(0.05);
      const at = link ? link.group : v.row;
      ms.push({
        countyId, id: uuidv7(), orgId: at.id, orgPath: at.path, gridId: link?.gridId ?? null, residentId: link?.residentId ?? null,
        name: p.name, searchText: st(p.name), gender: p.male ? 'male' : 'female', birthDate: p.birthDate, phone: p.phone ?? mobile(rng),
        idEnc: encrypt(p.idNumber), idHash: keyedHash(countyId, p.idNumber), status, activistOn: activist, admittedOn: admitted,
        fullOn: status === 'formal' ? `${Number(admitted!.slice(0, 4)) + 1}${admitted!.slice(4)}` : null,
        floating, floatingTo: floating ? rng.pick(['广东省深圳市', '浙江省杭州市', '上海市浦东新区', '湖北省武汉市']) : null,
      });
      if (ms.length === 1) await sameMemberAsService(actor, orgRows, ms[0]!, p);
      if (ms.length >= BATCH) {
        await sink.write('members', members, ms);
        counts.members += ms.length;
        ms = [];
      }
    }
    v.pool = [];
  }
  await sink.write('members', members, ms);
  counts.members += ms.length;

  await appendAudit(db, {
    countyId, action: 'bench.generate', entity: 'county', entityId: countyId, orgPath: root,
    detail: { scale: opt.scale, path: opt.path, ...counts },
  });
  return { countyId, counts, sampleNames };
}

/** The generated rows must be what the API would write: checked against prepareHousehold on the first household. */
async function sameAsService(actor: ReturnType<typeof seedActor>, v: { row: Row }, g: { row: Row; group: Row }, h: Row, rs: Row[], people: [Person, string][]) {
  const input: CreateHouseholdInput = {
    orgId: v.row.id as string, gridId: g.row.id as string, address: h.address as string, visitTags: h.visitTags as VisitTag[],
    residents: people.map(([p, rel]) => ({ name: p.name, relation: rel as ResidentInput['relation'], phone: p.phone, idNumber: p.idNumber })),
  };
  const { prepared, problems } = await prepareHousehold(actor, input, {
    org: async () => ({ id: v.row.id as string, path: v.row.path as string, tier: 'village', level: 'branch', archived: false }),
    grid: async () => ({ id: g.row.id as string, orgId: v.row.id as string, orgPath: g.group.path as string }),
  });
  if (!prepared) throw new Error(`generated household breaks a rule: ${JSON.stringify(problems)}`);
  const pick = (r: Row, keys: string[]) => JSON.stringify(keys.map((k) => r[k]));
  const hk = ['orgId', 'orgPath', 'gridId', 'address', 'headName', 'phone', 'searchText'];
  const rk = ['orgPath', 'name', 'searchText', 'gender', 'relation', 'birthDate', 'idHash', 'isHead'];
  if (pick(h, hk) !== pick(prepared.household as Row, hk)) throw new Error(`household differs from the service:\n${pick(h, hk)}\n${pick(prepared.household as Row, hk)}`);
  prepared.residents.forEach((r, i) => {
    if (pick(rs[i]!, rk) !== pick(r as Row, rk)) throw new Error(`resident differs from the service:\n${pick(rs[i]!, rk)}\n${pick(r as Row, rk)}`);
  });
}

async function sameMemberAsService(actor: ReturnType<typeof seedActor>, orgRows: Row[], m: Row, p: Person) {
  const at = orgRows.find((o) => o.id === m.orgId)!;
  const { row, problems } = await prepareMember(actor, {
    orgId: m.orgId as string, gridId: m.gridId as string | null, name: p.name, phone: m.phone as string, idNumber: p.idNumber, status: m.status as MemberStatus,
    activistOn: m.activistOn as string, admittedOn: m.admittedOn as string | null, fullOn: m.fullOn as string | null, floating: m.floating as boolean, floatingTo: m.floatingTo as string | null,
  }, {
    org: async () => ({ id: at.id as string, path: at.path as string, level: at.level as string, archived: false }),
    grid: async (id) => ({ id, orgPath: at.path as string }),
  });
  if (!row) throw new Error(`generated member breaks a rule: ${JSON.stringify(problems)}`);
  const keys = ['orgPath', 'name', 'searchText', 'gender', 'birthDate', 'idHash', 'status', 'activistOn', 'admittedOn', 'fullOn', 'floating', 'floatingTo'];
  const a = JSON.stringify(keys.map((k) => m[k]));
  const b = JSON.stringify(keys.map((k) => (row as Row)[k]));
  if (a !== b) throw new Error(`member differs from the service:\n${a}\n${b}`);
}

// ————————————————————————————————————————————————————————————————————— measurements

const TABLES: [string, Table][] = [['orgs', orgs], ['grids', grids], ['households', households], ['residents', residents], ['members', members]];

/** PostgreSQL's own COPY of the same rows (server-side from the tee'd files) into empty clones of the tables. */
async function bareCopy(client: pg.Client, dir: string, withIndexes: boolean): Promise<{ table: string; rows: number; ms: number }[]> {
  const out = [];
  for (const [name] of TABLES) {
    const file = path.join(dir, `${name}.tsv`);
    if (!fs.existsSync(file)) continue;
    const clone = `bench_clone_${name}`;
    await client.query(`drop table if exists ${clone}`);
    await client.query(`create table ${clone} (like ${name} ${withIndexes ? 'including all' : 'including defaults'})`);
    await client.query('checkpoint');
    const cols = fs.readFileSync(path.join(dir, `${name}.cols`), 'utf8');
    const t0 = performance.now();
    const res = await client.query(`copy ${clone} (${cols}) from '${file}'`);
    const ms = performance.now() - t0;
    out.push({ table: name, rows: res.rowCount ?? 0, ms });
    await client.query(`drop table ${clone}`);
  }
  return out;
}

async function searchLatency(db: Db, countyId: string, names: string[]) {
  const { pinyin } = await import('pinyin-pro');
  const terms: { kind: string; q: string }[] = [];
  names.slice(0, 50).forEach((n, i) => {
    const syl = pinyin(n, { toneType: 'none', type: 'array' });
    const kind = ['initials', 'full pinyin', 'characters'][i % 3]!;
    terms.push({ kind, q: kind === 'initials' ? syl.map((s) => s[0]).join('') : kind === 'full pinyin' ? syl.join('') : n });
  });
  const actor = seedActor(countyId, pathLabel(countyId));
  const run = async (f: (q: string) => Promise<number>) => {
    for (const t of terms.slice(0, 5)) await f(t.q); // warm-up
    const samples: number[] = [];
    const hits: number[] = [];
    for (const t of terms) {
      const t0 = performance.now();
      hits.push(await f(t.q));
      samples.push(performance.now() - t0);
    }
    return { ms: summarize(samples), hitsMedian: summarize(hits).median };
  };
  const service = await run(async (q) => (await listHouseholds(db, actor, { q, page: 1, pageSize: 50 } as never)).total);
  const cityWide = await run(async (q) => {
    const needle = `%${q.toLowerCase()}%`;
    const [n] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int n from households where search_text ilike ${needle} and archived_at is null`));
    await db.execute(sql`select id, address, head_name from households where search_text ilike ${needle} and archived_at is null order by address, id limit 50`);
    return n!.n;
  });
  return { terms, service, cityWide };
}

// ————————————————————————————————————————————————————————————————————— main

async function main() {
  const config = loadConfig(process.env);
  let url = config.databaseUrl;
  let stopPg: (() => Promise<void>) | null = null;
  if (opt.throwaway) {
    const target = await postgresTarget();
    if ('skipped' in target) throw new Error(target.skipped);
    url = target.url;
    stopPg = target.stop;
    console.log(`PostgreSQL: ${target.source} ${url}`);
  }
  if (opt.path === 'copy' && !url) throw new Error('--path copy needs PostgreSQL: set DATABASE_URL or pass --throwaway');
  const key = loadDataKey(config.dataDir);
  const database = await openDatabase(url ?? config.dataDir);
  const kind = database.kind;
  console.log(`bench:gen scale=${opt.scale} path=${opt.path} database=${kind} counties=${countiesToLoad}/${scale.counties} batch=${BATCH} (data key: ${key.source})`);
  if (countiesToLoad < scale.counties) console.log(`PARTIAL RUN: ${countiesToLoad} of ${scale.counties} counties`);

  const run = `G${Date.now().toString(36).toUpperCase()}`;
  const tee = opt['compare-copy'] ? fs.mkdtempSync(path.join(os.tmpdir(), 'jiceng-gen-')) : null;
  if (tee) fs.chmodSync(tee, 0o755);
  // one connection per county in flight (PostgreSQL); PGlite has one connection, so one county at a time
  const parallel = url ? PARALLEL : 1;
  const clients = url ? await Promise.all(Array.from({ length: parallel }, async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    return c;
  })) : [];
  const client = clients[0] ?? null;
  const results: CountyResult[] = [];
  console.log(`counties loaded ${parallel} at a time${parallel > 1 ? ', each on its own connection and transaction' : ''}`);
  const t0 = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: parallel }, async (_, w) => {
    const conn = clients[w] ?? null;
    const loader: Db = conn ? (drizzle(conn, { schema }) as unknown as Db) : database.db;
    for (let c = next++; c < countiesToLoad; c = next++) {
      const tc = performance.now();
      const r = await loader.transaction(async (tx) => {
        const sink = opt.path === 'copy' ? copySink(conn!, tee) : insertSink(tx);
        return loadCounty(tx, sink, c, run);
      });
      results[c] = r;
      console.log(`  county ${c + 1}/${countiesToLoad}: ${Object.entries(r.counts).map(([k, v]) => `${v.toLocaleString('en')} ${k}`).join(', ')} in ${((performance.now() - tc) / 1000).toFixed(1)} s`);
      if (opt.duties) {
        const td = performance.now();
        const d = await fillDuties(loader, r.countyId);
        console.log(`  duties: ${Object.entries(d).map(([k, v]) => `${v.toLocaleString('en')} ${k}`).join(', ')} in ${((performance.now() - td) / 1000).toFixed(1)} s`);
      }
    }
  }));
  const wallS = (performance.now() - t0) / 1000;
  const totalS = wallS - teeMs / 1000;
  if (tee) console.log(`load ${wallS.toFixed(1)} s on the wall, of which ${(teeMs / 1000).toFixed(1)} s writing the --compare-copy files: the load is counted as ${totalS.toFixed(1)} s`);
  const totalRows = [...stats.values()].reduce((n, s) => n + s.rows, 0);
  const writeMs = [...stats.values()].reduce((n, s) => n + s.ms, 0);
  console.log(`\n${table(['table', 'rows', 'seconds in writes', 'rows/s'], [...stats].map(([n, s]) => [n, s.rows.toLocaleString('en'), fmt(s.ms / 1000, 1), Math.round(s.rows / (s.ms / 1000)).toLocaleString('en')]))}`);
  console.log(`total: ${totalRows.toLocaleString('en')} rows in ${totalS.toFixed(1)} s (${Math.round(totalRows / totalS).toLocaleString('en')} rows/s overall; writes ${(writeMs / 1000).toFixed(1)} s, generation/encryption/pinyin the rest)`);
  const result: Record<string, unknown> = { scale: opt.scale, path: opt.path, database: kind, counties: countiesToLoad, of: scale.counties, parallel, totalSeconds: totalS, wallSeconds: wallS, teeSeconds: teeMs / 1000, totalRows, tables: Object.fromEntries(stats) };

  if (tee && client) {
    const idx = await bareCopy(client, tee, true);
    const bare = await bareCopy(client, tee, false);
    const sum = (xs: { ms: number }[]) => xs.reduce((n, x) => n + x.ms, 0) / 1000;
    console.log(`\nPostgreSQL's own COPY of the same rows (server-side file → empty clone):`);
    console.log(table(['table', 'rows', 'with indexes s', 'no indexes s'], idx.map((x, i) => [x.table, x.rows.toLocaleString('en'), fmt(x.ms / 1000, 1), fmt(bare[i]!.ms / 1000, 1)])));
    console.log(`load ${totalS.toFixed(1)} s vs bare COPY ${sum(idx).toFixed(1)} s with the same indexes (ratio ${(totalS / sum(idx)).toFixed(2)}), ${sum(bare).toFixed(1)} s without indexes (ratio ${(totalS / sum(bare)).toFixed(2)})`);
    result.bareCopy = { withIndexes: idx, noIndexes: bare, ratioWithIndexes: totalS / sum(idx), ratioNoIndexes: totalS / sum(bare) };
    fs.rmSync(tee, { recursive: true, force: true });
  }
  if (opt.search) {
    const [h] = rowsOf<{ n: number }>(await database.db.execute(sql`select count(*)::int n from households`));
    const s = await searchLatency(database.db, results[0]!.countyId, results.flatMap((r) => r.sampleNames).filter((_, i) => i % 3 === 0).concat(results[0]!.sampleNames).slice(0, 50));
    console.log(`\nhousehold search, ${s.terms.length} queries (initials / full pinyin / characters, e.g. ${s.terms.slice(0, 3).map((t) => t.q).join(', ')}), ${h!.n.toLocaleString('en')} households in the database:`);
    console.log(`  service listHouseholds (county admin of county 1, page of 50 + total): median ${fmt(s.service.ms.median, 1)} ms, p90 ${fmt(s.service.ms.p90, 1)} ms, median hits ${s.service.hitsMedian}`);
    console.log(`  city-wide SQL (ILIKE on households.search_text via the trigram index, count + page of 50, all counties): median ${fmt(s.cityWide.ms.median, 1)} ms, p90 ${fmt(s.cityWide.ms.p90, 1)} ms, median hits ${s.cityWide.hitsMedian}`);
    result.search = { households: h!.n, service: s.service, cityWide: s.cityWide, terms: s.terms };
  }
  const file = writeResult(`gen-${opt.scale}-${opt.path}-${kind}`, { ...result, machine: machine() });
  console.log(`\nwritten ${path.relative(process.cwd(), file)}`);
  await Promise.all(clients.map((c) => c.end()));
  await database.close();
  await stopPg?.();
}

main().then(
  () => process.exit(0),
  (err: Error & { code?: string }) => {
    console.error(`bench:gen failed: ${err.message}${err.code ? ` (${err.code})` : ''}`);
    process.exit(1);
  },
);
