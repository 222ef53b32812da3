// 网格工作地图 (issue 12 part 5): each grid of a subtree with one figure — overdue must-visit households (六访),
// open cases, or this year's six reports (六报, channel gridReport) — and the class boundaries the map colours by.
// The figures are the lists' own: overdueVisits' per-grid counts, and the case list's count per grid for the same
// filters (countCasesByGrid), so a click on a grid opens a list of exactly that many rows.
import { sql } from 'drizzle-orm';
import type { WorkMap, WorkMapQuery } from '@jiceng/contract';
import { rowsOf, type Db } from '../../db/client.js';
import { inScope, scopeFilter, type Actor } from '../../platform/access/access.js';
import { notFound } from '../../platform/http/errors.js';
import { shanghaiToday } from '../../platform/calendar/today.js';
import { overdueVisits } from '../fieldwork/fieldwork.service.js';
import { countCasesByGrid } from '../cases/cases.list.js';

/** the first day of this year: the six reports counted on the map and in the list it links to */
export const sixReportsFrom = () => `${shanghaiToday().slice(0, 4)}-01-01`;

/**
 * Class boundaries: class 0 is "none" (value 0); the positive values fall in up to three classes cut at their
 * thirds (rounded up), so a county with few late grids still shows which are worst. Class i holds values ≤
 * breaks[i]; the last class holds values above the last break.
 */
export function classBreaks(values: number[]): number[] {
  const pos = values.filter((v) => v > 0).sort((a, b) => a - b);
  if (pos.length === 0) return [0];
  const at = (q: number) => pos[Math.min(pos.length - 1, Math.ceil(q * pos.length) - 1)]!;
  const breaks = [0];
  for (const b of [at(1 / 3), at(2 / 3)]) if (b > breaks[breaks.length - 1]! && b < pos[pos.length - 1]!) breaks.push(b);
  return breaks;
}
export const classOf = (v: number, breaks: number[]) => { const i = breaks.findIndex((b) => v <= b); return i < 0 ? breaks.length : i; };

export async function workMap(db: Db, actor: Actor, q: WorkMapQuery): Promise<WorkMap> {
  const metric = q.metric ?? 'overdueVisits';
  let root: string | null = null;
  if (q.orgId) {
    const [o] = rowsOf<{ path: string }>(await db.execute(sql`select path::text as path from orgs where county_id = ${actor.countyId}::uuid and id = ${q.orgId}::uuid`));
    if (!o || !inScope(actor, o.path)) throw notFound();
    root = o.path;
  }
  const grids = rowsOf<{ id: string; name: string; orgId: string; orgName: string }>(await db.execute(sql`
    select g.id, g.name, g.org_id as "orgId", o.name as "orgName"
      from grids g join orgs o on o.county_id = g.county_id and o.id = g.org_id
     where g.county_id = ${actor.countyId}::uuid and o.county_id = ${actor.countyId}::uuid and g.archived_at is null
       and ${scopeFilter(actor, sql`g.org_path`)} ${root ? sql`and g.org_path <@ ${root}::ltree` : sql``}
     order by o.name, g.name`));
  let counts: Map<string, number>;
  if (metric === 'overdueVisits') {
    const o = await overdueVisits(db, actor, { orgId: q.orgId });
    counts = new Map(o.grids.filter((g) => g.gridId).map((g) => [g.gridId!, g.overdue]));
  } else if (metric === 'openCases') {
    counts = await countCasesByGrid(db, actor, { state: 'open', orgId: q.orgId });
  } else {
    counts = await countCasesByGrid(db, actor, { channel: 'gridReport', from: sixReportsFrom(), orgId: q.orgId });
  }
  const values = grids.map((g) => counts.get(g.id) ?? 0);
  const breaks = classBreaks(values);
  return { metric, breaks, grids: grids.map((g, i) => ({ ...g, value: values[i]!, cls: classOf(values[i]!, breaks) })) };
}
