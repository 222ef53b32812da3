// People, grids and 131n bodies of 示范县 (F2–F4): deterministic (seeded PRNG), written through the same
// preparation helpers the API and the Excel import use, so encryption, keyed hashes, search text and scope
// paths are exactly what the API would make.
import { uuidv7 } from 'uuidv7';
import type { BodyKind, CreateHouseholdInput, GridBoundary, MemberStatus, PositionKind, ResidentInput, VisitTag } from '@jiceng/contract';
import type { Tx } from '../../db/client.js';
import type { Actor } from '../../platform/access/access.js';
import { grids, households, residents } from '../grids/grids.tables.js';
import { prepareHousehold, type PreparedHousehold } from '../grids/households.service.js';
import type { Lookups } from '../grids/grids.lookups.js';
import { memberPositions, members } from '../members/members.tables.js';
import { prepareMember, type MemberLookups } from '../members/members.service.js';
import { bulkInsert } from '../imports/bulk.js';
import { bodies, pairings } from '../bodies/bodies.tables.js';
import { DEMO_DEPARTMENTS } from './demo.data.js';
import { Rng, dayIn, idNumber, mobile, personName, surname, YICHANG_REGIONS } from './demo.random.js';
import {
  DEMO_PAIRINGS, DISABILITIES, FIRST_SECRETARIES, FLOATING_DESTINATIONS, MISSING_BODIES, OTHER_BRANCH_MEMBERS, POSTED_TITLES, VILLAGE_PLACES,
} from './demo.places.js';

/** An org of the seeded tree, by its demo key (= code). */
export interface SeedOrg {
  key: string;
  id: string;
  path: string;
  name: string;
  tier: string;
  level: string;
  sector: string;
  parentKey: string | null;
  children: string[];
}

export interface PeopleCounts {
  grids: number;
  households: number;
  residents: number;
  members: number;
  positions: number;
  bodies: number;
  pairings: number;
  visitTags: Record<VisitTag, number>;
}

/** Ages are counted at the end of this year; every date of the demo lies before 2026-10. */
const BASE_YEAR = 2025;
const SEED = 20130417;
/** demo-village is 青山村书记 张德明 (demo.data.ts): the seeded secretary of 青山村 is that person. */
const ACCOUNT_SECRETARY = { village: 'SFX-QS-QS', name: '张德明', age: 52 };

type GridRow = typeof grids.$inferInsert;

interface Person extends ResidentInput {
  male: boolean;
  age: number;
  idNumber: string;
  /** a 流动党员 living away (the household gets the floatingMember tag) */
  floatingTo?: string;
}

interface VillageGrid {
  row: GridRow;
  index: number;
  groupPath: string | null;
}

interface PoolPerson {
  person: Person;
  residentId: string;
  grid: VillageGrid;
}

/** The county admin that "makes" the seed: the same checks as an API call by demo-county. */
export function seedActor(countyId: string, countyPath: string): Actor {
  return {
    userId: countyId, countyId, username: 'seed', displayName: '示范县演示数据', role: 'countyAdmin',
    orgId: countyId, departmentId: null, scope: [countyPath], countyPath, sessionId: 'seed', ip: null,
  };
}

// ——— map ———

/** A village block cut into `n` strips with slightly slanted shared edges: non-overlapping closed quads, [lon, lat]. */
function gridCells(rng: Rng, lon: number, lat: number, w: number, h: number, n: number): GridBoundary[] {
  const r = (x: number) => Math.round(x * 1e6) / 1e6;
  const bottom = [lon];
  const top = [lon];
  for (let i = 1; i < n; i++) {
    const x = lon + (w * i) / n;
    const j = (w / n) * 0.18;
    bottom.push(x + (rng.next() - 0.5) * j);
    top.push(x + (rng.next() - 0.5) * j);
  }
  bottom.push(lon + w);
  top.push(lon + w);
  return Array.from({ length: n }, (_, i) => ({
    type: 'Polygon' as const,
    coordinates: [[
      [r(bottom[i]!), r(lat)], [r(bottom[i + 1]!), r(lat)], [r(top[i + 1]!), r(lat + h)], [r(top[i]!), r(lat + h)], [r(bottom[i]!), r(lat)],
    ]],
  }));
}

// ——— households ———

