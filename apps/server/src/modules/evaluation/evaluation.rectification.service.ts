// 软弱涣散整顿 (F19; 篇一 三 "“后进”的作为软弱涣散党组织进行整顿转化"): each org graded lagging in a published or
// final round gets a plan — problems (pre-filled from its weakest indicators and its veto events), measures, a
// responsible person, a deadline in working days (policy evaluation.rectificationWorkingDays) — then progress notes
// by the org, re-checks by the township or the county (passed / not yet), closed (销号) by a passed re-check.
//
// Who: the plan is made and changed from above (a township for its villages, the county: rectification.write and
// the org strictly below the caller's scope root); progress is noted by the org itself or above; a re-check only
// from above. Everything outside the caller's scope is 404.
import { sql, type SQL } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type {
  AddRectificationNoteInput, CreateRectificationInput, FileMeta, Grade, ListRectificationsQuery, RecheckResult, RectificationDraft,
  RectificationList, RectificationView, UpdateRectificationInput,
} from '@jiceng/contract';
import { rowsOf, type Db, type DbOrTx } from '../../db/client.js';
import { belowScopeRoot, can, inScope, scopeFilter, type Actor } from '../../platform/access/access.js';
import { appendAudit, byActor } from '../../platform/audit/audit.service.js';
import { AppError, conflict, notFound, unprocessable } from '../../platform/http/errors.js';
import { policyValue } from '../../platform/policy/policy.service.js';
import { countyCalendar } from '../../platform/calendar/calendar.service.js';
import { addWorkdays } from '../../platform/calendar/working-days.js';
import { shanghaiToday } from '../../platform/calendar/today.js';
import { decodeUpload, readFile, saveFile } from '../../platform/files/files.service.js';
import { round2, scoreSheet, type SheetContestInput, type SheetEntryInput, type SheetIndicatorInput } from './evaluation.rules.js';
import { rectificationNotes, rectifications } from './evaluation.tables.js';

export const RECTIFICATION_ENTITY = 'rectification';
export const NOTE_FILE_ENTITY = 'rectificationNote';

interface TargetRow {
  round_id: string; round_title: string; year: number; state: string; org_id: string; org_name: string; org_path: string;
  template_id: string; grade: Grade | null; final_score: number | string | null;
}

async function targetOf(db: DbOrTx, countyId: string, roundId: string, orgId: string): Promise<TargetRow | undefined> {
  const [t] = rowsOf<TargetRow>(await db.execute(sql`
    select t.round_id, r.title as round_title, r.year, r.state, t.org_id, o.name as org_name, t.org_path::text as org_path, t.template_id,
           t.grade, t.final_score
      from evaluation_targets t
      join evaluation_rounds r on r.county_id = ${countyId}::uuid and r.id = t.round_id
      join orgs o on o.county_id = ${countyId}::uuid and o.id = t.org_id
     where t.county_id = ${countyId}::uuid and t.round_id = ${roundId}::uuid and t.org_id = ${orgId}::uuid`));
  return t;
}

/** The target in the caller's scope, else 404 (a target outside it does not exist for them). */
async function visibleTarget(db: DbOrTx, actor: Actor, roundId: string, orgId: string): Promise<TargetRow> {
  const t = await targetOf(db, actor.countyId, roundId, orgId);
  if (!t || !inScope(actor, t.org_path)) throw notFound();
  return t;
}

/** Plans are made, changed and re-checked from above: the org strictly below the caller's scope root. */
const fromAbove = (actor: Actor, path: string) => can(actor, 'rectification.write') && belowScopeRoot(actor, path);

// ---- the draft: weakest indicators and veto events ----

interface IndicatorPointsRow { id: string; name: string; position: number; method: 'computed' | 'evidence' | 'veto'; maxPoints: number; orgPoints: number }

/**
 * Every indicator of one target with its org-stage points (a changed contest's points where decided), by the rules'
 * scoreSheet over the stored computed points (live or the snapshot), the standing entries and the contests; and the
 * standing veto events.
 */
