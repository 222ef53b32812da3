// 考评轮次 (issue 11, F17–F19): a yearly round over the orgs of chosen sectors and tiers in a scope, its lifecycle
// draft → self → massOrg → review (computed inputs FROZEN as a snapshot) → published (公示, contest window of policy
// evaluation.contestWorkingDays working days) → final, the review table, the explicit recompute (preview the
// differences, then apply with the preview's token).
//
// Scope: a round is seen by the accounts whose area covers its scope, or holds one of its targets (a village sees
// the county's round it is evaluated in, with its own row only). Everything computed comes from evaluation.compute.
// Grades are a proposal until a person publishes them (PIPL Art. 24).
import { sql, type SQL } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import {
  ORG_SECTOR_LABELS, ROLE_PERMISSIONS, ROUND_STATES, ROUND_STATE_LABELS,
  type AdvanceRoundInput, type ApplyRecomputeInput, type CreateRoundInput, type Grade, type ListRoundsQuery, type ListTargetsQuery,
  type OrgSector, type RecomputeDifference, type RecomputePreview, type Role, type RoundList, type RoundState, type RoundView,
  type TargetList, type TargetRow, type UpdateRoundInput,
} from '@jiceng/contract';
import { rowsOf, type Db, type DbOrTx } from '../../db/client.js';
import { inScope, scopeFilter, type Actor } from '../../platform/access/access.js';
import { appendAudit, byActor } from '../../platform/audit/audit.service.js';
import { AppError, conflict, notFound, problemsError, type FieldProblem } from '../../platform/http/errors.js';
import { policyValue } from '../../platform/policy/policy.service.js';
import { countyCalendar } from '../../platform/calendar/calendar.service.js';
import { addWorkdays } from '../../platform/calendar/working-days.js';
import { shanghaiToday } from '../../platform/calendar/today.js';
import { evaluationRounds } from './evaluation.tables.js';
import { weightsValid } from './evaluation.rules.js';
import {
  freshComputed, freshToken, loadRoundRow, recomputeScores, replaceSnapshot, roundTargets, roundView, templateIndicators, type Fresh, type RoundRow,
} from './evaluation.compute.js';
import { gradeChange, previousGrades } from './evaluation.history.service.js';

export const ROUND_ENTITY = 'evaluationRound';

const uuids = (ids: readonly string[]) => `{${ids.join(',')}}`;
const num = (x: unknown) => (x == null ? null : Number(x));
const stateLabel = (s: RoundState) => ROUND_STATE_LABELS[s]['zh-CN'];
const SCORING_ROLES = (Object.keys(ROLE_PERMISSIONS) as Role[]).filter((r) => ROLE_PERMISSIONS[r].includes('evaluation.score'));

/** Rounds the caller sees: its area covers the round's scope, or holds one of the round's targets. */
const visibleRound = (actor: Actor) => sql`(${scopeFilter(actor, sql`r.org_path`)} or exists (
  select 1 from evaluation_targets vt where vt.county_id = ${actor.countyId}::uuid and vt.round_id = r.id and ${scopeFilter(actor, sql`vt.org_path`)}))`;

async function visibleRoundRow(db: DbOrTx, actor: Actor, id: string): Promise<RoundRow> {
  const [hit] = rowsOf(await db.execute(sql`
    select 1 from evaluation_rounds r where r.county_id = ${actor.countyId}::uuid and r.id = ${id}::uuid and ${visibleRound(actor)}`));
  const row = hit ? await loadRoundRow(db, actor.countyId, id) : undefined;
  if (!row) throw notFound();
  return row;
}

/** A round the caller manages: its scope lies in the caller's area (else 404, as if it did not exist). */
async function managedRoundRow(db: DbOrTx, actor: Actor, id: string): Promise<RoundRow> {
  const row = await loadRoundRow(db, actor.countyId, id);
  if (!row || !inScope(actor, row.orgPath)) throw notFound();
  return row;
}

