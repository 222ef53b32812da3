// 培训 (F16, 篇五(7)): courses (organizer org, dates, hours, kind) and their attendees; the rotation coverage of the
// current secretaries (书记轮训 within policy training.rotationYears, "用2至3年时间，把各领域党组织书记轮训一遍").
//
// A course may be planned ahead: its attendees count as trained only once its end date has passed (ends_on before
// today, Asia/Shanghai). Scope: a course belongs to its organizer's subtree — it is edited there, and its attendees
// must be members inside it. The caller sees a course organized in their area, or one attended by a member of
// their area (a village sees the county's rotation class its secretary attended), with the attendees of their area.
import { sql, type SQL } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import {
  ORG_SECTORS, ORG_SECTOR_LABELS,
  type CreateTrainingCourseInput, type ListTrainingCoursesQuery, type OrgSector, type RotationQuery, type RotationSecretary, type RotationView,
  type SetAttendeesInput, type TrainingAttendee, type TrainingCourseList, type TrainingCourseView, type TrainingKind, type UpdateTrainingCourseInput,
} from '@jiceng/contract';
import { rowsOf, type Db, type DbOrTx } from '../../db/client.js';
import { trainingAttendances, trainingCourses } from './duties.tables.js';
import { inScope, isWithin, scopeFilter, type Actor } from '../../platform/access/access.js';
import { appendAudit, byActor } from '../../platform/audit/audit.service.js';
import { notFound, problemsError, unprocessable } from '../../platform/http/errors.js';
import { policyValue } from '../../platform/policy/policy.service.js';
import { shanghaiToday } from '../../platform/calendar/today.js';
import { writeSheet, type StyledColumn } from '../imports/xlsx.js';
import { uuidArray } from './secretaries.service.js';

export const COURSE_ENTITY = 'trainingCourse';

/** `day` moved by `years` (29 Feb → 28 Feb in a common year). */
export function addYears(day: string, years: number): string {
  const y = Number(day.slice(0, 4)) + years;
  const md = day.slice(5);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return `${String(y).padStart(4, '0')}-${md === '02-29' && !leap ? '02-28' : md}`;
}

interface OrgRow { id: string; name: string; path: string; archived: boolean }
async function orgOf(db: DbOrTx, countyId: string, id: string): Promise<OrgRow | undefined> {
  const [o] = rowsOf<OrgRow>(await db.execute(sql`
    select id, name, path::text as path, archived_at is not null as archived from orgs where county_id = ${countyId}::uuid and id = ${id}::uuid`));
  return o;
}

interface CourseRow {
  id: string; org_id: string; org_name: string; org_path: string; kind: TrainingKind; title: string; starts_on: string; ends_on: string; hours: string | number;
  place: string | null; note: string | null; attendee_count: number; created_at: string | Date;
}

/** visible: organized in the caller's area, or attended by a member of it */
const visibleCourse = (actor: Actor) => sql`(${scopeFilter(actor, sql`c.org_path`)} or exists (
  select 1 from training_attendances ta where ta.county_id = ${actor.countyId}::uuid and ta.course_id = c.id and ${scopeFilter(actor, sql`ta.member_org_path`)}))`;

async function courseRows(db: DbOrTx, actor: Actor, where: SQL): Promise<CourseRow[]> {
  return rowsOf<CourseRow>(await db.execute(sql`
    select c.id, c.org_id, o.name as org_name, c.org_path::text as org_path, c.kind, c.title, c.starts_on::text as starts_on, c.ends_on::text as ends_on,
           c.hours, c.place, c.note, c.created_at,
           (select count(*) from training_attendances ta where ta.county_id = ${actor.countyId}::uuid and ta.course_id = c.id)::int as attendee_count
      from training_courses c
      join orgs o on o.county_id = ${actor.countyId}::uuid and o.id = c.org_id
     where c.county_id = ${actor.countyId}::uuid and ${visibleCourse(actor)} and ${where}
     order by c.starts_on desc, c.id
     limit 1000`));
}

const view = (r: CourseRow, today: string, attendees: TrainingAttendee[] = []): TrainingCourseView => ({
  id: r.id, orgId: r.org_id, orgName: r.org_name, kind: r.kind, title: r.title, startsOn: r.starts_on, endsOn: r.ends_on, hours: Number(r.hours),
  place: r.place, note: r.note, ended: r.ends_on < today, attendeeCount: Number(r.attendee_count), attendees, createdAt: new Date(r.created_at).toISOString(),
});

