// 承诺践诺、党员示范岗、党员责任区 (issue 10 part 7; 篇五(8) 深入开展党员示范岗、党员责任区、党员承诺践诺等活动;
// 篇二 三 3 公开承诺制): a member's or an org's commitments for a year, progress notes, the year-end assessment
// (践诺评价, final), the public notice board of a village (村务公开栏) and members' posts with the households or
// the area they cover.
//
// Who assesses (践诺评价): an account with duty.write whose scope contains the commitment's org — for an org's own
// commitment strictly above that org (a village cadre does not assess the village's own commitment, the township
// does) — never the member themself; only from 1 December of the commitment's year (Asia/Shanghai).
// For the phone helper: myCommitments(db, actor, { year }) and addMyNote(db, actor, id, input) take a member's own
// login (actor.memberId) and reach only that member's commitments (others are 404).
import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import {
  COMMITMENT_ASSESSMENT_LABELS, COMMITMENT_ASSESSMENT_OPENS, MEMBER_POST_KIND_LABELS,
  type AssessCommitmentInput, type CommitmentDetail, type CommitmentList, type CommitmentNoteView, type CommitmentView,
  type CreateCommitmentInput, type CreateCommitmentNoteInput, type CreateMemberPostInput, type ListCommitmentsQuery,
  type ListMemberPostsQuery, type MemberPostList, type MemberPostView, type MyCommitmentList, type PublicCommitmentBoard,
  type UpdateCommitmentInput, type UpdateMemberPostInput,
} from '@jiceng/contract';
import { rowsOf, type Db, type DbOrTx } from '../../db/client.js';
import { commitmentNotes, commitments, memberPosts } from './duties.tables.js';
import { orgs } from '../orgs/orgs.tables.js';
import { members } from '../members/members.tables.js';
import { households } from '../grids/grids.tables.js';
import { unitOf } from '../cases/cases.service.js';
import { belowScopeRoot, can, inScope, isWithin, scopeFilter, type Actor } from '../../platform/access/access.js';
import { assertExportPurpose } from '../../platform/access/masking.js';
import { appendAudit, byActor } from '../../platform/audit/audit.service.js';
import { AppError, conflict, notFound, problemsError, unprocessable, type FieldProblem } from '../../platform/http/errors.js';
import { shanghaiToday } from '../../platform/calendar/today.js';
import { writeSheet, type StyledColumn } from '../imports/xlsx.js';

export const COMMITMENT_ENTITY = 'commitment';
export const MEMBER_POST_ENTITY = 'memberPost';

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const pad = (n: number) => String(n).padStart(2, '0');

/** The first day of a year's 践诺评价 (YYYY-MM-DD, Asia/Shanghai). */
export const assessmentOpensOn = (year: number) => `${year}-${pad(COMMITMENT_ASSESSMENT_OPENS.month)}-${pad(COMMITMENT_ASSESSMENT_OPENS.day)}`;
/** The first instant of it: 00:00 Asia/Shanghai of that day (the server runs in UTC). */
export const assessmentOpensAt = (year: number) =>
  new Date(Date.UTC(year, COMMITMENT_ASSESSMENT_OPENS.month - 1, COMMITMENT_ASSESSMENT_OPENS.day) - SHANGHAI_OFFSET_MS);

/** May this actor assess this commitment (who, not when)? From above, never one's own. */
export function isAssessor(actor: Actor, c: { orgPath: string; memberId: string | null }): boolean {
  if (!can(actor, 'duty.write')) return false;
  if (actor.memberId && actor.memberId === c.memberId) return false;
  // an org does not assess its own commitment: the account must sit strictly above it
  return c.memberId === null ? belowScopeRoot(actor, c.orgPath) : inScope(actor, c.orgPath);
}

interface OrgRow { id: string; name: string; path: string; tier: 'county' | 'township' | 'village'; archivedAt: Date | null }