export async function targetIndicatorPoints(db: DbOrTx, countyId: string, roundId: string, orgId: string, templateId: string)
  : Promise<{ indicators: IndicatorPointsRow[]; vetoes: { indicatorId: string; indicatorName: string; reason: string }[] }> {
  const inds = rowsOf<{ id: string; name: string; position: number; method: 'computed' | 'evidence' | 'veto'; max_points: string | number; base_points: string | number | null }>(await db.execute(sql`
    select id, name, position, method, max_points, base_points from evaluation_indicators
     where county_id = ${countyId}::uuid and template_id = ${templateId}::uuid order by position, code`));
  const computed = rowsOf<{ indicator_id: string; points: string | number }>(await db.execute(sql`
    select indicator_id, points from evaluation_metric_values where county_id = ${countyId}::uuid and round_id = ${roundId}::uuid and org_id = ${orgId}::uuid`));
  const entries = rowsOf<{ indicator_id: string; stage: 'self' | 'org'; kind: 'adjust' | 'veto'; delta: string | number | null; withdrawn: boolean; reason: string; created_at: Date | string }>(await db.execute(sql`
    select indicator_id, stage, kind, delta, withdrawn_at is not null as withdrawn, reason, created_at from evaluation_entries
     where county_id = ${countyId}::uuid and round_id = ${roundId}::uuid and org_id = ${orgId}::uuid order by created_at, id`));
  const contests = rowsOf<{ indicator_id: string; state: 'pending' | 'upheld' | 'changed'; new_points: string | number | null; decided_at: Date | string | null }>(await db.execute(sql`
    select indicator_id, state, new_points, decided_at from evaluation_contests
     where county_id = ${countyId}::uuid and round_id = ${roundId}::uuid and org_id = ${orgId}::uuid`));
  const num = (x: string | number | null) => (x === null ? null : Number(x));
  const sheetInds: SheetIndicatorInput[] = inds.map((i) => ({ id: i.id, method: i.method, maxPoints: Number(i.max_points), basePoints: num(i.base_points) }));
  const sheetEntries: SheetEntryInput[] = entries.map((e) => ({ indicatorId: e.indicator_id, stage: e.stage, kind: e.kind, delta: num(e.delta), withdrawn: e.withdrawn }));
  const sheetContests: SheetContestInput[] = contests.map((c) => ({
    indicatorId: c.indicator_id, state: c.state, newPoints: num(c.new_points), decidedAt: c.decided_at === null ? null : new Date(c.decided_at).getTime(),
  }));
  const sheet = scoreSheet(sheetInds, new Map(computed.map((c) => [c.indicator_id, Number(c.points)])), sheetEntries, sheetContests);
  const names = new Map(inds.map((i) => [i.id, i.name]));
  const vetoed = new Set([...sheet.points].filter(([, p]) => p.vetoed).map(([id]) => id));
  return {
    indicators: inds.map((i) => {
      const p = sheet.points.get(i.id)!;
      return { id: i.id, name: i.name, position: i.position, method: i.method, maxPoints: Number(i.max_points), orgPoints: p.contested ?? p.org };
    }),
    vetoes: entries
      .filter((e) => e.kind === 'veto' && e.stage === 'org' && !e.withdrawn && vetoed.has(e.indicator_id))
      .map((e) => ({ indicatorId: e.indicator_id, indicatorName: names.get(e.indicator_id) ?? '', reason: e.reason })),
  };
}

const fmt = (x: number) => String(round2(x));

/**
 * The weakest indicators first: the lowest share of points (org-stage points / max points; veto indicators carry no
 * points and are left out), ties by the template's order; `count` of them (policy evaluation.weakestIndicators).
 */
export function weakestProblems(indicators: readonly IndicatorPointsRow[], count: number): { text: string; indicatorId: string }[] {
  return indicators
    .filter((i) => i.maxPoints > 0)
    .map((i) => ({ i, share: i.orgPoints / i.maxPoints }))
    .sort((a, b) => a.share - b.share || a.i.position - b.i.position)
    .slice(0, count)
    .map(({ i }) => ({ text: `${i.name}：得分 ${fmt(i.orgPoints)} / 满分 ${fmt(i.maxPoints)}`, indicatorId: i.id }));
}