export async function listRounds(db: DbOrTx, actor: Actor, q: ListRoundsQuery): Promise<RoundList> {
  const ids = rowsOf<{ id: string }>(await db.execute(sql`
    select r.id from evaluation_rounds r
     where r.county_id = ${actor.countyId}::uuid and ${visibleRound(actor)}
       ${q.year ? sql`and r.year = ${q.year}` : sql``} ${q.state ? sql`and r.state = ${q.state}` : sql``}
     order by r.year desc, r.created_at desc, r.id
     limit 200`));
  const items: RoundView[] = [];
  for (const { id } of ids) items.push(await roundView(db, actor, (await loadRoundRow(db, actor.countyId, id))!));
  return { items };
}

/** The round the dashboards show: the list's first (latest) round that is out of draft, or null. */
export async function currentRound(db: DbOrTx, actor: Actor): Promise<RoundView | null> {
  const [r] = rowsOf<{ id: string }>(await db.execute(sql`
    select r.id from evaluation_rounds r
     where r.county_id = ${actor.countyId}::uuid and ${visibleRound(actor)} and r.state <> 'draft'
     order by r.year desc, r.created_at desc, r.id
     limit 1`));
  return r ? roundView(db, actor, (await loadRoundRow(db, actor.countyId, r.id))!) : null;
}

export async function getRound(db: DbOrTx, actor: Actor, id: string): Promise<RoundView> {
  return roundView(db, actor, await visibleRoundRow(db, actor, id));
}

// ---------------------------------------------------------------------------------------------------------
// setup

interface TemplateMeta { id: string; sector: string }

/** The problems of a round's templates, weights, dates and evaluators (every field named). */
async function setupProblems(db: DbOrTx, actor: Actor, input: {
  templates?: { sector: OrgSector; templateId: string }[]; weights?: { self: number; mass: number; org: number };
  selfStartsOn?: string | null; selfEndsOn?: string | null; orgStartsOn?: string | null; orgEndsOn?: string | null; evaluatorIds?: string[];
}): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [];
  if (input.templates) {
    const found = new Map(rowsOf<TemplateMeta>(await db.execute(sql`
      select id, sector from evaluation_templates
       where county_id = ${actor.countyId}::uuid and archived_at is null and id = any(${uuids(input.templates.map((t) => t.templateId))}::uuid[])`)).map((t) => [t.id, t]));
    const seen = new Set<string>();
    input.templates.forEach((t, i) => {
      const sector = ORG_SECTOR_LABELS[t.sector]['zh-CN'];
      if (seen.has(t.sector)) problems.push({ field: `templates.${i}.sector`, code: 'evaluation.sectorTemplate', params: { sector } });
      seen.add(t.sector);
      if (found.get(t.templateId)?.sector !== t.sector) problems.push({ field: `templates.${i}.templateId`, code: 'evaluation.sectorTemplate', params: { sector } });
    });
  }
  if (input.weights && !weightsValid(input.weights)) problems.push({ field: 'weights.mass', code: 'evaluation.weights' });
  if (input.selfStartsOn && input.selfEndsOn && input.selfEndsOn < input.selfStartsOn) problems.push({ field: 'selfEndsOn', code: 'evaluation.dates' });
  if (input.orgStartsOn && input.orgEndsOn && input.orgEndsOn < input.orgStartsOn) problems.push({ field: 'orgEndsOn', code: 'evaluation.dates' });
  if (input.evaluatorIds?.length) {
    const ok = new Set(rowsOf<{ id: string }>(await db.execute(sql`
      select id from users
       where county_id = ${actor.countyId}::uuid and not disabled and id = any(${uuids(input.evaluatorIds)}::uuid[])
         and role = any(${`{${SCORING_ROLES.join(',')}}`}::text[])`)).map((u) => u.id));
    input.evaluatorIds.forEach((id, i) => { if (!ok.has(id)) problems.push({ field: `evaluatorIds.${i}`, code: 'evaluation.evaluatorAccount' }); });
  }
  return problems;
}

