// A calendar change (a loaded schedule, a county override) moves deadlines that features own. platform/ imports
// no feature module, so features subscribe here; the calendar calls them inside its own transaction, so the change
// and everything it moves commit together.
import type { Tx } from '../../db/client.js';
import type { Actor } from '../access/access.js';
import type { CountyCalendar } from './working-days.js';

export interface CalendarChange {
  actor: Actor;
  countyId: string;
  before: CountyCalendar;
  after: CountyCalendar;
  /** no day before this one changed */
  firstChanged: string;
  reason: { year: number; source: string } | { day: string };
}

export interface CalendarChangeResult {
  moved: number;
  changes: { caseId: string; number: string; from: string; to: string }[];
}

type Listener = (tx: Tx, change: CalendarChange) => Promise<CalendarChangeResult>;
const listeners = new Map<string, Listener>();

/** Subscribes (by name, so a module registered twice counts once). */
export function onCalendarChange(name: string, fn: Listener): void {
  listeners.set(name, fn);
}

export async function notifyCalendarChange(tx: Tx, change: CalendarChange): Promise<CalendarChangeResult> {
  const out: CalendarChangeResult = { moved: 0, changes: [] };
  for (const fn of listeners.values()) {
    const r = await fn(tx, change);
    out.moved += r.moved;
    out.changes.push(...r.changes);
  }
  return out;
}
