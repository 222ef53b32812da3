import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { AddEntryInput, type IndicatorInput, type TargetSheet } from '@jiceng/contract';
import { call, login, type Session } from '../../../test/harness.js';
import { rowsOf } from '../../db/client.js';
import { evaluationFixture, png, PNG, type Fixture } from './evaluation.sheet.fixture.js';
import { stageScore } from './evaluation.rules.js';

const INDICATORS: IndicatorInput[] = [
  { code: 'E1', group: 'leadership', name: '班子建设档案', maxPoints: 30, method: 'evidence', basePoints: 20 },
  { code: 'E2', group: 'institutions', name: '制度上墙与执行', maxPoints: 20, method: 'evidence' },
  { code: 'C1', group: 'performance', name: '办件按时办结率', maxPoints: 50, method: 'computed', metric: 'caseOnTimeRate', curve: { kind: 'linear', zeroAt: 0.5, fullAt: 1 } },
  { code: 'V1', group: 'leadership', name: '班子成员违纪违法', maxPoints: 0, method: 'veto' },
];

let f: Fixture;
let url: string;
beforeAll(async () => {
  f = await evaluationFixture(INDICATORS, ['SFX-QS-QS', 'SFX-QS-SM'], 'self');
  url = f.sheetUrl('SFX-QS-QS');
});
afterAll(() => f.t.close());

const sheetOf = async (s: Session, u = url) => (await call(f.t.app, s, 'GET', u)).body as TargetSheet;
const entry = (s: Session, body: Record<string, unknown>, u = url) => call(f.t.app, s, 'POST', `${u}/entries`, { reason: '查阅会议记录', way: 'check', file: png(), ...body });
const entryCount = async () => Number(rowsOf<{ n: number }>(await f.t.database.db.execute(sql`
  select count(*)::int as n from evaluation_entries where county_id = ${f.countyId}::uuid and round_id = ${f.roundId}::uuid`))[0]!.n);
const points = (s: TargetSheet, code: string) => s.indicators.find((i) => i.code === code)!;
/** the stage scores as the rules say: the rounded sum of the indicators' points */
const selfOf = (s: TargetSheet) => stageScore(s.indicators.map((i) => i.selfPoints));
const orgOf = (s: TargetSheet) => stageScore(s.indicators.map((i) => i.contestedPoints ?? i.orgPoints));

describe('an org’s sheet', () => {
  it('refuses anonymous callers, hides another village’s sheet and an org that is not evaluated (404)', async () => {
    expect((await call(f.t.app, null, 'GET', url)).status).toBe(401);
    expect((await call(f.t.app, f.shimen, 'GET', url)).status).toBe(404);
    const notTarget = await call(f.t.app, f.county, 'GET', f.sheetUrl('SFX-QS-BG'));
    expect(notTarget.status).toBe(404);
    expect(notTarget.body.error.code).toBe('evaluation.notTarget');
  });

  it('shows the village its sheet: every indicator, computed values, what it may do now', async () => {
    const s = await sheetOf(f.village);
    expect(s.indicators.map((i) => i.code)).toEqual(['E1', 'E2', 'C1', 'V1']);
    expect(s.can).toEqual({ self: true, score: false, contest: false, manage: false });
    expect(points(s, 'E1')).toMatchObject({ selfPoints: 20, orgPoints: 20, vetoed: false, computed: null });
    expect(points(s, 'C1').computed).toMatchObject({ frozen: false });
    expect(points(s, 'C1').selfPoints).toBe(points(s, 'C1').computed!.points);
    expect(s.target.selfScore).toBe(selfOf(s));
    expect((await sheetOf(f.evaluator)).can).toEqual({ self: false, score: false, contest: false, manage: false });
  });
});