export async function getCourse(db: DbOrTx, actor: Actor, id: string): Promise<TrainingCourseView> {
  const [r] = await courseRows(db, actor, sql`c.id = ${id}::uuid`);
  if (!r) throw notFound();
  const attendees = rowsOf<TrainingAttendee>(await db.execute(sql`
    select m.id as "memberId", m.name, m.org_id as "orgId", o.name as "orgName"
      from training_attendances ta
      join members m on m.county_id = ${actor.countyId}::uuid and m.id = ta.member_id
      join orgs o on o.county_id = ${actor.countyId}::uuid and o.id = m.org_id
     where ta.county_id = ${actor.countyId}::uuid and ta.course_id = ${id}::uuid and ${scopeFilter(actor, sql`ta.member_org_path`)}
     order by m.org_path, m.name`));
  return view(r, shanghaiToday(), attendees);
}

export async function listCourses(db: DbOrTx, actor: Actor, q: ListTrainingCoursesQuery): Promise<TrainingCourseList> {
  let root: OrgRow | undefined;
  if (q.orgId) {
    root = await orgOf(db, actor.countyId, q.orgId);
    if (!root || !inScope(actor, root.path)) throw notFound();
  }
  const rows = await courseRows(db, actor, sql`true
    ${q.year ? sql`and c.starts_on <= ${`${q.year}-12-31`}::date and c.ends_on >= ${`${q.year}-01-01`}::date` : sql``}
    ${q.kind ? sql`and c.kind = ${q.kind}` : sql``}
    ${root ? sql`and c.org_path <@ ${root.path}::ltree` : sql``}`);
  const today = shanghaiToday();
  return { items: rows.map((r) => view(r, today)) };
}

/** A course of an org in the caller's area (the organizer: default the caller's org). */
export async function createCourse(db: Db, actor: Actor, input: CreateTrainingCourseInput): Promise<TrainingCourseView> {
  const orgId = input.orgId ?? actor.orgId;
  const o = orgId ? await orgOf(db, actor.countyId, orgId) : undefined;
  if (!o || o.archived || !inScope(actor, o.path)) throw problemsError([{ field: 'orgId', code: 'training.org' }]);
  const id = uuidv7();
  await db.transaction(async (tx) => {
    await tx.insert(trainingCourses).values({
      countyId: actor.countyId, id, orgId: o.id, orgPath: o.path, kind: input.kind, title: input.title, startsOn: input.startsOn, endsOn: input.endsOn,
      hours: input.hours, place: input.place ?? null, note: input.note ?? null, createdBy: actor.userId,
    });
    await appendAudit(tx, byActor(actor, {
      action: 'training.create', entity: COURSE_ENTITY, entityId: id, orgPath: o.path,
      detail: { kind: input.kind, title: input.title, startsOn: input.startsOn, endsOn: input.endsOn, hours: input.hours },
    }));
  });
  return getCourse(db, actor, id);
}

/** The course of an org in the caller's area (edits and attendees); a course only attended by their members is 404 here. */
async function ownCourse(db: DbOrTx, actor: Actor, id: string): Promise<CourseRow> {
  const [r] = await courseRows(db, actor, sql`c.id = ${id}::uuid and ${scopeFilter(actor, sql`c.org_path`)}`);
  if (!r) throw notFound();
  return r;
}

