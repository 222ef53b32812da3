// 三级入户走访 (F12, 篇二 9): the city, county or township draws households at random for satisfaction visits;
// visitors record one questionnaire per drawn household; the results feed the mass evaluation later.
//
// Reproducibility: a draw stores its seed, the algorithm's name and version, the SHA-256 of its input list and the
// sample. The input list is "the households of the org's subtree that existed and were not archived at the draw's
// created_at" (households.created_at ≤ draw.created_at and archived_at null or after it), each with its village —
// so `jiceng survey verify <drawId>` (verifyDraw) can rebuild it later, check its hash and re-derive the sample.
// It cannot rebuild the list if a household was deleted, moved to another village or the org moved since; verify
// then says "input changed". The draw's created_at is the database's now() of the draw transaction (microseconds),
// never a JavaScript clock, so both the draw and verify compare households with the same instant.
import { randomBytes } from 'node:crypto';
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import {
  SURVEY_DEFAULT_QUESTIONS, type CreateSurveyDrawInput, type ListSurveyDrawsQuery, type SurveyAnswerInput, type SurveyDrawSummary,
  type SurveyDrawView, type SurveyHouseholdView, type SurveyQuestion, type SurveyResponseView, type SurveyResults,
} from '@jiceng/contract';
import { rowsOf, type Db, type DbOrTx } from '../../db/client.js';
import { surveyDraws, surveyResponses } from './surveys.tables.js';
import { orgs } from '../orgs/orgs.tables.js';
import { households } from '../grids/grids.tables.js';
import { ALGORITHM, drawSample, inputHash, type DrawInput } from './surveys.draw.js';
import { inScope, isCountyWide, isWithin, scopeFilter, type Actor } from '../../platform/access/access.js';
import { clientRecordId } from '../../platform/access/record-ids.js';
import { appendAudit, byActor } from '../../platform/audit/audit.service.js';
import { conflict, notFound, problemsError, type FieldProblem } from '../../platform/http/errors.js';

type DrawRow = typeof surveyDraws.$inferSelect;
export const SURVEY_ENTITY = 'surveyDraw';

// ---------------------------------------------------------------------------------------------------------
// The input list

/**
 * SQL: the village (topmost tier='village' org above the household), or the household's own org outside villages.
 * The county is repeated as a constant: the correlated subquery stays on the household's shard (Citus).
 */
const villageOf = (countyId: string) => sql`coalesce((select o.id from orgs o where o.county_id = ${countyId}::uuid and o.county_id = h.county_id
  and o.tier = 'village' and o.path @> h.org_path order by nlevel(o.path) limit 1), h.org_id)::text`;

/** The households of the subtree at `orgPath` as they were at the instant `asOf` (a timestamptz literal). */
export async function drawInput(db: DbOrTx, countyId: string, orgPath: string, asOf: string): Promise<DrawInput[]> {
  return rowsOf<DrawInput>(await db.execute(sql`
    select h.id::text as id, ${villageOf(countyId)} as stratum
      from households h
     where h.county_id = ${countyId} and h.org_path <@ ${orgPath}::ltree
       and h.created_at <= ${asOf}::timestamptz and (h.archived_at is null or h.archived_at > ${asOf}::timestamptz)`));
}

// ---------------------------------------------------------------------------------------------------------
// Reads

/** A draw is visible to whoever's area it covers (a township draw: its villages too) or lies within. */
function visibility(actor: Actor): SQL {
  if (actor.scope.length === 0) return sql`false`;
  const roots = sql.join(actor.scope.map((p) => sql`${p}::ltree`), sql`, `);
  return sql`(${eq(surveyDraws.countyId, actor.countyId)} and (${scopeFilter(actor, surveyDraws.orgPath)} or ${surveyDraws.orgPath} @> array[${roots}]))`;
}

/** A village (or party group) of the caller's area, or one containing it. */
const touches = (actor: Actor, path: string) => inScope(actor, path) || actor.scope.some((root) => isWithin(root, path));

