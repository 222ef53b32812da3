import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, call, login, type Session, type TestContext } from '../../../test/harness.js';
import { demoOrgs } from '../../../test/factories.js';

let t: TestContext;
let county: Session;
let villageId: string;
beforeAll(async () => {
  t = await createTestApp();
  const d = await demoOrgs(t.app);
  county = d.county;
  villageId = d.byCode('SFX-QS-SM').id;
});
afterAll(() => t.close());

describe('policy', () => {
  it('starts from the defaults', async () => {
    const r = await call(t.app, county, 'GET', '/api/policy');
    const entry = r.body.entries.find((e: { key: string }) => e.key === 'password.minLength');
    expect(entry).toMatchObject({ value: 8, default: 8, overridden: false });
  });

  it('refuses values out of range, naming the key, and changes nothing', async () => {
    const r = await call(t.app, county, 'PUT', '/api/policy', { values: { 'password.minLength': 4, 'lockout.minutes': 30 } });
    expect(r.status).toBe(422);
    expect(r.body.error.fields['values.password.minLength']).toContain('8');
    const after = await call(t.app, county, 'GET', '/api/policy');
    expect(after.body.entries.find((e: { key: string }) => e.key === 'lockout.minutes').value).toBe(15);
  });

  it('refuses unknown keys and non-integers', async () => {
    expect((await call(t.app, county, 'PUT', '/api/policy', { values: { 'password.colour': 3 } })).status).toBe(400);
    expect((await call(t.app, county, 'PUT', '/api/policy', { values: { 'password.minLength': 9.5 } })).status).toBe(400);
  });

  it('applies an override at once (password length) and resets it with null', async () => {
    expect((await call(t.app, county, 'PUT', '/api/policy', { values: { 'password.minLength': 12 } })).status).toBe(200);
    const user = { username: 'policy-probe', displayName: '测试', role: 'villageCadre', orgId: villageId, password: 'Abcdef-123' };
    const refused = await call(t.app, county, 'POST', '/api/users', user);
    expect(refused.status).toBe(422);
    expect(refused.body.error.fields.password).toBe('密码至少需要 12 位');
    await call(t.app, county, 'PUT', '/api/policy', { values: { 'password.minLength': null } });
    expect((await call(t.app, county, 'POST', '/api/users', user)).status).toBe(201);
  });

  it('is readable by a township admin and writable only by the county', async () => {
    const township = await login(t.app, 'demo-township');
    expect((await call(t.app, township, 'GET', '/api/policy')).status).toBe(200);
    expect((await call(t.app, township, 'PUT', '/api/policy', { values: { 'lockout.minutes': 20 } })).status).toBe(403);
  });

  it('audits each change with before and after', async () => {
    const r = await call(t.app, county, 'GET', '/api/audit?action=policy.update');
    expect(r.body.items[0].detail).toMatchObject({ after: { 'password.minLength': null } });
  });

  it('keeps the rules across keys: the evaluation weights add up to 100 with the mass evaluation the largest (篇五(14))', async () => {
    const value = async (key: string) => (await call(t.app, county, 'GET', '/api/policy')).body.entries.find((e: { key: string }) => e.key === key).value;
    // mass not the largest: refused, naming the field, nothing saved
    const notLargest = await call(t.app, county, 'PUT', '/api/policy', { values: { 'evaluation.weightSelf': 40, 'evaluation.weightMass': 30, 'evaluation.weightOrg': 30 } });
    expect(notLargest.status).toBe(422);
    expect(notLargest.body.error.code).toBe('policy.massWeight');
    expect(notLargest.body.error.fields['values.evaluation.weightMass']).toContain('群众测评');
    expect(await value('evaluation.weightSelf')).toBe(20);
    // one key alone breaking the sum against the values in force: refused
    const sum = await call(t.app, county, 'PUT', '/api/policy', { values: { 'evaluation.weightMass': 60 } });
    expect(sum.status).toBe(422);
    expect(sum.body.error.code).toBe('policy.weightsSum');
    // thresholds out of order: refused
    expect((await call(t.app, county, 'PUT', '/api/policy', { values: { 'evaluation.gradeGoodFrom': 95 } })).body.error?.code).toBe('policy.gradeOrder');
    // a consistent change is saved
    expect((await call(t.app, county, 'PUT', '/api/policy', { values: { 'evaluation.weightSelf': 10, 'evaluation.weightMass': 60 } })).status).toBe(200);
    expect(await value('evaluation.weightMass')).toBe(60);
    // and a reset that would break the sum (self back to 20 with mass at 60) is refused too
    expect((await call(t.app, county, 'PUT', '/api/policy', { values: { 'evaluation.weightSelf': null } })).status).toBe(422);
    expect((await call(t.app, county, 'PUT', '/api/policy', { values: { 'evaluation.weightSelf': null, 'evaluation.weightMass': null } })).status).toBe(200);
  });
});

