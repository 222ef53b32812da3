// Demo county: fifteen months of 走访台账 (篇二 3) — the visits behind 两走遍 coverage, the must-visit list (六访) and
// the work statistics. Each household is visited by the account nearest to it (the grid worker of its party group,
// else its village's cadre); a tagged household (困难户, 空巢老人…) about every interval of its tags, some of them late
// (so the must-visit list and the grid map have something to show), the others once or twice a year, not all of
// them (so coverage is below 100 %). The township accounts visit most of their village groups (两走遍 of the township
// secretary). Deterministic (a seeded PRNG over the households in address order).
import { sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { VISIT_TAGS, type VisitTag } from '@jiceng/contract';
import { rowsOf, type Tx } from '../../db/client.js';
import { Rng } from '../demo/demo.random.js';
import { visitIntervals } from './fieldwork.service.js';
import { visits, type FourKnows } from './fieldwork.tables.js';
import { bulkInsert } from '../imports/bulk.js';

const DAY = 86_400_000;
const PURPOSES = ['入户走访', '走访慰问', '政策宣传', '了解生产生活情况', '收集意见建议', '帮办代办回访'] as const;
const NOTES: FourKnows[] = [
  { basics: '家庭成员在家，身体状况良好', conditions: '邻里和睦' },
  { hotIssues: '反映村道路灯不亮', basics: '老人独居，子女在外务工' },
  { difficulties: '医疗费用负担较重，已告知大病救助政策', basics: '家中有慢性病人' },
  { conditions: '关心今年柑橘收购价格', hotIssues: '希望组织技术培训' },
  { basics: '留守儿童学习情况正常', difficulties: '需要课后辅导' },
  {},
];

type Row = typeof visits.$inferInsert;

export async function seedFieldworkDemo(tx: Tx, input: { countyId: string; now: Date }): Promise<{ visits: number }> {
  const c = input.countyId;
  const now = input.now.getTime();
  const rng = new Rng(20261203);
  const intervals = await visitIntervals(tx, c);
  const yearStart = Date.UTC(input.now.getUTCFullYear(), 0, 1) - 8 * 3_600_000;
  const households = rowsOf<{ id: string; orgId: string; path: string; tags: string[]; visitorId: string | null; visitorName: string | null }>(await tx.execute(sql`
    select h.id, h.org_id as "orgId", h.org_path::text as path, h.visit_tags as tags, a.id as "visitorId", a.display_name as "visitorName"
      from households h
      left join lateral (
        select u.id, u.display_name from users u
         where u.county_id = ${c}::uuid and u.county_id = h.county_id and not u.disabled and u.role in ('gridWorker', 'villageCadre')
           and u.org_path @> h.org_path
         order by nlevel(u.org_path) desc, u.username limit 1) a on true
     where h.county_id = ${c}::uuid and h.archived_at is null
     order by h.address, h.id`));
  const rows: Row[] = [];
  const visit = (h: (typeof households)[number], at: number) => {
    if (at > now - 3_600_000) return;
    rows.push({
      countyId: c, id: uuidv7(), visitorId: h.visitorId!, visitorName: h.visitorName!, householdId: h.id, orgId: h.orgId, orgPath: h.path,
      visitedAt: new Date(at), purpose: rng.pick(PURPOSES), notes: rng.pick(NOTES),
    });
  };
  const hours = () => (rng.int(8, 17) * 60 + rng.int(0, 59)) * 60_000;
  for (const h of households) {
    if (!h.visitorId) continue;
    const tags = h.tags.filter((t): t is VisitTag => (VISIT_TAGS as readonly string[]).includes(t));
    if (tags.length) {
      const interval = Math.min(...tags.map((t) => intervals[t]));
      // the last visit: within the interval for most, late for one in six (a few never visited since the tag)
      const late = rng.chance(1 / 6);
      let age = late ? interval + rng.int(3, 45) : rng.int(1, Math.max(1, interval - 2));
      if (late && rng.chance(0.15)) continue;
      while (age < 460) {
        visit(h, now - age * DAY - hours());
        age += Math.max(7, Math.round(interval * (0.75 + rng.next() * 0.35)));
      }
    } else {
      // an ordinary household: this year for most (两走遍 coverage below 100 %), last year for many
      if (rng.chance(0.82)) visit(h, yearStart + rng.int(0, Math.max(0, Math.floor((now - yearStart) / DAY) - 1)) * DAY + hours());
      if (rng.chance(0.3)) visit(h, yearStart + rng.int(0, Math.max(0, Math.floor((now - yearStart) / DAY) - 1)) * DAY + hours());
      if (rng.chance(0.7)) visit(h, yearStart - rng.int(1, 365) * DAY + hours());
    }
  }
  // 两走遍 of the township accounts: most village groups of their township this year
  const groups = rowsOf<{ id: string; path: string; visitorId: string; visitorName: string }>(await tx.execute(sql`
    select g.id, g.path::text as path, u.id as "visitorId", u.display_name as "visitorName"
      from orgs g
      join users u on u.county_id = ${c}::uuid and u.county_id = g.county_id and u.role = 'townshipAdmin' and not u.disabled and g.path <@ u.org_path
      join orgs t on t.county_id = ${c}::uuid and t.id = u.org_id and t.tier = 'township'
     where g.county_id = ${c}::uuid and g.level = 'group' and g.archived_at is null
     order by g.path, u.username`));
  for (const g of groups) {
    if (!rng.chance(0.85)) continue;
    const at = yearStart + rng.int(0, Math.max(0, Math.floor((now - yearStart) / DAY) - 1)) * DAY + hours();
    if (at > now - 3_600_000) continue;
    rows.push({
      countyId: c, id: uuidv7(), visitorId: g.visitorId, visitorName: g.visitorName, groupOrgId: g.id, orgId: g.id, orgPath: g.path,
      visitedAt: new Date(at), purpose: '走村入组，召开群众议事会', notes: rng.pick(NOTES),
    });
  }
  await bulkInsert(tx, visits, rows);
  return { visits: rows.length };
}
