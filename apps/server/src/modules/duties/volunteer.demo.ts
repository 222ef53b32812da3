// Demo 志愿服务记录 (issue 10 part 1): the last 12 months before `now` for every activist and probationary member of
// the demo county — at their own village's service centre, or (members of a pairing unit's branch) at the paired
// village. Mostly confirmed by a cadre of the village; the last two weeks partly pending; one rejected record and
// one confirmed correction (the old record superseded). Each member has a profile: clearly behind (20–60 h),
// getting there (60–95 h) or done (≥ 100 h). Deterministic: a seeded PRNG over members in a stable order.
import { sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Tx } from '../../db/client.js';
import { rowsOf } from '../../db/client.js';
import { Rng } from '../demo/demo.random.js';
import type { DutiesSeedInput } from './duties.demo.js';
import type { volunteerRecords } from './duties.tables.js';

const SEED = 0x5e_10_7e;
const DAY_MS = 86_400_000;
/** records in the last days before `now` are partly still awaiting confirmation */
const RECENT_DAYS = 14;

const CONTENTS = [
  '党员群众服务中心值守，帮助群众代办医保、养老保险缴费',
  '为空巢老人上门打扫卫生、代购生活用品',
  '协助开展人居环境整治，清理沟渠垃圾',
  '“四点半课堂”辅导留守儿童作业',
  '协助村卫生室开展老年人健康体检登记',
  '政策宣讲：惠农补贴、防诈骗知识',
  '协助调解邻里纠纷、入户走访收集群众诉求',
  '农忙时节帮助困难户抢收抢种',
  '村图书室（农家书屋）整理图书、值守开放',
  '协助开展森林防火、防汛巡查',
] as const;
const STARTS = ['08:30', '09:00', '14:00', '14:30', '19:00'] as const;

type Profile = 'behind' | 'near' | 'done';

interface MemberRow { id: string; orgId: string; path: string; name: string; activistOn: string | null }
interface OrgRow { id: string; path: string; name: string; tier: string }
interface UserRow { id: string; name: string; role: string; path: string | null }

