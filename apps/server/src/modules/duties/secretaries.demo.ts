// Demo 三个一 (issue 10 part 4): for last year and this year — 述职 with 评议 tallies for most secretaries (a few
// below the satisfaction mark, some missing), 联系点 for some (most with an activity of the secretary there, a few
// without any record yet: shown as missing), and a few 党课 (activities of kind partyLecture given by the
// secretary). Deterministic: a seeded PRNG over the secretaries sorted by org and name.
import { uuidv7 } from 'uuidv7';
import type { Tx } from '../../db/client.js';
import type { DutiesSeedInput } from './duties.demo.js';
import { duties } from './duties.tables.js';
import { activities } from '../fieldwork/fieldwork.tables.js';
import { Rng } from '../demo/demo.random.js';
import { secretariesOfYear } from './secretaries.service.js';
import { shanghaiToday } from '../../platform/calendar/today.js';

const SEED = 20261202;
const TOPICS = ['学习贯彻党的二十大精神', '践行全心全意为人民服务宗旨', '建设服务型党组织', '党员先锋模范作用', '乡村振兴与基层治理'];
const COMMENTS = ['履职尽责，群众认可', '服务意识强，成效明显', '抓党建主业意识需进一步加强', '联系群众紧密，工作扎实'];

const pad = (n: number) => String(n).padStart(2, '0');
/** a day of `year` between January and `lastMonth`, not after `today` */
const dayOf = (rng: Rng, year: number, today: string, fromMonth: number, toMonth: number) => {
  const d = `${year}-${pad(rng.int(fromMonth, toMonth))}-${pad(rng.int(1, 28))}`;
  return d > today ? today : d;
};

export async function seedSecretariesDemo(tx: Tx, input: DutiesSeedInput): Promise<number> {
  const { countyId, orgs } = input;
  const today = shanghaiToday(input.now.getTime());
  const thisYear = Number(today.slice(0, 4));
  const rng = new Rng(SEED);
  const byPath = new Map([...orgs.values()].map((o) => [o.path, o]));
  const villages = [...orgs.values()].filter((o) => o.tier === 'village' && orgs.get(o.parentKey ?? '')?.tier === 'township');
  const dutyRows: (typeof duties.$inferInsert)[] = [];
  const activityRows: (typeof activities.$inferInsert)[] = [];
  for (const year of [thisYear - 1, thisYear]) {
    const lastMonth = year < thisYear ? 12 : Number(today.slice(5, 7));
    const secs = (await secretariesOfYear(tx, countyId, year)).sort((a, b) => a.orgName.localeCompare(b.orgName, 'zh-CN') || a.memberName.localeCompare(b.memberName, 'zh-CN'));
    for (const s of secs) {
      const own = byPath.get(s.path);
      // 述职评议: most secretaries; tallies mostly 好/较好, a few below the mark
      if (rng.chance(0.85)) {
        const reviewers = rng.int(18, 60);
        const weak = rng.chance(0.12);
        const good = Math.round(reviewers * (weak ? rng.int(25, 45) : rng.int(55, 80)) / 100);
        const fairlyGood = Math.round((reviewers - good) * (weak ? 0.4 : 0.7));
        const average = Math.round((reviewers - good - fairlyGood) * 0.7);
        dutyRows.push({
          countyId, id: uuidv7(), kind: 'annualReport', year, memberId: s.memberId, positionId: s.positionId, orgId: s.orgId, orgPath: s.path,
          reportedOn: dayOf(rng, year, today, 1, Math.min(3, lastMonth)), toUpper: true, toAssembly: rng.chance(0.9),
          reviewGood: good, reviewFairlyGood: fairlyGood, reviewAverage: average, reviewPoor: reviewers - good - fairlyGood - average,
          upperComment: weak ? COMMENTS[2]! : rng.pick(COMMENTS), createdBy: countyId,
        });
      }
      // 联系点: another village of the same township (a township secretary: one of its villages)
      const candidates = villages.filter((v) => v.path !== s.path && !s.path.startsWith(`${v.path}.`) && (own?.tier === 'county' || v.path.split('.').slice(0, 2).join('.') === s.path.split('.').slice(0, 2).join('.')));
      if (candidates.length && rng.chance(0.6)) {
        const contact = rng.pick(candidates);
        dutyRows.push({
          countyId, id: uuidv7(), kind: 'contactPoint', year, memberId: s.memberId, positionId: s.positionId, orgId: s.orgId, orgPath: s.path,
          contactOrgId: contact.id, contactOrgPath: contact.path, note: `联系${contact.name.replace(/^中共|(总)?支部委员会$/g, '')}`, createdBy: countyId,
        });
        if (rng.chance(0.75)) {
          activityRows.push({
            countyId, id: uuidv7(), orgId: contact.id, orgPath: contact.path, kind: rng.pick(['studyMeeting', 'jointMeeting', 'opinionMeeting'] as const),
            title: '联系点指导党建工作', heldOn: new Date(`${dayOf(rng, year, today, 2, lastMonth)}T09:30:00+08:00`), place: '村党员群众服务中心',
            organizer: s.memberName, organizerMemberId: s.memberId, memberIds: [s.memberId], otherAttendees: rng.int(8, 25), createdBy: countyId,
          });
        }
      }
      // 党课: about half of them
      if (rng.chance(0.5)) {
        activityRows.push({
          countyId, id: uuidv7(), orgId: s.orgId, orgPath: s.path, kind: 'partyLecture', title: `书记讲党课：${rng.pick(TOPICS)}`,
          heldOn: new Date(`${dayOf(rng, year, today, 3, lastMonth)}T15:00:00+08:00`), place: '党员活动室',
          organizer: s.memberName, organizerMemberId: s.memberId, memberIds: [], otherAttendees: rng.int(12, 45), createdBy: countyId,
        });
      }
    }
  }
  if (dutyRows.length) await tx.insert(duties).values(dutyRows);
  if (activityRows.length) await tx.insert(activities).values(activityRows);
  return dutyRows.length;
}
