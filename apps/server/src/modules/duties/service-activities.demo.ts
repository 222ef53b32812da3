// Demo service activities the duties compliance counts (篇二 7), for the last 12 months before `now`: each central
// household's monthly service in its group (most months; a few households often miss), each pairing unit's
// volunteer team at its village (most quarters), each township's 组团式/订单式 door-to-door service (most
// quarters). Some are missed on purpose so the "behind" lists show real gaps. Deterministic (seeded PRNG over rows
// sorted by id).
import { sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { rowsOf, type Tx } from '../../db/client.js';
import type { DutiesSeedInput } from './duties.demo.js';
import { activities } from '../fieldwork/fieldwork.tables.js';
import { Rng } from '../demo/demo.random.js';
import { shanghaiToday } from '../../platform/calendar/today.js';

const SEED = 20130701; // 篇二 7
const CH_KINDS = ['volunteerService', 'cultureService', 'healthService', 'legalService', 'scienceService'] as const;
const CH_TITLES = ['楼栋卫生大扫除', '为独居老人代购送药', '邻里纠纷调解茶话会', '组内政策宣讲', '帮助留守儿童辅导作业', '农技知识分享'];
const TEAM_TITLES = ['结对帮扶志愿服务：义诊进村', '结对帮扶志愿服务：助农采摘', '结对帮扶志愿服务：环境整治', '结对帮扶志愿服务：关爱留守儿童'];
const pad = (n: number) => String(n).padStart(2, '0');

/** the first day of each of the 12 months ending with today's month, as [year, month] */
function lastMonths(today: string): [number, number][] {
  let y = Number(today.slice(0, 4));
  let m = Number(today.slice(5, 7));
  const out: [number, number][] = [];
  for (let i = 0; i < 12; i++) {
    out.unshift([y, m]);
    m -= 1;
    if (m === 0) { m = 12; y -= 1; }
  }
  return out;
}

/** a day of the month at a given hour (Asia/Shanghai), never after today */
function dayIn(rng: Rng, y: number, m: number, today: string, hour: number): Date | null {
  const d = `${y}-${pad(m)}-${pad(rng.int(1, 28))}`;
  if (d > today) return null;
  return new Date(`${d}T${pad(hour)}:00:00+08:00`);
}

export async function seedServiceActivitiesDemo(tx: Tx, input: DutiesSeedInput): Promise<number> {
  const { countyId } = input;
  const today = shanghaiToday(input.now.getTime());
  const rng = new Rng(SEED);
  const months = lastMonths(today);
  const rows: (typeof activities.$inferInsert)[] = [];

  // 党员中心户: their current position's org (a party group) and name
  const households = await rowsOf<{ member_id: string; name: string; org_id: string; org_path: string; started_on: string }>(await tx.execute(sql`
    select p.member_id, m.name, p.org_id, p.org_path::text as org_path, p.started_on::text as started_on
      from member_positions p join members m on m.county_id = p.county_id and m.id = p.member_id
     where p.county_id = ${countyId} and m.county_id = ${countyId} and p.kind = 'centralHousehold' and p.ended_on is null and m.archived_at is null
     order by p.member_id`));
  for (const h of households) {
    // about one in eight often misses a month; the others miss one now and then
    const misses = rng.chance(0.12) ? 0.45 : 0.06;
    for (const [y, m] of months) {
      if (`${y}-${pad(m)}-28` < h.started_on || rng.chance(misses)) continue;
      const at = dayIn(rng, y, m, today, rng.int(9, 16));
      if (!at) continue;
      rows.push({
        countyId, id: uuidv7(), orgId: h.org_id, orgPath: h.org_path, kind: rng.pick(CH_KINDS), title: rng.pick(CH_TITLES), heldOn: at,
        place: '村(居)民小组活动点', organizer: h.name, organizerMemberId: h.member_id, memberIds: [h.member_id], otherAttendees: rng.int(5, 20), createdBy: countyId,
      });
    }
  }

  // 结对帮扶单位党员志愿服务队 at their paired village, once a quarter (most quarters)
  const pairs = await rowsOf<{ id: string; org_id: string; org_path: string; partner_name: string; started_on: string }>(await tx.execute(sql`
    select id, org_id, org_path::text as org_path, partner_name, started_on::text as started_on from pairings
     where county_id = ${countyId} and kind in ('assistance', 'coBuilding') and ended_on is null order by id`));
  const quarters = months.filter(([, m]) => m % 3 === 2); // the middle month of each quarter
  for (const p of pairs) {
    const misses = rng.chance(0.2) ? 0.5 : 0.1;
    for (const [y, m] of quarters) {
      if (`${y}-${pad(m)}-28` < p.started_on || rng.chance(misses)) continue;
      const at = dayIn(rng, y, m + rng.int(-1, 1), today, 9);
      if (!at) continue;
      rows.push({
        countyId, id: uuidv7(), orgId: p.org_id, orgPath: p.org_path, kind: 'volunteerService', title: rng.pick(TEAM_TITLES), heldOn: at,
        place: '村党员群众服务中心', organizer: `${p.partner_name}党员志愿服务队`, pairingId: p.id, otherAttendees: rng.int(8, 30), createdBy: countyId,
      });
    }
  }

  // 乡镇(街道)党委 组团式/订单式 上门服务, at one of its villages, once a quarter (one township misses one)
  const townships = await rowsOf<{ id: string; name: string; path: string }>(await tx.execute(sql`
    select id, name, path::text as path from orgs where county_id = ${countyId} and tier = 'township' and level = 'committee' order by id`));
  for (const [i, town] of townships.entries()) {
    const villages = await rowsOf<{ id: string; path: string }>(await tx.execute(sql`
      select id, path::text as path from orgs where county_id = ${countyId} and tier = 'village' and level <> 'group' and path <@ ${town.path}::ltree and nlevel(path) = nlevel(${town.path}::ltree) + 1 order by id`));
    if (!villages.length) continue;
    for (const [q, [y, m]] of quarters.entries()) {
      if (i === 1 && q === quarters.length - 2) continue;
      const at = dayIn(rng, y, m + rng.int(-1, 1), today, 9);
      if (!at) continue;
      const v = rng.pick(villages);
      const ordered = rng.chance(0.5);
      rows.push({
        countyId, id: uuidv7(), orgId: v.id, orgPath: v.path, kind: ordered ? 'orderedDoorService' : 'groupDoorService',
        title: ordered ? '订单式上门服务：按群众点单送服务' : '组团式上门服务：民政、人社、卫健联合入户', heldOn: at,
        place: '入户', organizer: town.name, otherAttendees: rng.int(10, 40), createdBy: countyId,
      });
    }
  }
  for (let i = 0; i < rows.length; i += 1000) await tx.insert(activities).values(rows.slice(i, i + 1000));
  return rows.length;
}