async function currentSecretary(db: DbOrTx, countyId: string, orgId: string, today: string): Promise<{ id: string; name: string } | null> {
  const [s] = rowsOf<{ id: string; name: string }>(await db.execute(sql`
    select m.id, m.name from member_positions p
      join members m on m.county_id = ${countyId}::uuid and m.id = p.member_id and m.archived_at is null
     where p.county_id = ${countyId}::uuid and p.org_id = ${orgId}::uuid and p.kind = 'secretary'
       and p.started_on <= ${today}::date and (p.ended_on is null or p.ended_on >= ${today}::date)
     order by p.started_on desc, p.id limit 1`));
  return s ?? null;
}

async function draftFor(db: DbOrTx, countyId: string, t: TargetRow): Promise<RectificationDraft> {
  const { indicators, vetoes } = await targetIndicatorPoints(db, countyId, t.round_id, t.org_id, t.template_id);
  const count = await policyValue(db, countyId, 'evaluation.weakestIndicators');
  const days = await policyValue(db, countyId, 'evaluation.rectificationWorkingDays');
  const today = shanghaiToday();
  const secretary = await currentSecretary(db, countyId, t.org_id, today);
  return {
    problems: [
      ...vetoes.map((v) => ({ text: `${v.indicatorName}（一票否决）：${v.reason}`, indicatorId: v.indicatorId })),
      ...weakestProblems(indicators, count),
    ],
    dueOn: addWorkdays(today, days, await countyCalendar(db, countyId)),
    responsibleName: secretary?.name ?? null,
    responsibleMemberId: secretary?.id ?? null,
  };
}

export async function rectificationDraft(db: DbOrTx, actor: Actor, q: { roundId: string; orgId: string }): Promise<RectificationDraft> {
  const t = await visibleTarget(db, actor, q.roundId, q.orgId);
  return draftFor(db, actor.countyId, t);
}

// ---- views ----

interface RectRow {
  id: string; round_id: string; round_title: string; year: number; org_id: string; org_name: string; org_path: string; township_name: string | null;
  final_score: string | number | null; grade: Grade | null; problems: { text: string; indicatorId?: string | null }[]; measures: string[];
  responsible_name: string; responsible_member_id: string | null; due_on: string; state: 'open' | 'closed'; closed_at: Date | string | null;
  created_at: Date | string; last_recheck: RecheckResult | null;
}

async function rectRows(db: DbOrTx, actor: Actor, where: SQL): Promise<RectRow[]> {
  const c = actor.countyId;
  return rowsOf<RectRow>(await db.execute(sql`
    select x.id, x.round_id, r.title as round_title, r.year, x.org_id, o.name as org_name, x.org_path::text as org_path,
           (select tw.name from orgs tw where tw.county_id = ${c}::uuid and tw.tier = 'township' and x.org_path <@ tw.path order by nlevel(tw.path) limit 1) as township_name,
           t.final_score, t.grade, x.problems, x.measures, x.responsible_name, x.responsible_member_id, x.due_on::text as due_on, x.state, x.closed_at, x.created_at,
           (select n.result from rectification_notes n where n.county_id = ${c}::uuid and n.rectification_id = x.id and n.kind = 'recheck'
             order by n.created_at desc, n.id desc limit 1) as last_recheck
      from rectifications x
      join evaluation_rounds r on r.county_id = ${c}::uuid and r.id = x.round_id
      join evaluation_targets t on t.county_id = ${c}::uuid and t.round_id = x.round_id and t.org_id = x.org_id
      join orgs o on o.county_id = ${c}::uuid and o.id = x.org_id
     where x.county_id = ${c}::uuid and ${scopeFilter(actor, sql`x.org_path`)} and ${where}
     order by r.year desc, x.state, x.due_on, x.org_path
     limit 5000`));
}

type NoteView = RectificationView['notes'][number];

