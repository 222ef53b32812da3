import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { SaveTemplateInput, type GradeChanges, type GradeHistoryView, type RoundList, type TargetList, type TemplateList } from '@jiceng/contract';
import { createTestApp, call, login, DEMO_PASSWORD, type Session, type TestContext } from '../../../test/harness.js';
import { demoOrgs } from '../../../test/factories.js';
import { rowsOf } from '../../db/client.js';
import { seedDemo } from '../demo/demo.seed.js';
import { roundValues } from './evaluation.demo.js';
import { STANDARD_TEMPLATES } from './evaluation.standard.js';
import { templateProblems } from './evaluation.rules.js';
import { evaluationRounds, evaluationTargets, evaluationTemplates } from './evaluation.tables.js';

// 晋位升级 on a hand-built two-year county: grades of 2024 (two published rounds, the later one counts) and 2025,
// and a 2026 round still under review (no grade yet).
describe('grade history and changes (晋位升级)', () => {
  let t: TestContext;
  let county: Session, township: Session;
  let byCode: (c: string) => { id: string; name: string };
  const r2024 = uuidv7(), r2024early = uuidv7(), r2025 = uuidv7(), r2026 = uuidv7();

  beforeAll(async () => {
    t = await createTestApp();
    const d = await demoOrgs(t.app);
    county = d.county;
    byCode = d.byCode;
    township = await login(t.app, 'demo-township');
    const db = t.database.db;
    const countyId = byCode('SFX').id;
    const org = async (code: string) => rowsOf<{ id: string; path: string }>(await db.execute(sql`select id, path::text as path from orgs where code = ${code}`))[0]!;
    const createdBy = rowsOf<{ id: string }>(await db.execute(sql`select id from users where username = 'demo-county'`))[0]!.id;
    const template = uuidv7();
    await db.insert(evaluationTemplates).values({ countyId, id: template, name: '测试', sector: 'rural', createdBy: createdBy });
    const root = await org('SFX'), qs = await org('SFX-QS');
    const templates = [{ sector: 'rural', templateId: template }];
    await db.insert(evaluationRounds).values([
      roundValues(countyId, { id: r2024early, year: 2024, title: '2024 青山乡考评', state: 'final', orgId: qs.id, orgPath: qs.path, templates, createdBy: createdBy, publishedAt: new Date('2025-01-20T02:00:00Z') }),
      roundValues(countyId, { id: r2024, year: 2024, title: '2024 全县考评', state: 'final', orgId: root.id, orgPath: root.path, templates, createdBy: createdBy, publishedAt: new Date('2025-02-03T02:00:00Z') }),
      roundValues(countyId, { id: r2025, year: 2025, title: '2025 全县考评', state: 'published', orgId: root.id, orgPath: root.path, templates, createdBy: createdBy, publishedAt: new Date('2026-02-03T02:00:00Z') }),
      roundValues(countyId, { id: r2026, year: 2026, title: '2026 全县考评', state: 'review', orgId: root.id, orgPath: root.path, templates, createdBy: createdBy }),
    ]);
    const rows: (typeof evaluationTargets.$inferInsert)[] = [];
    const grades: Record<string, [string | null, string | null, string | null, string | null]> = {
      // code: [2024 township round (earlier), 2024 county round, 2025, 2026 (only proposed)]
      'SFX-QS-QS': ['lagging', 'good', 'advanced', 'advanced'],
      'SFX-QS-SM': ['lagging', 'lagging', 'lagging', 'average'],
      'SFX-QS-BG': [null, 'average', 'good', 'good'],
      'SFX-QS-CY': [null, 'advanced', 'good', 'good'],
      'SFX-HK-XQ': [null, 'lagging', 'lagging', 'lagging'],
      'SFX-DF-DF': [null, null, 'average', 'good'],
    };
    for (const [code, [early, g24, g25, g26]] of Object.entries(grades)) {
      const o = await org(code);
      const base = { countyId, orgId: o.id, orgPath: o.path, sector: 'rural', templateId: template };
      if (early) rows.push({ ...base, roundId: r2024early, grade: early, proposedGrade: early, finalScore: 50 });
      if (g24) rows.push({ ...base, roundId: r2024, grade: g24, proposedGrade: g24, finalScore: 70, rank: 3 });
      rows.push({ ...base, roundId: r2025, grade: g25, proposedGrade: g25, finalScore: 80, rank: 2 });
      rows.push({ ...base, roundId: r2026, grade: null, proposedGrade: g26, finalScore: 85 });
    }
    await db.insert(evaluationTargets).values(rows);
  });
  afterAll(() => t.close());

  it('refuses anonymous callers and orgs outside the caller’s scope', async () => {
    expect((await call(t.app, null, 'GET', `/api/evaluation/history?orgId=${byCode('SFX-QS-QS').id}`)).status).toBe(401);
    expect((await call(t.app, township, 'GET', `/api/evaluation/history?orgId=${byCode('SFX-HK-XQ').id}`)).status).toBe(404);
    expect((await call(t.app, county, 'GET', `/api/evaluation/rounds/${uuidv7()}/changes`)).status).toBe(404);
  });

  it('lists an org’s published grades by year, the later of two rounds of one year counting', async () => {
    const h = (await call(t.app, township, 'GET', `/api/evaluation/history?orgId=${byCode('SFX-QS-QS').id}`)).body as GradeHistoryView;
    expect(h.orgName).toBe(byCode('SFX-QS-QS').name);
    expect(h.years).toEqual([
      { year: 2024, roundId: r2024, finalScore: 70, grade: 'good', rank: 3 },
      { year: 2025, roundId: r2025, finalScore: 80, grade: 'advanced', rank: 2 },
    ]);
  });

  it('shows each org’s move against last year: up, down, same, and the orgs lagging two years running', async () => {
    const c = (await call(t.app, county, 'GET', `/api/evaluation/rounds/${r2025}/changes`)).body as GradeChanges;
    expect(c).toMatchObject({ year: 2025, previousYear: 2024, up: 2, down: 1, same: 2 });
    const by = new Map(c.rows.map((r) => [r.orgName, r]));
    expect(by.get(byCode('SFX-QS-QS').name)).toMatchObject({ grade: 'advanced', previousGrade: 'good', change: 1, townshipName: byCode('SFX-QS').name });
    expect(by.get(byCode('SFX-QS-BG').name)).toMatchObject({ grade: 'good', previousGrade: 'average', change: 1 });
    expect(by.get(byCode('SFX-QS-CY').name)).toMatchObject({ grade: 'good', previousGrade: 'advanced', change: -1 });
    expect(by.get(byCode('SFX-QS-SM').name)).toMatchObject({ grade: 'lagging', previousGrade: 'lagging', change: 0 });
    expect(by.get(byCode('SFX-DF-DF').name)).toMatchObject({ grade: 'average', previousGrade: null, change: null });
    expect(c.laggingTwice.map((x) => x.orgName).sort()).toEqual([byCode('SFX-HK-XQ').name, byCode('SFX-QS-SM').name].sort());
    // the township sees its own villages only
    const mine = (await call(t.app, township, 'GET', `/api/evaluation/rounds/${r2025}/changes`)).body as GradeChanges;
    expect(mine.rows).toHaveLength(4);
    expect(mine).toMatchObject({ up: 2, down: 1, same: 1, laggingTwice: [{ orgName: byCode('SFX-QS-SM').name }] });
  });

  it('gives a round under review no grade yet: last year’s grade beside it and no change (a person publishes)', async () => {
    const c = (await call(t.app, county, 'GET', `/api/evaluation/rounds/${r2026}/changes`)).body as GradeChanges;
    expect(c.rows.every((r) => r.grade === null && r.change === null)).toBe(true);
    expect(c.rows.find((r) => r.orgName === byCode('SFX-QS-QS').name)!.previousGrade).toBe('advanced');
    expect(c).toMatchObject({ up: 0, down: 0, same: 0, laggingTwice: [] });
  });
});