export async function createRound(db: Db, actor: Actor, input: CreateRoundInput): Promise<RoundView> {
  const c = actor.countyId;
  const [scope] = rowsOf<{ id: string; path: string; tier: string; archived: boolean }>(await db.execute(input.orgId
    ? sql`select id, path::text as path, tier, archived_at is not null as archived from orgs where county_id = ${c}::uuid and id = ${input.orgId}::uuid`
    : sql`select id, path::text as path, tier, archived_at is not null as archived from orgs where county_id = ${c}::uuid and path = ${actor.countyPath}::ltree`));
  const problems: FieldProblem[] = [];
  if (!scope || scope.archived || !inScope(actor, scope.path) || !['county', 'township'].includes(scope.tier)) problems.push({ field: 'orgId', code: 'evaluation.scope' });
  const weights = input.weights ?? {
    self: await policyValue(db, c, 'evaluation.weightSelf'), mass: await policyValue(db, c, 'evaluation.weightMass'), org: await policyValue(db, c, 'evaluation.weightOrg'),
  };
  problems.push(...await setupProblems(db, actor, { ...input, weights }));
  if (problems.length) throw problemsError(problems);
  const [exists] = rowsOf(await db.execute(sql`
    select 1 from evaluation_rounds where county_id = ${c}::uuid and org_id = ${scope!.id}::uuid and year = ${input.year}`));
  if (exists) throw conflict('evaluation.roundExists', 'year', { year: input.year });
  const id = uuidv7();
  const values: typeof evaluationRounds.$inferInsert = {
    countyId: c, id, year: input.year, title: input.title, state: 'draft', orgId: scope!.id, orgPath: scope!.path,
    templates: input.templates, tiers: input.tiers ?? ['village'],
    selfStartsOn: input.selfStartsOn ?? null, selfEndsOn: input.selfEndsOn ?? null, orgStartsOn: input.orgStartsOn ?? null, orgEndsOn: input.orgEndsOn ?? null,
    weightSelf: weights.self, weightMass: weights.mass, weightOrg: weights.org,
    massSurveyPercent: await policyValue(db, c, 'evaluation.massSurveyPercent'),
    advancedQuotaPercent: input.advancedQuotaPercent ?? await policyValue(db, c, 'evaluation.advancedQuotaPercent'),
    gradeAdvancedFrom: await policyValue(db, c, 'evaluation.gradeAdvancedFrom'),
    gradeGoodFrom: await policyValue(db, c, 'evaluation.gradeGoodFrom'),
    gradeAverageFrom: await policyValue(db, c, 'evaluation.gradeAverageFrom'),
    evaluatorIds: input.evaluatorIds ?? [], createdBy: actor.userId,
  };
  await db.transaction(async (tx) => {
    await tx.insert(evaluationRounds).values(values);
    await appendAudit(tx, byActor(actor, {
      action: 'evaluation.roundCreate', entity: ROUND_ENTITY, entityId: id, orgPath: scope!.path,
      detail: {
        year: input.year, title: input.title, templates: input.templates, tiers: values.tiers, weights, massSurveyPercent: values.massSurveyPercent,
        advancedQuotaPercent: values.advancedQuotaPercent,
        thresholds: { advanced: values.gradeAdvancedFrom, good: values.gradeGoodFrom, average: values.gradeAverageFrom }, evaluatorIds: values.evaluatorIds,
      },
    }));
  });
  return getRound(db, actor, id);
}

const BEFORE_REVIEW: readonly RoundState[] = ['draft', 'self', 'massOrg'];

