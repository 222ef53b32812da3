// When the calendar changes (a county loads next year's official schedule, or overrides a day), the due dates
// of open cases that run across the changed days move: a case keeps the number of working days it had left,
// counted on the new calendar. Set-based: the working-day ordinals of both calendars go to the database as
// arrays and one statement moves every affected case, writes its timeline event and returns the changes (which
// are then audited, 500 to an entry) — 100,000 open cases take seconds, not a loop of 100,000 transactions.
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

const AUDIT_BATCH = 500;
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
  // the holder's deadline (due_at) and the promise to the resident (promised_at) move by the same rule, each on
  // its own: one timeline event per case says which moved
  const watched = sql`c.county_id = ${countyId} and c.state in ('received', 'inProgress', 'waitingOnResident') and c.overdue_at is null`;
  const [m] = rowsOf<{ last: Date | string | null }>(await tx.execute(sql`
    select max(greatest(case when c.due_at >= ${ts(now)} and c.due_at > ${ts(afterAnchor)} then c.due_at end,
                        case when c.promised_at >= ${ts(now)} and c.promised_at > ${ts(afterAnchor)} then c.promised_at end)) as last
      from cases c
     where ${watched}
       and ((c.due_at >= ${ts(now)} and c.due_at > ${ts(afterAnchor)}) or (c.promised_at >= ${ts(now)} and c.promised_at > ${ts(afterAnchor)}))`));
  if (!m?.last) return { moved: 0, changes: [] };
  const o = ordinals(anchor, shanghaiDay(new Date(m.last)), change.before, change.after);
  const reason = why(change);
  const detail = 'year' in change.reason ? { year: change.reason.year, source: change.reason.source } : { day: change.reason.day };
  const t0 = performance.now();
  // by_ord[k]: the day with k working days after the anchor on the new calendar (1-based, as PostgreSQL arrays)
  const byOrd: string[] = [];
  o.days.forEach((d, i) => {
    if (o.newWork[i] && i > 0) byOrd[o.newOrd[i]! - 1] = d;
  });
  const endOf = (day: string) => `((${day} + 1)::timestamp at time zone 'Asia/Shanghai') - interval '1 millisecond'`;
  const rows = rowsOf<{
    id: string; number: string; org_path: string; old_day: string | null; new_day: string | null; old_promise: string | null; new_promise: string | null;
  }>(await tx.execute(sql`
    with p as materialized (
      select ${pgArray(o.oldOrd)}::int[] as old_ord, ${pgArray(o.newOrd)}::int[] as new_ord, ${pgArray(o.oldWork)}::bool[] as old_work,
             ${pgArray(o.newWork)}::bool[] as new_work,
             ${pgArray(byOrd)}::date[] as by_ord, ${anchor}::date as anchor
    ), base as (
      -- per date (the deadline, the promise): array positions (1-based) of the old day and of the day counting
      -- starts from (the anchor, or a later receipt)
      select c.id, d.kind, (d.at at time zone 'Asia/Shanghai')::date as old_day,
             (d.at at time zone 'Asia/Shanghai')::date - p.anchor + 1 as di,
             greatest(p.anchor, (c.received_at at time zone 'Asia/Shanghai')::date) - p.anchor + 1 as ai
        from cases c cross join p
        cross join lateral (values ('due', c.due_at), ('promise', c.promised_at)) d(kind, at)
       where ${watched} and d.at >= ${ts(now)} and d.at > ${ts(afterAnchor)}
    ), moved as (
      -- k = old_ord[di] - old_ord[ai] working days after the start; k = 0 (a 即办 received that day): the start day
      -- itself if it is still a working day, else the next one
      select b.id, b.kind, b.old_day,
             case when p.old_ord[b.di] > p.old_ord[b.ai] then p.by_ord[p.new_ord[b.ai] + (p.old_ord[b.di] - p.old_ord[b.ai])]
                  when p.new_work[b.ai] then b.old_day
                  else p.by_ord[p.new_ord[b.ai] + 1] end as new_day
        from base b cross join p
       where p.old_work[b.di]
    ), per_case as (
      select id, max(old_day) filter (where kind = 'due') as old_day, max(new_day) filter (where kind = 'due') as new_day,
             max(old_day) filter (where kind = 'promise') as old_promise, max(new_day) filter (where kind = 'promise') as new_promise
        from moved
       where new_day is not null and new_day <> old_day
       group by id
    ), ends as (
      -- the new instants computed here, not inside the UPDATE's CASE: Citus refuses non-IMMUTABLE functions
      -- (at time zone) in CASE or COALESCE of a distributed UPDATE
      select *, ${sql.raw(endOf('new_day'))} as due_end, ${sql.raw(endOf('new_promise'))} as promise_end from per_case
    ), upd as (
      update cases c
         set due_at = case when m.new_day is null then c.due_at else m.due_end end,
             due_soon_at = case when m.new_day is null then c.due_soon_at end,
             promised_at = case when m.new_promise is null then c.promised_at else m.promise_end end,
             updated_at = ${ts(now)}
        from ends m
       where c.county_id = ${countyId} and c.id = m.id
      returning c.county_id, c.id, c.number, c.org_path::text as org_path, m.old_day, m.new_day, m.old_promise, m.new_promise
    ), ev as (
      insert into case_events (county_id, id, case_id, at, kind, actor_id, actor_name, note, detail)
      select county_id, gen_random_uuid(), id, ${ts(now)}, 'deadlineMoved', ${change.actor.userId}::uuid, ${change.actor.displayName},
             ${reason} || '：' || concat_ws('；',
               case when new_day is not null then '办理期限由 ' || old_day::text || ' 调整为 ' || new_day::text end,
               case when new_promise is not null then '承诺办结日期由 ' || old_promise::text || ' 调整为 ' || new_promise::text end),
             jsonb_strip_nulls(jsonb_build_object('from', old_day::text, 'to', new_day::text, 'promisedFrom', old_promise::text, 'promisedTo', new_promise::text))
               || ${JSON.stringify(detail)}::jsonb
        from upd
    )
    select id, number, org_path, old_day::text as old_day, new_day::text as new_day, old_promise::text as old_promise, new_promise::text as new_promise
      from upd order by number`));
  const t1 = performance.now();
  // every move is audited: one entry per AUDIT_BATCH moved cases (number, id, old and new day), so 100,000 moves are
  // 200 chained entries, not 100,000 (each case's own timeline has its event)
  const a = change.actor;
  const batches: Parameters<typeof appendAuditMany>[2][number][] = [];
  for (let i = 0; i < rows.length; i += AUDIT_BATCH) {
    batches.push({
      actorId: a.userId, actorName: a.displayName, ip: a.ip, action: 'case.deadlinesMoved', entity: CASE_ENTITY, orgPath: a.countyPath,
      detail: {
        ...detail, reason,
        cases: rows.slice(i, i + AUDIT_BATCH).map((r) => (r.new_day
          ? { id: r.id, number: r.number, from: r.old_day, to: r.new_day }
          : { id: r.id, number: r.number, promisedFrom: r.old_promise, promisedTo: r.new_promise })),
      },
    });
  }
  await appendAuditMany(tx, countyId, batches);
  // bench/calendar.ts reads where the time goes
  if (process.env.JICENG_RECOMPUTE_TIMING === '1') {
    console.error(`recompute: ${rows.length} moved; move + events ${((t1 - t0) / 1000).toFixed(2)} s, audit ${((performance.now() - t1) / 1000).toFixed(2)} s`);
  }
  // `changes`: the holders' deadlines that moved (a case whose promise alone moved has its event and audit line)
  const dues = rows.filter((r) => r.new_day !== null);
  return { moved: dues.length, changes: dues.map((r) => ({ caseId: r.id, number: r.number, from: r.old_day!, to: r.new_day! })) };
}

onCalendarChange('cases.deadlines', recomputeDeadlines);
