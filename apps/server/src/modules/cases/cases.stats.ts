// 办件统计 (篇三's figures): received, answered, answered on time, rights cases, trips, satisfaction — for a
// subtree and a period, one row per child org (plus the node itself) by where cases were received, each with the
// cases it held, and one row per township hall or county department that held cases sent on to it, in one query.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { CaseStats } from '@jiceng/contract';
import type { Db } from '../../db/client.js';
import { rowsOf } from '../../db/client.js';
import { departments, orgs } from '../orgs/orgs.tables.js';
import { inScope, type Actor } from '../../platform/access/access.js';
import { notFound } from '../../platform/http/errors.js';
import { caseVisibility } from './cases.service.js';

type StatsRow = CaseStats['total'];

interface Raw {
  bucket: string | null; received: number; answered: number; on_time: number; open: number; overdue_open: number; rights: number; proxy: number;
  field_reports: number; forwarded: number; avg_trips: number | null; one_trip: number; rated: number; avg_rating: number | null;
  m_direct: number; m_promised: number; m_explained: number;
}

const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 1000) / 1000 : null);
const round = (x: number | null) => (x === null ? null : Math.round(Number(x) * 100) / 100);

function toRow(orgId: string | null, name: string, r: Raw | undefined): StatsRow {
  const n = (k: keyof Raw) => Number(r?.[k] ?? 0);
  return {
    orgId, departmentId: null, basis: 'received', name, received: n('received'), held: 0, answered: n('answered'), onTime: n('on_time'), onTimeRate: ratio(n('on_time'), n('answered')),
    open: n('open'), overdueOpen: n('overdue_open'), rights: n('rights'), proxy: n('proxy'), fieldReports: n('field_reports'), forwarded: n('forwarded'),
    avgTrips: round(r?.avg_trips ?? null), oneTripRate: ratio(n('one_trip'), n('answered')), rated: n('rated'), avgRating: round(r?.avg_rating ?? null),
    byMode: { direct: n('m_direct'), promised: n('m_promised'), explained: n('m_explained') },
  };
}

/** the figures of a group of cases (one rule for the per-unit and the per-month tables) */
/** the columns AGGREGATES reads: the statistics' base rows carry only these, not cases.* (a county year's rows,
 * sorted for grouping, spilled to disk at city scale with the descriptions in them) */
const AGGREGATED = sql.raw('cases.replied_at, cases.due_at, cases.state, cases.overdue_at, cases.paused_since, cases.category, cases.channel, cases.forwards, cases.trips, cases.rating, cases.mode');

const AGGREGATES = sql.raw(`
           count(*)::int as received,
           count(*) filter (where replied_at is not null)::int as answered,
           count(*) filter (where replied_at is not null and replied_at <= due_at)::int as on_time,
           count(*) filter (where state in ('received', 'inProgress', 'waitingOnResident'))::int as open,
           count(*) filter (where state in ('received', 'inProgress', 'waitingOnResident') and (overdue_at is not null
             or (state <> 'waitingOnResident' and due_at < now()) or (state = 'waitingOnResident' and paused_since > due_at)))::int as overdue_open,
           count(*) filter (where category = 'rights')::int as rights,
           count(*) filter (where category = 'proxy')::int as proxy,
           count(*) filter (where channel = 'gridReport')::int as field_reports,
           count(*) filter (where forwards > 0)::int as forwarded,
           avg(trips)::float8 as avg_trips,
           count(*) filter (where replied_at is not null and trips <= 1)::int as one_trip,
           count(rating)::int as rated,
           avg(rating)::float8 as avg_rating,
           count(*) filter (where mode = 'direct')::int as m_direct,
           count(*) filter (where mode = 'promised')::int as m_promised,
           count(*) filter (where mode = 'explained')::int as m_explained`);