/** Weights, templates, tiers and the quota only while draft; title, dates and evaluators until the review. */
export async function updateRound(db: Db, actor: Actor, id: string, input: UpdateRoundInput): Promise<RoundView> {
  const round = await managedRoundRow(db, actor, id);
  const draftOnly = (['weights', 'templates', 'tiers', 'advancedQuotaPercent'] as const).find((k) => input[k] !== undefined);
  if (draftOnly && round.state !== 'draft') throw conflict('evaluation.state', draftOnly, { state: stateLabel(round.state) });
  const any = (Object.keys(input) as (keyof UpdateRoundInput)[]).find((k) => input[k] !== undefined);
  if (any && !BEFORE_REVIEW.includes(round.state)) throw conflict('evaluation.state', any, { state: stateLabel(round.state) });
  const pick = <K extends 'selfStartsOn' | 'selfEndsOn' | 'orgStartsOn' | 'orgEndsOn'>(k: K) => (input[k] !== undefined ? input[k] : round[k]);
  const next = {
    selfStartsOn: pick('selfStartsOn'), selfEndsOn: pick('selfEndsOn'), orgStartsOn: pick('orgStartsOn'), orgEndsOn: pick('orgEndsOn'),
  };
  const problems = await setupProblems(db, actor, { ...next, templates: input.templates, weights: input.weights, evaluatorIds: input.evaluatorIds });
  if (problems.length) throw problemsError(problems);
  const before = {
    title: round.title, templates: round.templates, tiers: round.tiers, ...{ selfStartsOn: round.selfStartsOn, selfEndsOn: round.selfEndsOn, orgStartsOn: round.orgStartsOn, orgEndsOn: round.orgEndsOn },
    weights: { self: round.weightSelf, mass: round.weightMass, org: round.weightOrg }, advancedQuotaPercent: round.advancedQuotaPercent, evaluatorIds: round.evaluatorIds,
  };
  await db.transaction(async (tx) => {
    const locked = await loadRoundRow(tx, actor.countyId, id, true);
    if (!locked || locked.state !== round.state) throw conflict('evaluation.state', 'id', { state: stateLabel(locked?.state ?? round.state) });
    await tx.update(evaluationRounds).set({
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.templates !== undefined ? { templates: input.templates } : {}),
      ...(input.tiers !== undefined ? { tiers: input.tiers } : {}),
      ...next,
      ...(input.weights !== undefined ? { weightSelf: input.weights.self, weightMass: input.weights.mass, weightOrg: input.weights.org } : {}),
      ...(input.advancedQuotaPercent !== undefined ? { advancedQuotaPercent: input.advancedQuotaPercent } : {}),
      ...(input.evaluatorIds !== undefined ? { evaluatorIds: input.evaluatorIds } : {}),
      updatedAt: new Date(),
    }).where(sql`county_id = ${actor.countyId}::uuid and id = ${id}::uuid`);
    await appendAudit(tx, byActor(actor, { action: 'evaluation.roundUpdate', entity: ROUND_ENTITY, entityId: id, orgPath: round.orgPath, detail: { before, changes: input } }));
  });
  return getRound(db, actor, id);
}

// ---------------------------------------------------------------------------------------------------------
// lifecycle

const NEXT: Partial<Record<RoundState, RoundState>> = Object.fromEntries(ROUND_STATES.slice(0, -1).map((s, i) => [s, ROUND_STATES[i + 1]]));

/** Creates the targets of a round opening its self stage: the topmost orgs of the chosen tiers and sectors below the scope. */
async function createTargets(tx: DbOrTx, countyId: string, round: RoundRow): Promise<number> {
  const rows = rowsOf<{ n: number }>(await tx.execute(sql`
    with tpl as (
      select x->>'sector' as sector, (x->>'templateId')::uuid as template_id from jsonb_array_elements(${JSON.stringify(round.templates)}::jsonb) x
    ), candidates as (
      select o.id, o.path, o.sector, tpl.template_id
        from orgs o join tpl on tpl.sector = o.sector
       where o.county_id = ${countyId}::uuid and o.archived_at is null and o.path <@ ${round.orgPath}::ltree and o.id <> ${round.orgId}::uuid
         and o.tier = any(${`{${round.tiers.join(',')}}`}::text[])
    ), ins as (
      insert into evaluation_targets (county_id, round_id, org_id, org_path, sector, template_id)
      select ${countyId}::uuid, ${round.id}::uuid, c.id, c.path, c.sector, c.template_id
        from candidates c
       -- a branch or group inside an evaluated village is part of it, not a target of its own
       where not exists (select 1 from candidates a where a.path @> c.path and a.id <> c.id)
      returning 1
    )
    select count(*)::int as n from ins`));
  return Number(rows[0]?.n ?? 0);
}

