// 志愿服务记录 (F14, 篇二 7; issue 10 part 1): a member's shift at a village service centre — the member's own
// village or a village paired with the member's org (or its village) on that day (the places GET
// /api/me/volunteer-places offers, checked on the day of the service). Logged by the member (phone:
// POST /api/sync type volunteerRecord, or POST /api/me/volunteer-records) or by a cadre for them (desk), confirmed
// (审核) by a cadre of the place, never by the account that logged it nor by the member.
//
// THE COUNTING RULE (compliance and every other reader use it, through `countingVolunteerRecords` / `volunteerCounts`):
// a record counts when it is confirmed and no confirmed record corrects it (corrects_id). A confirmed record is never
// changed; a correction is a new record, and the old one stops counting only once the correction is confirmed.
// Hours = minutes / 60; a record belongs to the Asia/Shanghai day of its start (served_on).
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import {
  DUTY_LIMITS, FIELDWORK_LIMITS, MEMBER_STATUS_LABELS, VOLUNTEER_STATE_LABELS, isSelfRole,
  type CreateVolunteerRecordInput, type ExportVolunteerRecordsQuery, type FileMeta, type FileUpload, type ListVolunteerRecordsQuery,
  type MyVolunteerRecords, type SyncVolunteerRecordPayload, type VolunteerRecordDetail, type VolunteerRecordList, type VolunteerRecordView, type VolunteerPlace,
} from '@jiceng/contract';
import { rowsOf, type Db, type DbOrTx } from '../../db/client.js';
import { volunteerRecords } from './duties.tables.js';
import { orgs } from '../orgs/orgs.tables.js';
import { files } from '../../platform/files/files.tables.js';
import { unitOf } from '../cases/cases.service.js';
import { can, inScope, scopeFilter, type Actor } from '../../platform/access/access.js';
import { appendAudit, byActor } from '../../platform/audit/audit.service.js';
import { AppError, conflict, notFound, problemsError, type FieldProblem } from '../../platform/http/errors.js';
import { checkUpload, readFile, saveFile } from '../../platform/files/files.service.js';
import { shanghaiDay } from '../../platform/calendar/working-days.js';
import { assertExportPurpose } from '../../platform/access/masking.js';
import { writeSheet, type StyledColumn } from '../imports/xlsx.js';

export const VOLUNTEER_ENTITY = 'volunteerRecord';
/** a phone's clock may run a little ahead */
const CLOCK_SKEW_MS = 5 * 60_000;
const MAX_SPAN_MS = 24 * 3_600_000;

const ALIAS = /^[a-z_][a-z0-9_]*$/;

/**
 * The counting rule as a condition on a volunteer_records row aliased `alias`: confirmed, and not superseded by a
 * confirmed correction. The subquery repeats county_id (Citus: it stays on the county's shard).
 */
export function volunteerCounts(countyId: string, alias = 'r'): SQL {
  if (!ALIAS.test(alias)) throw new Error(`bad alias ${alias}`);
  const r = sql.raw(alias);
  // `corrects_id is not null` changes nothing logically; it lets a hash anti-join read only the corrections
  // (volunteer_corrects_idx) instead of every confirmed record (bench duties-compliance: 550 → 265 ms on PostgreSQL)
  return sql`(${r}.state = 'confirmed' and not exists (select 1 from volunteer_records vc where vc.county_id = ${countyId}::uuid and vc.corrects_id = ${r}.id and vc.state = 'confirmed' and vc.corrects_id is not null))`;
}

/**
 * The records that count, as a subquery with every column of volunteer_records (county_id, member_id, served_on,
 * minutes, org_path, member_org_path …): `select member_id, sum(minutes) from ${countingVolunteerRecords(c)} v where …`.
 */
export function countingVolunteerRecords(countyId: string): SQL {
  return sql`(select r.* from volunteer_records r where r.county_id = ${countyId}::uuid and ${volunteerCounts(countyId, 'r')})`;
}