async function orgById(db: DbOrTx, countyId: string, id: string): Promise<OrgRow | undefined> {
  const [o] = await db.select({ id: orgs.id, name: orgs.name, path: sql<string>`${orgs.path}::text`, tier: orgs.tier, archivedAt: orgs.archivedAt }).from(orgs)
    .where(and(eq(orgs.countyId, countyId), eq(orgs.id, id)));
  return o;
}

/** `?orgId=` of a list: the org's subtree (404 outside the caller's scope); none → the caller's whole scope. */
async function subtree(db: DbOrTx, actor: Actor, orgId: string | undefined): Promise<OrgRow | null> {
  if (!orgId) return null;
  const o = await orgById(db, actor.countyId, orgId);
  if (!o || !inScope(actor, o.path)) throw notFound();
  return o;
}

interface MemberRow { id: string; name: string; orgId: string; path: string; archivedAt: Date | null }

async function memberById(db: DbOrTx, countyId: string, id: string): Promise<MemberRow | undefined> {
  const [m] = await db.select({ id: members.id, name: members.name, orgId: members.orgId, path: sql<string>`${members.orgPath}::text`, archivedAt: members.archivedAt })
    .from(members).where(and(eq(members.countyId, countyId), eq(members.id, id)));
  return m;
}

// ---------------------------------------------------------------------------------------------------------
// Commitments (承诺践诺)

type CommitmentRow = typeof commitments.$inferSelect;

async function commitmentRows(db: DbOrTx, countyId: string, where: SQL, page: { limit: number; offset: number } = { limit: 1, offset: 0 }) {
  return db.select({
    c: commitments, path: sql<string>`${commitments.orgPath}::text`, orgName: orgs.name, memberName: members.name,
    notesCount: sql<number>`(select count(*)::int from commitment_notes n where n.county_id = ${countyId}::uuid and n.commitment_id = ${commitments.id})`,
  }).from(commitments)
    .innerJoin(orgs, and(eq(orgs.countyId, countyId), eq(orgs.countyId, commitments.countyId), eq(orgs.id, commitments.orgId)))
    .leftJoin(members, and(eq(members.countyId, countyId), eq(members.countyId, commitments.countyId), eq(members.id, commitments.memberId)))
    .where(where)
    .orderBy(desc(commitments.year), asc(commitments.orgPath), sql`${commitments.memberId} is not null`, asc(members.name), asc(commitments.id))
    .limit(page.limit).offset(page.offset);
}

function toView(actor: Actor, r: { c: CommitmentRow; path: string; orgName: string; memberName: string | null; notesCount: number }, now: number): CommitmentView {
  const { c } = r;
  return {
    id: c.id, year: c.year, orgId: c.orgId, orgName: r.orgName, memberId: c.memberId, memberName: r.memberName, items: c.items, public: c.public,
    notesCount: Number(r.notesCount), assessment: c.assessment, assessmentNote: c.assessmentNote, assessorName: c.assessorName,
    assessedAt: c.assessedAt?.toISOString() ?? null,
    canAssess: c.assessment === null && now >= assessmentOpensAt(c.year).getTime() && isAssessor(actor, { orgPath: r.path, memberId: c.memberId }),
    createdAt: c.createdAt.toISOString(), updatedAt: c.updatedAt.toISOString(),
  };
}

async function notesOf(db: DbOrTx, countyId: string, ids: string[]): Promise<Map<string, CommitmentNoteView[]>> {
  const by = new Map<string, CommitmentNoteView[]>();
  if (ids.length === 0) return by;
  const rows = await db.select().from(commitmentNotes)
    .where(and(eq(commitmentNotes.countyId, countyId), inArray(commitmentNotes.commitmentId, ids)))
    .orderBy(asc(commitmentNotes.notedOn), asc(commitmentNotes.createdAt));
  for (const n of rows) {
    by.set(n.commitmentId, [...(by.get(n.commitmentId) ?? []), { id: n.id, notedOn: n.notedOn, text: n.text, authorName: n.authorName, createdAt: n.createdAt.toISOString() }]);
  }
  return by;
}