type Kind = 'elderSingle' | 'elderCouple' | 'leftBehind' | 'single' | 'youngCouple' | 'family' | 'threeGen';
const KINDS: Record<'rural' | 'community', readonly (readonly [Kind, number])[]> = {
  rural: [['elderSingle', 5], ['elderCouple', 10], ['leftBehind', 6.5], ['single', 5], ['youngCouple', 9], ['family', 42], ['threeGen', 22.5]],
  community: [['elderSingle', 4], ['elderCouple', 8], ['leftBehind', 2], ['single', 9], ['youngCouple', 15], ['family', 47], ['threeGen', 15]],
};
const CHRONIC = ['高血压', '2型糖尿病', '慢性阻塞性肺病', '脑梗后遗症', '冠心病'];

function makePerson(rng: Rng, used: Set<string>, relation: Person['relation'], male: boolean, age: number, family?: string): Person {
  const year = BASE_YEAR - age;
  const birthDate = dayIn(rng, year, 1, age === 0 ? 9 : 12);
  const region = rng.chance(0.82) ? '420528' : rng.pick(YICHANG_REGIONS);
  return {
    name: personName(rng, male, year, family), relation, male, age, birthDate, gender: male ? 'male' : 'female',
    idNumber: idNumber(rng, region, birthDate, male, used),
    phone: age >= 18 && (relation === 'head' || (age < 70 && rng.chance(0.6))) ? mobile(rng) : null,
  };
}

function household(rng: Rng, used: Set<string>, sector: 'rural' | 'community'): { kind: Kind; people: Person[] } {
  const kind = rng.weighted(KINDS[sector]);
  const fam = surname(rng);
  const p = (rel: Person['relation'], male: boolean, age: number, own = false) => makePerson(rng, used, rel, male, Math.max(0, Math.min(age, 96)), own ? undefined : fam);
  const people: Person[] = [];
  const children = (headAge: number, n: number, rel: 'child' | 'grandchild' = 'child') => {
    for (let i = 0; i < n; i++) {
      const age = rel === 'grandchild' ? rng.int(3, 15) : headAge - rng.int(23, 34);
      if (age >= 0) people.push(p(rel, rng.chance(0.52), age));
    }
  };
  switch (kind) {
    case 'elderSingle': {
      const male = rng.chance(0.4);
      people.push(p('head', male, rng.int(66, 90), !male));
      break;
    }
    case 'elderCouple': {
      const age = rng.int(62, 85);
      people.push(p('head', true, age), p('spouse', false, Math.max(60, age - rng.int(0, 5)), true));
      break;
    }
    case 'leftBehind': {
      const age = rng.int(55, 72);
      people.push(p('head', true, age), p('spouse', false, age - rng.int(0, 4), true));
      children(age, rng.chance(0.4) ? 2 : 1, 'grandchild');
      break;
    }
    case 'single': {
      const male = rng.chance(0.65);
      people.push(p('head', male, rng.int(22, 58), !male));
      break;
    }
    case 'youngCouple': {
      const age = rng.int(24, 35);
      people.push(p('head', true, age), p('spouse', false, age - rng.int(-2, 4), true));
      if (rng.chance(0.4)) people.push(p('child', rng.chance(0.52), rng.int(0, 4)));
      break;
    }
    case 'family': {
      const male = rng.chance(0.9);
      const age = rng.int(30, 56);
      people.push(p('head', male, age, !male));
      if (male) people.push(p('spouse', false, age - rng.int(-2, 5), true));
      children(age, rng.chance(sector === 'rural' ? 0.45 : 0.3) ? 2 : 1);
      break;
    }
    case 'threeGen': {
      const age = rng.int(32, 55);
      people.push(p('head', true, age), p('spouse', false, age - rng.int(-2, 5), true));
      const parents = rng.chance(0.5) ? 2 : 1;
      children(age, parents === 2 ? 1 : rng.chance(0.5) ? 2 : 1);
      const pa = age + rng.int(22, 32);
      if (parents === 2) people.push(p('parent', true, pa), p('parent', false, pa - rng.int(0, 4), true));
      else people.push(rng.chance(0.6) ? p('parent', false, pa - rng.int(0, 4), true) : p('parent', true, pa));
      break;
    }
  }
  return { kind, people };
}

