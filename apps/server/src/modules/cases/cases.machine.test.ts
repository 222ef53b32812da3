import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ALLOWED, CASE_MODES, CASE_STATES, applyCaseAction, isOverdue, newCase, type CaseAction, type CaseSnapshot, type MachineContext, type Owner, type Tier } from './cases.machine.js';

const DAY = 86_400_000;
const PROMISE: Record<Tier, number> = { village: 3, township: 5, county: 15 };
const ctxAt = (now: number): MachineContext => ({ now, dueFor: (o, from) => from + PROMISE[o.tier] * DAY });
const village: Owner = { tier: 'village', unitId: 'v1' };

describe('case state machine (受理 → 承办 → 回复 → 评价 → 办结)', () => {
  it('runs the ordinary path and keeps the first responder', () => {
    let c = newCase('cadre-1', village, ctxAt(0));
    for (const a of [{ type: 'accept' }, { type: 'reply', mode: 'direct' }, { type: 'rate', score: 5 }, { type: 'close' }] as CaseAction[]) {
      const r = applyCaseAction(c, a, ctxAt(DAY));
      expect(r.ok).toBe(true);
      if (r.ok) c = r.next;
    }
    expect(c).toMatchObject({ state: 'closed', firstResponderId: 'cadre-1', mode: 'direct', rating: 5 });
  });

  it('forwards up the tiers, recomputing the deadline for the receiving tier; never down', () => {
    const c = newCase('cadre-1', village, ctxAt(0));
    const up = applyCaseAction(c, { type: 'forward', to: { tier: 'county', unitId: 'mz' } }, ctxAt(2 * DAY));
    expect(up.ok && up.next).toMatchObject({ state: 'received', owner: { tier: 'county' }, dueAt: 17 * DAY, forwards: 1, firstResponderId: 'cadre-1' });
    if (!up.ok) return;
    expect(applyCaseAction(up.next, { type: 'forward', to: village }, ctxAt(3 * DAY))).toEqual({ ok: false, code: 'case.forwardDown' });
    expect(applyCaseAction(up.next, { type: 'forward', to: { tier: 'county', unitId: 'mz' } }, ctxAt(3 * DAY))).toEqual({ ok: false, code: 'case.forwardSame' });
    expect(applyCaseAction(up.next, { type: 'forward', to: { tier: 'county', unitId: 'rs' } }, ctxAt(3 * DAY)).ok).toBe(true);
  });

  it('stops the clock while waiting on the resident', () => {
    let c = newCase('cadre-1', village, ctxAt(0));
    c = (applyCaseAction(c, { type: 'accept' }, ctxAt(0)) as { next: CaseSnapshot }).next;
    c = (applyCaseAction(c, { type: 'wait' }, ctxAt(DAY)) as { next: CaseSnapshot }).next;
    expect(isOverdue(c, 10 * DAY)).toBe(false);
    c = (applyCaseAction(c, { type: 'resume' }, ctxAt(6 * DAY)) as { next: CaseSnapshot }).next;
    expect(c.dueAt).toBe(8 * DAY);
    expect(isOverdue(c, 7 * DAY)).toBe(false);
    expect(isOverdue(c, 9 * DAY)).toBe(true);
  });

  it('refuses illegal transitions and bad ratings', () => {
    const c = newCase('cadre-1', village, ctxAt(0));
    expect(applyCaseAction(c, { type: 'close' }, ctxAt(0))).toEqual({ ok: false, code: 'case.illegalTransition' });
    expect(applyCaseAction(c, { type: 'rate', score: 5 }, ctxAt(0))).toEqual({ ok: false, code: 'case.illegalTransition' });
    const replied = (applyCaseAction(c, { type: 'reply', mode: 'explained' }, ctxAt(0)) as { next: CaseSnapshot }).next;
    expect(applyCaseAction(replied, { type: 'rate', score: 6 }, ctxAt(0))).toEqual({ ok: false, code: 'case.rating' });
  });

  it('model test: over random action sequences a case never loses its owner, deadline or first responder, and illegal actions change nothing', () => {
    const owner = fc.record({ tier: fc.constantFrom<Tier>('village', 'township', 'county'), unitId: fc.constantFrom('a', 'b', 'c') });
    const action: fc.Arbitrary<CaseAction> = fc.oneof(
      fc.constant({ type: 'accept' as const }),
      owner.map((to) => ({ type: 'forward' as const, to })),
      fc.constant({ type: 'wait' as const }),
      fc.constant({ type: 'resume' as const }),
      fc.constantFrom(...CASE_MODES).map((mode) => ({ type: 'reply' as const, mode })),
      fc.integer({ min: 0, max: 6 }).map((score) => ({ type: 'rate' as const, score })),
      fc.constant({ type: 'close' as const }),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(action, fc.integer({ min: 0, max: 5 * DAY })), { maxLength: 40 }), (steps) => {
        let now = 0;
        let c = newCase('first', village, ctxAt(now));
        for (const [a, dt] of steps) {
          now += dt;
          const before = c;
          const r = applyCaseAction(c, a, ctxAt(now));
          if (!r.ok) {
            expect(c).toBe(before);
            if (r.code === 'case.illegalTransition') expect(ALLOWED[c.state]).not.toContain(a.type);
            continue;
          }
          c = r.next;
          expect(CASE_STATES).toContain(c.state);
          expect(c.firstResponderId).toBe('first');
          expect(c.owner.unitId).toBeTruthy();
          expect(Number.isFinite(c.dueAt)).toBe(true);
          expect(c.dueAt).toBeGreaterThanOrEqual(c.receivedAt);
          expect(c.pausedSince !== null).toBe(c.state === 'waitingOnResident');
          if (c.state === 'closed') expect(ALLOWED.closed).toHaveLength(0);
        }
      }),
      { numRuns: 500 },
    );
  });
});
