// The life of a service case (办件), as a pure state machine: 受理 → 承办 → 回复 → 评价 → 办结, with 转办 (forward)
// up the tiers and 等待群众补充 (waitingOnResident), during which the deadline clock stops (篇三: 首问负责、
// 限期办结、直接办理/承诺办理/明确答复). The cases module (issue 4) persists what this returns; nothing here
// touches the database, so the rules can be model-tested with random action sequences.

import type { CaseMode, CaseState } from '@jiceng/contract';

export { CASE_MODES, CASE_STATES, type CaseMode, type CaseState } from '@jiceng/contract';
export type Tier = 'village' | 'township' | 'county';

/** Who holds the case now: an org (village room, township hall) or a county department. */
export interface Owner {
  tier: Tier;
  unitId: string;
}

export interface CaseSnapshot {
  state: CaseState;
  /** 首问负责人: who received it; accountable to the end, never changes once set (a portal request gets one
   *  when a cadre first acts on it) */
  firstResponderId: string | null;
  owner: Owner;
  receivedAt: number;
  /** the current holder's own deadline (ms, 限期办结 of its tier): set anew at each forward, pushed back by the
   *  time spent waiting on the resident, brought forward to the holder's own promise (承诺办理) */
  dueAt: number;
  /** the promise made to the resident (承诺办结日期, ms): the item's promised working days counted from receipt;
   *  a forward does not move it; waiting on the resident pushes it back; the holder's 承诺办理 sets it anew */
  promisedAt: number;
  /** the handling mode the current holder chose at 开始承办 (null: not chosen yet; a forward clears it) */
  handlingMode: CaseMode | null;
  /** set while waiting on the resident */
  pausedSince: number | null;
  mode: CaseMode | null;
  rating: number | null;
  forwards: number;
}

export type CaseAction =
  /** 开始承办, with the handling mode; 承诺办理 (promised) names the promised date (`promiseDue`, end of a working day) */
  | { type: 'accept'; mode?: CaseMode; promiseDue?: number }
  | { type: 'forward'; to: Owner }
  | { type: 'wait' }
  | { type: 'resume' }
  | { type: 'reply'; mode: CaseMode }
  | { type: 'rate'; score: number }
  | { type: 'close' };

export type CaseRefusal =
  | 'case.illegalTransition' | 'case.forwardDown' | 'case.forwardSame' | 'case.rating' | 'case.promiseRequired' | 'case.promiseAfterDue';

export interface MachineContext {
  now: number;
  /** deadline for a case taken over by `owner` at `from` (working days of the item at that tier) */
  dueFor(owner: Owner, from: number): number;
  /** the promise to the resident for a case received at `from` and first held by `owner` (the item's promised
   *  working days, whatever the tier; without an item the first holder's deadline). Default: dueFor. */
  promiseFor?(owner: Owner, from: number): number;
  /** the deadline after a pause from `since` to `now` (default: pushed back by the time paused; the service counts
   *  the working days paused, as 补正材料 time is counted in days) */
  resumeDue?(dueAt: number, since: number, now: number): number;
}

const TIER_RANK: Record<Tier, number> = { village: 0, township: 1, county: 2 };

/** Which actions each state allows (everything else is refused, never silently ignored). */
export const ALLOWED: Record<CaseState, readonly CaseAction['type'][]> = {
  received: ['accept', 'forward', 'reply'],
  inProgress: ['forward', 'wait', 'reply'],
  waitingOnResident: ['resume'],
  replied: ['rate', 'close'],
  rated: ['close'],
  closed: [],
};