export async function caseStats(db: Db, actor: Actor, q: { orgId?: string; from: string; to: string }): Promise<CaseStats> {
  const nodeId = q.orgId ?? actor.orgId;
  let node: { id: string; name: string; path: string; tier: string } | null = null;
  if (nodeId) {
    const [o] = await db.select({ id: orgs.id, name: orgs.name, path: sql<string>`${orgs.path}::text`, tier: orgs.tier }).from(orgs)
      .where(and(eq(orgs.countyId, actor.countyId), eq(orgs.id, nodeId)));
    // the rows name the node's child orgs: only for a node in the caller's scope (a department reads no orgs; its
    // figures are its own total, without ?orgId=)
    if (!o || !inScope(actor, o.path)) throw notFound();
    node = o;
  }
  const children = node
    ? await db.select({ id: orgs.id, name: orgs.name, tier: orgs.tier }).from(orgs).where(and(eq(orgs.countyId, actor.countyId), eq(orgs.parentId, node.id))).orderBy(orgs.code)
    : [];
  const c = actor.countyId;
  const period = sql`cases.received_at >= (${q.from}::date)::timestamp at time zone 'Asia/Shanghai' and cases.received_at < (${q.to}::date + 1)::timestamp at time zone 'Asia/Shanghai'`;
  // three groupings of the node's cases in one pass: by the child org where each was received (`bucket`: the rows,
  // which add up to the total); by the child org (or the node's own level) holding it (`hold`: the rows' 承办 — the
  // unit that holds it now, or held it when it was answered); and, for cases forwarded (转办: only ever up the tiers),
  // by the unit holding them (`holder`: a township hall or a county department, the figures of what it held; a grid
  // report registered below its village and held by the village is not one)
  // without a node (a department) there are no child orgs: the joins are left out, not joined on parent_id = NULL
  // (Citus prunes such a join to no shard and refuses the query, issue 13)
  const res = await db.execute(sql`
    with base as (
      select ${AGGREGATED}, ${node ? sql`ch.id` : sql`null::uuid`} as bucket,
             case when cases.owner_department_id is not null then 'd:' || cases.owner_department_id::text
                  ${node ? sql`when hh.id is not null then hh.id::text when cases.owner_path <@ ${node.path}::ltree then 'own'` : sql``}
             end as hold,
             case when cases.owner_department_id is not null then 'd:' || cases.owner_department_id::text
                  when cases.forwards > 0 and cases.owner_org_id is not null then 'o:' || cases.owner_org_id::text
             end as holder
        from cases
        ${node ? sql`left join orgs ch on ch.county_id = ${c}::uuid and ch.parent_id = ${node.id}::uuid and cases.org_path <@ ch.path
        left join orgs hh on hh.county_id = ${c}::uuid and hh.parent_id = ${node.id}::uuid and cases.owner_path <@ hh.path` : sql``}
       where ${caseVisibility(actor)} and ${period} ${node ? sql`and cases.org_path <@ ${node.path}::ltree` : sql``}
    )
    select case when grouping(bucket) = 0 then 'received' when grouping(hold) = 0 then 'hold' when grouping(holder) = 0 then 'holder' else 'total' end as kind,
           bucket, hold, holder,
           ${AGGREGATES}
      from base
     group by grouping sets ((bucket), (hold), (holder), ())`);
  type Grouped = Raw & { kind: 'received' | 'hold' | 'holder' | 'total'; hold: string | null; holder: string | null };
  const raws = rowsOf<Grouped>(res);
  const total = raws.find((r) => r.kind === 'total');
  const byBucket = new Map(raws.filter((r) => r.kind === 'received').map((r) => [r.bucket, r]));
  const byHold = new Map(raws.filter((r) => r.kind === 'hold' && r.hold !== null).map((r) => [r.hold!, r]));
  const byHolder = new Map(raws.filter((r) => r.kind === 'holder' && r.holder !== null).map((r) => [r.holder!, r]));
  const held = (key: string) => Number(byHold.get(key)?.received ?? 0);
  // every township under the county and every village under a township has its row (a row of zeros says something);
  // a branch beside them (a county organ's branch, a township's own branch, a village's branches) only when it
  // received or held cases
  const rows: StatsRow[] = children
    .map((ch) => ({ ...toRow(ch.id, ch.name, byBucket.get(ch.id)), held: held(ch.id), tier: ch.tier }))
    .filter((r) => r.tier !== node?.tier || r.received > 0 || r.held > 0)
    .map(({ tier: _tier, ...r }) => r);
  const own = byBucket.get(null);
  if (own) rows.unshift({ ...toRow(node?.id ?? null, node ? `${node.name}（本级）` : '—', own), held: held('own') });

  // the units that held cases sent on to them: township halls (by their org) and county departments, by the figures
  // of what they held — a case counts at its village above and here again, so these are not added to the total
  const ids = (prefix: string) => [...byHolder.keys()].filter((k) => k.startsWith(prefix)).map((k) => k.slice(2));
  const [halls, depts] = await Promise.all([
    ids('o:').length
      ? db.select({ id: orgs.id, name: orgs.name }).from(orgs).where(and(eq(orgs.countyId, c), inArray(orgs.id, ids('o:')))).orderBy(orgs.code)
      : [],
    ids('d:').length
      ? db.select({ id: departments.id, name: departments.name }).from(departments).where(and(eq(departments.countyId, c), inArray(departments.id, ids('d:')))).orderBy(departments.code)
      : [],
  ]);
  const heldRow = (orgId: string | null, departmentId: string | null, name: string, r: Grouped | undefined): StatsRow => {
    const x = toRow(orgId, name, r);
    return { ...x, departmentId, basis: 'held', received: 0, held: x.received, forwarded: 0 };
  };
  const holders = [
    ...halls.map((o) => heldRow(o.id, null, `${o.name}（本级）`, byHolder.get(`o:${o.id}`))),
    ...depts.map((d) => heldRow(null, d.id, d.name, byHolder.get(`d:${d.id}`))),
  ];
  const totalRow = toRow(node?.id ?? null, node?.name ?? '合计', total);
  return { from: q.from, to: q.to, total: { ...totalRow, held: totalRow.received }, rows, holders };
}

/**
 * 办件统计's total for each calendar month (Asia/Shanghai) of a range, in one statement — the same figures as
 * caseStats of each month's dates (the dashboard's 12-month chart; tested against it).
 */
export async function caseStatsByMonth(db: Db, actor: Actor, q: { from: string; to: string }): Promise<Map<string, StatsRow>> {
  // the caller's own node, as caseStats without ?orgId=
  const [node] = actor.orgId
    ? await db.select({ path: sql<string>`${orgs.path}::text` }).from(orgs).where(and(eq(orgs.countyId, actor.countyId), eq(orgs.id, actor.orgId)))
    : [];
  const period = sql`cases.received_at >= (${q.from}::date)::timestamp at time zone 'Asia/Shanghai' and cases.received_at < (${q.to}::date + 1)::timestamp at time zone 'Asia/Shanghai'`;
  const res = await db.execute(sql`
    with base as (
      select ${AGGREGATED}, to_char(cases.received_at at time zone 'Asia/Shanghai', 'YYYY-MM') as bucket from cases
       where ${caseVisibility(actor)} and ${period} ${node ? sql`and cases.org_path <@ ${node.path}::ltree` : sql``}
    )
    select bucket,
           ${AGGREGATES}
      from base group by bucket`);
  return new Map(rowsOf<Raw>(res).map((r) => [r.bucket!, toRow(null, r.bucket!, r)]));
}
