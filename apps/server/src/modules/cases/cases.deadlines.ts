// The deadlines job (限期办结): marks cases due soon and overdue, tells the holding unit, escalates overdue
// cases one tier up (village → township, township or department → county) and raises a 过错责任追究 record per
// missed deadline. Set-based SQL: one statement per kind of mark and county, reading only the partial indexes
// of unmarked open cases, so a run costs what it finds, not what the county holds.
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { rowsOf } from '../../db/client.js';
import { orgs } from '../orgs/orgs.tables.js';
import { policyValue } from '../../platform/policy/policy.service.js';
import { withJobLock } from '../../platform/jobs/scheduler.js';

export interface SweepResult {
  counties: number;
  dueSoon: number;
  overdue: number;
}

const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;

async function sweepCounty(tx: Tx, countyId: string, now: Date): Promise<{ dueSoon: number; overdue: number }> {
  const hours = await policyValue(tx, countyId, 'case.dueSoonHours');
  const soon = new Date(now.getTime() + hours * 3_600_000);
  const [s] = rowsOf<{ n: number }>(await tx.execute(sql`
    with hit as (
      update cases set due_soon_at = ${ts(now)}
       where county_id = ${countyId} and state in ('received', 'inProgress') and due_soon_at is null
         and due_at > ${ts(now)} and due_at <= ${ts(soon)}
      returning county_id, id, number, title, owner_org_id, owner_department_id, due_at
    ), ev as (
      insert into case_events (county_id, id, case_id, at, kind, detail)
      select county_id, gen_random_uuid(), id, ${ts(now)}, 'dueSoon', jsonb_build_object('dueAt', due_at) from hit
    ), nt as (
      insert into notifications (county_id, id, kind, org_id, department_id, case_id, text, created_at)
      select county_id, gen_random_uuid(), 'dueSoon', owner_org_id, owner_department_id, id,
             '办件 ' || number || '「' || title || '」即将到期', ${ts(now)} from hit
    )
    select count(*)::int as n from hit`));
  const [o] = rowsOf<{ n: number }>(await tx.execute(sql`
    with hit as (
      update cases set overdue_at = ${ts(now)}, escalation = escalation + 1
       where county_id = ${countyId} and state in ('received', 'inProgress') and overdue_at is null and due_at < ${ts(now)}
      returning county_id, id, number, title, owner_tier, owner_org_id, owner_department_id, owner_path, org_path, first_responder_id, due_at
    ), sup as (
      select h.*, s.id as sup_id, s.name as sup_name
        from hit h
        left join lateral (
          select o.id, o.name from orgs o
           where o.county_id = ${countyId} and o.county_id = h.county_id and o.path @> coalesce(h.owner_path, h.org_path)
             and o.tier = case h.owner_tier when 'village' then 'township' else 'county' end
           order by nlevel(o.path) limit 1) s on true
    ), ev as (
      insert into case_events (county_id, id, case_id, at, kind, detail)
      select county_id, gen_random_uuid(), id, ${ts(now)}, 'overdue', jsonb_build_object('dueAt', due_at) from sup
      union all
      select county_id, gen_random_uuid(), id, ${ts(now)} + interval '1 millisecond', 'escalated', jsonb_build_object('to', sup_name) from sup where sup_id is not null
    ), acc as (
      -- the record names the holding unit (owner_*) and the person there who held the case: the last account that
      -- registered, took up, paused or resumed it since it reached that unit (its last forward); null when nobody at
      -- the unit had taken it up. The first responder (who answers to the resident) is the case's own column.
      insert into accountability_records (county_id, id, case_id, kind, due_at, responsible_user_id, owner_tier, owner_org_id, owner_department_id, org_path, raised_at)
      select s.county_id, gen_random_uuid(), s.id, 'overdue', s.due_at, hp.actor_id, s.owner_tier, s.owner_org_id, s.owner_department_id, s.org_path, ${ts(now)}
        from sup s
        left join lateral (
          select e.actor_id from case_events e
           where e.county_id = ${countyId} and e.case_id = s.id and e.actor_id is not null
             and e.kind in ('received', 'accepted', 'waiting', 'resumed')
             and e.at > coalesce((select max(f.at) from case_events f
                                   where f.county_id = ${countyId} and f.case_id = s.id and f.kind = 'forwarded'), '-infinity'::timestamptz)
           order by e.at desc, e.id desc limit 1) hp on true
      on conflict do nothing
    ), nt as (
      insert into notifications (county_id, id, kind, org_id, department_id, case_id, text, created_at)
      select county_id, gen_random_uuid(), 'overdue', owner_org_id, owner_department_id, id,
             '办件 ' || number || '「' || title || '」已超期，已记入过错责任追究', ${ts(now)} from sup
      union all
      select county_id, gen_random_uuid(), 'escalated', sup_id, null, id,
             '下级超期办件 ' || number || '「' || title || '」已上报，请督办', ${ts(now)} from sup where sup_id is not null
    )
    select count(*)::int as n from hit`));
  return { dueSoon: s?.n ?? 0, overdue: o?.n ?? 0 };
}

/** One run over every county; null when another process is running it right now. */
export async function sweepDeadlines(db: Db, now = new Date()): Promise<SweepResult | null> {
  return withJobLock(db, 'case-deadlines', async (tx) => {
    const counties = await tx.select({ id: orgs.countyId }).from(orgs).where(and(isNull(orgs.parentId), eq(orgs.tier, 'county')));
    const out: SweepResult = { counties: counties.length, dueSoon: 0, overdue: 0 };
    for (const c of counties) {
      const r = await sweepCounty(tx, c.id, now);
      out.dueSoon += r.dueSoon;
      out.overdue += r.overdue;
    }
    return out;
  });
}