describe('standard templates', () => {
  it('are valid templates of 100 points under the 六有 (rural, community) and 八有 (organ) groups', () => {
    for (const tpl of STANDARD_TEMPLATES) {
      expect(SaveTemplateInput.safeParse(tpl).success).toBe(true);
      expect(templateProblems(tpl.indicators)).toEqual([]);
      expect(tpl.indicators.some((i) => i.method === 'veto')).toBe(true);
    }
    const groups = (s: string) => new Set(STANDARD_TEMPLATES.find((x) => x.sector === s)!.indicators.map((i) => i.group));
    expect([...groups('rural')].sort()).toEqual(['cadres', 'carriers', 'institutions', 'leadership', 'performance', 'venue']);
    expect(groups('organ').has('conduct') && groups('organ').has('localOpinion')).toBe(true);
    expect(STANDARD_TEMPLATES.find((x) => x.sector === 'rural')!.indicators.filter((i) => i.method === 'computed').map((i) => i.metric)).toEqual([
      'threeOnesCompletion', 'secretaryTrained', 'volunteerCompliance', 'bodiesComplete', 'gridsWithPartyGroup', 'activitiesHeld', 'twoWalksCoverage',
      'mustVisitCoverage', 'caseOnTimeRate', 'caseOneTripShare', 'caseMeanRating', 'accountabilityUpheld',
    ]);
  });
});