/** Moves a round one step on (only to the next state); each move in one transaction, audited. */
export async function advanceRound(db: Db, actor: Actor, id: string, input: AdvanceRoundInput): Promise<RoundView> {
  const round = await managedRoundRow(db, actor, id);
  if (NEXT[round.state] !== input.to) throw conflict('evaluation.state', 'to', { state: stateLabel(round.state) });
  const c = actor.countyId;
  await db.transaction(async (tx) => {
    const r = (await loadRoundRow(tx, c, id, true))!;
    if (r.state !== round.state) throw conflict('evaluation.state', 'to', { state: stateLabel(r.state) });
    const detail: Record<string, unknown> = { from: r.state, to: input.to };
    const setState = (extra: SQL = sql``) => tx.execute(sql`
      update evaluation_rounds set state = ${input.to}, updated_at = now() ${extra} where county_id = ${c}::uuid and id = ${id}::uuid`);
    if (input.to === 'self') {
      const problems = await setupProblems(tx, actor, { templates: r.templates as { sector: OrgSector; templateId: string }[] });
      if (problems.length) throw problemsError(problems);
      const n = await createTargets(tx, c, r);
      if (n === 0) throw new AppError('evaluation.noTargets', 422, {}, { tiers: 'evaluation.noTargets' });
      await tx.execute(sql`
        -- the time as a parameter: Citus refuses a non-IMMUTABLE function (now()) inside COALESCE in an UPDATE
        update evaluation_templates set locked_at = coalesce(locked_at, ${new Date().toISOString()}::timestamptz), updated_at = now()
         where county_id = ${c}::uuid and id = any(${uuids(r.templates.map((t) => t.templateId))}::uuid[])`);
      await setState();
      await recomputeScores(tx, c, id);
      detail.targets = n;
    } else if (input.to === 'massOrg') {
      await setState();
      await recomputeScores(tx, c, id);
    } else if (input.to === 'review') {
      // the last live computation, then frozen: from now on only the explicit recompute replaces it
      await recomputeScores(tx, c, id);
      await setState(sql`, snapshot_at = now()`);
      await tx.execute(sql`
        update evaluation_targets set mass_detail = coalesce(mass_detail, '{}'::jsonb) || '{"frozen": true}'::jsonb
         where county_id = ${c}::uuid and round_id = ${id}::uuid`);
      detail.snapshot = true;
    } else if (input.to === 'published') {
      const missing = rowsOf<{ name: string; self: boolean; org: boolean; mass: boolean }>(await tx.execute(sql`
        select o.name, t.self_submitted_at is not null as self, t.org_submitted_at is not null as org, t.mass_score is not null as mass
          from evaluation_targets t join orgs o on o.county_id = ${c}::uuid and o.id = t.org_id
         where t.county_id = ${c}::uuid and t.round_id = ${id}::uuid
           and (t.self_submitted_at is null or t.org_submitted_at is null or t.mass_score is null)
         order by t.org_path`));
      if (missing.length) {
        const what = (m: (typeof missing)[number]) => `${m.name}（${[!m.self && '未提交自评', !m.org && '未提交组织考评', !m.mass && '无群众测评数据'].filter(Boolean).join('、')}）`;
        const orgs = missing.slice(0, 20).map(what).join('；') + (missing.length > 20 ? ` 等 ${missing.length} 个组织` : '');
        throw new AppError('evaluation.incomplete', 422, { orgs }, { to: 'evaluation.incomplete' });
      }
      await recomputeScores(tx, c, id);
      const today = shanghaiToday();
      const contestUntil = addWorkdays(today, await policyValue(tx, c, 'evaluation.contestWorkingDays'), await countyCalendar(tx, c));
      await tx.execute(sql`update evaluation_targets set grade = proposed_grade where county_id = ${c}::uuid and round_id = ${id}::uuid`);
      await setState(sql`, published_at = now(), published_by = ${actor.userId}::uuid, publisher_name = ${actor.displayName}, contest_until = ${contestUntil}::date`);
      const grades = rowsOf<{ grade: Grade | null; n: number }>(await tx.execute(sql`
        select grade, count(*)::int as n from evaluation_targets where county_id = ${c}::uuid and round_id = ${id}::uuid group by grade`));
      Object.assign(detail, { contestUntil, grades: Object.fromEntries(grades.map((g) => [g.grade ?? 'none', Number(g.n)])) });
    } else if (input.to === 'final') {
      const [p] = rowsOf<{ n: number }>(await tx.execute(sql`
        select count(*)::int as n from evaluation_contests where county_id = ${c}::uuid and round_id = ${id}::uuid and state = 'pending'`));
      if (Number(p?.n ?? 0) > 0) throw conflict('evaluation.contestsPending', 'to', { count: Number(p!.n) });
      await setState(sql`, finalized_at = now(), finalized_by = ${actor.userId}::uuid`);
    }
    await appendAudit(tx, byActor(actor, { action: 'evaluation.advance', entity: ROUND_ENTITY, entityId: id, orgPath: r.orgPath, detail }));
  });
  return getRound(db, actor, id);
}