async function namesOf(db: DbOrTx, countyId: string, ids: string[]): Promise<Map<string, { name: string; path: string }>> {
  if (ids.length === 0) return new Map();
  const rows = rowsOf<{ id: string; name: string; path: string }>(await db.execute(sql`
    select id::text, name, path::text from orgs where county_id = ${countyId} and id in (${sql.join(ids.map((i) => sql`${i}::uuid`), sql`, `)})`));
  return new Map(rows.map((r) => [r.id, { name: r.name, path: r.path }]));
}

/**
 * What a list or a detail says about a draw, cut to the caller's area as `/results` is: the strata of the villages
 * the caller's area touches, the drawn and answered households inside it. A village account does not learn the
 * other villages of a township draw.
 */
async function summaries(db: DbOrTx, actor: Actor, rows: DrawRow[]): Promise<SurveyDrawSummary[]> {
  if (rows.length === 0) return [];
  const countyId = rows[0]!.countyId;
  const ids = rows.map((d) => sql`${d.id}::uuid`);
  const extra = new Map(rowsOf<{ id: string; org: string; creator: string | null; answered: number; drawn: number }>(await db.execute(sql`
    select d.id::text, o.name as org, u.display_name as creator,
           (select count(*)::int from survey_responses r where r.county_id = ${countyId}::uuid and r.county_id = d.county_id and r.draw_id = d.id
               and ${scopeFilter(actor, sql`r.org_path`)}) as answered,
           (select count(*)::int from households h where h.county_id = ${countyId}::uuid and h.county_id = d.county_id and h.id = any(d.household_ids)
               and ${scopeFilter(actor, sql`h.org_path`)}) as drawn
      from survey_draws d
      join orgs o on o.county_id = d.county_id and o.id = d.org_id
      left join users u on u.county_id = d.county_id and u.id = d.created_by
     where d.county_id = ${countyId} and d.id in (${sql.join(ids, sql`, `)})`)).map((r) => [r.id, r]));
  const names = await namesOf(db, countyId, [...new Set(rows.flatMap((d) => d.strata.map((s) => s.orgId)))]);
  return rows.map((d) => ({
    id: d.id, level: d.level, orgId: d.orgId, orgName: extra.get(d.id)?.org ?? '', title: d.title, sampleSize: d.sampleSize,
    seed: d.seed, algorithm: d.algorithm, inputHash: d.inputHash,
    strata: d.strata
      .filter((s) => { const n = names.get(s.orgId); return n ? touches(actor, n.path) : false; })
      .map((s) => ({ ...s, orgName: names.get(s.orgId)!.name })),
    drawnCount: extra.get(d.id)?.drawn ?? 0, answeredCount: extra.get(d.id)?.answered ?? 0,
    createdAt: d.createdAt.toISOString(), createdByName: extra.get(d.id)?.creator ?? null,
  }));
}

export async function listDraws(db: Db, actor: Actor, q: ListSurveyDrawsQuery): Promise<SurveyDrawSummary[]> {
  const rows = await db.select().from(surveyDraws)
    .where(and(visibility(actor), q.level ? eq(surveyDraws.level, q.level) : undefined))
    .orderBy(desc(surveyDraws.createdAt)).limit(200);
  return summaries(db, actor, rows);
}

async function visibleDraw(db: DbOrTx, actor: Actor, id: string, lock = false): Promise<DrawRow> {
  const q = db.select().from(surveyDraws).where(and(eq(surveyDraws.id, id), visibility(actor)));
  const [d] = lock ? await q.for('update') : await q;
  if (!d) throw notFound();
  return d;
}

interface HouseholdRow {
  id: string; path: string; address: string; headName: string; villageId: string; villageName: string | null; gridId: string | null; gridName: string | null;
  responseId: string | null; answers: Record<string, number> | null; comment: string | null; visitorId: string | null; visitorName: string | null; answeredAt: Date | string | null;
}

