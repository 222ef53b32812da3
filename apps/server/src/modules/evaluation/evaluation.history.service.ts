// 晋位升级 (issue 11, F20; 篇一 三 "将考评工作与基层党组织分类定级、晋位升级工作……相衔接"): an org's published grades
// year by year, and a round's grade changes against the year before. Only grades a person published count (a
// published or final round, PIPL Art. 24): a round still in progress has no grade yet, so its rows show the
// previous year's grade and no change.
import { sql } from 'drizzle-orm';
import { GRADE_RANK, type Grade, type GradeChanges, type GradeHistoryView } from '@jiceng/contract';
import { rowsOf, type DbOrTx } from '../../db/client.js';
import { inScope, scopeFilter, type Actor } from '../../platform/access/access.js';
import { notFound } from '../../platform/http/errors.js';

const PUBLISHED = sql`('published', 'final')`;

/** An org's published grades by year (per year the latest published round covering it). */
export async function gradeHistory(db: DbOrTx, actor: Actor, orgId: string): Promise<GradeHistoryView> {
  const c = actor.countyId;
  const [o] = rowsOf<{ id: string; name: string; path: string }>(await db.execute(sql`
    select id, name, path::text as path from orgs where county_id = ${c}::uuid and id = ${orgId}::uuid`));
  if (!o || !inScope(actor, o.path)) throw notFound();
  const years = rowsOf<{ year: number; roundId: string; finalScore: string | number | null; grade: Grade | null; rank: number | null }>(await db.execute(sql`
    select distinct on (r.year) r.year, r.id as "roundId", t.final_score as "finalScore", t.grade, t.rank
      from evaluation_targets t
      join evaluation_rounds r on r.county_id = ${c}::uuid and r.id = t.round_id
     where t.county_id = ${c}::uuid and t.org_id = ${orgId}::uuid and r.state in ${PUBLISHED}
     order by r.year, r.published_at desc nulls last, r.id`));
  return {
    orgId: o.id, orgName: o.name,
    years: years.map((y) => ({ year: Number(y.year), roundId: y.roundId, finalScore: y.finalScore === null ? null : Number(y.finalScore), grade: y.grade, rank: y.rank })),
  };
}

/**
 * The previous year's published grade of each org: the latest published or final round of `year` covering it.
 * For the review table (TargetRow.previousGrade) and the changes below.
 */
export async function previousGrades(db: DbOrTx, countyId: string, year: number, orgIds: readonly string[]): Promise<Map<string, Grade | null>> {
  if (!orgIds.length) return new Map();
  const rows = rowsOf<{ org_id: string; grade: Grade | null }>(await db.execute(sql`
    select distinct on (t.org_id) t.org_id, t.grade
      from evaluation_targets t
      join evaluation_rounds r on r.county_id = ${countyId}::uuid and r.id = t.round_id
     where t.county_id = ${countyId}::uuid and t.org_id = any(${`{${orgIds.join(',')}}`}::uuid[]) and r.year = ${year} and r.state in ${PUBLISHED}
     order by t.org_id, r.published_at desc nulls last, r.id`));
  return new Map(rows.map((r) => [r.org_id, r.grade]));
}

/** The change of a grade against the year before: + up, − down, 0 same; null when either is missing. */
export const gradeChange = (grade: Grade | null, previous: Grade | null): number | null =>
  grade && previous ? GRADE_RANK[grade] - GRADE_RANK[previous] : null;

/** Every target of the round in the caller's scope with its grade, the previous year's, the change; counts; lagging twice. */
export async function roundGradeChanges(db: DbOrTx, actor: Actor, roundId: string): Promise<GradeChanges> {
  const c = actor.countyId;
  const [round] = rowsOf<{ year: number; path: string }>(await db.execute(sql`
    select year, org_path::text as path from evaluation_rounds where county_id = ${c}::uuid and id = ${roundId}::uuid`));
  if (!round) throw notFound();
  const targets = rowsOf<{ org_id: string; org_name: string; township_name: string | null; grade: Grade | null; state: string }>(await db.execute(sql`
    select t.org_id, o.name as org_name,
           (select tw.name from orgs tw where tw.county_id = ${c}::uuid and tw.tier = 'township' and t.org_path <@ tw.path order by nlevel(tw.path) limit 1) as township_name,
           t.grade, r.state
      from evaluation_targets t
      join evaluation_rounds r on r.county_id = ${c}::uuid and r.id = t.round_id
      join orgs o on o.county_id = ${c}::uuid and o.id = t.org_id
     where t.county_id = ${c}::uuid and t.round_id = ${roundId}::uuid and ${scopeFilter(actor, sql`t.org_path`)}
     order by t.org_path`));
  if (!targets.length && !inScope(actor, round.path)) throw notFound();
  const year = Number(round.year);
  const previous = await previousGrades(db, c, year - 1, targets.map((t) => t.org_id));
  const published = (t: { grade: Grade | null; state: string }) => (['published', 'final'].includes(t.state) ? t.grade : null);
  const rows = targets.map((t) => {
    const grade = published(t);
    const previousGrade = previous.get(t.org_id) ?? null;
    return { orgId: t.org_id, orgName: t.org_name, townshipName: t.township_name, grade, previousGrade, change: gradeChange(grade, previousGrade) };
  });
  return {
    year, previousYear: year - 1, rows,
    up: rows.filter((r) => r.change !== null && r.change > 0).length,
    down: rows.filter((r) => r.change !== null && r.change < 0).length,
    same: rows.filter((r) => r.change === 0).length,
    laggingTwice: rows.filter((r) => r.grade === 'lagging' && r.previousGrade === 'lagging').map((r) => ({ orgId: r.orgId, orgName: r.orgName })),
  };
}