const visibleCommitment = (actor: Actor, id: string) => and(eq(commitments.countyId, actor.countyId), eq(commitments.id, id), scopeFilter(actor, commitments.orgPath))!;
const ownCommitment = (actor: Actor, id: string) =>
  and(eq(commitments.countyId, actor.countyId), eq(commitments.id, id), actor.memberId ? eq(commitments.memberId, actor.memberId) : sql`false`)!;

async function detail(db: DbOrTx, actor: Actor, where: SQL, now: number): Promise<CommitmentDetail> {
  const [r] = await commitmentRows(db, actor.countyId, where);
  if (!r) throw notFound();
  const notes = await notesOf(db, actor.countyId, [r.c.id]);
  return { ...toView(actor, r, now), notes: notes.get(r.c.id) ?? [] };
}

export const getCommitment = (db: DbOrTx, actor: Actor, id: string, now = Date.now()) => detail(db, actor, visibleCommitment(actor, id), now);

function listWhere(actor: Actor, root: OrgRow | null, q: Omit<ListCommitmentsQuery, 'limit' | 'offset'>): SQL {
  return and(
    eq(commitments.countyId, actor.countyId), scopeFilter(actor, commitments.orgPath),
    root ? sql`${commitments.orgPath} <@ ${root.path}::ltree` : undefined,
    q.year ? eq(commitments.year, q.year) : undefined,
    q.memberId ? eq(commitments.memberId, q.memberId) : undefined,
    q.assessment === 'pending' ? isNull(commitments.assessment) : q.assessment ? eq(commitments.assessment, q.assessment) : undefined,
  )!;
}

export async function listCommitments(db: Db, actor: Actor, q: ListCommitmentsQuery, now = Date.now()): Promise<CommitmentList> {
  const root = await subtree(db, actor, q.orgId);
  const where = listWhere(actor, root, q);
  const [rows, [count]] = await Promise.all([
    commitmentRows(db, actor.countyId, where, { limit: q.limit ?? 200, offset: q.offset ?? 0 }),
    db.select({ n: sql<number>`count(*)::int` }).from(commitments).where(where),
  ]);
  return { items: rows.map((r) => toView(actor, r, now)), total: Number(count?.n ?? 0) };
}

