// Demo county: this year's 三级入户走访 random surveys (篇二), the input of the mass evaluation (issue 11). Each
// township draws from its own villages with the real stratified algorithm (so `jiceng survey verify` checks it), and
// its service-centre staff record the answers of the drawn households — a level above the villages, so the answers
// count in the villages' mass evaluation. Answers lean on a per-village quality, deterministic.
import { sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { SURVEY_DEFAULT_QUESTIONS } from '@jiceng/contract';
import { rowsOf, type Tx } from '../../db/client.js';
import { Rng } from '../demo/demo.random.js';
import { ALGORITHM, drawSample } from './surveys.draw.js';
import { drawInput } from './surveys.service.js';
import { surveyDraws, surveyResponses } from './surveys.tables.js';

/** households drawn per village of the township */
const PER_VILLAGE = 8;

export async function seedSurveysDemo(tx: Tx, input: { countyId: string }): Promise<{ draws: number; responses: number }> {
  const c = input.countyId;
  const rng = new Rng(20261115);
  const townships = rowsOf<{ id: string; path: string; name: string; villages: number; staff: string | null }>(await tx.execute(sql`
    select t.id, t.path::text as path, t.name,
           (select count(*)::int from orgs v where v.county_id = ${c}::uuid and v.parent_id = t.id and v.tier = 'village') as villages,
           (select u.id from users u where u.county_id = ${c}::uuid and u.org_id = t.id and u.role = 'townshipAdmin' order by u.username limit 1) as staff
      from orgs t join orgs p on p.county_id = ${c}::uuid and p.id = t.parent_id
     where t.county_id = ${c}::uuid and t.tier = 'township' and p.tier = 'county' order by t.path`));
  const [{ at } = { at: '' }] = rowsOf<{ at: string }>(await tx.execute(sql`select now()::text as at`));
  const questions = SURVEY_DEFAULT_QUESTIONS.map((q) => ({ ...q }));
  let responses = 0, draws = 0;
  const quality = new Map<string, number>();
  for (const t of townships) {
    if (!t.staff || t.villages === 0) continue;
    const universe = await drawInput(tx, c, t.path, at);
    if (universe.length === 0) continue;
    const seed = `demo-${t.path.slice(-6)}`;
    const sample = drawSample(seed, universe, Math.min(universe.length, PER_VILLAGE * t.villages));
    const id = uuidv7();
    await tx.insert(surveyDraws).values({
      countyId: c, id, level: 'township', orgId: t.id, orgPath: t.path, title: `${t.name}年度入户走访满意度测评`, sampleSize: sample.householdIds.length,
      strata: sample.strata, seed, algorithm: ALGORITHM, inputHash: sample.inputHash, householdIds: sample.householdIds, questions,
      createdBy: t.staff, createdAt: sql`${at}::timestamptz`,
    });
    draws++;
    const stratumOf = new Map(universe.map((h) => [h.id, h.stratum]));
    const paths = new Map(rowsOf<{ id: string; path: string }>(await tx.execute(sql`
      select id::text as id, org_path::text as path from households where county_id = ${c}::uuid and id = any(${`{${sample.householdIds.join(',')}}`}::uuid[])`)).map((h) => [h.id, h.path]));
    const rows = sample.householdIds.filter(() => rng.chance(0.92)).map((householdId) => {
      const stratum = stratumOf.get(householdId) ?? '';
      if (!quality.has(stratum)) quality.set(stratum, 0.55 + rng.next() * 0.4);
      const q = quality.get(stratum)!;
      const answers = Object.fromEntries(questions.map((qq) => [qq.key, rng.chance(q) ? 5 : rng.chance(0.7) ? 4 : rng.chance(0.6) ? 3 : rng.int(1, 2)]));
      return {
        countyId: c, id: uuidv7(), drawId: id, householdId, orgPath: paths.get(householdId)!, visitorId: t.staff!, answers,
        comment: null, answeredAt: new Date(),
      };
    });
    if (rows.length) await tx.insert(surveyResponses).values(rows);
    responses += rows.length;
  }
  return { draws, responses };
}