/** The six 六访 tags and the sensitive fields behind them, at realistic frequencies. */
function tagHousehold(rng: Rng, kind: Kind, people: Person[]): { tags: VisitTag[]; note: string | null } {
  const tags = new Set<VisitTag>();
  let note: string | null = null;
  const head = people[0]!;
  const elderly = kind === 'elderSingle' || kind === 'elderCouple';
  if ((kind === 'elderSingle' && rng.chance(0.8)) || (kind === 'elderCouple' && rng.chance(0.7))) tags.add('emptyNest');
  if (kind === 'leftBehind' && rng.chance(0.9)) {
    tags.add('leftBehindChild');
    note = `子女${rng.pick(['在广东务工', '在浙江务工', '在外省务工', '在武汉务工'])}，孙辈由祖辈照料`;
  }
  if (rng.chance(0.04)) {
    const who = rng.pick(people);
    who.disability = rng.pick(DISABILITIES);
    tags.add('disabled');
  }
  if (rng.chance(tags.has('disabled') ? 0.35 : elderly ? 0.09 : 0.035)) {
    tags.add('needy');
    head.poverty = rng.weighted([['低保户', 6], ['脱贫监测户', 3], ['特困供养人员', kind === 'elderSingle' ? 3 : 0]] as const);
    note ??= rng.pick(['因病致困', '因残致困', '缺劳动力', '因学致困', '因灾致困']);
  } else if (rng.chance(0.006)) head.poverty = '脱贫户（已稳定脱贫）';
  const working = people.filter((x) => x.age >= 20 && x.age <= 55);
  if (working.length && !elderly && rng.chance(0.05)) {
    tags.add('unemployed');
    const who = rng.pick(working);
    note ??= `${who.relation === 'head' ? '户主' : who.name}失业，已办理失业登记，求职意向：${rng.pick(['家政服务', '驾驶员', '保洁', '电工', '餐饮', '不限'])}`;
  }
  const floaters = people.filter((x) => x.age >= 22 && x.age <= 50);
  if (floaters.length && rng.chance(0.015)) {
    rng.pick(floaters).floatingTo = rng.pick(FLOATING_DESTINATIONS);
    tags.add('floatingMember');
  }
  const mothers = people.filter((x) => !x.male && x.age >= 22 && x.age <= 38 && (x.relation === 'spouse' || x.relation === 'head'));
  if (mothers.length && rng.chance(0.045)) rng.pick(mothers).health = `孕妇（孕${rng.int(8, 36)}周）`;
  for (const x of people) if (x.age >= 60 && !x.health && rng.chance(0.05)) x.health = rng.pick(CHRONIC);
  return { tags: [...tags], note };
}

// ——— members ———

interface MemberPlan {
  name: string;
  idNumber: string;
  phone: string | null;
  age: number;
  orgKey: string;
  gridId: string | null;
  residentId: string | null;
  status: MemberStatus;
  floatingTo: string | null;
  positions: { kind: PositionKind; orgKey: string; gridId?: string; title?: string; startedOn: string; endedOn?: string }[];
}

function memberDates(rng: Rng, status: MemberStatus, age: number): { activistOn: string; admittedOn: string | null; fullOn: string | null } {
  const birth = BASE_YEAR - age;
  if (status === 'activist') return { activistOn: rng.chance(0.6) ? dayIn(rng, 2025) : dayIn(rng, 2026, 1, 6), admittedOn: null, fullOn: null };
  if (status === 'probationary') {
    const admittedOn = rng.chance(0.3) ? dayIn(rng, 2025, 10, 12) : dayIn(rng, 2026, 1, 8);
    return { activistOn: `${Number(admittedOn.slice(0, 4)) - rng.int(1, 2)}${admittedOn.slice(4)}`, admittedOn, fullOn: null };
  }
  const year = Math.min(2024, birth + rng.int(20, Math.max(20, Math.min(age - 2, 45))));
  const admittedOn = dayIn(rng, year);
  return { activistOn: `${year - rng.int(1, 2)}${admittedOn.slice(4)}`, admittedOn, fullOn: `${year + 1}${admittedOn.slice(4)}` };
}

// ——— the seed ———