export async function updateCourse(db: Db, actor: Actor, id: string, input: UpdateTrainingCourseInput): Promise<TrainingCourseView> {
  const r = await ownCourse(db, actor, id);
  const startsOn = input.startsOn ?? r.starts_on;
  const endsOn = input.endsOn ?? r.ends_on;
  if (startsOn > endsOn) throw unprocessable('training.dates', input.endsOn ? 'endsOn' : 'startsOn');
  const before = { kind: r.kind, title: r.title, startsOn: r.starts_on, endsOn: r.ends_on, hours: Number(r.hours), place: r.place, note: r.note };
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      update training_courses set
        kind = ${input.kind ?? r.kind}, title = ${input.title ?? r.title}, starts_on = ${startsOn}::date, ends_on = ${endsOn}::date,
        hours = ${input.hours ?? Number(r.hours)}, place = ${input.place !== undefined ? input.place : r.place}, note = ${input.note !== undefined ? input.note : r.note}
       where county_id = ${actor.countyId}::uuid and id = ${id}::uuid`);
    await appendAudit(tx, byActor(actor, { action: 'training.update', entity: COURSE_ENTITY, entityId: id, orgPath: r.org_path, detail: { before, changes: input } }));
  });
  return getCourse(db, actor, id);
}

/**
 * Replaces the attendees. Every one must be a member inside the organizer's org (篇五(7) 分级负责: each level
 * trains its own); those outside are refused by name (a member the caller cannot see is named by id only).
 */
export async function setAttendees(db: Db, actor: Actor, id: string, input: SetAttendeesInput): Promise<TrainingCourseView> {
  const c = actor.countyId;
  const course = await ownCourse(db, actor, id);
  const ids = [...new Set(input.memberIds)];
  const found = ids.length ? rowsOf<{ id: string; name: string; path: string }>(await db.execute(sql`
    select id, name, org_path::text as path from members where county_id = ${c}::uuid and id = any(${uuidArray(ids)})`)) : [];
  const byId = new Map(found.map((m) => [m.id, m]));
  const outside = ids.filter((m) => !byId.has(m) || !isWithin(byId.get(m)!.path, course.org_path));
  if (outside.length) {
    const names = outside.map((m) => { const x = byId.get(m); return x && inScope(actor, x.path) ? x.name : m.slice(0, 8); });
    throw unprocessable('training.attendeesOutOfScope', 'memberIds', { names: names.join('、') });
  }
  await db.transaction(async (tx) => {
    const before = rowsOf<{ member_id: string }>(await tx.execute(sql`
      select member_id from training_attendances where county_id = ${c}::uuid and course_id = ${id}::uuid`)).map((r) => r.member_id);
    const removed = before.filter((m) => !ids.includes(m));
    const added = ids.filter((m) => !before.includes(m));
    if (removed.length) await tx.execute(sql`delete from training_attendances where county_id = ${c}::uuid and course_id = ${id}::uuid and member_id = any(${uuidArray(removed)})`);
    if (added.length) {
      await tx.insert(trainingAttendances).values(added.map((m) => ({ countyId: c, courseId: id, memberId: m, memberOrgPath: byId.get(m)!.path })));
    }
    await appendAudit(tx, byActor(actor, {
      action: 'training.attendees', entity: COURSE_ENTITY, entityId: id, orgPath: course.org_path,
      detail: { title: course.title, attendees: ids.length, added: added.map((m) => byId.get(m)!.name), removed: removed.length },
    }));
  });
  return getCourse(db, actor, id);
}

// ---------------------------------------------------------------------------------------------------------
// Rotation coverage (书记轮训)

export async function rotation(db: DbOrTx, actor: Actor, q: RotationQuery): Promise<RotationView> {
  const c = actor.countyId;
  let root: OrgRow | undefined;
  if (q.orgId) {
    root = await orgOf(db, c, q.orgId);
    if (!root || !inScope(actor, root.path)) throw notFound();
  }
  const years = await policyValue(db, c, 'training.rotationYears');
  const today = shanghaiToday();
  const windowStart = addYears(today, -years);
  // every current secretary (one row per member: the latest current position) and the last rotation course attended that has ended
  const rows = rowsOf<{ memberId: string; name: string; positionId: string; orgId: string; orgName: string; sector: OrgSector; lastCourseId: string | null; lastTrainedOn: string | null }>(await db.execute(sql`
    select s.*, last."lastCourseId", last."lastTrainedOn" from (
      select distinct on (p.member_id) p.member_id as "memberId", m.name, p.id as "positionId", p.org_id as "orgId", o.name as "orgName", o.sector, p.org_path::text as path
        from member_positions p
        join members m on m.county_id = ${c}::uuid and m.id = p.member_id and m.archived_at is null
        join orgs o on o.county_id = ${c}::uuid and o.id = p.org_id
       where p.county_id = ${c}::uuid and p.kind = 'secretary' and p.started_on <= ${today}::date and (p.ended_on is null or p.ended_on >= ${today}::date)
         and ${scopeFilter(actor, sql`p.org_path`)}
         ${root ? sql`and p.org_path <@ ${root.path}::ltree` : sql``}
         ${q.sector ? sql`and o.sector = ${q.sector}` : sql``}
       order by p.member_id, p.started_on desc, p.id) s
    left join lateral (
      select tc.id as "lastCourseId", tc.ends_on::text as "lastTrainedOn"
        from training_attendances ta
        join training_courses tc on tc.county_id = ${c}::uuid and tc.id = ta.course_id
       where ta.county_id = ${c}::uuid and ta.member_id = s."memberId" and ta.completed and tc.kind = 'secretaryRotation' and tc.ends_on < ${today}::date
       order by tc.ends_on desc, tc.id
       limit 1) last on true
     order by s.path, s.name`));
  const secretaries: RotationSecretary[] = rows.map((r) => ({
    memberId: r.memberId, name: r.name, positionId: r.positionId, orgId: r.orgId, orgName: r.orgName, sector: r.sector,
    lastCourseId: r.lastCourseId, lastTrainedOn: r.lastTrainedOn,
    covered: r.lastTrainedOn !== null && r.lastTrainedOn >= windowStart,
    dueBy: r.lastTrainedOn ? addYears(r.lastTrainedOn, years) : null,
  }));
  const rate = (n: number, d: number) => (d ? Math.round((n / d) * 1000) / 1000 : null);
  const sectors = ORG_SECTORS.map((sector) => {
    const of = secretaries.filter((s) => s.sector === sector);
    const covered = of.filter((s) => s.covered).length;
    return { sector, secretaries: of.length, covered, coverage: rate(covered, of.length) };
  }).filter((s) => s.secretaries > 0);
  const covered = secretaries.filter((s) => s.covered).length;
  return {
    asOf: today, rotationYears: years, windowStart, sectors,
    total: { secretaries: secretaries.length, covered, coverage: rate(covered, secretaries.length) },
    secretaries, notTrained: secretaries.filter((s) => !s.covered),
  };
}

const ROTATION_COLUMNS: StyledColumn[] = [
  { header: '书记', width: 12 }, { header: '所在组织', width: 28 }, { header: '领域', width: 10 }, { header: '最近轮训结束日期', width: 16 },
  { header: '是否在轮训周期内', width: 16 }, { header: '下次轮训应在此日前', width: 18 },
];

export async function exportRotation(db: Db, actor: Actor, q: RotationQuery): Promise<Buffer> {
  const v = await rotation(db, actor, q);
  const line = (s: RotationSecretary) => [s.name, s.orgName, ORG_SECTOR_LABELS[s.sector]['zh-CN'], s.lastTrainedOn ?? '从未参加', s.covered ? '是' : '否', s.dueBy ?? '现在'];
  const sectorRows = [
    ['领域', '书记人数', '已轮训', '覆盖率'],
    ...v.sectors.map((s) => [ORG_SECTOR_LABELS[s.sector]['zh-CN'], String(s.secretaries), String(s.covered), s.coverage === null ? '' : `${Math.round(s.coverage * 1000) / 10}%`]),
    ['合计', String(v.total.secretaries), String(v.total.covered), v.total.coverage === null ? '' : `${Math.round(v.total.coverage * 1000) / 10}%`],
  ];
  const header = ROTATION_COLUMNS.map((x) => x.header);
  await db.transaction((tx) => appendAudit(tx, byActor(actor, { action: 'export.rotation', entity: 'export', orgPath: actor.scope[0] ?? null, detail: { filters: q, rows: v.secretaries.length } })));
  return writeSheet('书记轮训覆盖', ROTATION_COLUMNS, v.secretaries.map(line), {
    preamble: [[`轮训周期 ${v.rotationYears} 年：${v.windowStart} 以后结束的书记轮训计为已轮训（截至 ${v.asOf}）`]],
    extraSheets: [
      { name: '未轮训名单', rows: [header, ...v.notTrained.map(line)], widths: ROTATION_COLUMNS.map((x) => x.width ?? 12) },
      { name: '分领域覆盖率', rows: sectorRows, widths: [12, 10, 10, 10] },
    ],
  });
}
