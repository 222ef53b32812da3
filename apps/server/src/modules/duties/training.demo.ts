// Demo training (issue 10 parts 5–6): courses of each kind over the last three years with attendees — the county's
// 书记轮训 reaches most current secretaries, some never trained and a few only outside the window; a planned course
// next month; the county's “6个100” targets (8 a line: its share of the city's 100) and two 村级顾问 positions.
// Deterministic: a seeded PRNG over rows sorted by org and name.
import { sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { PROGRAMME_LINES, type TrainingKind } from '@jiceng/contract';
import { rowsOf, type Tx } from '../../db/client.js';
import type { DutiesSeedInput } from './duties.demo.js';
import { programmeTargets, trainingAttendances, trainingCourses } from './duties.tables.js';
import { memberPositions } from '../members/members.tables.js';
import { Rng } from '../demo/demo.random.js';
import { shanghaiToday } from '../../platform/calendar/today.js';

const SEED = 20130707;
const DEMO_TARGET = 8;

const shift = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

interface Person { id: string; name: string; path: string; orgName: string; sector: string; tier: string }

export async function seedTrainingDemo(tx: Tx, input: DutiesSeedInput): Promise<number> {
  const { countyId, orgs } = input;
  const today = shanghaiToday(input.now.getTime());
  const year = Number(today.slice(0, 4));
  const rng = new Rng(SEED);
  const county = [...orgs.values()].find((o) => o.tier === 'county' && o.parentKey === null)!;
  const townships = [...orgs.values()].filter((o) => o.tier === 'township' && o.parentKey === county.key).sort((a, b) => a.key.localeCompare(b.key));
  const sorted = (rows: Person[]) => rows.sort((a, b) => a.orgName.localeCompare(b.orgName, 'zh-CN') || a.name.localeCompare(b.name, 'zh-CN'));
  const secretaries = sorted(rowsOf<Person>(await tx.execute(sql`
    select distinct on (m.id) m.id, m.name, m.org_path::text as path, o.name as "orgName", o.sector, o.tier
      from member_positions p
      join members m on m.county_id = ${countyId}::uuid and m.id = p.member_id
      join orgs o on o.county_id = ${countyId}::uuid and o.id = p.org_id
     where p.county_id = ${countyId}::uuid and p.kind = 'secretary' and p.started_on <= ${today}::date and (p.ended_on is null or p.ended_on >= ${today}::date)
     order by m.id`)));
  const formal = sorted(rowsOf<Person>(await tx.execute(sql`
    select m.id, m.name, m.org_path::text as path, o.name as "orgName", o.sector, o.tier
      from members m join orgs o on o.county_id = ${countyId}::uuid and o.id = m.org_id
     where m.county_id = ${countyId}::uuid and m.status = 'formal' and m.archived_at is null and o.tier = 'village'`)));
  const courseRows: (typeof trainingCourses.$inferInsert)[] = [];
  const attendanceRows: (typeof trainingAttendances.$inferInsert)[] = [];
  const add = (org: { id: string; path: string }, kind: TrainingKind, title: string, startsOn: string, days: number, hours: number, people: Person[]) => {
    const id = uuidv7();
    courseRows.push({ countyId, id, orgId: org.id, orgPath: org.path, kind, title, startsOn, endsOn: shift(startsOn, days - 1), hours, place: '县委党校', createdBy: countyId });
    for (const p of new Map(people.map((x) => [x.id, x])).values()) attendanceRows.push({ countyId, courseId: id, memberId: p.id, memberOrgPath: p.path });
  };
  const sample = (from: Person[], share: number) => from.filter(() => rng.chance(share));

  // 书记轮训: every secretary in one of three classes over the last years — the last class 4 years back falls
  // outside the default 3-year window — and about one in six never trained
  const rotation = rng.shuffle([...secretaries]);
  const never = Math.max(1, Math.round(rotation.length / 6));
  const classes = [shift(today, -4 * 365 - 30), shift(today, -2 * 365), shift(today, -300), shift(today, -60)];
  const trained = rotation.slice(never);
  classes.forEach((startsOn, i) => {
    const people = trained.filter((_, k) => k % classes.length === i);
    add(county, 'secretaryRotation', `${startsOn.slice(0, 4)}年全县党组织书记轮训班（${Number(startsOn.slice(5, 7))}月）`, startsOn, 5, 40, people);
  });
  // a planned class next month: its attendees do not count before it ends
  add(county, 'secretaryRotation', `${shift(today, 30).slice(0, 4)}年全县党组织书记轮训班（${Number(shift(today, 30).slice(5, 7))}月，计划）`, shift(today, 30), 5, 40, rotation.slice(0, never));

  for (const y of [year - 2, year - 1, year]) {
    const inYear = (day: string) => (day > today ? shift(today, -20) : day);
    // 主职干部蹲点学习 (village secretaries), 后备干部 (formal members of villages), 非公和社会组织书记
    add(county, 'fieldStudy', `${y}年村(社区)主职干部蹲点学习`, inYear(`${y}-04-08`), 10, 60, sample(secretaries.filter((s) => s.tier === 'village'), 0.15));
    add(county, 'reserveCadre', `${y}年村(社区)主职后备干部集中培训`, inYear(`${y}-06-10`), 5, 36, sample(formal, 0.02).slice(0, 3));
    add(county, 'nonPublicSecretary', `${y}年非公企业和社会组织书记集中培训`, inYear(`${y}-09-15`), 3, 24,
      [...secretaries.filter((s) => s.sector === 'private' || s.sector === 'social'), ...sample(formal, 0.004)]);
    for (const t of townships) {
      const inside = formal.filter((p) => p.path.startsWith(`${t.path}.`));
      add(t, 'memberEducation', `${y}年${t.name.replace(/^中共|委员会$|工作委员会$/g, '')}党员冬训`, inYear(`${y}-01-12`), 2, 12, sample(inside, 0.08).slice(0, 30));
    }
  }
  add(county, 'other', '基层党务工作者业务培训', shift(today, -150), 2, 12, sample(secretaries, 0.3));

  await tx.insert(trainingCourses).values(courseRows);
  for (let i = 0; i < attendanceRows.length; i += 1000) await tx.insert(trainingAttendances).values(attendanceRows.slice(i, i + 1000));

  // 6个100: the county's share of each line, counted from three years back
  await tx.insert(programmeTargets).values(PROGRAMME_LINES.map((line) => ({ countyId, line, target: DEMO_TARGET, startsOn: `${year - 2}-01-01` })));
  // 村级顾问: two villages choose an advisor among their formal members
  const villages = [...orgs.values()].filter((o) => o.tier === 'village' && orgs.get(o.parentKey ?? '')?.tier === 'township').sort((a, b) => a.key.localeCompare(b.key));
  const advisors = [villages[1], villages[villages.length - 2]].flatMap((v) => {
    const m = v ? formal.find((p) => p.path === v.path || p.path.startsWith(`${v.path}.`)) : undefined;
    return m && v ? [{ countyId, id: uuidv7(), memberId: m.id, kind: 'villageAdvisor', orgId: v.id, orgPath: v.path, title: '村级顾问', startedOn: `${year - 1}-03-01` }] : [];
  });
  if (advisors.length) await tx.insert(memberPositions).values(advisors);
  return courseRows.length;
}