export async function seedPeople(tx: Tx, countyId: string, countyPath: string, orgs: Map<string, SeedOrg>, deptIds: Map<string, string>): Promise<PeopleCounts> {
  const rng = new Rng(SEED);
  const actor = seedActor(countyId, countyPath);
  const org = (key: string) => orgs.get(key)!;
  const byId = new Map([...orgs.values()].map((o) => [o.id, o]));
  const keyByPath = new Map([...orgs.values()].map((o) => [o.path, o.key]));
  const used = new Set<string>();
  const gridRows: GridRow[] = [];
  const gridById = new Map<string, GridRow>();
  const lookups: Lookups = {
    org: async (id) => {
      const o = byId.get(id);
      return o ? { id: o.id, path: o.path, tier: o.tier, level: o.level, archived: false } : null;
    },
    grid: async (id) => {
      const g = gridById.get(id);
      return g ? { id: g.id!, orgId: g.orgId, orgPath: g.orgPath } : null;
    },
  };
  const memberLookups: MemberLookups = { org: lookups.org, grid: async (id) => (gridById.has(id) ? { id, orgPath: gridById.get(id)!.orgPath } : null) };

  const prepared: PreparedHousehold[] = [];
  const plans: MemberPlan[] = [];
  const bodyRows: (typeof bodies.$inferInsert)[] = [];
  const tagCounts = Object.fromEntries(['needy', 'emptyNest', 'leftBehindChild', 'disabled', 'floatingMember', 'unemployed'].map((t) => [t, 0])) as Record<VisitTag, number>;

  const villages = [...orgs.values()].filter((o) => o.tier === 'village' && o.parentKey && org(o.parentKey).tier === 'township');
  for (const v of villages) {
    const place = VILLAGE_PLACES[v.key];
    if (!place) continue;
    const sector = v.sector === 'community' ? 'community' : 'rural';
    const big = v.level === 'generalBranch';
    const branch = big ? org(`${v.key}-B1`) : v;
    const groups = branch.children.map(org).filter((o) => o.level === 'group');
    const cells = gridCells(rng, place.lon, place.lat, place.w, place.h, place.grids);
    const vgrids: VillageGrid[] = [];
    const pool: PoolPerson[] = [];
    const floaters: PoolPerson[] = [];
    const householdsBefore = prepared.length;
    for (let g = 0; g < place.grids; g++) {
      const group = groups[g];
      const row: GridRow = {
        countyId, id: uuidv7(), orgId: v.id, orgPath: group?.path ?? v.path, partyGroupId: group?.id ?? null,
        name: `${place.name}第${'一二三四五六七八九十'[g]}网格`, code: `${v.key}-W${g + 1}`, boundary: cells[g]!,
      };
      gridRows.push(row);
      gridById.set(row.id!, row);
      const vg: VillageGrid = { row, index: g, groupPath: group?.path ?? null };
      vgrids.push(vg);
      const size = place.sizes?.[g] ?? (sector === 'rural' ? rng.int(54, 80) : rng.int(60, 88));
      // addresses: rural grids cover two 村民小组 each; community grids a few buildings of one street
      const houseNo = [0, 0];
      let building = 2 + g * 7;
      let slot = 0;
      for (let i = 0; i < size; i++) {
        let address: string;
        if (sector === 'rural') {
          const z = rng.int(0, 1);
          houseNo[z]! += rng.int(1, 3);
          address = `${place.name}${g * 2 + z + 1}组${houseNo[z]}号`;
        } else {
          if (slot === 36) {
            slot = 0;
            building += rng.int(1, 2);
          }
          const unit = Math.floor(slot / 12) + 1;
          const floor = Math.floor((slot % 12) / 2) + 1;
          address = `${place.name}${place.streets![g % place.streets!.length]}${building}号${unit}单元${floor}0${(slot % 2) + 1}`;
          slot++;
        }
        const { kind, people } = household(rng, used, sector);
        const { tags, note } = tagHousehold(rng, kind, people);
        for (const t of tags) tagCounts[t]++;
        const input: CreateHouseholdInput = {
          orgId: v.id, gridId: row.id!, address, visitTags: tags, note,
          residents: people.map(({ male: _m, age: _a, floatingTo: _f, ...r }) => r),
        };
        const { prepared: ph, problems } = await prepareHousehold(actor, input, lookups);
        if (!ph) throw new Error(`demo household ${address}: ${JSON.stringify(problems)}`);
        prepared.push(ph);
        people.forEach((person, k) => {
          const entry = { person, residentId: ph.residents[k]!.id!, grid: vg };
          if (person.floatingTo) floaters.push(entry);
          else if (person.age >= 20 && person.age <= 82) pool.push(entry);
        });
      }
    }

    // — members of the village: ≈ 15 per 100 households, leaders first —
    rng.shuffle(pool);
    const take = (pred: (p: PoolPerson) => boolean) => {
      const i = pool.findIndex(pred);
      return i < 0 ? undefined : pool.splice(i, 1)[0];
    };
    const groupKeyOf = (vg: VillageGrid | null) => (vg?.groupPath ? keyByPath.get(vg.groupPath)! : null);
    const linked = (pp: PoolPerson, status: MemberStatus, orgKey?: string): MemberPlan => ({
      name: pp.person.name, idNumber: pp.person.idNumber, phone: pp.person.phone ?? mobile(rng), age: pp.person.age,
      orgKey: orgKey ?? (rng.chance(0.8) ? (groupKeyOf(pp.grid) ?? branch.key) : branch.key),
      gridId: pp.grid.row.id!, residentId: pp.residentId, status, floatingTo: pp.person.floatingTo ?? null, positions: [],
    });
    const villagePlans: MemberPlan[] = [];
    const unlinkedMember = (person: Person, status: MemberStatus, orgKey: string, name = person.name): MemberPlan => ({
      name, idNumber: person.idNumber, phone: person.phone ?? mobile(rng), age: person.age, orgKey, gridId: null, residentId: null, status, floatingTo: null, positions: [],
    });
    const electedOn = () => dayIn(rng, 2021, 1, 3);
    const secretary = v.key === ACCOUNT_SECRETARY.village
      ? unlinkedMember(makePerson(rng, used, 'other', true, ACCOUNT_SECRETARY.age, ACCOUNT_SECRETARY.name[0]), 'formal', branch.key, ACCOUNT_SECRETARY.name)
      : linked(take((p) => p.person.age >= 35 && p.person.age <= 58)!, 'formal', branch.key);
    secretary.positions.push({ kind: 'secretary', orgKey: v.key, startedOn: rng.chance(0.3) ? dayIn(rng, 2018, 1, 3) : electedOn() });
    villagePlans.push(secretary);
    if (big) {
      const deputy = linked(take((p) => p.person.age >= 30 && p.person.age <= 58)!, 'formal', branch.key);
      deputy.positions.push({ kind: 'deputySecretary', orgKey: v.key, startedOn: electedOn() });
      villagePlans.push(deputy);
    }
    const committee: MemberPlan[] = [];
    for (let i = rng.int(2, 4); i > 0; i--) {
      const m = linked(take((p) => p.person.age >= 28 && p.person.age <= 60)!, 'formal', branch.key);
      m.positions.push({ kind: 'committeeMember', orgKey: v.key, startedOn: electedOn() });
      committee.push(m);
    }
    if (rng.chance(0.4)) committee[0]!.positions.unshift({ kind: 'committeeMember', orgKey: v.key, title: '组织委员', startedOn: dayIn(rng, 2018, 1, 3), endedOn: '2020-12-31' });
    villagePlans.push(...committee);
    for (const f of floaters) {
      const status: MemberStatus = rng.weighted([['formal', 90], ['probationary', 10]] as const);
      villagePlans.push(linked(f, status, big && sector === 'rural' ? `${v.key}-B2` : branch.key));
    }
    const want = Math.round((prepared.length - householdsBefore) * 0.17);
    while (villagePlans.length < want) {
      const status: MemberStatus = rng.weighted([['formal', 84], ['probationary', 9], ['activist', 7]] as const);
      const young = status !== 'formal';
      if (rng.chance(0.8)) {
        const pp = take((p) => (young ? p.person.age <= 45 : p.person.age >= 23));
        if (pp) {
          villagePlans.push(linked(pp, status, big && sector === 'community' && rng.chance(0.2) ? `${v.key}-B2` : undefined));
          continue;
        }
      }
      // a member without a household record here (lives in the county seat, registered elsewhere)
      villagePlans.push(unlinkedMember(makePerson(rng, used, 'other', rng.chance(0.7), young ? rng.int(22, 42) : rng.int(26, 80)), status, branch.key));
    }
    // 党员中心户 1–2 per grid, 网格长 for most grids, 无职党员设岗定责 two per village
    const isPlain = (m: MemberPlan) => m.positions.length === 0 && m.status === 'formal' && !m.floatingTo;
    for (const vg of vgrids) {
      const inGrid = villagePlans.filter((m) => m.gridId === vg.row.id && isPlain(m));
      for (const m of inGrid.slice(0, rng.chance(0.6) ? 2 : 1)) {
        m.positions.push({ kind: 'centralHousehold', orgKey: groupKeyOf(vg) ?? v.key, gridId: vg.row.id!, startedOn: dayIn(rng, rng.int(2021, 2024)) });
      }
      if (vg.index === 0 || rng.chance(0.6)) {
        const leader = committee.find((m) => m.gridId === vg.row.id) ?? villagePlans.find((m) => m.gridId === vg.row.id && isPlain(m));
        leader?.positions.push({ kind: 'gridLeader', orgKey: v.key, gridId: vg.row.id!, startedOn: dayIn(rng, rng.int(2021, 2023)) });
      }
    }
    const titles = rng.shuffle([...POSTED_TITLES]);
    villagePlans.filter(isPlain).slice(0, 2).forEach((m, i) => m.positions.push({ kind: 'postedMember', orgKey: m.orgKey, title: titles[i]!, startedOn: dayIn(rng, rng.int(2022, 2025)) }));
    plans.push(...villagePlans);

    // — 131n —
    const lead = () => ({ leaderName: personName(rng, rng.chance(0.7), rng.int(1965, 1990)), leaderPhone: mobile(rng) });
    const missing = MISSING_BODIES[v.key] ?? [];
    const rural = sector === 'rural';
    const kinds: [BodyKind, string, number][] = [
      ['villageCommittee', rural ? `${place.name}村民委员会` : `${place.name}居民委员会`, rng.int(5, 7)],
      ['deliberationCouncil', rural ? `${place.name}村民议事会` : `${place.name}居民议事会`, rng.int(9, 15)],
      ['supervisionCommittee', rural ? `${place.name}村务监督委员会` : `${place.name}居务监督委员会`, rng.int(3, 5)],
    ];
    if (rural) kinds.push(['collectiveEconomy', `${place.name}股份经济合作社`, rng.int(300, 900)]);
    if (rng.chance(0.7)) kinds.push(['youthLeague', `共青团${place.name}${rural ? '支部' : '社区'}委员会`, rng.int(8, 30)]);
    if (rng.chance(0.8)) kinds.push(['womensFederation', `${place.name}妇女联合会`, rng.int(7, 15)]);
    if (rural) kinds.push(['militia', `${place.name}民兵连`, rng.int(12, 30)]);
    if (rng.chance(0.5)) kinds.push(['mediation', `${place.name}人民调解委员会`, rng.int(3, 7)]);
    if (rural && place.product) {
      kinds.push(['cooperative', `${place.name}${place.product}专业合作社`, rng.int(30, 160)]);
      if (rng.chance(0.5)) kinds.push(['association', `${place.name}${place.product}产业协会`, rng.int(20, 80)]);
    }
    if (!rural) kinds.push(['socialOrg', `${place.name}${rng.pick(['志愿者服务队', '老年协会', '文艺队'])}`, rng.int(15, 60)]);
    for (const [kind, name, memberCount] of kinds) {
      if (missing.includes(kind)) continue;
      const leader = kind === 'villageCommittee' ? { leaderName: secretary.name, leaderPhone: secretary.phone } : lead();
      bodyRows.push({
        countyId, id: uuidv7(), orgId: v.id, orgPath: v.path, kind, name, ...leader, memberCount,
        note: kind === 'villageCommittee' ? '书记、主任“一肩挑”' : null,
      });
    }
  }

  // — members of county organs, the township organ, the enterprise and the social organization —
  const others = new Map<string, MemberPlan[]>();
  for (const [key, n] of Object.entries(OTHER_BRANCH_MEMBERS)) {
    const list: MemberPlan[] = [];
    for (let i = 0; i < n; i++) {
      const age = rng.int(26, 58);
      const person = makePerson(rng, used, 'other', rng.chance(0.6), age);
      const status: MemberStatus = i === n - 1 ? 'probationary' : 'formal';
      list.push({ name: person.name, idNumber: person.idNumber, phone: person.phone ?? mobile(rng), age, orgKey: key, gridId: null, residentId: null, status, floatingTo: null, positions: [] });
    }
    list[0]!.positions.push({ kind: 'secretary', orgKey: key, startedOn: dayIn(rng, rng.int(2019, 2023)) });
    others.set(key, list);
    plans.push(...list);
  }
  let k = 1;
  for (const [village, from] of Object.entries(FIRST_SECRETARIES)) {
    others.get(from)![k++]!.positions.push({ kind: 'firstSecretary', orgKey: village, startedOn: dayIn(rng, 2024, 1, 6) });
  }
  others.get('SFX-JG-RS')![k]!.positions.push({ kind: 'firstSecretary', orgKey: 'SFX-QS-SM', startedOn: '2021-07-01', endedOn: '2023-12-31' });
  ['SFX-CG-HQ', 'SFX-CG-LS', 'SFX-CG-DM', 'SFX-CG-XJ'].forEach((village, i) => {
    others.get('SFX-CG-JG')![i + 1]!.positions.push({ kind: 'stationedCadre', orgKey: village, startedOn: dayIn(rng, rng.int(2023, 2024)) });
  });

  // — member rows through the service's rules, positions beside them —
  const memberRows = [];
  const positionRows: (typeof memberPositions.$inferInsert)[] = [];
  for (const m of plans) {
    const dates = memberDates(rng, m.status, m.age);
    const { row, problems } = await prepareMember(actor, {
      orgId: org(m.orgKey).id, gridId: m.gridId, name: m.name, phone: m.phone, idNumber: m.idNumber, status: m.status,
      activistOn: dates.activistOn, admittedOn: dates.admittedOn, fullOn: dates.fullOn, floating: !!m.floatingTo, floatingTo: m.floatingTo,
    }, memberLookups);
    if (!row) throw new Error(`demo member ${m.name}: ${JSON.stringify(problems)}`);
    row.residentId = m.residentId;
    memberRows.push(row);
    for (const p of m.positions) {
      const at = org(p.orgKey);
      positionRows.push({
        countyId, id: uuidv7(), memberId: row.id!, kind: p.kind, orgId: at.id, orgPath: at.path, gridId: p.gridId ?? null,
        title: p.title ?? null, startedOn: p.startedOn, endedOn: p.endedOn ?? null,
      });
    }
  }

  // — pairings —
  const pairingRows: (typeof pairings.$inferInsert)[] = DEMO_PAIRINGS.map((p) => {
    const v = org(p.village);
    const partner = p.org ? org(p.org) : null;
    const deptId = p.department ? deptIds.get(p.department)! : null;
    return {
      countyId, id: uuidv7(), orgId: v.id, orgPath: v.path, kind: p.kind,
      partnerKind: partner ? 'org' : deptId ? 'department' : 'enterprise',
      partnerOrgId: partner?.id ?? null, partnerDepartmentId: deptId,
      partnerName: partner?.name ?? (p.department ? DEMO_DEPARTMENTS.find((d) => d.code === p.department)!.name : p.enterprise!),
      purpose: p.purpose, startedOn: p.startedOn, endedOn: p.endedOn ?? null,
    };
  });

  // by COPY on PGlite (imports/bulk.ts): the same rows the API's inserts would write
  await tx.insert(grids).values(gridRows);
  await bulkInsert(tx, households, prepared.map((p) => p.household));
  await bulkInsert(tx, residents, prepared.flatMap((p) => p.residents));
  await bulkInsert(tx, members, memberRows);
  await tx.insert(memberPositions).values(positionRows);
  await tx.insert(bodies).values(bodyRows);
  await tx.insert(pairings).values(pairingRows);
  return {
    grids: gridRows.length,
    households: prepared.length,
    residents: prepared.reduce((n, p) => n + p.residents.length, 0),
    members: memberRows.length,
    positions: positionRows.length,
    bodies: bodyRows.length,
    pairings: pairingRows.length,
    visitTags: tagCounts,
  };
}