const hoursOf = (minutes: number) => Math.round((minutes / 60) * 100) / 100;
const iso = (col: string) => sql.raw(`to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);
const hhmm = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(11, 16);

/** Who may see a record: the member's own login its own records; cadres by the member's org or by the place. */
function visibleFilter(actor: Actor): SQL {
  if (isSelfRole(actor.role)) return actor.memberId ? sql`r.member_id = ${actor.memberId}::uuid` : sql`false`;
  return sql`(${scopeFilter(actor, sql`r.member_org_path`)} or ${scopeFilter(actor, sql`r.org_path`)})`;
}

/** The caller's account phone: a cadre whose phone is the member's is taken for that member (their own record). */
async function actorPhone(db: DbOrTx, actor: Actor): Promise<string | null> {
  const [u] = rowsOf<{ phone: string | null }>(await db.execute(sql`select phone from users where county_id = ${actor.countyId}::uuid and id = ${actor.userId}::uuid`));
  return u?.phone ?? null;
}

/** SQL: may the caller confirm or reject row r (m = its member) now? */
function canReviewSql(actor: Actor, phone: string | null): SQL {
  if (!can(actor, 'volunteer.confirm')) return sql`false`;
  return sql`(r.state = 'pending' and ${scopeFilter(actor, sql`r.org_path`)} and r.created_by <> ${actor.userId}::uuid
    ${actor.memberId ? sql`and r.member_id <> ${actor.memberId}::uuid` : sql``}
    ${phone ? sql`and (m.phone is null or m.phone <> ${phone})` : sql``})`;
}

function canCorrectSql(actor: Actor): SQL {
  const writer = isSelfRole(actor.role)
    ? (actor.memberId ? sql`r.member_id = ${actor.memberId}::uuid` : sql`false`)
    : can(actor, 'duty.write') ? scopeFilter(actor, sql`r.member_org_path`) : sql`false`;
  return sql`(r.state = 'confirmed' and m.archived_at is null and ${writer} and not exists (select 1 from volunteer_records vx where vx.county_id = ${actor.countyId}::uuid and vx.corrects_id = r.id and vx.state <> 'rejected'))`;
}

interface Row {
  id: string; memberId: string; memberName: string; memberStatus: VolunteerRecordView['memberStatus']; memberOrgName: string;
  orgId: string; orgName: string; pairingId: string | null; pairingName: string | null; activityId: string | null; activityTitle: string | null;
  servedOn: string; startsAt: string; endsAt: string; minutes: number; place: string; content: string; state: VolunteerRecordView['state'];
  source: VolunteerRecordView['source']; correctsId: string | null; correctedById: string | null; superseded: boolean; canReview: boolean; canCorrect: boolean;
  reviewerName: string | null; reviewedAt: string | null; rejectReason: string | null; createdByName: string; createdAt: string;
}

function fromSql(actor: Actor): SQL {
  const c = actor.countyId;
  return sql`from volunteer_records r
    join members m on m.county_id = ${c}::uuid and m.id = r.member_id
    join orgs mo on mo.county_id = ${c}::uuid and mo.id = m.org_id
    join orgs o on o.county_id = ${c}::uuid and o.id = r.org_id
    left join pairings p on p.county_id = ${c}::uuid and p.id = r.pairing_id
    left join activities a on a.county_id = ${c}::uuid and a.id = r.activity_id`;
}

async function views(db: DbOrTx, actor: Actor, where: SQL, page: { limit: number; offset: number }, phone: string | null): Promise<VolunteerRecordView[]> {
  const c = actor.countyId;
  const rows = rowsOf<Row>(await db.execute(sql`
    select r.id, r.member_id as "memberId", m.name as "memberName", m.status as "memberStatus", mo.name as "memberOrgName",
           r.org_id as "orgId", o.name as "orgName", r.pairing_id as "pairingId", p.partner_name as "pairingName",
           r.activity_id as "activityId", a.title as "activityTitle", r.served_on::text as "servedOn",
           ${iso('r.starts_at')} as "startsAt", ${iso('r.ends_at')} as "endsAt", r.minutes, r.place, r.content, r.state, r.source,
           r.corrects_id as "correctsId",
           (select vb.id from volunteer_records vb where vb.county_id = ${c}::uuid and vb.corrects_id = r.id and vb.state <> 'rejected'
             order by vb.created_at desc limit 1) as "correctedById",
           exists (select 1 from volunteer_records vs where vs.county_id = ${c}::uuid and vs.corrects_id = r.id and vs.state = 'confirmed') as superseded,
           ${canReviewSql(actor, phone)} as "canReview", ${canCorrectSql(actor)} as "canCorrect",
           r.reviewer_name as "reviewerName", ${iso('r.reviewed_at')} as "reviewedAt", r.reject_reason as "rejectReason",
           r.created_by_name as "createdByName", ${iso('r.created_at')} as "createdAt"
      ${fromSql(actor)}
     where r.county_id = ${c}::uuid and ${where}
     order by r.starts_at desc, r.id desc
     limit ${page.limit} offset ${page.offset}`));
  const photos = await photosOf(db, c, rows.map((r) => r.id));
  return rows.map((r) => ({
    ...r, minutes: Number(r.minutes), hours: hoursOf(Number(r.minutes)), superseded: !!r.superseded, canReview: !!r.canReview, canCorrect: !!r.canCorrect,
    counts: r.state === 'confirmed' && !r.superseded, photos: photos.get(r.id) ?? [],
  }));
}

async function photosOf(db: DbOrTx, countyId: string, ids: string[]): Promise<Map<string, FileMeta[]>> {
  const by = new Map<string, FileMeta[]>();
  if (ids.length === 0) return by;
  const rows = await db.select({ entityId: files.entityId, id: files.id, name: files.name, mime: files.mime, size: files.size, sha256: files.sha256, createdAt: files.createdAt })
    .from(files).where(and(eq(files.countyId, countyId), eq(files.entity, VOLUNTEER_ENTITY), inArray(files.entityId, ids))).orderBy(asc(files.createdAt));
  for (const { entityId, createdAt, ...f } of rows) by.set(entityId, [...(by.get(entityId) ?? []), { ...f, createdAt: createdAt.toISOString() }]);
  return by;
}

async function oneView(db: DbOrTx, actor: Actor, id: string, phone?: string | null): Promise<VolunteerRecordView | undefined> {
  const [v] = await views(db, actor, sql`r.id = ${id}::uuid and ${visibleFilter(actor)}`, { limit: 1, offset: 0 }, phone === undefined ? await actorPhone(db, actor) : phone);
  return v;
}

export async function getVolunteerRecord(db: DbOrTx, actor: Actor, id: string): Promise<VolunteerRecordDetail> {
  const phone = await actorPhone(db, actor);
  const v = await oneView(db, actor, id, phone);
  if (!v) throw notFound();
  // the chain: what it corrects and its corrections, as far as the caller can see them
  const corrects = v.correctsId ? (await oneView(db, actor, v.correctsId, phone)) ?? null : null;
  const correctedBy = (await views(db, actor, sql`r.corrects_id = ${id}::uuid and ${visibleFilter(actor)}`, { limit: 100, offset: 0 }, phone)).reverse();
  return { ...v, corrects, correctedBy };
}

/** A photo of a record the caller can see (a member's own login: its own records). */
export async function volunteerPhoto(db: DbOrTx, actor: Actor, id: string, fileId: string) {
  const [r] = rowsOf<{ id: string }>(await db.execute(sql`select r.id from volunteer_records r where r.county_id = ${actor.countyId}::uuid and r.id = ${id}::uuid and ${visibleFilter(actor)}`));
  if (!r) throw notFound();
  return readFile(db, actor.countyId, VOLUNTEER_ENTITY, id, fileId);
}

// ---------------------------------------------------------------------------------------------------------
// Lists

interface OrgRow { id: string; name: string; path: string; tier: 'county' | 'township' | 'village' }

async function orgById(db: DbOrTx, countyId: string, id: string): Promise<OrgRow | undefined> {
  const [o] = await db.select({ id: orgs.id, name: orgs.name, path: sql<string>`${orgs.path}::text`, tier: orgs.tier }).from(orgs)
    .where(and(eq(orgs.countyId, countyId), eq(orgs.id, id)));
  return o;
}

async function listWhere(db: DbOrTx, actor: Actor, q: Omit<ExportVolunteerRecordsQuery, 'purpose'>, phone: string | null): Promise<SQL> {
  let root: OrgRow | null = null;
  if (q.orgId) {
    const o = await orgById(db, actor.countyId, q.orgId);
    if (!o || !inScope(actor, o.path)) throw notFound();
    root = o;
  }
  const parts: SQL[] = [visibleFilter(actor)];
  if (root) parts.push(sql`(r.member_org_path <@ ${root.path}::ltree or r.org_path <@ ${root.path}::ltree)`);
  if (q.memberId) parts.push(sql`r.member_id = ${q.memberId}::uuid`);
  if (q.q) parts.push(matchName(q.q));
  if (q.state) parts.push(sql`r.state = ${q.state}`);
  if (q.year) parts.push(sql`r.served_on >= ${`${q.year}-01-01`}::date and r.served_on <= ${`${q.year}-12-31`}::date`);
  if (q.from) parts.push(sql`r.served_on >= ${q.from}::date`);
  if (q.to) parts.push(sql`r.served_on <= ${q.to}::date`);
  if (q.toConfirm) parts.push(canReviewSql(actor, phone));
  return sql.join(parts, sql` and `);
}

/** members.search_text: the name's characters, full pinyin and initials (ILIKE through the trigram index). */
function matchName(q: string): SQL {
  const needle = q.trim().toLowerCase().replace(/\s+/g, '').replace(/[\\%_]/g, (ch) => `\\${ch}`);
  return sql`m.search_text ilike ${`%${needle}%`}`;
}

async function totalsOf(db: DbOrTx, actor: Actor, where: SQL): Promise<{ total: number; confirmedHours: number; pendingHours: number }> {
  const [t] = rowsOf<{ total: number; counted: number | null; pending: number | null }>(await db.execute(sql`
    select count(*)::int as total,
           coalesce(sum(r.minutes) filter (where ${volunteerCounts(actor.countyId, 'r')}), 0)::int as counted,
           coalesce(sum(r.minutes) filter (where r.state = 'pending'), 0)::int as pending
      ${fromSql(actor)}
     where r.county_id = ${actor.countyId}::uuid and ${where}`));
  return { total: t?.total ?? 0, confirmedHours: hoursOf(Number(t?.counted ?? 0)), pendingHours: hoursOf(Number(t?.pending ?? 0)) };
}

export async function listVolunteerRecords(db: Db, actor: Actor, q: ListVolunteerRecordsQuery): Promise<VolunteerRecordList> {
  const phone = await actorPhone(db, actor);
  const where = await listWhere(db, actor, q, phone);
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 50;
  const [items, t] = await Promise.all([views(db, actor, where, { limit: pageSize, offset: (page - 1) * pageSize }, phone), totalsOf(db, actor, where)]);
  return { items, total: t.total, page, pageSize, totals: { confirmedHours: t.confirmedHours, pendingHours: t.pendingHours } };
}

/** Every matching record (the export), in pages of the list's own query. */
export async function allVolunteerRecords(db: Db, actor: Actor, q: Omit<ExportVolunteerRecordsQuery, 'purpose'>): Promise<VolunteerRecordView[]> {
  const phone = await actorPhone(db, actor);
  const where = await listWhere(db, actor, q, phone);
  const out: VolunteerRecordView[] = [];
  const size = 1000;
  for (let offset = 0; ; offset += size) {
    const page = await views(db, actor, where, { limit: size, offset }, phone);
    out.push(...page);
    if (page.length < size) break;
  }
  return out;
}

/** The member's own records of a year (their own login) and the year's counting / pending hours. */
export async function myVolunteerRecords(db: Db, actor: Actor, q: { year?: number }): Promise<MyVolunteerRecords> {
  if (!actor.memberId) throw new AppError('volunteer.noMember', 403);
  const year = q.year ?? Number(shanghaiDay(new Date()).slice(0, 4));
  const [m] = rowsOf<{ name: string }>(await db.execute(sql`select name from members where county_id = ${actor.countyId}::uuid and id = ${actor.memberId}::uuid`));
  if (!m) throw notFound();
  const where = sql`r.member_id = ${actor.memberId}::uuid and r.served_on >= ${`${year}-01-01`}::date and r.served_on <= ${`${year}-12-31`}::date`;
  const [items, t] = await Promise.all([views(db, actor, where, { limit: 2000, offset: 0 }, null), totalsOf(db, actor, where)]);
  return { year, memberId: actor.memberId, memberName: m.name, items, totals: { confirmedHours: t.confirmedHours, pendingHours: t.pendingHours } };
}

// ---------------------------------------------------------------------------------------------------------
// Create

function checkPhotos(photos: FileUpload[] | undefined, problems: FieldProblem[]): { upload: FileUpload; data: Buffer }[] {
  const out: { upload: FileUpload; data: Buffer }[] = [];
  (photos ?? []).slice(0, FIELDWORK_LIMITS.photosMax).forEach((upload, i) => {
    const r = checkUpload(upload, `photos.${i}`);
    if ('problem' in r) problems.push(r.problem);
    else out.push({ upload, data: r.data });
  });
  return out;
}

/** problemsError, with every problem's parameters (each message names its own: the overlap's times, the day's limit) */
function fieldsError(problems: FieldProblem[]): AppError {
  const e = problemsError(problems);
  return new AppError(e.code, e.status, Object.assign({}, ...problems.map((p) => p.params ?? {})), e.fields);
}

export type VolunteerInput = SyncVolunteerRecordPayload | CreateVolunteerRecordInput;

/**
 * Where a member may serve on `day` (篇二 7: 所在村(社区) or 结对帮扶村(社区)) — the own village (the topmost
 * village-tier ancestor of the member's org: branches and groups below it are village-tier too) and the villages paired with the member's org or that village (结对帮扶, active
 * that day), in either direction of the pairing. One rule for the phone's list (GET /api/me/volunteer-places) and the
 * check of every record made.
 */
export async function volunteerPlaces(db: DbOrTx, county: string, memberOrgPath: string, day: string): Promise<VolunteerPlace[]> {
  const [village] = await db
    .select({ id: orgs.id, name: orgs.name, path: orgs.path })
    .from(orgs)
    .where(and(eq(orgs.countyId, county), eq(orgs.tier, 'village'), sql`${orgs.path} @> ${memberOrgPath}::ltree`, sql`${orgs.archivedAt} is null`))
    .orderBy(sql`nlevel(${orgs.path}) asc`)
    .limit(1);
  const out: VolunteerPlace[] = village ? [{ orgId: village.id, name: village.name, pairingId: null, partnerName: null, own: true }] : [];
  // a pairing names the village (org_id) and its partner (an org, a department or an enterprise): a member inside the
  // partner org's subtree serves at the village; a village's own member may serve at a partner that is a village
  const res = await db.execute(sql`
    select p.id as "pairingId", p.partner_name as "partnerName", v.id as "orgId", v.name as "name"
      from pairings p
      join orgs po on po.county_id = ${county} and po.id = p.partner_org_id
      join orgs v on v.county_id = ${county} and v.id = p.org_id
     where p.county_id = ${county} and p.started_on <= ${day} and (p.ended_on is null or p.ended_on >= ${day})
       and po.path @> ${memberOrgPath}::ltree and v.tier = 'village' and v.archived_at is null
    union all
    select p.id, p.partner_name, v.id, v.name
      from pairings p
      join orgs v on v.county_id = ${county} and v.id = p.partner_org_id
     where p.county_id = ${county} and p.started_on <= ${day} and (p.ended_on is null or p.ended_on >= ${day})
       and ${village ? sql`p.org_id = ${village.id}::uuid` : sql`false`} and v.tier = 'village' and v.archived_at is null
     order by 4, 1`);
  const rows = rowsOf<{ pairingId: string; partnerName: string; orgId: string; name: string }>(res);
  const seen = new Set(out.map((p) => p.orgId));
  for (const r of rows) {
    if (seen.has(r.orgId)) continue;
    seen.add(r.orgId);
    out.push({ orgId: r.orgId, name: r.name, pairingId: r.pairingId, partnerName: r.partnerName, own: false });
  }
  return out;
}

/**
 * Logs a record. A member's own login (role member) logs for itself (`memberId` absent or its own); a cadre
 * (duty.write) for a member of their area. `id`: the phone's UUIDv7 (sync). Runs its own (nested) transaction,
 * the member row locked so two records of one member are checked one after the other. Every broken rule is a
 * field problem (422), nothing stored.
 */
export async function createVolunteerRecord(db: DbOrTx, actor: Actor, input: VolunteerInput, opts: { id?: string; source: 'phone' | 'desk' }): Promise<VolunteerRecordView> {
  const self = isSelfRole(actor.role);
  if (self && !actor.memberId) throw new AppError('volunteer.noMember', 403);
  if (!self && !can(actor, 'duty.write')) throw new AppError('auth.forbidden', 403);
  const c = actor.countyId;
  const id = await db.transaction(async (tx) => {
    const problems: FieldProblem[] = [];
    const memberId = self ? (input.memberId ?? actor.memberId!) : input.memberId;
    let member: { id: string; orgId: string; path: string; archived: boolean; name: string } | undefined;
    if (!memberId || (self && memberId !== actor.memberId)) problems.push({ field: 'memberId', code: 'volunteer.member' });
    else {
      [member] = rowsOf<{ id: string; orgId: string; path: string; archived: boolean; name: string }>(await tx.execute(sql`
        select id, org_id as "orgId", org_path::text as path, archived_at is not null as archived, name from members
         where county_id = ${c}::uuid and id = ${memberId}::uuid for update`));
      if (!member || (!self && !inScope(actor, member.path))) {
        member = undefined;
        problems.push({ field: 'memberId', code: 'volunteer.member' });
      } else if (member.archived) problems.push({ field: 'memberId', code: 'volunteer.memberArchived' });
    }

    const startsAt = new Date(input.startsAt);
    const endsAt = new Date(input.endsAt);
    const span = endsAt.getTime() - startsAt.getTime();
    let timesOk = true;
    if (startsAt.getTime() > Date.now() + CLOCK_SKEW_MS) { problems.push({ field: 'startsAt', code: 'volunteer.future' }); timesOk = false; }
    if (span <= 0 || span > MAX_SPAN_MS) { problems.push({ field: 'endsAt', code: 'volunteer.range' }); timesOk = false; }
    else if (endsAt.getTime() > Date.now() + CLOCK_SKEW_MS) { problems.push({ field: 'endsAt', code: 'volunteer.future' }); timesOk = false; }
    const minutes = Math.round(span / 60_000);
    const servedOn = shanghaiDay(startsAt);

    // the place: the member's own village, or a village paired with the member's org or its village that day
    let place: { id: string; path: string } | null = null;
    let pairingId: string | null = null;
    const o = await orgById(tx, c, input.orgId);
    const village = o && o.tier === 'village' ? await unitOf(tx, c, o.path, 'village') : null;
    if (!village) problems.push({ field: 'orgId', code: 'volunteer.place' });
    else if (member) {
      const p = (await volunteerPlaces(tx, c, member.path, servedOn)).find((x) => x.orgId === village.id);
      if (p) { place = village; pairingId = p.pairingId; } else problems.push({ field: 'orgId', code: 'volunteer.place' });
    }

    if (input.activityId) {
      const [a] = village ? rowsOf<{ id: string }>(await tx.execute(sql`
        select id from activities where county_id = ${c}::uuid and id = ${input.activityId}::uuid and org_path <@ ${village.path}::ltree`)) : [];
      if (!a) problems.push({ field: 'activityId', code: 'volunteer.activity' });
    }

    if (input.correctsId) {
      const [old] = rowsOf<{ memberId: string; state: string }>(await tx.execute(sql`
        select member_id as "memberId", state from volunteer_records where county_id = ${c}::uuid and id = ${input.correctsId}::uuid for update`));
      if (!old || !member || old.memberId !== member.id || old.state !== 'confirmed') problems.push({ field: 'correctsId', code: 'volunteer.corrects' });
      else {
        const [other] = rowsOf<{ id: string }>(await tx.execute(sql`
          select id from volunteer_records where county_id = ${c}::uuid and corrects_id = ${input.correctsId}::uuid and state <> 'rejected' limit 1`));
        if (other) problems.push({ field: 'correctsId', code: 'volunteer.alreadyCorrected' });
      }
    }

    if (member && timesOk) {
      // the member's other records that stand: not rejected, not replaced by a confirmed correction, not the one corrected here
      const standing = sql`r.county_id = ${c}::uuid and r.member_id = ${member.id}::uuid and r.state <> 'rejected'
        ${input.correctsId ? sql`and r.id <> ${input.correctsId}::uuid` : sql``}
        and not exists (select 1 from volunteer_records vs where vs.county_id = ${c}::uuid and vs.corrects_id = r.id and vs.state = 'confirmed')`;
      const [clash] = rowsOf<{ startsAt: Date | string; endsAt: Date | string; servedOn: string }>(await tx.execute(sql`
        select r.starts_at as "startsAt", r.ends_at as "endsAt", r.served_on::text as "servedOn" from volunteer_records r
         where ${standing} and r.starts_at < ${endsAt.toISOString()}::timestamptz and r.ends_at > ${startsAt.toISOString()}::timestamptz
         order by r.starts_at limit 1`));
      if (clash) {
        problems.push({ field: 'startsAt', code: 'volunteer.overlap', params: { otherDay: clash.servedOn, otherFrom: hhmm(new Date(clash.startsAt)), otherTo: hhmm(new Date(clash.endsAt)) } });
      }
      const [day] = rowsOf<{ minutes: number }>(await tx.execute(sql`
        select coalesce(sum(r.minutes), 0)::int as minutes from volunteer_records r where ${standing} and r.served_on = ${servedOn}::date`));
      if (Number(day?.minutes ?? 0) + minutes > DUTY_LIMITS.volunteerHoursPerDay * 60) {
        problems.push({ field: 'endsAt', code: 'volunteer.dayLimit', params: { day: servedOn, hours: DUTY_LIMITS.volunteerHoursPerDay } });
      }
    }
    const photos = checkPhotos(input.photos, problems);
    if (problems.length > 0 || !member || !place) throw fieldsError(problems.length ? problems : [{ field: 'orgId', code: 'volunteer.place' }]);

    const newId = await recordId(tx, actor, opts.id);
    await tx.insert(volunteerRecords).values({
      countyId: c, id: newId, memberId: member.id, memberOrgPath: member.path, orgId: place.id, orgPath: place.path, pairingId,
      activityId: input.activityId ?? null, servedOn, startsAt, endsAt, minutes, place: input.place, content: input.content, state: 'pending',
      source: opts.source, correctsId: input.correctsId ?? null, createdBy: actor.userId, createdByName: actor.displayName,
    });
    for (const p of photos) await saveFile(tx, c, { entity: VOLUNTEER_ENTITY, entityId: newId }, p.upload, p.data, actor.userId);
    await appendAudit(tx, byActor(actor, {
      action: 'volunteer.create', entity: VOLUNTEER_ENTITY, entityId: newId, orgPath: place.path,
      detail: { memberId: member.id, memberName: member.name, servedOn, minutes, source: opts.source, pairingId, correctsId: input.correctsId ?? null, photos: photos.length },
    }));
    return newId;
  });
  return (await oneView(db, actor, id))!;
}

/** A client-chosen id: a resend of a record the caller can see is 409; a foreign record's id is never confirmed. */
async function recordId(tx: DbOrTx, actor: Actor, clientId: string | undefined): Promise<string> {
  if (!clientId) return uuidv7();
  const [taken] = rowsOf<{ id: string }>(await tx.execute(sql`select r.id from volunteer_records r where r.county_id = ${actor.countyId}::uuid and r.id = ${clientId}::uuid`));
  if (!taken) return clientId;
  const [visible] = rowsOf<{ id: string }>(await tx.execute(sql`
    select r.id from volunteer_records r where r.county_id = ${actor.countyId}::uuid and r.id = ${clientId}::uuid and ${visibleFilter(actor)}`));
  if (visible) throw new AppError('volunteer.duplicate', 409, {}, { id: 'volunteer.duplicate' });
  return uuidv7();
}

// ---------------------------------------------------------------------------------------------------------
// Review (审核)

/**
 * Confirms or rejects a pending record. Only a cadre whose area holds the place (the village of the service);
 * never the account that logged it, never the member (an account bound to the member, or with the member's phone).
 */
export async function reviewVolunteerRecord(db: Db, actor: Actor, id: string, decision: { confirm: true } | { confirm: false; reason: string }): Promise<VolunteerRecordView> {
  const c = actor.countyId;
  const phone = await actorPhone(db, actor);
  await db.transaction(async (tx) => {
    const [r] = rowsOf<{ memberId: string; orgPath: string; memberOrgPath: string; state: string; createdBy: string; correctsId: string | null; minutes: number; servedOn: string; memberPhone: string | null }>(await tx.execute(sql`
      select r.member_id as "memberId", r.org_path::text as "orgPath", r.member_org_path::text as "memberOrgPath", r.state, r.created_by as "createdBy",
             r.corrects_id as "correctsId", r.minutes, r.served_on::text as "servedOn", m.phone as "memberPhone"
        from volunteer_records r join members m on m.county_id = ${c}::uuid and m.id = r.member_id
       where r.county_id = ${c}::uuid and r.id = ${id}::uuid and ${visibleFilter(actor)}
       for update of r`));
    if (!r) throw notFound();
    if (!inScope(actor, r.orgPath)) throw new AppError('volunteer.reviewScope', 403);
    if (r.createdBy === actor.userId || (actor.memberId && actor.memberId === r.memberId) || (phone && r.memberPhone === phone)) {
      throw new AppError('volunteer.ownRecord', 403);
    }
    if (r.state !== 'pending') throw conflict('volunteer.notPending', 'state');
    if (decision.confirm && r.correctsId) {
      // one confirmed correction per record: the chain stays a line
      const [other] = rowsOf<{ id: string }>(await tx.execute(sql`
        select id from volunteer_records where county_id = ${c}::uuid and corrects_id = ${r.correctsId}::uuid and state = 'confirmed' and id <> ${id}::uuid limit 1`));
      if (other) throw conflict('volunteer.alreadyCorrected', 'correctsId');
    }
    await tx.update(volunteerRecords).set({
      state: decision.confirm ? 'confirmed' : 'rejected', reviewedBy: actor.userId, reviewerName: actor.displayName, reviewedAt: new Date(),
      rejectReason: decision.confirm ? null : decision.reason,
    }).where(and(eq(volunteerRecords.countyId, c), eq(volunteerRecords.id, id)));
    await appendAudit(tx, byActor(actor, {
      action: decision.confirm ? 'volunteer.confirm' : 'volunteer.reject', entity: VOLUNTEER_ENTITY, entityId: id, orgPath: r.orgPath,
      detail: { memberId: r.memberId, servedOn: r.servedOn, minutes: Number(r.minutes), correctsId: r.correctsId, ...(decision.confirm ? {} : { reason: decision.reason }) },
    }));
  });
  return (await oneView(db, actor, id, phone))!;
}

// ---------------------------------------------------------------------------------------------------------
// Excel (志愿服务记录台账): the list's filters and scope, every row, hours as numbers, one audit entry.

const EXPORT_COLUMNS: StyledColumn[] = [
  { header: '服务日期', width: 12 }, { header: '开始', width: 8 }, { header: '结束', width: 8 }, { header: '时长（小时）', width: 12 },
  { header: '党员', width: 12 }, { header: '身份', width: 14 }, { header: '所在党组织', width: 26 }, { header: '服务村(社区)', width: 24 },
  { header: '结对单位', width: 22 }, { header: '服务地点', width: 24 }, { header: '服务内容', width: 40 }, { header: '状态', width: 10 },
  { header: '计入时长', width: 10 }, { header: '审核人', width: 10 }, { header: '审核时间', width: 17 }, { header: '退回原因', width: 24 },
  { header: '登记人', width: 10 }, { header: '来源', width: 8 }, { header: '更正记录', width: 10 },
];
const shTime = (iso: string | null) => (iso ? new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ') : '');

export async function exportVolunteerRecords(db: Db, actor: Actor, { purpose, ...q }: ExportVolunteerRecordsQuery): Promise<Buffer> {
  const items = await allVolunteerRecords(db, actor, q);
  // the rows name members: a bulk export states its purpose
  await assertExportPurpose(db, actor.countyId, items.length, purpose);
  const rows = items.map((v) => [
    v.servedOn, shTime(v.startsAt).slice(11), shTime(v.endsAt).slice(11), v.hours, v.memberName, MEMBER_STATUS_LABELS[v.memberStatus]['zh-CN'],
    v.memberOrgName, v.orgName, v.pairingName ?? '', v.place, v.content, VOLUNTEER_STATE_LABELS[v.state]['zh-CN'],
    v.counts ? '是' : '否', v.reviewerName ?? '', shTime(v.reviewedAt), v.rejectReason ?? '', v.createdByName, v.source === 'phone' ? '手机' : '代登记',
    v.correctsId ? '是' : '',
  ]);
  await db.transaction((tx) => appendAudit(tx, byActor(actor, {
    action: 'export.volunteerRecords', entity: 'export', orgPath: actor.scope[0] ?? null,
    detail: { filters: q, rows: rows.length, ...(purpose?.trim() ? { purpose: purpose.trim() } : {}) },
  })));
  return writeSheet('志愿服务记录台账', EXPORT_COLUMNS, rows);
}
