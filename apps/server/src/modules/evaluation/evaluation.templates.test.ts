import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { IndicatorInput, TemplateView } from '@jiceng/contract';
import { createTestApp, call, login, type Session, type TestContext } from '../../../test/harness.js';
import { demoOrgs } from '../../../test/factories.js';
import { rowsOf } from '../../db/client.js';

let t: TestContext;
let county: Session, village: Session, evaluator: Session;

const INDICATORS: IndicatorInput[] = [
  { code: 'A1', group: 'leadership', name: '班子团结、议事规则执行', maxPoints: 40, method: 'evidence', basePoints: 30, criteria: '查会议记录' },
  { code: 'F1', group: 'performance', name: '办件按时办结率', maxPoints: 60, method: 'computed', metric: 'caseOnTimeRate', curve: { kind: 'linear', zeroAt: 0.6, fullAt: 1 } },
  { code: 'X1', group: 'performance', name: '发生群体性事件', maxPoints: 0, method: 'veto' },
];
const body = (over: Record<string, unknown> = {}) => ({ name: '农村党组织考评指标', sector: 'rural', indicators: INDICATORS, ...over });

beforeAll(async () => {
  t = await createTestApp();
  county = (await demoOrgs(t.app)).county;
  village = await login(t.app, 'demo-village');
  evaluator = await login(t.app, 'demo-evaluator');
});
afterAll(() => t.close());