async function notesOf(db: DbOrTx, countyId: string, ids: string[]): Promise<Map<string, NoteView[]>> {
  const out = new Map<string, NoteView[]>();
  if (!ids.length) return out;
  const rows = rowsOf<{ id: string; rectification_id: string; kind: 'progress' | 'recheck'; result: RecheckResult | null; text: string; file_id: string | null;
    created_by_name: string; created_at: Date | string; f_name: string | null; f_mime: string | null; f_size: number | null; f_sha256: string | null; f_created_at: Date | string | null }>(await db.execute(sql`
    select n.id, n.rectification_id, n.kind, n.result, n.text, n.file_id, n.created_by_name, n.created_at,
           f.name as f_name, f.mime as f_mime, f.size as f_size, f.sha256 as f_sha256, f.created_at as f_created_at
      from rectification_notes n
      left join files f on f.county_id = ${countyId}::uuid and f.id = n.file_id and f.entity = ${NOTE_FILE_ENTITY} and f.entity_id = n.id
     where n.county_id = ${countyId}::uuid and n.rectification_id = any(${`{${ids.join(',')}}`}::uuid[])
     order by n.created_at, n.id`));
  for (const n of rows) {
    const file: FileMeta | null = n.file_id && n.f_name ? {
      id: n.file_id, name: n.f_name, mime: n.f_mime as FileMeta['mime'], size: Number(n.f_size), sha256: n.f_sha256!, createdAt: new Date(n.f_created_at!).toISOString(),
    } : null;
    const list = out.get(n.rectification_id) ?? [];
    list.push({ id: n.id, kind: n.kind, result: n.result, text: n.text, file, createdByName: n.created_by_name, createdAt: new Date(n.created_at).toISOString() });
    out.set(n.rectification_id, list);
  }
  return out;
}

const view = (r: RectRow, notes: NoteView[], today: string): RectificationView => ({
  id: r.id, roundId: r.round_id, roundTitle: r.round_title, year: Number(r.year), orgId: r.org_id, orgName: r.org_name, townshipName: r.township_name,
  finalScore: r.final_score === null ? null : Number(r.final_score), grade: r.grade,
  problems: r.problems.map((p) => ({ text: p.text, indicatorId: p.indicatorId ?? null })),
  measures: r.measures, responsibleName: r.responsible_name, responsibleMemberId: r.responsible_member_id,
  dueOn: r.due_on, overdue: r.state === 'open' && r.due_on < today, state: r.state,
  closedAt: r.closed_at === null ? null : new Date(r.closed_at).toISOString(), lastRecheck: r.last_recheck,
  notes, createdAt: new Date(r.created_at).toISOString(),
});

export async function getRectification(db: DbOrTx, actor: Actor, id: string): Promise<RectificationView> {
  const [r] = await rectRows(db, actor, sql`x.id = ${id}::uuid`);
  if (!r) throw notFound();
  return view(r, (await notesOf(db, actor.countyId, [r.id])).get(r.id) ?? [], shanghaiToday());
}

/** The board: plans in the caller's scope, newest round first, open before closed, by deadline. */
export async function listRectifications(db: DbOrTx, actor: Actor, q: ListRectificationsQuery): Promise<RectificationList> {
  let township: string | null = null;
  if (q.townshipId) {
    const [o] = rowsOf<{ path: string }>(await db.execute(sql`select path::text as path from orgs where county_id = ${actor.countyId}::uuid and id = ${q.townshipId}::uuid`));
    if (!o) throw notFound();
    township = o.path;
  }
  const rows = await rectRows(db, actor, sql`true
    ${q.roundId ? sql`and x.round_id = ${q.roundId}::uuid` : sql``}
    ${q.state ? sql`and x.state = ${q.state}` : sql``}
    ${township ? sql`and x.org_path <@ ${township}::ltree` : sql``}`);
  const notes = await notesOf(db, actor.countyId, rows.map((r) => r.id));
  const today = shanghaiToday();
  return { items: rows.map((r) => view(r, notes.get(r.id) ?? [], today)) };
}

// ---- writes ----