/** One commitment per member per year, one per org per year (an org's own: member null). */
async function assertNoDuplicate(tx: DbOrTx, countyId: string, year: number, orgId: string, memberId: string | null): Promise<void> {
  // serialises two concurrent creations of the same (year, member/org)
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`commitment:${countyId}:${year}:${memberId ?? orgId}`}))`);
  const [dup] = await tx.select({ id: commitments.id }).from(commitments).where(and(
    eq(commitments.countyId, countyId), eq(commitments.year, year),
    memberId ? eq(commitments.memberId, memberId) : and(isNull(commitments.memberId), eq(commitments.orgId, orgId)),
  )).limit(1);
  if (dup) throw conflict('commitment.duplicate', memberId ? 'memberId' : 'orgId');
}

export async function createCommitment(db: Db, actor: Actor, input: CreateCommitmentInput, now = Date.now()): Promise<CommitmentDetail> {
  const problems: FieldProblem[] = [];
  const o = await orgById(db, actor.countyId, input.orgId);
  if (!o || o.archivedAt || !inScope(actor, o.path)) problems.push({ field: 'orgId', code: 'commitment.org' });
  let m: MemberRow | undefined;
  if (input.memberId) {
    m = await memberById(db, actor.countyId, input.memberId);
    if (!m || m.archivedAt || !o || !isWithin(m.path, o.path) || !inScope(actor, m.path)) problems.push({ field: 'memberId', code: 'commitment.member' });
  }
  if (problems.length > 0 || !o) throw problemsError(problems);
  // a member's commitment belongs to the member's own org (branch or group); an org's own to that org
  const owner = m ? { id: m.orgId, path: m.path } : { id: o.id, path: o.path };
  const id = uuidv7();
  await db.transaction(async (tx) => {
    await assertNoDuplicate(tx, actor.countyId, input.year, owner.id, m?.id ?? null);
    await tx.insert(commitments).values({
      countyId: actor.countyId, id, year: input.year, memberId: m?.id ?? null, orgId: owner.id, orgPath: owner.path, items: input.items,
      public: input.public ?? true, createdBy: actor.userId,
    });
    await appendAudit(tx, byActor(actor, {
      action: 'commitment.create', entity: COMMITMENT_ENTITY, entityId: id, orgPath: owner.path,
      detail: { year: input.year, memberId: m?.id ?? null, memberName: m?.name ?? null, items: input.items.length, public: input.public ?? true },
    }));
  });
  return getCommitment(db, actor, id, now);
}

async function loadForChange(db: DbOrTx, actor: Actor, id: string) {
  // row lock: two concurrent assessments (or an edit racing an assessment) run one after the other
  const [c] = await db.select({ c: commitments, path: sql<string>`${commitments.orgPath}::text` }).from(commitments).where(visibleCommitment(actor, id)).for('update');
  if (!c) throw notFound();
  return c;
}

export async function updateCommitment(db: Db, actor: Actor, id: string, input: UpdateCommitmentInput, now = Date.now()): Promise<CommitmentDetail> {
  await db.transaction(async (tx) => {
    const { c, path } = await loadForChange(tx, actor, id);
    if (c.assessment) throw conflict('commitment.assessed', 'items');
    await tx.update(commitments).set({
      ...(input.items ? { items: input.items } : {}), ...(input.public !== undefined ? { public: input.public } : {}), updatedAt: new Date(),
    }).where(and(eq(commitments.countyId, actor.countyId), eq(commitments.id, id)));
    await appendAudit(tx, byActor(actor, {
      action: 'commitment.update', entity: COMMITMENT_ENTITY, entityId: id, orgPath: path,
      detail: { ...(input.items ? { itemsBefore: c.items, items: input.items } : {}), ...(input.public !== undefined ? { public: input.public } : {}) },
    }));
  });
  return getCommitment(db, actor, id, now);
}

async function insertNote(db: Db, actor: Actor, where: SQL, input: CreateCommitmentNoteInput, now: number): Promise<string> {
  const today = shanghaiToday(now);
  if (input.notedOn && input.notedOn > today) throw unprocessable('commitment.noteFuture', 'notedOn');
  let commitmentId = '';
  await db.transaction(async (tx) => {
    const [c] = await tx.select({ id: commitments.id, assessment: commitments.assessment, path: sql<string>`${commitments.orgPath}::text` }).from(commitments).where(where).for('update');
    if (!c) throw notFound();
    if (c.assessment) throw conflict('commitment.assessed', 'text');
    commitmentId = c.id;
    const noteId = uuidv7();
    await tx.insert(commitmentNotes).values({
      countyId: actor.countyId, id: noteId, commitmentId: c.id, notedOn: input.notedOn ?? today, text: input.text, createdBy: actor.userId, authorName: actor.displayName,
    });
    await tx.update(commitments).set({ updatedAt: new Date() }).where(and(eq(commitments.countyId, actor.countyId), eq(commitments.id, c.id)));
    await appendAudit(tx, byActor(actor, {
      action: 'commitment.note', entity: COMMITMENT_ENTITY, entityId: c.id, orgPath: c.path, detail: { noteId, notedOn: input.notedOn ?? today, self: !!actor.memberId },
    }));
  });
  return commitmentId;
}

/** A progress note by a cadre of the area. */
export async function addNote(db: Db, actor: Actor, id: string, input: CreateCommitmentNoteInput, now = Date.now()): Promise<CommitmentDetail> {
  await insertNote(db, actor, visibleCommitment(actor, id), input, now);
  return getCommitment(db, actor, id, now);
}

/** A progress note by the member's own login, on their own commitment only. */
export async function addMyNote(db: Db, actor: Actor, id: string, input: CreateCommitmentNoteInput, now = Date.now()): Promise<CommitmentDetail> {
  await insertNote(db, actor, ownCommitment(actor, id), input, now);
  return detail(db, actor, ownCommitment(actor, id), now);
}

export async function myCommitments(db: Db, actor: Actor, q: { year?: number | undefined }, now = Date.now()): Promise<MyCommitmentList> {
  if (!actor.memberId) return { items: [] };
  const rows = await commitmentRows(db, actor.countyId, and(
    eq(commitments.countyId, actor.countyId), eq(commitments.memberId, actor.memberId), q.year ? eq(commitments.year, q.year) : undefined,
  )!, { limit: 100, offset: 0 });
  const notes = await notesOf(db, actor.countyId, rows.map((r) => r.c.id));
  return { items: rows.map((r) => ({ ...toView(actor, r, now), notes: notes.get(r.c.id) ?? [] })) };
}

/** 践诺评价: once, final, at year end, from above. `now` is the clock (tests pass the instant they mean). */
export async function assessCommitment(db: Db, actor: Actor, id: string, input: AssessCommitmentInput, now = Date.now()): Promise<CommitmentDetail> {
  await db.transaction(async (tx) => {
    const { c, path } = await loadForChange(tx, actor, id);
    if (c.assessment) throw conflict('commitment.assessed', 'assessment');
    if (!isAssessor(actor, { orgPath: path, memberId: c.memberId })) throw new AppError('commitment.assessor', 403);
    if (now < assessmentOpensAt(c.year).getTime()) throw unprocessable('commitment.tooEarly', 'assessment', { day: assessmentOpensOn(c.year) });
    const at = new Date(now);
    await tx.update(commitments).set({
      assessment: input.assessment, assessmentNote: input.note ?? null, assessedBy: actor.userId, assessorName: actor.displayName, assessedAt: at, updatedAt: at,
    }).where(and(eq(commitments.countyId, actor.countyId), eq(commitments.id, id), isNull(commitments.assessment)));
    await appendAudit(tx, byActor(actor, {
      action: 'commitment.assess', entity: COMMITMENT_ENTITY, entityId: id, orgPath: path,
      detail: { year: c.year, memberId: c.memberId, assessment: input.assessment, ...(input.note ? { note: input.note } : {}) },
    }));
  });
  return getCommitment(db, actor, id, now);
}

const zh = (labels: Record<string, { 'zh-CN': string }>, code: string | null) => (code ? (labels[code]?.['zh-CN'] ?? code) : '');
const time = (iso: string | null) => (iso ? new Date(new Date(iso).getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ') : '');

const COMMITMENT_COLUMNS: StyledColumn[] = [
  { header: '年度', width: 8 }, { header: '组织', width: 28 }, { header: '承诺人', width: 12 }, { header: '承诺事项', width: 60 },
  { header: '公开', width: 6 }, { header: '进展记录', width: 8 }, { header: '践诺评价', width: 10 }, { header: '评价意见', width: 30 },
  { header: '评价人', width: 12 }, { header: '评价时间', width: 17 },
];

export async function exportCommitments(db: Db, actor: Actor, { purpose, ...q }: Omit<ListCommitmentsQuery, 'limit' | 'offset'> & { purpose?: string }): Promise<Buffer> {
  const root = await subtree(db, actor, q.orgId);
  const where = listWhere(actor, root, q);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(commitments).where(and(where, sql`${commitments.memberId} is not null`));
  // the rows name members: a bulk export states its purpose
  await assertExportPurpose(db, actor.countyId, Number(count?.n ?? 0), purpose);
  const out: (string | number | null)[][] = [];
  const pageSize = 1000;
  for (let offset = 0; ; offset += pageSize) {
    const rows = await commitmentRows(db, actor.countyId, where, { limit: pageSize, offset });
    for (const r of rows) {
      const v = toView(actor, r, Date.now());
      out.push([
        v.year, v.orgName, v.memberName ?? '（组织承诺）', v.items.map((x, i) => `${i + 1}. ${x}`).join('\n'), v.public ? '是' : '否', v.notesCount,
        zh(COMMITMENT_ASSESSMENT_LABELS, v.assessment), v.assessmentNote ?? '', v.assessorName ?? '', time(v.assessedAt),
      ]);
    }
    if (rows.length < pageSize) break;
  }
  await db.transaction((tx) => appendAudit(tx, byActor(actor, {
    action: 'export.commitments', entity: 'export', orgPath: actor.scope[0] ?? null, detail: { filters: q, rows: out.length, ...(purpose?.trim() ? { purpose: purpose.trim() } : {}) },
  })));
  return writeSheet('承诺践诺', COMMITMENT_COLUMNS, out);
}

// ---------------------------------------------------------------------------------------------------------
// The public notice board (村务公开栏): public commitments of a village's subtree, names only

export async function publicBoard(db: Db, q: { countyId: string; orgId: string; year?: number | undefined }, now = Date.now()): Promise<PublicCommitmentBoard> {
  const o = await orgById(db, q.countyId, q.orgId);
  if (!o || o.archivedAt || o.tier === 'county') throw unprocessable('portal.org', 'orgId');
  const year = q.year ?? Number(shanghaiToday(now).slice(0, 4));
  const res = await db.execute(sql`
    select c.id, o.name as "orgName", m.name as "memberName", c.items, c.assessment,
           (select count(*)::int from commitment_notes n where n.county_id = ${q.countyId}::uuid and n.commitment_id = c.id) as "notesCount"
      from commitments c
      join orgs o on o.county_id = ${q.countyId}::uuid and o.id = c.org_id
      left join members m on m.county_id = ${q.countyId}::uuid and m.id = c.member_id
     where c.county_id = ${q.countyId}::uuid and c.org_path <@ ${o.path}::ltree and c.year = ${year} and c.public
       and (c.member_id is null or m.archived_at is null)
     order by c.org_path, c.member_id is not null, m.name, c.id`);
  const items = rowsOf<{ id: string; orgName: string; memberName: string | null; items: string[]; assessment: CommitmentView['assessment']; notesCount: number }>(res)
    .map((r) => ({ id: r.id, orgName: r.orgName, memberName: r.memberName, items: r.items, notesCount: Number(r.notesCount), assessment: r.assessment }));
  return { orgId: o.id, orgName: o.name, year, items };
}

// ---------------------------------------------------------------------------------------------------------
// Posts (党员示范岗、党员责任区)

/** Households (ids) that are not live households of the member's village. */
async function householdsOutside(db: DbOrTx, countyId: string, memberPath: string, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const village = (await unitOf(db, countyId, memberPath, 'village')) ?? (await unitOf(db, countyId, memberPath, 'township'));
  const root = village?.path ?? memberPath;
  const found = await db.select({ id: households.id }).from(households).where(and(
    eq(households.countyId, countyId), inArray(households.id, ids), isNull(households.archivedAt), sql`${households.orgPath} <@ ${root}::ltree`,
  ));
  const ok = new Set(found.map((h) => h.id));
  return ids.filter((id) => !ok.has(id));
}

function postProblems(kind: string, householdIds: string[], area: string | null, outside: string[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (outside.length) problems.push({ field: 'householdIds', code: 'memberPost.households', params: { ids: outside.join('、') } });
  if (kind === 'responsibilityArea' && householdIds.length === 0 && !area) problems.push({ field: 'area', code: 'memberPost.areaRequired' });
  return problems;
}

export async function createPost(db: Db, actor: Actor, input: CreateMemberPostInput, now = Date.now()): Promise<MemberPostView> {
  const m = await memberById(db, actor.countyId, input.memberId);
  if (!m || m.archivedAt || !inScope(actor, m.path)) throw problemsError([{ field: 'memberId', code: 'memberPost.member' }]);
  const householdIds = [...new Set(input.householdIds ?? [])];
  const problems = postProblems(input.kind, householdIds, input.area ?? null, await householdsOutside(db, actor.countyId, m.path, householdIds));
  if (problems.length) throw problemsError(problems);
  const id = uuidv7();
  await db.transaction(async (tx) => {
    await tx.insert(memberPosts).values({
      countyId: actor.countyId, id, memberId: m.id, orgId: m.orgId, orgPath: m.path, kind: input.kind, title: input.title,
      description: input.description ?? null, area: input.area ?? null, householdIds, startedOn: input.startedOn, createdBy: actor.userId,
    });
    await appendAudit(tx, byActor(actor, {
      action: 'memberPost.create', entity: MEMBER_POST_ENTITY, entityId: id, orgPath: m.path,
      detail: { memberId: m.id, memberName: m.name, kind: input.kind, title: input.title, households: householdIds.length, startedOn: input.startedOn },
    }));
  });
  return getPost(db, actor, id, now);
}

export async function updatePost(db: Db, actor: Actor, id: string, input: UpdateMemberPostInput, now = Date.now()): Promise<MemberPostView> {
  const [p] = await db.select({ p: memberPosts, path: sql<string>`${memberPosts.orgPath}::text` }).from(memberPosts)
    .where(and(eq(memberPosts.countyId, actor.countyId), eq(memberPosts.id, id), scopeFilter(actor, memberPosts.orgPath)));
  if (!p) throw notFound();
  const householdIds = input.householdIds ? [...new Set(input.householdIds)] : p.p.householdIds;
  const area = input.area !== undefined ? input.area : p.p.area;
  const endedOn = input.endedOn !== undefined ? input.endedOn : p.p.endedOn;
  const outside = input.householdIds ? await householdsOutside(db, actor.countyId, p.path, householdIds) : [];
  const problems = postProblems(p.p.kind, householdIds, area, outside);
  if (endedOn && endedOn < p.p.startedOn) problems.push({ field: 'endedOn', code: 'memberPost.endedBeforeStart' });
  if (problems.length) throw problemsError(problems);
  await db.transaction(async (tx) => {
    await tx.update(memberPosts).set({
      ...(input.title ? { title: input.title } : {}), ...(input.description !== undefined ? { description: input.description } : {}),
      area, householdIds, endedOn,
    }).where(and(eq(memberPosts.countyId, actor.countyId), eq(memberPosts.id, id)));
    await appendAudit(tx, byActor(actor, {
      action: 'memberPost.update', entity: MEMBER_POST_ENTITY, entityId: id, orgPath: p.path,
      detail: { changed: Object.keys(input), ...(input.endedOn !== undefined ? { endedOn: input.endedOn } : {}), households: householdIds.length },
    }));
  });
  return getPost(db, actor, id, now);
}

async function postViews(db: DbOrTx, countyId: string, where: SQL, now: number): Promise<MemberPostView[]> {
  const rows = await db.select({ p: memberPosts, memberName: members.name, orgName: orgs.name }).from(memberPosts)
    .innerJoin(members, and(eq(members.countyId, countyId), eq(members.countyId, memberPosts.countyId), eq(members.id, memberPosts.memberId)))
    .innerJoin(orgs, and(eq(orgs.countyId, countyId), eq(orgs.countyId, memberPosts.countyId), eq(orgs.id, memberPosts.orgId)))
    .where(where).orderBy(asc(memberPosts.orgPath), asc(memberPosts.kind), asc(members.name), asc(memberPosts.id)).limit(2000);
  const ids = [...new Set(rows.flatMap((r) => r.p.householdIds))];
  const hs = ids.length
    ? await db.select({ id: households.id, address: households.address, headName: households.headName }).from(households)
      .where(and(eq(households.countyId, countyId), inArray(households.id, ids)))
    : [];
  const byId = new Map(hs.map((h) => [h.id, h]));
  const today = shanghaiToday(now);
  return rows.map(({ p, memberName, orgName }) => ({
    id: p.id, memberId: p.memberId, memberName, orgId: p.orgId, orgName, kind: p.kind, title: p.title, description: p.description, area: p.area,
    households: p.householdIds.flatMap((h) => (byId.has(h) ? [byId.get(h)!] : [])), startedOn: p.startedOn, endedOn: p.endedOn,
    current: p.startedOn <= today && (p.endedOn === null || p.endedOn >= today), createdAt: p.createdAt.toISOString(),
  }));
}

export async function getPost(db: DbOrTx, actor: Actor, id: string, now = Date.now()): Promise<MemberPostView> {
  const [p] = await postViews(db, actor.countyId, and(eq(memberPosts.countyId, actor.countyId), eq(memberPosts.id, id), scopeFilter(actor, memberPosts.orgPath))!, now);
  if (!p) throw notFound();
  return p;
}

async function postWhere(db: Db, actor: Actor, q: ListMemberPostsQuery, now: number): Promise<SQL> {
  const root = await subtree(db, actor, q.orgId);
  const today = shanghaiToday(now);
  return and(
    eq(memberPosts.countyId, actor.countyId), scopeFilter(actor, memberPosts.orgPath),
    root ? sql`${memberPosts.orgPath} <@ ${root.path}::ltree` : undefined,
    q.kind ? eq(memberPosts.kind, q.kind) : undefined,
    q.memberId ? eq(memberPosts.memberId, q.memberId) : undefined,
    q.current === true ? sql`${memberPosts.startedOn} <= ${today}::date and (${memberPosts.endedOn} is null or ${memberPosts.endedOn} >= ${today}::date)` : undefined,
    q.current === false ? sql`(${memberPosts.endedOn} < ${today}::date or ${memberPosts.startedOn} > ${today}::date)` : undefined,
  )!;
}

export async function listPosts(db: Db, actor: Actor, q: ListMemberPostsQuery, now = Date.now()): Promise<MemberPostList> {
  return { items: await postViews(db, actor.countyId, await postWhere(db, actor, q, now), now) };
}

const POST_COLUMNS: StyledColumn[] = [
  { header: '类别', width: 12 }, { header: '党员', width: 12 }, { header: '组织', width: 28 }, { header: '岗位(责任区)名称', width: 24 },
  { header: '职责', width: 30 }, { header: '责任区范围', width: 24 }, { header: '联系户', width: 40 }, { header: '开始日期', width: 12 },
  { header: '结束日期', width: 12 }, { header: '在岗', width: 6 },
];

export async function exportPosts(db: Db, actor: Actor, { purpose, ...q }: ListMemberPostsQuery & { purpose?: string }): Promise<Buffer> {
  const now = Date.now();
  const items = await postViews(db, actor.countyId, await postWhere(db, actor, q, now), now);
  await assertExportPurpose(db, actor.countyId, items.length, purpose);
  const rows = items.map((p) => [
    zh(MEMBER_POST_KIND_LABELS, p.kind), p.memberName, p.orgName, p.title, p.description ?? '', p.area ?? '',
    p.households.map((h) => `${h.address}（${h.headName}）`).join('；'), p.startedOn, p.endedOn ?? '', p.current ? '是' : '否',
  ]);
  await db.transaction((tx) => appendAudit(tx, byActor(actor, {
    action: 'export.memberPosts', entity: 'export', orgPath: actor.scope[0] ?? null, detail: { filters: q, rows: rows.length, ...(purpose?.trim() ? { purpose: purpose.trim() } : {}) },
  })));
  return writeSheet('党员示范岗与责任区', POST_COLUMNS, rows);
}