export function applyCaseAction(c: CaseSnapshot, a: CaseAction, ctx: MachineContext): { ok: true; next: CaseSnapshot } | { ok: false; code: CaseRefusal } {
  if (!ALLOWED[c.state].includes(a.type)) return { ok: false, code: 'case.illegalTransition' };
  switch (a.type) {
    case 'accept': {
      const mode = a.mode ?? null;
      if (mode !== 'promised') {
        if (a.promiseDue !== undefined) return { ok: false, code: 'case.promiseRequired' };
        return { ok: true, next: { ...c, state: 'inProgress', handlingMode: mode } };
      }
      // 承诺办理: the holder promises a date within its own deadline; from then on it is both the resident's promise
      // and the holder's deadline (tracked, reminded and escalated like any deadline)
      if (a.promiseDue === undefined) return { ok: false, code: 'case.promiseRequired' };
      if (a.promiseDue > c.dueAt) return { ok: false, code: 'case.promiseAfterDue' };
      return { ok: true, next: { ...c, state: 'inProgress', handlingMode: 'promised', promisedAt: a.promiseDue, dueAt: a.promiseDue } };
    }
    case 'forward': {
      // 转办 goes up the tiers (village room → township hall → county department) or sideways between departments
      if (TIER_RANK[a.to.tier] < TIER_RANK[c.owner.tier]) return { ok: false, code: 'case.forwardDown' };
      if (a.to.tier === c.owner.tier && a.to.unitId === c.owner.unitId) return { ok: false, code: 'case.forwardSame' };
      // the new holder gets its own deadline and chooses its own handling mode; the promise to the resident stays
      return { ok: true, next: { ...c, state: 'received', owner: a.to, dueAt: ctx.dueFor(a.to, ctx.now), handlingMode: null, forwards: c.forwards + 1 } };
    }
    case 'wait':
      return { ok: true, next: { ...c, state: 'waitingOnResident', pausedSince: ctx.now } };
    case 'resume': {
      const since = Math.min(c.pausedSince ?? ctx.now, ctx.now);
      const moved = (d: number) => Math.max(ctx.resumeDue ? ctx.resumeDue(d, since, ctx.now) : d + (ctx.now - since), d);
      // the promise to the resident moves by the days spent waiting on them, unless it had already passed
      const promisedAt = since > c.promisedAt ? c.promisedAt : moved(c.promisedAt);
      // already late when the clock stopped: the lateness stands (the deadline does not move, nor does the overdue
      // mark and its accountability record go away)
      if (overdueAtPause(c)) return { ok: true, next: { ...c, state: 'inProgress', pausedSince: null, promisedAt } };
      return { ok: true, next: { ...c, state: 'inProgress', pausedSince: null, dueAt: moved(c.dueAt), promisedAt } };
    }
    case 'reply':
      return { ok: true, next: { ...c, state: 'replied', mode: a.mode } };
    case 'rate':
      if (!Number.isInteger(a.score) || a.score < 1 || a.score > 5) return { ok: false, code: 'case.rating' };
      return { ok: true, next: { ...c, state: 'rated', rating: a.score } };
    case 'close':
      return { ok: true, next: { ...c, state: 'closed' } };
  }
}

/** A case as registered by its first responder. */
export function newCase(firstResponderId: string | null, owner: Owner, ctx: MachineContext): CaseSnapshot {
  const dueAt = ctx.dueFor(owner, ctx.now);
  return {
    state: 'received', firstResponderId, owner, receivedAt: ctx.now, dueAt, promisedAt: ctx.promiseFor ? ctx.promiseFor(owner, ctx.now) : dueAt,
    handlingMode: null, pausedSince: null, mode: null, rating: null, forwards: 0,
  };
}

/** Waiting on the resident, and the deadline had passed before the clock stopped. */
export const overdueAtPause = (c: CaseSnapshot): boolean => c.state === 'waitingOnResident' && c.pausedSince !== null && c.pausedSince > c.dueAt;

/** The promise to the resident has passed without an answer (whatever the current holder's own deadline says). */
export function promiseBroken(c: Pick<CaseSnapshot, 'state' | 'promisedAt' | 'pausedSince'>, now: number): boolean {
  if (c.state === 'waitingOnResident') return c.pausedSince !== null && c.pausedSince > c.promisedAt;
  return (c.state === 'received' || c.state === 'inProgress') && now > c.promisedAt;
}

/**
 * Overdue: past the deadline and not replied yet, with the clock running — or waiting on the resident after the
 * deadline had already passed (a pause does not hide lateness).
 */
export function isOverdue(c: CaseSnapshot, now: number): boolean {
  return ((c.state === 'received' || c.state === 'inProgress') && now > c.dueAt) || overdueAtPause(c);
}