async function checkResponsible(db: DbOrTx, countyId: string, memberId: string | undefined, orgPath: string): Promise<void> {
  if (!memberId) return;
  const [m] = rowsOf<{ ok: boolean }>(await db.execute(sql`
    select org_path <@ ${orgPath}::ltree as ok from members where county_id = ${countyId}::uuid and id = ${memberId}::uuid and archived_at is null`));
  if (!m?.ok) throw unprocessable('rectification.responsible', 'responsibleMemberId');
}

async function checkProblems(db: DbOrTx, countyId: string, templateId: string, problems: readonly { indicatorId?: string | null }[] | undefined): Promise<void> {
  if (!problems) return;
  const ids = new Set(rowsOf<{ id: string }>(await db.execute(sql`
    select id from evaluation_indicators where county_id = ${countyId}::uuid and template_id = ${templateId}::uuid`)).map((r) => r.id));
  problems.forEach((p, i) => {
    if (p.indicatorId && !ids.has(p.indicatorId)) throw unprocessable('rectification.problemIndicator', `problems.${i}.indicatorId`);
  });
}

/** A plan for an org graded lagging in a published or final round; one per round and org. */
export async function createRectification(db: Db, actor: Actor, input: CreateRectificationInput): Promise<RectificationView> {
  const c = actor.countyId;
  const t = await visibleTarget(db, actor, input.roundId, input.orgId);
  if (!fromAbove(actor, t.org_path)) throw new AppError('rectification.above', 403);
  if (!['published', 'final'].includes(t.state) || t.grade !== 'lagging') throw unprocessable('rectification.notLagging', 'orgId');
  const [dup] = rowsOf<{ id: string }>(await db.execute(sql`
    select id from rectifications where county_id = ${c}::uuid and round_id = ${t.round_id}::uuid and org_id = ${t.org_id}::uuid`));
  if (dup) throw conflict('rectification.exists', 'orgId');
  await checkResponsible(db, c, input.responsibleMemberId, t.org_path);
  await checkProblems(db, c, t.template_id, input.problems);
  const draft = input.problems && input.dueOn ? null : await draftFor(db, c, t);
  const problems = input.problems ?? draft!.problems;
  const dueOn = input.dueOn ?? draft!.dueOn;
  const id = uuidv7();
  await db.transaction(async (tx) => {
    await tx.insert(rectifications).values({
      countyId: c, id, roundId: t.round_id, orgId: t.org_id, orgPath: t.org_path,
      problems: problems.map((p) => ({ text: p.text, indicatorId: p.indicatorId ?? null })), measures: input.measures,
      responsibleName: input.responsibleName, responsibleMemberId: input.responsibleMemberId ?? null, dueOn, createdBy: actor.userId,
    });
    await appendAudit(tx, byActor(actor, {
      action: 'rectification.create', entity: RECTIFICATION_ENTITY, entityId: id, orgPath: t.org_path,
      detail: { round: t.round_title, org: t.org_name, problems: problems.length, measures: input.measures.length, responsibleName: input.responsibleName, dueOn },
    }));
  });
  return getRectification(db, actor, id);
}

interface OwnRow { id: string; org_path: string; org_name: string; state: 'open' | 'closed'; problems: unknown; measures: string[]; responsible_name: string; due_on: string; template_id: string }
async function ownRect(db: DbOrTx, actor: Actor, id: string): Promise<OwnRow> {
  const [r] = rowsOf<OwnRow>(await db.execute(sql`
    select x.id, x.org_path::text as org_path, o.name as org_name, x.state, x.problems, x.measures, x.responsible_name, x.due_on::text as due_on, t.template_id
      from rectifications x
      join orgs o on o.county_id = ${actor.countyId}::uuid and o.id = x.org_id
      join evaluation_targets t on t.county_id = ${actor.countyId}::uuid and t.round_id = x.round_id and t.org_id = x.org_id
     where x.county_id = ${actor.countyId}::uuid and x.id = ${id}::uuid`));
  if (!r || !inScope(actor, r.org_path)) throw notFound();
  return r;
}