// ---------------------------------------------------------------------------------------------------------
// the review table

const SORTS: Record<NonNullable<ListTargetsQuery['sort']>, SQL> = {
  rank: sql`t.rank asc nulls last, o.code`,
  final: sql`t.final_score desc nulls last, o.code`,
  self: sql`t.self_score desc nulls last, o.code`,
  mass: sql`t.mass_score desc nulls last, o.code`,
  org: sql`t.org_score desc nulls last, o.code`,
  name: sql`o.name, o.code`,
};

export async function targetRows(db: DbOrTx, actor: Actor, round: RoundRow, q: ListTargetsQuery = {}): Promise<TargetRow[]> {
  const c = actor.countyId;
  const rows = rowsOf<Record<string, unknown>>(await db.execute(sql`
    select t.org_id, o.name as org_name, o.code as org_code, t.org_path::text as org_path, tw.id as township_id, tw.name as township_name,
           t.sector, t.template_id, t.self_submitted_at, t.org_submitted_at, t.self_score, t.mass_score, t.org_score, t.final_score,
           t.veto, t.ungradable, t.proposed_grade, t.grade, t.rank,
           (select count(*) from evaluation_contests x
             where x.county_id = ${c}::uuid and x.round_id = t.round_id and x.org_id = t.org_id and x.state = 'pending')::int as pending,
           (select x.id from rectifications x where x.county_id = ${c}::uuid and x.round_id = t.round_id and x.org_id = t.org_id) as rectification_id
      from evaluation_targets t
      join orgs o on o.county_id = ${c}::uuid and o.id = t.org_id
      left join lateral (
        select w.id, w.name from orgs w
         where w.county_id = ${c}::uuid and w.tier = 'township' and w.path @> t.org_path
         order by nlevel(w.path) limit 1
      ) tw on true
     where t.county_id = ${c}::uuid and t.round_id = ${round.id}::uuid and ${scopeFilter(actor, sql`t.org_path`)}
       ${q.townshipId ? sql`and tw.id = ${q.townshipId}::uuid` : sql``}
       ${q.sector ? sql`and t.sector = ${q.sector}` : sql``}
       ${q.grade ? sql`and coalesce(t.grade, t.proposed_grade) = ${q.grade}` : sql``}
     order by ${SORTS[q.sort ?? 'rank']}`));
  const previous = await previousGrades(db, c, round.year - 1, rows.map((r) => r.org_id as string));
  const iso = (d: unknown) => (d == null ? null : new Date(d as string).toISOString());
  return rows.map((r) => {
    const grade = (r.grade as Grade | null) ?? null;
    const previousGrade = previous.get(r.org_id as string) ?? null;
    return {
      orgId: r.org_id as string, orgName: r.org_name as string, orgPath: r.org_path as string,
      townshipId: (r.township_id as string | null) ?? null, townshipName: (r.township_name as string | null) ?? null,
      sector: r.sector as TargetRow['sector'], templateId: r.template_id as string,
      selfSubmittedAt: iso(r.self_submitted_at), orgSubmittedAt: iso(r.org_submitted_at),
      selfScore: num(r.self_score), massScore: num(r.mass_score), orgScore: num(r.org_score), finalScore: num(r.final_score),
      veto: Boolean(r.veto), ungradable: (r.ungradable as string | null) ?? null,
      proposedGrade: (r.proposed_grade as Grade | null) ?? null, grade, rank: r.rank == null ? null : Number(r.rank),
      previousGrade, gradeChange: gradeChange(grade, previousGrade),
      contestsPending: Number(r.pending ?? 0), rectificationId: (r.rectification_id as string | null) ?? null,
    };
  });
}