/** The drawn households (all of them, in draw order) with village, grid and the answers if recorded. */
async function drawnHouseholds(db: DbOrTx, d: DrawRow): Promise<HouseholdRow[]> {
  if (d.householdIds.length === 0) return [];
  const rows = rowsOf<HouseholdRow>(await db.execute(sql`
    select h.id::text, h.org_path::text as path, h.address, h.head_name as "headName", ${villageOf(d.countyId)} as "villageId", v.name as "villageName",
           h.grid_id::text as "gridId", g.name as "gridName",
           r.id::text as "responseId", r.answers, r.comment, r.visitor_id::text as "visitorId", u.display_name as "visitorName", r.answered_at as "answeredAt"
      from households h
      left join orgs v on v.county_id = h.county_id and v.id = (${villageOf(d.countyId)})::uuid
      left join grids g on g.county_id = h.county_id and g.id = h.grid_id
      left join survey_responses r on r.county_id = h.county_id and r.draw_id = ${d.id}::uuid and r.household_id = h.id
      left join users u on u.county_id = r.county_id and u.id = r.visitor_id
     where h.county_id = ${d.countyId} and h.id in (${sql.join(d.householdIds.map((i) => sql`${i}::uuid`), sql`, `)})`));
  const order = new Map(d.householdIds.map((id, i) => [id, i]));
  return rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
}

const iso = (x: Date | string) => new Date(x).toISOString();

function responseView(h: HouseholdRow): SurveyResponseView | null {
  if (!h.responseId) return null;
  return { id: h.responseId, answers: h.answers ?? {}, comment: h.comment, visitorId: h.visitorId!, visitorName: h.visitorName, answeredAt: iso(h.answeredAt!) };
}

export async function getDraw(db: DbOrTx, actor: Actor, id: string): Promise<SurveyDrawView> {
  const d = await visibleDraw(db, actor, id);
  const [summary] = await summaries(db, actor, [d]);
  // a township draw seen from a village lists that village's households only
  const list = (await drawnHouseholds(db, d)).filter((h) => inScope(actor, h.path));
  const householdsView: SurveyHouseholdView[] = list.map((h) => ({
    id: h.id, address: h.address, headName: h.headName, villageId: h.villageId, villageName: h.villageName, gridId: h.gridId, gridName: h.gridName,
    answered: h.responseId !== null, response: responseView(h),
  }));
  return { ...summary!, questions: d.questions, households: householdsView };
}