describe('self-evaluation entries', () => {
  it('records an addition with a photo: the file’s SHA-256 is that of the bytes, the score is recomputed, audited', async () => {
    const r = await entry(f.village, { indicatorId: f.ind('E1'), stage: 'self', kind: 'adjust', delta: 5 });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const s = r.body as TargetSheet;
    const e1 = points(s, 'E1');
    expect(e1.selfPoints).toBe(25);
    expect(e1.orgPoints).toBe(20);
    expect(e1.entries).toHaveLength(1);
    expect(e1.entries[0]!.file!.sha256).toBe(createHash('sha256').update(PNG).digest('hex'));
    expect(e1.entries[0]).toMatchObject({ delta: 5, stage: 'self', createdByName: '青山村书记 张德明', withdrawnAt: null });
    expect(s.target.selfScore).toBe(selfOf(s));
    const file = await f.t.app.inject({ method: 'GET', url: `${url}/entries/${e1.entries[0]!.id}/file`, headers: { cookie: f.county.cookie } });
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(PNG)).toBe(true);
    expect(file.headers['x-content-sha256']).toBe(e1.entries[0]!.file!.sha256);
    const audit = rowsOf<{ detail: Record<string, unknown> }>(await f.t.database.db.execute(sql`
      select detail from audit_log where county_id = ${f.countyId}::uuid and action = 'evaluation.entry'`));
    expect(audit[0]!.detail).toMatchObject({ indicatorId: f.ind('E1'), stage: 'self', delta: 5 });
  });

  it('clamps the stage points to [0, max]: base 20 + 5 + 8 = 30 at most', async () => {
    const r = await entry(f.village, { indicatorId: f.ind('E1'), stage: 'self', kind: 'adjust', delta: 8 });
    expect(points(r.body, 'E1').selfPoints).toBe(30);
  });

  it('refuses every bad input naming the field, and changes nothing', async () => {
    const before = await entryCount();
    const cases: [Record<string, unknown>, number, string, string][] = [
      [{ indicatorId: f.ind('E2'), stage: 'self', kind: 'adjust', delta: 21 }, 422, 'delta', 'evaluation.pointsRange'],
      [{ indicatorId: f.ind('E2'), stage: 'self', kind: 'adjust', delta: -20.5 }, 422, 'delta', 'evaluation.pointsRange'],
      [{ indicatorId: f.ind('E2'), stage: 'self', kind: 'adjust', delta: 0 }, 422, 'delta', 'evaluation.pointsRange'],
      [{ indicatorId: f.ind('E2'), stage: 'self', kind: 'adjust' }, 422, 'delta', 'evaluation.pointsRange'],
      [{ indicatorId: f.ind('C1'), stage: 'self', kind: 'adjust', delta: 5 }, 422, 'indicatorId', 'evaluation.wrongStage'],
      [{ indicatorId: f.ind('V1'), stage: 'self', kind: 'veto' }, 422, 'stage', 'evaluation.wrongStage'],
      [{ indicatorId: f.ind('V1'), stage: 'self', kind: 'adjust', delta: 1 }, 422, 'kind', 'evaluation.wrongStage'],
      [{ indicatorId: f.ind('E2'), stage: 'self', kind: 'veto' }, 422, 'kind', 'evaluation.wrongStage'],
      [{ indicatorId: '0190d000-0000-7000-8000-000000000000', stage: 'self', kind: 'adjust', delta: 1 }, 422, 'indicatorId', 'evaluation.indicatorNotInTemplate'],
      [{ indicatorId: f.ind('E2'), stage: 'self', kind: 'adjust', delta: -2, file: undefined }, 422, 'file', 'evaluation.evidenceRequired'],
      [{ indicatorId: f.ind('E2'), stage: 'self', kind: 'adjust', delta: -2, file: png('假照片.png', Buffer.from('GIF89a not a png')) }, 422, 'file', 'file.badData'],
      [{ indicatorId: f.ind('E2'), stage: 'self', kind: 'adjust', delta: -2, file: undefined, linkedEntity: 'case', linkedId: '0190d000-0000-7000-8000-000000000000' }, 422, 'linkedId', 'evaluation.linkedRecord'],
      [{ indicatorId: f.ind('E2'), stage: 'self', kind: 'adjust', delta: -2, file: undefined, linkedEntity: 'case' }, 422, 'linkedId', 'evaluation.linkedRecord'],
    ];
    for (const [body, status, field, code] of cases) {
      const r = await entry(f.village, body);
      expect(r.status, JSON.stringify([body, r.body])).toBe(status);
      expect(r.body.error.code).toBe(code);
      expect(Object.keys(r.body.error.fields ?? {})).toEqual([field]);
    }
    expect(await entryCount()).toBe(before);
  });

  it('checks a linked record of every kind in its own table (an id that is nowhere: 422 on linkedId)', async () => {
    for (const kind of AddEntryInput.shape.linkedEntity.unwrap().options) {
      const r = await entry(f.village, { indicatorId: f.ind('E2'), stage: 'self', kind: 'adjust', delta: -1, file: undefined, linkedEntity: kind, linkedId: '0190d000-0000-7000-8000-000000000001' });
      expect(r.status, `${kind}: ${JSON.stringify(r.body)}`).toBe(422);
      expect(r.body.error.fields).toHaveProperty('linkedId');
    }
  });

  it('accepts a linked record of the org’s subtree as evidence, and refuses one of another village', async () => {
    const own = await call(f.t.app, f.county, 'POST', '/api/bodies', { orgId: f.byCode('SFX-QS-QS').id, kind: 'deliberationCouncil', name: '青山村村民议事会', leaderName: '张德明' });
    const other = await call(f.t.app, f.county, 'POST', '/api/bodies', { orgId: f.byCode('SFX-QS-SM').id, kind: 'deliberationCouncil', name: '石门村村民议事会', leaderName: '周大山' });
    expect(own.status).toBe(201);
    const refused = await entry(f.village, { indicatorId: f.ind('E2'), stage: 'self', kind: 'adjust', delta: -2, file: undefined, linkedEntity: 'body', linkedId: other.body.id });
    expect(refused.status).toBe(422);
    expect(refused.body.error.fields).toHaveProperty('linkedId');
    const r = await entry(f.village, { indicatorId: f.ind('E2'), stage: 'self', kind: 'adjust', delta: -2, file: undefined, linkedEntity: 'body', linkedId: own.body.id });
    expect(r.status).toBe(201);
    const e = points(r.body, 'E2').entries[0]!;
    expect(e).toMatchObject({ linkedEntity: 'body', linkedId: own.body.id, linkedLabel: '青山村村民议事会', file: null });
    expect(points(r.body, 'E2').selfPoints).toBe(18);
  });

  it('lets only the org itself fill its self-evaluation, and nobody the org stage during the self stage', async () => {
    const byEvaluator = await entry(f.evaluator, { indicatorId: f.ind('E2'), stage: 'self', kind: 'adjust', delta: 1 });
    expect(byEvaluator.status).toBe(403);
    expect(byEvaluator.body.error.code).toBe('evaluation.ownOrgOnly');
    const byTownship = await entry(f.township, { indicatorId: f.ind('E2'), stage: 'self', kind: 'adjust', delta: 1 });
    expect(byTownship.status).toBe(403);
    expect((await entry(f.shimen, { indicatorId: f.ind('E2'), stage: 'self', kind: 'adjust', delta: 1 })).status).toBe(404);
    const early = await entry(f.evaluator, { indicatorId: f.ind('E2'), stage: 'org', kind: 'adjust', delta: -1 });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('evaluation.state');
    const byVillage = await entry(f.village, { indicatorId: f.ind('E2'), stage: 'org', kind: 'adjust', delta: 1 });
    expect(byVillage.status).toBe(403);
    expect(byVillage.body.error.code).toBe('evaluation.notEvaluator');
  });

  it('withdraws an entry (kept, no longer counted) and recomputes', async () => {
    const s = await sheetOf(f.village);
    const e2 = points(s, 'E2').entries[0]!;
    const other = await call(f.t.app, f.evaluator, 'DELETE', `${url}/entries/${e2.id}`);
    expect(other.status).toBe(403);
    const r = await call(f.t.app, f.village, 'DELETE', `${url}/entries/${e2.id}`);
    expect(r.status).toBe(200);
    const after = r.body as TargetSheet;
    expect(points(after, 'E2').selfPoints).toBe(20);
    expect(points(after, 'E2').entries[0]!.withdrawnAt).not.toBeNull();
    expect(after.target.selfScore).toBe(selfOf(after));
    expect((await call(f.t.app, f.village, 'DELETE', `${url}/entries/${e2.id}`)).status).toBe(404);
  });

  it('submits the self stage; afterwards nothing of it changes', async () => {
    const r = await call(f.t.app, f.village, 'POST', `${url}/submit`, { stage: 'self' });
    expect(r.status).toBe(200);
    expect(r.body.target.selfSubmittedAt).not.toBeNull();
    expect(r.body.can.self).toBe(false);
    const late = await entry(f.village, { indicatorId: f.ind('E2'), stage: 'self', kind: 'adjust', delta: 1 });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('evaluation.submitted');
    const e1 = points(r.body, 'E1').entries[0]!;
    expect((await call(f.t.app, f.village, 'DELETE', `${url}/entries/${e1.id}`)).status).toBe(409);
    expect((await call(f.t.app, f.village, 'POST', `${url}/submit`, { stage: 'self' })).status).toBe(409);
  });
});