async function targetList(db: DbOrTx, actor: Actor, round: RoundRow, q: ListTargetsQuery = {}): Promise<TargetList> {
  const [at] = rowsOf<{ at: string | Date | null }>(await db.execute(sql`
    select max(computed_at) as at from evaluation_targets where county_id = ${actor.countyId}::uuid and round_id = ${round.id}::uuid`));
  const computedAt = round.snapshotAt ?? (at?.at ? new Date(at.at) : null);
  return { items: await targetRows(db, actor, round, q), computedAt: computedAt ? new Date(computedAt).toISOString() : null };
}

export async function listTargets(db: DbOrTx, actor: Actor, id: string, q: ListTargetsQuery): Promise<TargetList> {
  return targetList(db, actor, await visibleRoundRow(db, actor, id), q);
}

/** Refreshes the live computed values and every score (before the review only). */
export async function computeRound(db: Db, actor: Actor, id: string): Promise<TargetList> {
  const round = await managedRoundRow(db, actor, id);
  if (round.snapshotAt !== null) throw conflict('evaluation.snapshotFrozen', 'id');
  if (!BEFORE_REVIEW.includes(round.state)) throw conflict('evaluation.state', 'id', { state: stateLabel(round.state) });
  await db.transaction(async (tx) => {
    const r = (await loadRoundRow(tx, actor.countyId, id, true))!;
    if (r.snapshotAt !== null) throw conflict('evaluation.snapshotFrozen', 'id');
    await recomputeScores(tx, actor.countyId, id);
    const [n] = rowsOf<{ n: number }>(await tx.execute(sql`
      select count(*)::int as n from evaluation_targets where county_id = ${actor.countyId}::uuid and round_id = ${id}::uuid`));
    await appendAudit(tx, byActor(actor, { action: 'evaluation.compute', entity: ROUND_ENTITY, entityId: id, orgPath: round.orgPath, detail: { targets: Number(n?.n ?? 0) } }));
  });
  return targetList(db, actor, (await loadRoundRow(db, actor.countyId, id))!);
}

// ---------------------------------------------------------------------------------------------------------
// the explicit recompute after the snapshot

/** The differences of fresh values against the stored snapshot: every computed indicator and the mass score. */
async function differencesOf(db: DbOrTx, countyId: string, round: RoundRow, fresh: Fresh): Promise<{ differences: RecomputeDifference[]; unchanged: number }> {
  const targets = await roundTargets(db, countyId, round.id);
  const names = new Map(targets.map((t) => [t.orgId, t.name]));
  const indicators = await templateIndicators(db, countyId, [...new Set(targets.map((t) => t.templateId))]);
  const indName = new Map([...indicators.values()].flat().map((i) => [i.id, i]));
  const stored = new Map(rowsOf<{ org_id: string; indicator_id: string; value: string | null; numerator: string; denominator: number; points: string }>(await db.execute(sql`
    select org_id, indicator_id, value, numerator, denominator, points from evaluation_metric_values
     where county_id = ${countyId}::uuid and round_id = ${round.id}::uuid`)).map((r) => [`${r.org_id}|${r.indicator_id}`, r]));
  const storedMass = new Map(rowsOf<{ org_id: string; mass_score: string | null; mass_detail: Record<string, unknown> | null }>(await db.execute(sql`
    select org_id, mass_score, mass_detail from evaluation_targets where county_id = ${countyId}::uuid and round_id = ${round.id}::uuid`)).map((r) => [r.org_id, r]));
  const differences: RecomputeDifference[] = [];
  let unchanged = 0;
  for (const v of fresh.values) {
    const s = stored.get(`${v.orgId}|${v.indicatorId}`);
    const same = s && num(s.value) === v.value && Number(s.numerator) === v.numerator && Number(s.denominator) === v.denominator && Number(s.points) === v.points;
    if (same) { unchanged++; continue; }
    const ind = indName.get(v.indicatorId);
    differences.push({
      orgId: v.orgId, orgName: names.get(v.orgId) ?? '', indicatorId: v.indicatorId, indicatorName: ind ? `${ind.code} ${ind.name}` : '',
      before: s ? Number(s.points) : null, after: v.points, beforeDenominator: s ? Number(s.denominator) : null, afterDenominator: v.denominator,
    });
  }
  for (const m of fresh.mass) {
    const s = storedMass.get(m.orgId);
    const before = num(s?.mass_score);
    const d = (s?.mass_detail ?? {}) as Record<string, unknown>;
    const beforeCount = s?.mass_detail ? Number(d.surveyAnswers ?? 0) + Number(d.ratings ?? 0) : null;
    const afterCount = Number(m.detail.surveyAnswers ?? 0) + Number(m.detail.ratings ?? 0);
    if (before === m.score && beforeCount === afterCount) { unchanged++; continue; }
    differences.push({
      orgId: m.orgId, orgName: names.get(m.orgId) ?? '', indicatorId: null, indicatorName: '群众测评',
      before, after: m.score, beforeDenominator: beforeCount, afterDenominator: afterCount,
    });
  }
  return { differences, unchanged };
}

