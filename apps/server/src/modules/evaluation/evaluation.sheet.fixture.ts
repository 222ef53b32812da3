// Test fixture of the sheet, explanation and contest tests (issue 11): the demo county with a small template built
// by hand, a round over a few villages in a chosen state, the accounts that act on it. The round and its targets
// are written straight to the tables (the round routes have their own tests); the scores always come from the real
// recomputeScores.
import { sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { IndicatorInput, RoundState } from '@jiceng/contract';
import { rowsOf } from '../../db/client.js';
import { createTestApp, call, login, type Session, type TestContext } from '../../../test/harness.js';
import { demoOrgs } from '../../../test/factories.js';
import { shanghaiToday } from '../../platform/calendar/today.js';
import { evaluationIndicators, evaluationRounds, evaluationTargets, evaluationTemplates } from './evaluation.tables.js';
import { recomputeScores } from './evaluation.compute.js';

export const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
export const png = (name = '现场照片.png', data = PNG) => ({ name, mime: 'image/png' as const, data: data.toString('base64') });

export interface Fixture {
  t: TestContext;
  county: Session; village: Session; evaluator: Session; shimen: Session; township: Session;
  byCode: (c: string) => { id: string; name: string; path: string };
  countyId: string; roundId: string; templateId: string; year: number;
  /** indicator id by code */
  ind: (code: string) => string;
  userId: (username: string) => Promise<string>;
  setRound: (set: { state?: RoundState; contestUntil?: string | null; snapshot?: boolean; published?: boolean; evaluatorIds?: string[] }) => Promise<void>;
  recompute: () => Promise<void>;
  sheetUrl: (orgCode: string) => string;
}

export async function evaluationFixture(indicators: IndicatorInput[], targets: string[], state: RoundState): Promise<Fixture> {
  const t = await createTestApp();
  const d = await demoOrgs(t.app);
  const db = t.database.db;
  const byCode = (c: string) => d.byCode(c) as unknown as { id: string; name: string; path: string };
  const [{ county_id: countyId, path: countyPath }] = rowsOf<{ county_id: string; path: string }>(await db.execute(sql`
    select county_id, path::text as path from orgs where code = 'SFX'`)) as [{ county_id: string; path: string }];
  const userId = async (username: string) =>
    rowsOf<{ id: string }>(await db.execute(sql`select id from users where county_id = ${countyId}::uuid and username = ${username}`))[0]!.id;
  const county = d.county;
  expect201(await call(t.app, county, 'POST', '/api/users', { username: 'shimen', displayName: '石门村书记 周敏', role: 'villageCadre', orgId: byCode('SFX-QS-SM').id, password: 'Shi-Men-2026x' }));
  const [village, evaluator, township, shimen] = await Promise.all([
    login(t.app, 'demo-village'), login(t.app, 'demo-evaluator'), login(t.app, 'demo-township'), login(t.app, 'shimen', 'Shi-Men-2026x'),
  ]);
  const countyUser = await userId('demo-county');
  const templateId = uuidv7();
  const year = Number(shanghaiToday().slice(0, 4));
  await db.insert(evaluationTemplates).values({ countyId, id: templateId, name: '测试村级指标', sector: 'rural', createdBy: countyUser, lockedAt: new Date() });
  const ids = new Map<string, string>();
  await db.insert(evaluationIndicators).values(indicators.map((x, i) => {
    const id = uuidv7();
    ids.set(x.code, id);
    return {
      countyId, id, templateId, position: i + 1, code: x.code, group: x.group, name: x.name, criteria: x.criteria ?? null, maxPoints: x.maxPoints,
      method: x.method, metric: x.metric ?? null, curve: x.curve ?? null, basePoints: x.basePoints ?? null,
    };
  }));
  const roundId = uuidv7();
  await db.insert(evaluationRounds).values({
    countyId, id: roundId, year, title: `${year} 年度测试考评`, state, orgId: byCode('SFX').id, orgPath: countyPath, templates: [{ sector: 'rural', templateId }],
    tiers: ['village'], weightSelf: 20, weightMass: 50, weightOrg: 30, massSurveyPercent: 60, advancedQuotaPercent: 100,
    gradeAdvancedFrom: 90, gradeGoodFrom: 80, gradeAverageFrom: 60, evaluatorIds: [await userId('demo-evaluator')], createdBy: countyUser,
  });
  await db.insert(evaluationTargets).values(targets.map((code) => ({
    countyId, roundId, orgId: byCode(code).id, orgPath: byCode(code).path, sector: 'rural', templateId,
  })));
  const recompute = () => db.transaction(async (tx) => { await recomputeScores(tx, countyId, roundId); });
  await recompute();
  return {
    t, county, village, evaluator, shimen, township, byCode, countyId, roundId, templateId, year, userId, recompute,
    ind: (code) => ids.get(code)!,
    setRound: async (set) => {
      await db.execute(sql`update evaluation_rounds set
          state = coalesce(${set.state ?? null}, state),
          contest_until = ${set.contestUntil === undefined ? sql`contest_until` : sql`${set.contestUntil}::date`},
          snapshot_at = ${set.snapshot === undefined ? sql`snapshot_at` : set.snapshot ? sql`now()` : sql`null`},
          published_at = ${set.published === undefined ? sql`published_at` : set.published ? sql`now()` : sql`null`},
          evaluator_ids = ${set.evaluatorIds === undefined ? sql`evaluator_ids` : sql`${`{${set.evaluatorIds.join(',')}}`}::uuid[]`}
        where county_id = ${countyId}::uuid and id = ${roundId}::uuid`);
    },
    sheetUrl: (code) => `/api/evaluation/rounds/${roundId}/orgs/${byCode(code).id}`,
  };
}

function expect201(r: { status: number; body: unknown }) {
  if (r.status !== 201) throw new Error(`setup: ${r.status} ${JSON.stringify(r.body)}`);
}

/** A day `n` days from `day` (YYYY-MM-DD). */
export const dayOffset = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
