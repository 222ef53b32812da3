// Demo 承诺践诺、示范岗、责任区 (篇五(8); 篇二 三 3 公开承诺制): for every village of the demo county, this year's
// public commitments of most secretaries and of a few members (the demo member's among them), the village's own
// commitment in every other village, progress notes, last year's commitments assessed by the township; and a
// demonstration post and a responsibility area (with households) per village. Deterministic: members and
// households in name/address order, texts from fixed lists by index; a few batched inserts.
import { sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { CommitmentAssessment } from '@jiceng/contract';
import { rowsOf, type Tx } from '../../db/client.js';
import { shanghaiToday } from '../../platform/calendar/today.js';
import { isWithin } from '../../platform/access/access.js';
import { commitmentNotes, commitments, memberPosts } from './duties.tables.js';
import type { DutiesSeedInput } from './duties.demo.js';

const SECRETARY_ITEMS = [
  '每季度为党员上一次党课，带头落实“三会一课”',
  '全年走访全村困难群众、空巢老人、留守儿童家庭',
  '牵头办好村党员群众服务中心便民代办服务',
  '推动村集体经济增收，年内落实一个增收项目',
  '带头化解矛盾纠纷，做到小事不出村',
  '年内为群众办好五件实事并公开进展',
];
const MEMBER_ITEMS = [
  '每月联系服务身边群众不少于3户',
  '参加志愿服务，全年不少于规定时长',
  '带头参加村组环境整治和义务劳动',
  '及时报告网格内矛盾纠纷和安全隐患',
  '帮助留守老人代办代购生活物资',
  '带头移风易俗，不办大操大办酒席',
];
const ORG_ITEMS = [
  '建好党员群众服务中心，工作日有人值守、群众办事有人代办',
  '落实“四议两公开”，村务财务按季度公开',
  '党员中心户每月组织一次服务活动',
  '年内完成软弱环节整改，晋位升级',
];
const NOTES = ['已走访困难群众家庭，建立台账', '组织党员开展环境整治志愿服务', '为群众代办证件和缴费事项', '召开党员大会通报承诺进展', '协调解决灌溉用水纠纷'];
const ASSESSMENTS: CommitmentAssessment[] = ['fulfilled', 'fulfilled', 'partly', 'fulfilled', 'unfulfilled', 'fulfilled'];

interface MemberRow { id: string; name: string; orgId: string; path: string; status: string; secretary: boolean }

const pick = <T>(list: readonly T[], start: number, n: number) => Array.from({ length: n }, (_, i) => list[(start + i) % list.length]!);

export async function seedCommitmentsDemo(tx: Tx, input: DutiesSeedInput): Promise<number> {
  const { countyId } = input;
  const today = shanghaiToday(input.now.getTime());
  const year = Number(today.slice(0, 4));
  const lastYear = year - 1;
  const all = [...input.orgs.values()];
  const byKey = input.orgs;
  // the villages: top village-tier orgs (a village's general branch, or its branch when it has one)
  const villages = all.filter((o) => o.tier === 'village' && byKey.get(o.parentKey ?? '')?.tier === 'township').sort((a, b) => a.key.localeCompare(b.key));
  if (villages.length === 0) return 0;

  const memberRows = rowsOf<MemberRow>(await tx.execute(sql`
    select m.id, m.name, m.org_id as "orgId", m.org_path::text as path, m.status,
           exists (select 1 from member_positions p where p.county_id = ${countyId}::uuid and p.member_id = m.id
                     and p.kind = 'secretary' and p.ended_on is null) as secretary
      from members m
     where m.county_id = ${countyId}::uuid and m.archived_at is null
     order by case m.status when 'probationary' then 0 when 'activist' then 1 else 2 end, m.name, m.id`));
  if (memberRows.length === 0) return 0;
  const houseRows = rowsOf<{ id: string; path: string }>(await tx.execute(sql`
    select h.id, h.org_path::text as path from households h
     where h.county_id = ${countyId}::uuid and h.archived_at is null order by h.address, h.id`));
  const accounts = rowsOf<{ id: string; name: string; role: string; path: string | null }>(await tx.execute(sql`
    select u.id, u.display_name as name, u.role, u.org_path::text as path from users u
     where u.county_id = ${countyId}::uuid and u.role in ('countyAdmin', 'townshipAdmin') order by u.username`));
  const countyAdmin = accounts.find((a) => a.role === 'countyAdmin');
  if (!countyAdmin) return 0;

  const rows: (typeof commitments.$inferInsert)[] = [];
  const notes: (typeof commitmentNotes.$inferInsert)[] = [];
  const posts: (typeof memberPosts.$inferInsert)[] = [];
  // note days of this year: the 15th of each month up to today (or today in early January)
  const noteDays = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}-15`).filter((d) => d <= today);
  if (noteDays.length === 0) noteDays.push(today);
  let n = 0;

  villages.forEach((v, vi) => {
    const township = byKey.get(v.parentKey ?? '');
    const assessor = accounts.find((a) => a.role === 'townshipAdmin' && township && a.path === township.path) ?? countyAdmin;
    const people = memberRows.filter((m) => isWithin(m.path, v.path));
    const secretaries = people.filter((m) => m.secretary);
    const others = people.filter((m) => !m.secretary).slice(0, 3);
    const add = (memberId: string | null, orgId: string, path: string, y: number, items: string[], isPublic: boolean) => {
      const id = uuidv7();
      const assessed = y === lastYear;
      const assessment = ASSESSMENTS[n % ASSESSMENTS.length]!;
      rows.push({
        countyId, id, year: y, memberId, orgId, orgPath: path, items, public: isPublic, createdBy: countyAdmin.id,
        createdAt: new Date(`${y}-02-20T10:00:00+08:00`), updatedAt: new Date(`${y}-02-20T10:00:00+08:00`),
        ...(assessed ? {
          assessment, assessmentNote: assessment === 'fulfilled' ? '承诺事项全部兑现，群众认可' : assessment === 'partly' ? '大部分事项已兑现，个别事项结转下年' : '承诺事项未按期兑现，已约谈提醒',
          assessedBy: assessor.id, assessorName: assessor.name, assessedAt: new Date(`${y}-12-${String(15 + (n % 10)).padStart(2, '0')}T10:00:00+08:00`),
        } : {}),
      });
      // progress notes: a few per commitment, on fixed days of its year
      const days = assessed ? [`${y}-04-15`, `${y}-08-15`, `${y}-11-15`] : noteDays.filter((_, i) => (i + n) % 3 === 0).slice(0, n % 4);
      days.forEach((d, di) => notes.push({
        countyId, id: uuidv7(), commitmentId: id, notedOn: d, text: NOTES[(n + di) % NOTES.length]!, createdBy: countyAdmin.id, authorName: assessor.name,
        createdAt: new Date(`${d}T18:00:00+08:00`),
      }));
      n++;
    };
    for (const y of [lastYear, year]) {
      // most secretaries (every fifth village's secretary has not committed yet this year)
      secretaries.forEach((s, si) => {
        if (y === year && (vi + si) % 5 === 4) return;
        add(s.id, s.orgId, s.path, y, pick(SECRETARY_ITEMS, vi + si + y, 3), true);
      });
      // some members; the third of each village keeps the commitment off the notice board
      others.forEach((m, mi) => add(m.id, m.orgId, m.path, y, pick(MEMBER_ITEMS, vi + mi + y, 2), mi !== 2));
      if (vi % 2 === 0) add(null, v.id, v.path, y, pick(ORG_ITEMS, vi + y, 3), true);
    }

    // a demonstration post and a responsibility area with households of the village
    const [first, second] = others;
    if (first) {
      posts.push({
        countyId, id: uuidv7(), memberId: first.id, orgId: first.orgId, orgPath: first.path, kind: 'demonstrationPost',
        title: '党员便民服务示范岗', description: '在村党员群众服务中心为群众代办证件、缴费等事项', area: '村党员群众服务中心',
        startedOn: `${lastYear}-03-01`, createdBy: countyAdmin.id,
      });
    }
    const homes = houseRows.filter((h) => isWithin(h.path, v.path)).slice(0, 3 + (vi % 3)).map((h) => h.id);
    if (second && homes.length) {
      posts.push({
        countyId, id: uuidv7(), memberId: second.id, orgId: second.orgId, orgPath: second.path, kind: 'responsibilityArea',
        title: '党员责任区', description: '联系责任区农户，了解社情民意，帮助解决困难', householdIds: homes,
        startedOn: `${lastYear}-01-01`, createdBy: countyAdmin.id,
      });
    }
    // an ended post: the history stays
    const third = others[2];
    if (third && vi % 3 === 0) {
      posts.push({
        countyId, id: uuidv7(), memberId: third.id, orgId: third.orgId, orgPath: third.path, kind: 'demonstrationPost',
        title: '产业发展示范岗', description: '带动群众发展特色种植', startedOn: `${lastYear - 1}-04-01`, endedOn: `${lastYear}-12-31`, createdBy: countyAdmin.id,
      });
    }
  });

  for (let i = 0; i < rows.length; i += 500) await tx.insert(commitments).values(rows.slice(i, i + 500));
  for (let i = 0; i < notes.length; i += 500) await tx.insert(commitmentNotes).values(notes.slice(i, i + 500));
  if (posts.length) await tx.insert(memberPosts).values(posts);
  return rows.length;
}