const RECOMPUTE_STATES: readonly RoundState[] = ['review', 'published'];

async function recomputable(db: DbOrTx, actor: Actor, id: string): Promise<RoundRow> {
  const round = await managedRoundRow(db, actor, id);
  if (!RECOMPUTE_STATES.includes(round.state) || round.snapshotAt === null) throw conflict('evaluation.state', 'id', { state: stateLabel(round.state) });
  return round;
}

/** Computes fresh values WITHOUT writing and shows what would change; the token pins what was shown. */
export async function previewRecompute(db: DbOrTx, actor: Actor, id: string): Promise<RecomputePreview> {
  const round = await recomputable(db, actor, id);
  const fresh = await freshComputed(db, actor.countyId, round, await roundTargets(db, actor.countyId, id));
  const { differences, unchanged } = await differencesOf(db, actor.countyId, round, fresh);
  return { differences, unchanged, computedAt: fresh.computedAt.toISOString(), token: freshToken(fresh) };
}

/** Replaces the snapshot with fresh values when they are still what the preview showed (409 snapshotChanged otherwise). */
export async function applyRecompute(db: Db, actor: Actor, id: string, input: ApplyRecomputeInput): Promise<TargetList> {
  await recomputable(db, actor, id);
  await db.transaction(async (tx) => {
    const round = (await loadRoundRow(tx, actor.countyId, id, true))!;
    if (!RECOMPUTE_STATES.includes(round.state)) throw conflict('evaluation.state', 'id', { state: stateLabel(round.state) });
    const fresh = await freshComputed(tx, actor.countyId, round, await roundTargets(tx, actor.countyId, id));
    if (freshToken(fresh) !== input.token) throw conflict('evaluation.snapshotChanged', 'token');
    const { differences, unchanged } = await differencesOf(tx, actor.countyId, round, fresh);
    const before = rowsOf<{ org_id: string; final_score: string | null; grade: string | null }>(await tx.execute(sql`
      select org_id, final_score, coalesce(grade, proposed_grade) as grade from evaluation_targets where county_id = ${actor.countyId}::uuid and round_id = ${id}::uuid`));
    await replaceSnapshot(tx, actor.countyId, id, fresh);
    const after = new Map(rowsOf<{ org_id: string; final_score: string | null; grade: string | null }>(await tx.execute(sql`
      select org_id, final_score, coalesce(grade, proposed_grade) as grade from evaluation_targets where county_id = ${actor.countyId}::uuid and round_id = ${id}::uuid`)).map((r) => [r.org_id, r]));
    const scores = before.filter((b) => num(b.final_score) !== num(after.get(b.org_id)?.final_score) || b.grade !== after.get(b.org_id)?.grade)
      .map((b) => ({ orgId: b.org_id, finalBefore: num(b.final_score), finalAfter: num(after.get(b.org_id)?.final_score), gradeBefore: b.grade, gradeAfter: after.get(b.org_id)?.grade ?? null }));
    await appendAudit(tx, byActor(actor, {
      action: 'evaluation.recompute', entity: ROUND_ENTITY, entityId: id, orgPath: round.orgPath,
      detail: { differences: differences.slice(0, 500), differenceCount: differences.length, unchanged, scores: scores.slice(0, 500), token: input.token },
    }));
  });
  return targetList(db, actor, (await loadRoundRow(db, actor.countyId, id))!);
}

export { visibleRoundRow };