describe('evaluation templates', () => {
  it('refuses anonymous callers, and writes by accounts that do not manage the evaluation', async () => {
    expect((await call(t.app, null, 'GET', '/api/evaluation/templates')).status).toBe(401);
    expect((await call(t.app, village, 'POST', '/api/evaluation/templates', body())).status).toBe(403);
    expect((await call(t.app, evaluator, 'POST', '/api/evaluation/templates', body())).status).toBe(403);
    expect((await call(t.app, evaluator, 'GET', '/api/evaluation/templates')).status).toBe(200);
  });

  it('refuses points outside [0, 100] at the schema, naming the field', async () => {
    const r = await call(t.app, county, 'POST', '/api/evaluation/templates', body({ indicators: [{ ...INDICATORS[0], maxPoints: 140 }, INDICATORS[1]] }));
    expect(r.status).toBe(400);
    expect(Object.keys(r.body.error.fields)).toContain('indicators.0.maxPoints');
    const neg = await call(t.app, county, 'POST', '/api/evaluation/templates', body({ indicators: [{ ...INDICATORS[0], basePoints: -1 }, INDICATORS[1]] }));
    expect(neg.status).toBe(400);
    expect(Object.keys(neg.body.error.fields)).toContain('indicators.0.basePoints');
  });

  it('refuses a template not summing to 100 and indicators that do not fit their method, every field named, nothing saved', async () => {
    const r = await call(t.app, county, 'POST', '/api/evaluation/templates', body({
      indicators: [
        { ...INDICATORS[0], basePoints: 45 },                       // base above the max
        { ...INDICATORS[1], maxPoints: 50, curve: undefined },      // computed without a curve; sum now 90
        { ...INDICATORS[2], maxPoints: 0, metric: 'caseOnTimeRate' }, // a veto with a metric
      ],
    }));
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('evaluation.indicatorMethod');
    expect(Object.keys(r.body.error.fields).sort()).toEqual(['indicators', 'indicators.0.basePoints', 'indicators.1.curve', 'indicators.2.metric']);
    expect(r.body.error.fields.indicators).toBe('指标分值合计须为 100（现为 90）');
    // each field reads its own problem, not the first one's
    expect(r.body.error.fields['indicators.0.basePoints']).toContain('基础分不能超过满分');
    expect(r.body.error.fields['indicators.1.curve']).toContain('须设置计分曲线');
    expect(r.body.error.fields['indicators.2.metric']).toContain('只有自动计算的指标有数据项');
    const share = await call(t.app, county, 'POST', '/api/evaluation/templates', body({
      indicators: [INDICATORS[0], { ...INDICATORS[1], curve: { kind: 'linear', zeroAt: 60, fullAt: 100 } }],
    }));
    expect(share.status).toBe(422);
    expect(Object.keys(share.body.error.fields)).toEqual(['indicators.1.curve']);
    expect((await call(t.app, county, 'GET', '/api/evaluation/templates')).body.items).toEqual([]);
  });

  it('saves a template, replaces its indicators while unused, audits both', async () => {
    const created = await call(t.app, county, 'POST', '/api/evaluation/templates', body());
    expect(created.status).toBe(201);
    const v = created.body as TemplateView;
    expect(v).toMatchObject({ name: '农村党组织考评指标', sector: 'rural', version: 1, basedOnId: null, locked: false, totalPoints: 100, roundIds: [] });
    expect(v.indicators.map((i) => [i.position, i.code, i.method, i.maxPoints, i.basePoints])).toEqual([
      [1, 'A1', 'evidence', 40, 30], [2, 'F1', 'computed', 60, null], [3, 'X1', 'veto', 0, null],
    ]);
    const changed = await call(t.app, county, 'PUT', `/api/evaluation/templates/${v.id}`, body({
      name: '农村党组织考评指标（修订）',
      indicators: [{ ...INDICATORS[0], maxPoints: 50 }, { ...INDICATORS[1], maxPoints: 50 }],
    }));
    expect(changed.status).toBe(200);
    expect(changed.body.indicators.map((i: { code: string; maxPoints: number }) => `${i.code} ${i.maxPoints}`)).toEqual(['A1 50', 'F1 50']);
    expect((await call(t.app, village, 'GET', `/api/evaluation/templates/${v.id}`)).body.name).toBe('农村党组织考评指标（修订）');
    const audit = rowsOf<{ action: string }>(await t.database.db.execute(sql`
      select action from audit_log where entity = 'evaluationTemplate' and entity_id = ${v.id} order by id`));
    expect(audit.map((a) => a.action)).toEqual(['evaluation.templateCreate', 'evaluation.templateUpdate']);
  });

  it('refuses to edit a locked template (409) and copies it as the next version with the same codes', async () => {
    const v = (await call(t.app, county, 'POST', '/api/evaluation/templates', body({ name: '社区指标', sector: 'community' }))).body as TemplateView;
    // a round opening its self stage locks the templates it uses (evaluation.rounds.test.ts); here the lock itself
    await t.database.db.execute(sql`update evaluation_templates set locked_at = now() where id = ${v.id}::uuid`);
    const refused = await call(t.app, county, 'PUT', `/api/evaluation/templates/${v.id}`, body({ name: '改名', sector: 'community' }));
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('evaluation.templateLocked');
    expect((await call(t.app, county, 'GET', `/api/evaluation/templates/${v.id}`)).body.name).toBe('社区指标');
    const copy = await call(t.app, county, 'POST', `/api/evaluation/templates/${v.id}/copy`);
    expect(copy.status).toBe(201);
    expect(copy.body).toMatchObject({ name: '社区指标', sector: 'community', version: 2, basedOnId: v.id, locked: false, totalPoints: 100 });
    expect(copy.body.indicators.map((i: { code: string }) => i.code)).toEqual(['A1', 'F1', 'X1']);
    expect(copy.body.indicators[0].id).not.toBe(v.indicators[0]!.id);
    const edited = await call(t.app, county, 'PUT', `/api/evaluation/templates/${copy.body.id}`, body({ name: '社区指标 第2版', sector: 'community' }));
    expect(edited.status).toBe(200);
    expect((await call(t.app, village, 'POST', `/api/evaluation/templates/${v.id}/copy`)).status).toBe(403);
  });

  it('answers 404 for a template of no one', async () => {
    expect((await call(t.app, county, 'GET', '/api/evaluation/templates/0190a000-0000-7000-8000-000000000000')).status).toBe(404);
  });
});
