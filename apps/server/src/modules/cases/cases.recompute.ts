// When the calendar changes (a county loads next year's official schedule, or overrides a day), the due dates
// of open cases that run across the changed days move: a case keeps the number of working days it had left,
// counted on the new calendar. Set-based: the working-day ordinals of both calendars go to the database as
// arrays and one statement moves every affected case, writes its timeline event and returns the changes (which
// are then audited in batches) — 100,000 open cases take seconds, not a loop of 100,000 transactions.
//
// Why ordinals are enough: nothing before `firstChanged` differs, so for a case counted from a start S ≤ anchor
// (the day before the first change) the working days in (anchor, old due] are what it had left after the anchor;
// the new due is the day with as many working days after the anchor on the new calendar. A case received after
// the anchor counts from its receipt day. Overdue cases are not moved: their lateness and accountability stay.
import { sql } from 'drizzle-orm';
import { DATE_BOUNDS } from '@jiceng/contract';
import type { Tx } from '../../db/client.js';
import { rowsOf } from '../../db/client.js';
import { appendAuditMany } from '../../platform/audit/audit.service.js';
import { onCalendarChange, type CalendarChange, type CalendarChangeResult } from '../../platform/calendar/calendar.events.js';
import { addCalendarDays, endOfShanghaiDay, isWorkday, shanghaiDay, type CountyCalendar } from '../../platform/calendar/working-days.js';
import { CASE_ENTITY } from './cases.service.js';

const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;
/** A PostgreSQL array literal (one parameter, not one per element). */
const pgArray = (xs: readonly (string | number | boolean)[]) => `{${xs.join(',')}}`;

interface Ordinals {
  days: string[];
  oldOrd: number[];
  newOrd: number[];
  oldWork: boolean[];
  newWork: boolean[];
}

/**
 * Days from `anchor` on, with the count of working days in (anchor, day] on each calendar, until the new calendar
 * has caught up with the old one's count at `lastDue` (so every moved due date is inside the arrays).
 */
export function ordinals(anchor: string, lastDue: string, before: CountyCalendar, after: CountyCalendar): Ordinals {
  const o: Ordinals = { days: [anchor], oldOrd: [0], newOrd: [0], oldWork: [isWorkday(anchor, before)], newWork: [isWorkday(anchor, after)] };
  let oldN = 0;
  let newN = 0;
  let target = Infinity;
  for (let d = anchor; d < DATE_BOUNDS.max; ) {
    d = addCalendarDays(d, 1);
    const ow = isWorkday(d, before);
    const nw = isWorkday(d, after);
    if (ow) oldN++;
    if (nw) newN++;
    o.days.push(d); o.oldOrd.push(oldN); o.newOrd.push(newN); o.oldWork.push(ow); o.newWork.push(nw);
    if (d === lastDue) target = oldN;
    if (d >= lastDue && newN >= target) break;
  }
  return o;
}

function why(change: CalendarChange): string {
  const r = change.reason;
  return 'year' in r ? `已载入 ${r.year} 年官方节假日安排（${r.source}）` : `本县调整了 ${r.day} 的工作日安排`;
}

export async function recomputeDeadlines(tx: Tx, change: CalendarChange): Promise<CalendarChangeResult> {
  const { countyId } = change;
  const anchor = addCalendarDays(change.firstChanged, -1);
  const now = new Date();
  const afterAnchor = endOfShanghaiDay(anchor);
  const [m] = rowsOf<{ last: Date | string | null }>(await tx.execute(sql`
    select max(due_at) as last from cases
     where county_id = ${countyId} and state in ('received', 'inProgress', 'waitingOnResident') and overdue_at is null
       and due_at >= ${ts(now)} and due_at > ${ts(afterAnchor)}`));
  if (!m?.last) return { moved: 0, changes: [] };
  const o = ordinals(anchor, shanghaiDay(new Date(m.last)), change.before, change.after);
  const reason = why(change);
  const detail = 'year' in change.reason ? { year: change.reason.year, source: change.reason.source } : { day: change.reason.day };
  const rows = rowsOf<{ id: string; number: string; org_path: string; old_day: string; new_day: string }>(await tx.execute(sql`
    with cal as (
      select * from unnest(${pgArray(o.days)}::date[], ${pgArray(o.oldOrd)}::int[], ${pgArray(o.newOrd)}::int[], ${pgArray(o.oldWork)}::bool[], ${pgArray(o.newWork)}::bool[])
        as t(day, old_ord, new_ord, old_work, new_work)
    ), moved as (
      select c.id, od.day as old_day, nd.day as new_day
        from cases c
        join cal od on od.day = (c.due_at at time zone 'Asia/Shanghai')::date and od.old_work
        join cal an on an.day = greatest(${anchor}::date, (c.received_at at time zone 'Asia/Shanghai')::date)
        join cal nd on nd.new_work and nd.new_ord = an.new_ord + (od.old_ord - an.old_ord)
       where c.county_id = ${countyId} and c.state in ('received', 'inProgress', 'waitingOnResident') and c.overdue_at is null
         and c.due_at >= ${ts(now)} and c.due_at > ${ts(afterAnchor)} and nd.day <> od.day
    ), upd as (
      update cases c
         set due_at = ((m.new_day + 1)::timestamp at time zone 'Asia/Shanghai') - interval '1 millisecond', due_soon_at = null, updated_at = ${ts(now)}
        from moved m
       where c.county_id = ${countyId} and c.id = m.id
      returning c.county_id, c.id, c.number, c.org_path::text as org_path, m.old_day, m.new_day
    ), ev as (
      insert into case_events (county_id, id, case_id, at, kind, actor_id, actor_name, note, detail)
      select county_id, gen_random_uuid(), id, ${ts(now)}, 'deadlineMoved', ${change.actor.userId}::uuid, ${change.actor.displayName},
             ${reason} || '：办理期限由 ' || old_day::text || ' 调整为 ' || new_day::text,
             jsonb_build_object('from', old_day::text, 'to', new_day::text) || ${JSON.stringify(detail)}::jsonb
        from upd
    )
    select id, number, org_path, old_day::text as old_day, new_day::text as new_day from upd order by number`));
  const a = change.actor;
  await appendAuditMany(tx, countyId, rows.map((r) => ({
    actorId: a.userId, actorName: a.displayName, ip: a.ip, action: 'case.deadlineMoved', entity: CASE_ENTITY, entityId: r.id, orgPath: r.org_path,
    detail: { number: r.number, from: r.old_day, to: r.new_day, ...detail },
  })));
  return { moved: rows.length, changes: rows.map((r) => ({ caseId: r.id, number: r.number, from: r.old_day, to: r.new_day })) };
}

onCalendarChange('cases.deadlines', recomputeDeadlines);
