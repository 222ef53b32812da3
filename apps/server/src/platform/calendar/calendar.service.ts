import { and, asc, eq, gte, lte } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { calendarOverrides } from './calendar.tables.js';
import { addCalendarDays, officialDayName, officialWorkday, type Overrides } from './working-days.js';
import { appendAudit, byActor } from '../audit/audit.service.js';
import type { Actor } from '../access/access.js';
import { AppError } from '../http/errors.js';

// Per-process cache like the policy's: writes here clear it; other processes see changes within CACHE_MS.
const CACHE_MS = 10_000;
const cache = new Map<string, { at: number; overrides: Map<string, boolean> }>();

/** A county's overrides of the official calendar (all of them: a county has a few dozen at most). */
export async function countyOverrides(db: DbOrTx, countyId: string): Promise<Overrides> {
  const hit = cache.get(countyId);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.overrides;
  const rows = await db.select().from(calendarOverrides).where(eq(calendarOverrides.countyId, countyId));
  const overrides = new Map(rows.map((r) => [r.day, r.workday]));
  cache.set(countyId, { at: Date.now(), overrides });
  return overrides;
}

export interface CalendarDay {
  day: string;
  workday: boolean;
  official: boolean;
  name: string | null;
  override: { workday: boolean; note: string } | null;
}

export async function calendarMonth(db: Db, actor: Actor, month: string): Promise<CalendarDay[]> {
  const first = `${month}-01`;
  const next = addCalendarDays(`${month}-28`, 4).slice(0, 7);
  const last = addCalendarDays(`${next}-01`, -1);
  const rows = await db
    .select()
    .from(calendarOverrides)
    .where(and(eq(calendarOverrides.countyId, actor.countyId), gte(calendarOverrides.day, first), lte(calendarOverrides.day, last)))
    .orderBy(asc(calendarOverrides.day));
  const byDay = new Map(rows.map((r) => [r.day, r]));
  const out: CalendarDay[] = [];
  for (let d = first; d <= last; d = addCalendarDays(d, 1)) {
    const o = byDay.get(d);
    const official = officialWorkday(d);
    out.push({ day: d, workday: o ? o.workday : official, official, name: officialDayName(d), override: o ? { workday: o.workday, note: o.note } : null });
  }
  return out;
}

export async function setOverride(db: Db, actor: Actor, day: string, value: { workday: boolean; note: string } | null): Promise<void> {
  if (Number.isNaN(Date.parse(`${day}T00:00:00Z`))) throw new AppError('validation.failed', 400, {}, { day: 'validation.failed' });
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(calendarOverrides).where(and(eq(calendarOverrides.countyId, actor.countyId), eq(calendarOverrides.day, day)));
    if (value === null) {
      await tx.delete(calendarOverrides).where(and(eq(calendarOverrides.countyId, actor.countyId), eq(calendarOverrides.day, day)));
    } else {
      await tx
        .insert(calendarOverrides)
        .values({ countyId: actor.countyId, day, workday: value.workday, note: value.note, updatedBy: actor.userId })
        .onConflictDoUpdate({ target: [calendarOverrides.countyId, calendarOverrides.day], set: { workday: value.workday, note: value.note, updatedBy: actor.userId, updatedAt: new Date() } });
    }
    await appendAudit(tx, byActor(actor, {
      action: 'calendar.override', entity: 'calendar', entityId: day,
      detail: { before: before ? { workday: before.workday, note: before.note } : null, after: value },
    }));
  });
  cache.delete(actor.countyId);
}