// The demo county as `npm start` seeds it: templates, last year's finished round, this year's in progress.
describe('demo evaluation', () => {
  let t: TestContext;
  let county: Session;
  const year = Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));

  beforeAll(async () => {
    t = await createTestApp({}, { demo: false });
    await seedDemo(t.database.db, DEMO_PASSWORD, { people: true });
    county = await login(t.app, 'demo-county');
  }, 120_000);
  afterAll(() => t.close());

  it('has the standard templates, those of the rounds locked, and each saves through the templates API', async () => {
    const list = (await call(t.app, county, 'GET', '/api/evaluation/templates')).body as TemplateList;
    expect(list.items.map((x) => x.sector).sort()).toEqual(['community', 'organ', 'rural']);
    expect(list.items.every((x) => x.totalPoints === 100)).toBe(true);
    expect(list.items.filter((x) => x.locked).map((x) => x.sector).sort()).toEqual(['community', 'rural']);
    for (const tpl of STANDARD_TEMPLATES) {
      const r = await call(t.app, county, 'POST', '/api/evaluation/templates', { ...tpl, name: `${tpl.name}（副本）` });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
    }
  });

  it('has last year’s round final with a spread of grades, a decided contest and a plan for each lagging org, one closed', async () => {
    const rounds = (await call(t.app, county, 'GET', '/api/evaluation/rounds')).body as RoundList;
    const last = rounds.items.find((r) => r.year === year - 1)!;
    expect(last.state).toBe('final');
    expect(last.progress.targets).toBe(16);
    const grades = last.progress.grades as Record<string, number>;
    expect(grades.advanced).toBeGreaterThanOrEqual(2);
    expect(grades.good).toBeGreaterThanOrEqual(3);
    expect(grades.average).toBeGreaterThanOrEqual(3);
    expect([1, 2]).toContain(grades.lagging);
    const q = async (s: string) => rowsOf<Record<string, unknown>>(await t.database.db.execute(sql.raw(s)));
    expect(await q(`select state from evaluation_contests`)).toEqual([{ state: 'changed' }]);
    const plans = (await call(t.app, county, 'GET', `/api/rectifications?roundId=${last.id}`)).body.items as { state: string; grade: string; notes: unknown[] }[];
    expect(plans).toHaveLength(grades.lagging!);
    expect(plans.every((p) => p.grade === 'lagging' && p.notes.length >= 3)).toBe(true);
    expect(plans.filter((p) => p.state === 'closed')).toHaveLength(1);
    // veto events: one standing last year, one withdrawn after checking, one recorded this year
    expect(await q(`select r.year, (e.withdrawn_at is not null) as withdrawn, count(*)::int as n from evaluation_entries e join evaluation_rounds r on r.county_id = e.county_id and r.id = e.round_id
      where e.kind = 'veto' group by 1, 2 order by 1, 2`)).toEqual([{ year: year - 1, withdrawn: false, n: 1 }, { year: year - 1, withdrawn: true, n: 1 }, { year, withdrawn: false, n: 1 }]);
  });

  it('has this year’s round in the mass and org stage, demo-evaluator on it, most self-evaluations in, and last year’s grade beside each org', async () => {
    const rounds = (await call(t.app, county, 'GET', '/api/evaluation/rounds')).body as RoundList;
    const current = rounds.items.find((r) => r.year === year)!;
    expect(current.state).toBe('massOrg');
    expect(current.publishedAt).toBeNull();
    expect(current.evaluators.map((e) => e.name)).toEqual(['考评组 赵志强']);
    expect(current.progress.selfSubmitted).toBe(13);
    const targets = (await call(t.app, county, 'GET', `/api/evaluation/rounds/${current.id}/targets`)).body as TargetList;
    expect(targets.items).toHaveLength(16);
    expect(targets.items.every((r) => r.previousGrade !== null && r.grade === null)).toBe(true);
    const changes = (await call(t.app, county, 'GET', `/api/evaluation/rounds/${current.id}/changes`)).body as GradeChanges;
    expect(changes.rows.every((r) => r.previousGrade !== null)).toBe(true);
    const evaluator = await login(t.app, 'demo-evaluator');
    expect((await call(t.app, evaluator, 'GET', `/api/evaluation/rounds/${current.id}`)).body.can.score).toBe(true);
  });
});