describe('organization evaluation (scoring by the round’s evaluators)', () => {
  beforeAll(async () => { await f.setRound({ state: 'massOrg' }); });

  it('refuses an evaluator who is not in the round, an org that is not a target, the self stage after submission', async () => {
    const outsider = await call(f.t.app, f.county, 'POST', '/api/users', { username: 'eval-2', displayName: '考评组 钱二', role: 'evaluator', orgId: f.byCode('SFX').id, password: 'Eval-Two-2026x' });
    expect(outsider.status).toBe(201);
    const eval2 = await login(f.t.app, 'eval-2', 'Eval-Two-2026x');
    const r = await entry(eval2, { indicatorId: f.ind('E1'), stage: 'org', kind: 'adjust', delta: -3 });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('evaluation.notEvaluator');
    expect((await sheetOf(eval2)).can.score).toBe(false);
    const notTarget = await entry(f.evaluator, { indicatorId: f.ind('E1'), stage: 'org', kind: 'adjust', delta: -3 }, f.sheetUrl('SFX-QS-BG'));
    expect(notTarget.status).toBe(404);
    expect((await entry(f.village, { indicatorId: f.ind('E1'), stage: 'self', kind: 'adjust', delta: 1 })).status).toBe(409);
  });

  it('scores deductions on evidence, records a veto (lagging whatever the score), withdraws it', async () => {
    expect((await sheetOf(f.evaluator)).can.score).toBe(true);
    const d = await entry(f.evaluator, { indicatorId: f.ind('E1'), stage: 'org', kind: 'adjust', delta: -10, reason: '会议记录缺 3 次', way: 'check' });
    expect(d.status, JSON.stringify(d.body)).toBe(201);
    expect(points(d.body, 'E1')).toMatchObject({ selfPoints: 30, orgPoints: 10 });
    expect(d.body.target.orgScore).toBe(orgOf(d.body));
    const over = await entry(f.evaluator, { indicatorId: f.ind('E1'), stage: 'org', kind: 'adjust', delta: -31 });
    expect(over.status).toBe(422);
    expect(over.body.error.fields).toEqual({ delta: '分值须在 -30 到 30 之间' });
    const veto = await entry(f.evaluator, { indicatorId: f.ind('V1'), stage: 'org', kind: 'veto', reason: '村委委员受党纪处分', way: 'visit' });
    expect(veto.status).toBe(201);
    expect(points(veto.body, 'V1').vetoed).toBe(true);
    expect(veto.body.target.veto).toBe(true);
    const vetoId = points(veto.body, 'V1').entries[0]!.id;
    const w = await call(f.t.app, f.evaluator, 'DELETE', `${url}/entries/${vetoId}`);
    expect(w.status).toBe(200);
    expect(points(w.body, 'V1').vetoed).toBe(false);
    expect(w.body.target.veto).toBe(false);
    expect(w.body.target.orgScore).toBe(orgOf(w.body));
  });

  it('submits the org stage; afterwards no more scoring', async () => {
    const r = await call(f.t.app, f.evaluator, 'POST', `${url}/submit`, { stage: 'org' });
    expect(r.status).toBe(200);
    expect(r.body.target.orgSubmittedAt).not.toBeNull();
    const late = await entry(f.evaluator, { indicatorId: f.ind('E2'), stage: 'org', kind: 'adjust', delta: -1 });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('evaluation.submitted');
  });
});