/** Per question the average score and count; the same per village of the caller's area. */
export async function drawResults(db: Db, actor: Actor, id: string): Promise<SurveyResults> {
  const d = await visibleDraw(db, actor, id);
  const list = (await drawnHouseholds(db, d)).filter((h) => inScope(actor, h.path));
  const names = await namesOf(db, d.countyId, d.strata.map((s) => s.orgId));
  const tally = (rows: HouseholdRow[]) => d.questions.map((q) => {
    const scores = rows.map((h) => h.answers?.[q.key]).filter((x): x is number => typeof x === 'number');
    const average = scores.length ? Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 100) / 100 : null;
    return { key: q.key, average, count: scores.length };
  });
  const answered = list.filter((h) => h.responseId);
  const villages = d.strata
    .filter((s) => { const n = names.get(s.orgId); return n ? touches(actor, n.path) : false; })
    .map((s) => {
      const mine = answered.filter((h) => h.villageId === s.orgId);
      return { orgId: s.orgId, orgName: names.get(s.orgId)?.name ?? null, drawn: s.drawn, answered: mine.length, questions: tally(mine) };
    });
  return {
    drawId: d.id,
    drawnCount: list.length,
    answeredCount: answered.length,
    questions: tally(answered).map((r, i) => ({ ...r, text: d.questions[i]!.text })),
    villages,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Writes

/** Only a county-wide account draws at city (for the city's inspection) or county level; townships at theirs. */
const mayDrawAt = (actor: Actor, level: CreateSurveyDrawInput['level']) => level === 'township' || isCountyWide(actor);

export async function createDraw(db: Db, actor: Actor, input: CreateSurveyDrawInput): Promise<SurveyDrawView> {
  const problems: FieldProblem[] = [];
  const [o] = await db.select({ id: orgs.id, path: sql<string>`${orgs.path}::text` }).from(orgs).where(and(eq(orgs.countyId, actor.countyId), eq(orgs.id, input.orgId)));
  if (!o || !inScope(actor, o.path)) problems.push({ field: 'orgId', code: 'auth.outOfScope' });
  if (!mayDrawAt(actor, input.level)) problems.push({ field: 'level', code: 'survey.level' });
  const questions: SurveyQuestion[] = input.questions ?? SURVEY_DEFAULT_QUESTIONS.map((q) => ({ ...q }));
  const seen = new Set<string>();
  questions.forEach((q, i) => {
    if (seen.has(q.key)) problems.push({ field: `questions.${i}.key`, code: 'survey.duplicateKey' });
    seen.add(q.key);
  });
  if (problems.length) throw problemsError(problems);
  const seed = input.seed ?? randomBytes(16).toString('hex');
  const id = uuidv7();
  await db.transaction(async (tx) => {
    const [{ at } = { at: '' }] = rowsOf<{ at: string }>(await tx.execute(sql`select now()::text as at`));
    const universe = await drawInput(tx, actor.countyId, o!.path, at);
    if (universe.length === 0) throw problemsError([{ field: 'orgId', code: 'survey.noHouseholds' }]);
    const sample = drawSample(seed, universe, input.sampleSize);
    await tx.insert(surveyDraws).values({
      countyId: actor.countyId, id, level: input.level, orgId: o!.id, orgPath: o!.path, title: input.title, sampleSize: input.sampleSize,
      strata: sample.strata, seed, algorithm: ALGORITHM, inputHash: sample.inputHash, householdIds: sample.householdIds, questions,
      createdBy: actor.userId, createdAt: sql`${at}::timestamptz`,
    });
    await appendAudit(tx, byActor(actor, {
      action: 'survey.draw', entity: SURVEY_ENTITY, entityId: id, orgPath: o!.path,
      detail: { title: input.title, level: input.level, sampleSize: input.sampleSize, population: universe.length, drawn: sample.householdIds.length, seed, inputHash: sample.inputHash },
    }));
  });
  return getDraw(db, actor, id);
}

/**
 * One drawn household's answers, recorded by the caller as visitor. `opts.id` lets an offline phone send its own
 * (UUIDv7) id; `opts.answeredAt` the time it was answered.
 */
export async function answerSurvey(db: Db, actor: Actor, drawId: string, input: SurveyAnswerInput, opts: { id?: string; answeredAt?: Date } = {}): Promise<SurveyResponseView> {
  const answeredAt = opts.answeredAt ?? new Date();
  // a phone's id used by an answer the caller can see is a resend; one used outside their scope is not confirmed
  const id = await clientRecordId(db, actor, surveyResponses, opts.id);
  if (id === 'resend') throw conflict('visit.duplicate', 'id');
  await db.transaction(async (tx) => {
    const d = await visibleDraw(tx, actor, drawId, true);
    const [h] = await tx.select({ id: households.id, path: sql<string>`${households.orgPath}::text` }).from(households)
      .where(and(eq(households.countyId, actor.countyId), eq(households.id, input.householdId)));
    if (!h || !inScope(actor, h.path)) throw problemsError([{ field: 'householdId', code: 'auth.outOfScope' }]);
    if (!d.householdIds.includes(h.id)) throw problemsError([{ field: 'householdId', code: 'survey.notDrawn' }]);
    const problems: FieldProblem[] = [];
    const keys = new Set(d.questions.map((q) => q.key));
    for (const q of d.questions) if (input.answers[q.key] === undefined) problems.push({ field: `answers.${q.key}`, code: 'survey.answerMissing' });
    for (const k of Object.keys(input.answers)) if (!keys.has(k)) problems.push({ field: `answers.${k}`, code: 'survey.answerUnknown' });
    if (problems.length) throw problemsError(problems);
    const [done] = await tx.select({ id: surveyResponses.id }).from(surveyResponses)
      .where(and(eq(surveyResponses.countyId, d.countyId), eq(surveyResponses.drawId, d.id), eq(surveyResponses.householdId, h.id)));
    if (done) throw conflict('survey.answered', 'householdId');
    await tx.insert(surveyResponses).values({
      countyId: d.countyId, id, drawId: d.id, householdId: h.id, orgPath: h.path, visitorId: actor.userId, answers: input.answers,
      comment: input.comment ?? null, answeredAt,
    });
    await appendAudit(tx, byActor(actor, { action: 'survey.answer', entity: SURVEY_ENTITY, entityId: d.id, orgPath: h.path, detail: { responseId: id, householdId: h.id } }));
  });
  return { id, answers: input.answers, comment: input.comment ?? null, visitorId: actor.userId, visitorName: actor.displayName, answeredAt: answeredAt.toISOString() };
}

// ---------------------------------------------------------------------------------------------------------
// Verification (`jiceng survey verify <drawId>`)

export type VerifyResult = { ok: true; drawn: number; population: number } | { ok: false; reason: string };

/** Rebuilds the draw's input list as of its created_at, checks its hash and re-derives the sample from the seed. */
export async function verifyDraw(db: DbOrTx, drawId: string): Promise<VerifyResult> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(drawId)) return { ok: false, reason: `not a draw id: ${drawId}` };
  const [d] = rowsOf<{ countyId: string; path: string | null; storedPath: string; at: string }>(await db.execute(sql`
    select d.county_id::text as "countyId", o.path::text as path, d.org_path::text as "storedPath", d.created_at::text as at
      from survey_draws d left join orgs o on o.county_id = d.county_id and o.id = d.org_id
     where d.id = ${drawId}::uuid`));
  if (!d) return { ok: false, reason: `no draw ${drawId}` };
  const [row] = await db.select().from(surveyDraws).where(and(eq(surveyDraws.countyId, d.countyId), eq(surveyDraws.id, drawId)));
  if (!row) return { ok: false, reason: `no draw ${drawId}` };
  if (row.algorithm !== ALGORITHM) return { ok: false, reason: `unknown algorithm: ${row.algorithm}` };
  const universe = await drawInput(db, d.countyId, d.path ?? d.storedPath, d.at);
  const hash = inputHash(universe);
  if (hash !== row.inputHash) {
    return { ok: false, reason: `input changed: hash ${hash} of the ${universe.length} households as of ${d.at} ≠ stored ${row.inputHash} (a household was deleted or moved, or the org moved, since the draw)` };
  }
  const again = drawSample(row.seed, universe, row.sampleSize);
  const same = again.householdIds.length === row.householdIds.length && again.householdIds.every((x, i) => x === row.householdIds[i]);
  if (!same) {
    const missing = again.householdIds.filter((x) => !row.householdIds.includes(x));
    const extra = row.householdIds.filter((x) => !again.householdIds.includes(x));
    return { ok: false, reason: `sample mismatch: the seed gives ${again.householdIds.length} households, stored ${row.householdIds.length}; not stored: ${missing.join(', ') || '-'}; not drawn: ${extra.join(', ') || '-'}${missing.length + extra.length === 0 ? ' (order differs)' : ''}` };
  }
  const strataKey = (s: { orgId: string; population: number; drawn: number }[]) => s.map((x) => `${x.orgId}:${x.population}:${x.drawn}`).join(',');
  if (strataKey(again.strata) !== strataKey(row.strata)) return { ok: false, reason: 'strata mismatch: the stored per-village figures differ from the re-derived ones' };
  return { ok: true, drawn: again.householdIds.length, population: universe.length };
}