const shDay = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
const at = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+08:00`);
const shortName = (orgName: string) => orgName.replace(/^中共/, '').replace(/(总支部|支部)委员会$/, '');

export async function seedVolunteerDemo(tx: Tx, input: DutiesSeedInput): Promise<number> {
  const c = input.countyId;
  const rng = new Rng(SEED);
  const now = input.now.getTime();
  // a stable order on every seed (ids are time-based): by org code, then the person
  const members = rowsOf<MemberRow>(await tx.execute(sql`
    select m.id, m.org_id as "orgId", m.org_path::text as path, m.name, m.activist_on::text as "activistOn"
      from members m join orgs o on o.county_id = m.county_id and o.id = m.org_id
     where m.county_id = ${c}::uuid and m.status in ('activist', 'probationary') and m.archived_at is null
     order by o.code, m.name, m.birth_date nulls last, m.phone nulls last`));
  if (members.length === 0) return 0;
  const orgs = rowsOf<OrgRow>(await tx.execute(sql`
    select o.id, o.path::text as path, o.name, o.tier from orgs o where o.county_id = ${c}::uuid and o.archived_at is null`));
  const byPath = new Map(orgs.map((o) => [o.path, o]));
  /** the village unit (topmost village-tier org) above a path */
  const villageOf = (path: string): OrgRow | undefined => {
    const labels = path.split('.');
    for (let i = 1; i <= labels.length; i++) {
      const o = byPath.get(labels.slice(0, i).join('.'));
      if (o?.tier === 'village') return o;
    }
    return undefined;
  };
  const pairings = rowsOf<{ id: string; villageId: string; partnerPath: string; startedOn: string; endedOn: string | null }>(await tx.execute(sql`
    select p.id, p.org_id as "villageId", po.path::text as "partnerPath", p.started_on::text as "startedOn", p.ended_on::text as "endedOn"
      from pairings p join orgs po on po.county_id = p.county_id and po.id = p.partner_org_id
     where p.county_id = ${c}::uuid order by p.started_on, po.code`));
  const users = rowsOf<UserRow>(await tx.execute(sql`
    select id, display_name as name, role, org_path::text as path from users
     where county_id = ${c}::uuid and not disabled and role in ('countyAdmin', 'townshipAdmin', 'villageCadre') order by username`));
  const countyAdmin = users.find((u) => u.role === 'countyAdmin');
  if (!countyAdmin) return 0;
  const within = (path: string, root: string | null) => !!root && (path === root || path.startsWith(`${root}.`));
  const villageCadre = (villagePath: string) => users.find((u) => u.role === 'villageCadre' && within(u.path ?? '', villagePath));
  const townshipAdmin = (path: string) => users.find((u) => u.role === 'townshipAdmin' && within(path, u.path));

  const rows: (typeof volunteerRecords.$inferInsert)[] = [];
  const today = shDay(now);
  for (const m of members) {
    const own = villageOf(m.path);
    // members of a pairing unit's branch (county organs …) serve at the paired village
    const paired = pairings.filter((p) => within(m.path, p.partnerPath) && (!p.endedOn || p.endedOn >= today));
    const places = own ? [{ village: own, pairingId: null as string | null }] : paired.map((p) => ({ village: byPath.get(orgs.find((o) => o.id === p.villageId)!.path)!, pairingId: p.id }));
    if (places.length === 0) continue;
    const profile = rng.weighted<Profile>([['behind', 3], ['near', 3], ['done', 4]]);
    const goal = profile === 'behind' ? rng.int(20, 60) : profile === 'near' ? rng.int(60, 95) : rng.int(100, 140);
    // days the member served: distinct days of the last year, not before becoming an activist
    const firstDay = m.activistOn && m.activistOn > shDay(now - 365 * DAY_MS) ? m.activistOn : shDay(now - 365 * DAY_MS);
    const span = Math.max(1, Math.round((Date.parse(today) - Date.parse(firstDay)) / DAY_MS) - 1);
    const taken = new Set<number>();
    let minutes = 0;
    const creator = townshipAdmin(m.path) ?? countyAdmin;
    while (minutes < goal * 60 && taken.size < span) {
      const back = rng.int(1, span);
      if (taken.has(back)) continue;
      taken.add(back);
      const day = shDay(now - back * DAY_MS);
      const { village, pairingId } = rng.pick(places);
      const startsAt = at(day, rng.pick(STARTS));
      const length = rng.pick([120, 150, 180, 180, 240, 240]);
      const endsAt = new Date(startsAt.getTime() + length * 60_000);
      if (endsAt.getTime() >= now) continue;
      minutes += length;
      const reviewer = [villageCadre(village.path), townshipAdmin(village.path), countyAdmin].find((u) => u && u.id !== creator.id) ?? countyAdmin;
      const pending = back <= RECENT_DAYS && rng.chance(0.5);
      rows.push({
        countyId: c, id: uuidv7(), memberId: m.id, memberOrgPath: m.path, orgId: village.id, orgPath: village.path, pairingId, activityId: null,
        servedOn: day, startsAt, endsAt, minutes: length, place: `${shortName(village.name)}党员群众服务中心`, content: rng.pick(CONTENTS),
        state: pending ? 'pending' : 'confirmed', source: 'desk', correctsId: null,
        reviewedBy: pending ? null : reviewer.id, reviewerName: pending ? null : reviewer.name,
        reviewedAt: pending ? null : new Date(Math.min(now - 3_600_000, endsAt.getTime() + rng.int(1, 4) * DAY_MS)),
        rejectReason: null, createdBy: creator.id, createdByName: creator.name, createdAt: new Date(endsAt.getTime() + rng.int(1, 20) * 3_600_000),
      });
    }
  }
  if (rows.length === 0) return 0;

  // one rejected record and one correction, on the demo village (青山村) when it has records
  const qs = input.orgs.get('SFX-QS-QS');
  const local = rows.filter((r) => r.state === 'confirmed' && (!qs || r.orgPath === qs.path) && Date.parse(String(r.servedOn)) < now - 30 * DAY_MS);
  const rejected = local[0];
  if (rejected) Object.assign(rejected, { state: 'rejected', rejectReason: '当日服务中心未安排值守，经核实记录有误' });
  const corrected = local[1];
  if (corrected) {
    // the cadre logged 1 h too little: the correction (confirmed) replaces it, the old record stays as it was
    const endsAt = new Date((corrected.endsAt as Date).getTime() + 60 * 60_000);
    rows.push({
      ...corrected, id: uuidv7(), endsAt, minutes: corrected.minutes! + 60, correctsId: corrected.id!, content: `${corrected.content}（更正：实际服务时长多 1 小时）`,
      reviewedAt: new Date(Math.min(now - 3_600_000, (corrected.reviewedAt as Date).getTime() + 2 * DAY_MS)),
      createdAt: new Date(Math.min(now - 2 * 3_600_000, (corrected.reviewedAt as Date).getTime() + DAY_MS)),
    });
  }
  // one statement per 2,000 rows from a JSON parameter: much faster on PGlite than a many-parameter VALUES list
  const iso = (d: unknown) => (d instanceof Date ? d.toISOString() : d ?? null);
  for (let i = 0; i < rows.length; i += 2000) {
    const chunk = rows.slice(i, i + 2000).map((r) => ({
      ...r, startsAt: iso(r.startsAt), endsAt: iso(r.endsAt), reviewedAt: iso(r.reviewedAt), createdAt: iso(r.createdAt),
    }));
    await tx.execute(sql`
      insert into volunteer_records (county_id, id, member_id, member_org_path, org_id, org_path, pairing_id, activity_id, served_on, starts_at, ends_at,
        minutes, place, content, state, source, corrects_id, reviewed_by, reviewer_name, reviewed_at, reject_reason, created_by, created_by_name, created_at)
      select x."countyId", x.id, x."memberId", x."memberOrgPath"::ltree, x."orgId", x."orgPath"::ltree, x."pairingId", x."activityId", x."servedOn", x."startsAt",
             x."endsAt", x.minutes, x.place, x.content, x.state, x.source, x."correctsId", x."reviewedBy", x."reviewerName", x."reviewedAt", x."rejectReason",
             x."createdBy", x."createdByName", x."createdAt"
        from json_to_recordset(${JSON.stringify(chunk)}::json) as x("countyId" uuid, id uuid, "memberId" uuid, "memberOrgPath" text, "orgId" uuid, "orgPath" text,
          "pairingId" uuid, "activityId" uuid, "servedOn" date, "startsAt" timestamptz, "endsAt" timestamptz, minutes int, place text, content text, state text,
          source text, "correctsId" uuid, "reviewedBy" uuid, "reviewerName" text, "reviewedAt" timestamptz, "rejectReason" text, "createdBy" uuid,
          "createdByName" text, "createdAt" timestamptz)`);
  }
  return rows.length;
}