export async function updateRectification(db: Db, actor: Actor, id: string, input: UpdateRectificationInput): Promise<RectificationView> {
  const c = actor.countyId;
  const r = await ownRect(db, actor, id);
  if (!fromAbove(actor, r.org_path)) throw new AppError('rectification.above', 403);
  if (r.state === 'closed') throw conflict('rectification.closed', 'state');
  await checkProblems(db, c, r.template_id, input.problems);
  const problems = input.problems?.map((p) => ({ text: p.text, indicatorId: p.indicatorId ?? null }));
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      update rectifications set
        problems = coalesce(${problems ? JSON.stringify(problems) : null}::jsonb, problems),
        measures = coalesce(${input.measures ? JSON.stringify(input.measures) : null}::jsonb, measures),
        responsible_name = coalesce(${input.responsibleName ?? null}, responsible_name),
        due_on = coalesce(${input.dueOn ?? null}::date, due_on),
        updated_at = now()
       where county_id = ${c}::uuid and id = ${id}::uuid`);
    await appendAudit(tx, byActor(actor, {
      action: 'rectification.update', entity: RECTIFICATION_ENTITY, entityId: id, orgPath: r.org_path,
      detail: { org: r.org_name, before: { problems: r.problems, measures: r.measures, responsibleName: r.responsible_name, dueOn: r.due_on }, changes: input },
    }));
  });
  return getRectification(db, actor, id);
}

/**
 * A progress note (the org itself or above) or a re-check (from above only: 403 rectification.recheckBy) with its
 * result; a passed re-check closes the plan (销号). Nothing is added to a closed plan.
 */
export async function addRectificationNote(db: Db, actor: Actor, id: string, input: AddRectificationNoteInput): Promise<RectificationView> {
  const c = actor.countyId;
  const r = await ownRect(db, actor, id);
  if (input.kind === 'recheck' && !fromAbove(actor, r.org_path)) throw new AppError('rectification.recheckBy', 403);
  if ((input.kind === 'recheck') !== (input.result !== undefined)) throw unprocessable('rectification.result', 'result');
  if (r.state === 'closed') throw conflict('rectification.closed', 'state');
  const data = input.file ? decodeUpload(input.file, 'file') : null;
  const noteId = uuidv7();
  const closes = input.kind === 'recheck' && input.result === 'passed';
  await db.transaction(async (tx) => {
    const file = input.file && data ? await saveFile(tx, c, { entity: NOTE_FILE_ENTITY, entityId: noteId }, input.file, data, actor.userId) : null;
    await tx.insert(rectificationNotes).values({
      countyId: c, id: noteId, rectificationId: id, kind: input.kind, result: input.result ?? null, text: input.text, fileId: file?.id ?? null,
      createdBy: actor.userId, createdByName: actor.displayName,
    });
    if (closes) {
      await tx.execute(sql`update rectifications set state = 'closed', closed_at = now(), updated_at = now() where county_id = ${c}::uuid and id = ${id}::uuid and state = 'open'`);
    } else {
      await tx.execute(sql`update rectifications set updated_at = now() where county_id = ${c}::uuid and id = ${id}::uuid`);
    }
    await appendAudit(tx, byActor(actor, {
      action: input.kind === 'recheck' ? 'rectification.recheck' : 'rectification.progress', entity: RECTIFICATION_ENTITY, entityId: id, orgPath: r.org_path,
      detail: { org: r.org_name, noteId, result: input.result ?? null, closed: closes, file: file ? { name: file.name, sha256: file.sha256 } : null },
    }));
  });
  return getRectification(db, actor, id);
}

/** A note's photo or PDF, for whoever may see the plan. */
export async function noteFile(db: DbOrTx, actor: Actor, id: string, noteId: string, fileId: string) {
  await ownRect(db, actor, id);
  const [n] = rowsOf<{ id: string }>(await db.execute(sql`
    select id from rectification_notes where county_id = ${actor.countyId}::uuid and rectification_id = ${id}::uuid and id = ${noteId}::uuid`));
  if (!n) throw notFound();
  return readFile(db, actor.countyId, NOTE_FILE_ENTITY, noteId, fileId);
}
