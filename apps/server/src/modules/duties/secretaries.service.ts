// 三个一 (F15; 篇二 8、篇五(15)): per secretary and year — 述职评议 (annualReport), 联系点 (contactPoint), 党课 (an
// activity of kind partyLecture whose organizer_member_id is the secretary). Nothing here is typed as "done": each
// of the three is computed from its records, and the table links to them.
//
// A secretary of year Y: a member with a `secretary` position current at some time in Y (started on or before
// 31 Dec, not ended before 1 Jan). When a member held several in Y, the latest one counts; its org is the
// secretary's org and its org path the scope of the row. Years and days are Asia/Shanghai.
import { sql, type SQL } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import {
  DUTY_KIND_LABELS, ORG_SECTOR_LABELS, REVIEW_GRADES, SATISFIED_GRADES,
  type ContactRecord, type CreateDutyInput, type DutyView, type OrgSector, type ReviewTallies, type ThreeOnesQuery, type ThreeOnesRow, type ThreeOnesView,
  type UpdateDutyInput,
} from '@jiceng/contract';
import { rowsOf, type Db, type DbOrTx } from '../../db/client.js';
import { duties } from './duties.tables.js';
import { inScope, scopeFilter, type Actor } from '../../platform/access/access.js';
import { appendAudit, byActor } from '../../platform/audit/audit.service.js';
import { notFound, problemsError, unprocessable, type FieldProblem } from '../../platform/http/errors.js';
import { policyValue } from '../../platform/policy/policy.service.js';
import { checkUpload, saveFile, listFiles } from '../../platform/files/files.service.js';
import { shanghaiToday } from '../../platform/calendar/today.js';
import { writeSheet, type StyledColumn } from '../imports/xlsx.js';

export const DUTY_ENTITY = 'secretaryDuty';

/** The instants a Shanghai year starts and ends (the server runs in UTC). */
const yearStart = (y: number) => sql`(${`${y}-01-01`}::date)::timestamp at time zone 'Asia/Shanghai'`;
const yearEnd = (y: number) => sql`(${`${y + 1}-01-01`}::date)::timestamp at time zone 'Asia/Shanghai'`;
export const currentYear = () => Number(shanghaiToday().slice(0, 4));
/** a uuid[] parameter (the ids come from the database or from validated input) */
export const uuidArray = (ids: readonly string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;

export interface SecretaryRow {
  memberId: string;
  memberName: string;
  positionId: string;
  orgId: string;
  orgName: string;
  sector: OrgSector;
  path: string;
}

/**
 * The secretaries of year `year` (one row per member: the latest secretary position current in the year).
 * `where` adds conditions on p (member_positions) and o (the position's org).
 */
export async function secretariesOfYear(db: DbOrTx, countyId: string, year: number, where: SQL = sql`true`): Promise<SecretaryRow[]> {
  return rowsOf<SecretaryRow>(await db.execute(sql`
    select * from (
      select distinct on (p.member_id) p.member_id as "memberId", m.name as "memberName", p.id as "positionId", p.org_id as "orgId", o.name as "orgName",
             o.sector, p.org_path::text as path
        from member_positions p
        join members m on m.county_id = ${countyId}::uuid and m.id = p.member_id
        join orgs o on o.county_id = ${countyId}::uuid and o.id = p.org_id
       where p.county_id = ${countyId}::uuid and p.kind = 'secretary'
         and p.started_on <= ${`${year}-12-31`}::date and (p.ended_on is null or p.ended_on >= ${`${year}-01-01`}::date)
         and ${where}
       order by p.member_id, p.started_on desc, p.id) s
     order by s.path, s."memberName"`));
}

const tallyOf = (r: { review_good: number | null; review_fairly_good: number | null; review_average: number | null; review_poor: number | null }): ReviewTallies | null =>
  r.review_good === null ? null : { good: r.review_good, fairlyGood: r.review_fairly_good ?? 0, average: r.review_average ?? 0, poor: r.review_poor ?? 0 };
const reviewersOf = (t: ReviewTallies) => REVIEW_GRADES.reduce((s, g) => s + t[g], 0);
/** 满意率 = (好 + 较好) / all reviewers */
export const satisfactionOf = (t: ReviewTallies | null): number | null => {
  if (!t) return null;
  const n = reviewersOf(t);
  return n === 0 ? null : SATISFIED_GRADES.reduce((s, g) => s + t[g], 0) / n;
};
const round3 = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 1000);

interface DutyRow {
  id: string; kind: 'annualReport' | 'contactPoint'; year: number; member_id: string; member_name: string; position_id: string; org_id: string; org_name: string;
  org_path: string; reported_on: string | null; to_upper: boolean | null; to_assembly: boolean | null; review_good: number | null; review_fairly_good: number | null;
  review_average: number | null; review_poor: number | null; upper_comment: string | null; contact_org_id: string | null; contact_org_path: string | null;
  contact_org_name: string | null; note: string | null; created_at: string | Date; updated_at: string | Date;
}

async function dutyRows(db: DbOrTx, countyId: string, where: SQL): Promise<DutyRow[]> {
  return rowsOf<DutyRow>(await db.execute(sql`
    select d.id, d.kind, d.year, d.member_id, m.name as member_name, d.position_id, d.org_id, o.name as org_name, d.org_path::text as org_path,
           d.reported_on::text as reported_on, d.to_upper, d.to_assembly, d.review_good, d.review_fairly_good, d.review_average, d.review_poor,
           d.upper_comment, d.contact_org_id, d.contact_org_path::text as contact_org_path, co.name as contact_org_name, d.note, d.created_at, d.updated_at
      from duties d
      join members m on m.county_id = ${countyId}::uuid and m.id = d.member_id
      join orgs o on o.county_id = ${countyId}::uuid and o.id = d.org_id
      left join orgs co on co.county_id = ${countyId}::uuid and co.id = d.contact_org_id
     where d.county_id = ${countyId}::uuid and ${where}
     order by d.year, d.kind, d.created_at, d.id`));
}

/**
 * 联系点 records: visits inside the contact org made by the secretary (visitor_name is the secretary's name, or an
 * account display name ending in " <name>", as the demo's "青山村书记 张德明"), and activities inside it that the
 * secretary organized or attended — during the duty's year.
 */
async function contactRecords(db: DbOrTx, countyId: string, dutyIds: string[]): Promise<Map<string, ContactRecord[]>> {
  const out = new Map<string, ContactRecord[]>();
  if (dutyIds.length === 0) return out;
  const from = sql`make_date(d.year, 1, 1)::timestamp at time zone 'Asia/Shanghai'`;
  const to = sql`make_date(d.year + 1, 1, 1)::timestamp at time zone 'Asia/Shanghai'`;
  const rows = rowsOf<{ duty_id: string; type: 'visit' | 'activity'; id: string; on: string | Date; title: string; org_name: string }>(await db.execute(sql`
    select d.id as duty_id, 'visit' as type, v.id, v.visited_at as "on", v.purpose as title, o.name as org_name
      from duties d
      join members m on m.county_id = ${countyId}::uuid and m.id = d.member_id
      join visits v on v.county_id = ${countyId}::uuid and v.org_path <@ d.contact_org_path
       and (v.visitor_name = m.name or right(v.visitor_name, length(m.name) + 1) = ' ' || m.name)
       and v.visited_at >= ${from} and v.visited_at < ${to}
      join orgs o on o.county_id = ${countyId}::uuid and o.id = v.org_id
     where d.county_id = ${countyId}::uuid and d.id = any(${uuidArray(dutyIds)}) and d.kind = 'contactPoint'
    union all
    select d.id as duty_id, 'activity' as type, a.id, a.held_on as "on", a.title, o.name as org_name
      from duties d
      join activities a on a.county_id = ${countyId}::uuid and a.org_path <@ d.contact_org_path
       and (a.organizer_member_id = d.member_id or d.member_id = any(a.member_ids))
       and a.held_on >= ${from} and a.held_on < ${to}
      join orgs o on o.county_id = ${countyId}::uuid and o.id = a.org_id
     where d.county_id = ${countyId}::uuid and d.id = any(${uuidArray(dutyIds)}) and d.kind = 'contactPoint'
     order by 4, 3`));
  for (const r of rows) {
    out.set(r.duty_id, [...(out.get(r.duty_id) ?? []), { type: r.type, id: r.id, on: new Date(r.on).toISOString(), title: r.title, orgName: r.org_name }]);
  }
  return out;
}

async function toViews(db: DbOrTx, countyId: string, rows: DutyRow[]): Promise<DutyView[]> {
  const percent = await policyValue(db, countyId, 'duty.reviewSatisfiedPercent');
  const records = await contactRecords(db, countyId, rows.filter((r) => r.kind === 'contactPoint').map((r) => r.id));
  const year = currentYear();
  const out: DutyView[] = [];
  for (const r of rows) {
    const reviews = tallyOf(r);
    const rate = satisfactionOf(reviews);
    out.push({
      id: r.id, kind: r.kind, year: r.year, memberId: r.member_id, memberName: r.member_name, positionId: r.position_id, orgId: r.org_id, orgName: r.org_name,
      reportedOn: r.reported_on, toUpper: r.to_upper, toAssembly: r.to_assembly, reviews, reviewers: reviews ? reviewersOf(reviews) : null,
      satisfactionRate: round3(rate), satisfied: rate === null ? null : rate * 100 >= percent, upperComment: r.upper_comment,
      contactOrgId: r.contact_org_id, contactOrgName: r.contact_org_name, records: records.get(r.id) ?? [], note: r.note,
      files: await listFiles(db, countyId, DUTY_ENTITY, r.id), closed: r.year < year,
      createdAt: new Date(r.created_at).toISOString(), updatedAt: new Date(r.updated_at).toISOString(),
    });
  }
  return out;
}

export async function getDuty(db: DbOrTx, actor: Actor, id: string): Promise<DutyView> {
  const [row] = await dutyRows(db, actor.countyId, sql`d.id = ${id}::uuid and ${scopeFilter(actor, sql`d.org_path`)}`);
  if (!row) throw notFound();
  return (await toViews(db, actor.countyId, [row]))[0]!;
}

const REPORT_ONLY = ['reportedOn', 'toUpper', 'toAssembly', 'reviews', 'upperComment', 'report'] as const;

export async function createDuty(db: Db, actor: Actor, input: CreateDutyInput): Promise<DutyView> {
  const c = actor.countyId;
  const problems: FieldProblem[] = [];
  const { year } = input;
  const today = shanghaiToday();
  if (year > Number(today.slice(0, 4))) problems.push({ field: 'year', code: 'threeOnes.year' });
  // the member must have been a secretary in the year, of an org in the caller's area (else: not a secretary for them)
  const [sec] = await secretariesOfYear(db, c, year, sql`p.member_id = ${input.memberId}::uuid and ${scopeFilter(actor, sql`p.org_path`)}`);
  if (!sec) problems.push({ field: 'memberId', code: 'threeOnes.notSecretary', params: { year } });
  let contact: { id: string; path: string } | null = null;
  let report: { data: Buffer } | null = null;
  if (input.kind === 'annualReport') {
    if (input.contactOrgId) problems.push({ field: 'contactOrgId', code: 'threeOnes.otherKind' });
    if (!input.reportedOn) problems.push({ field: 'reportedOn', code: 'threeOnes.required' });
    else if (input.reportedOn.slice(0, 4) !== String(year) || input.reportedOn > today) problems.push({ field: 'reportedOn', code: 'threeOnes.reportedOn', params: { year } });
    if (!input.reviews) problems.push({ field: 'reviews', code: 'threeOnes.required' });
    else if (reviewersOf(input.reviews) === 0) problems.push({ field: 'reviews', code: 'threeOnes.noReviewers' });
    if (input.report) {
      const r = checkUpload(input.report, 'report');
      if ('problem' in r) problems.push(r.problem);
      else report = r;
    }
  } else {
    for (const f of REPORT_ONLY) if (input[f] !== undefined) problems.push({ field: f, code: 'threeOnes.otherKind' });
    if (!input.contactOrgId) problems.push({ field: 'contactOrgId', code: 'threeOnes.required' });
    else {
      const [o] = rowsOf<{ id: string; path: string; archived: boolean }>(await db.execute(sql`
        select id, path::text as path, archived_at is not null as archived from orgs where county_id = ${c}::uuid and id = ${input.contactOrgId}::uuid`));
      if (!o || o.archived || (sec && o.id === sec.orgId)) problems.push({ field: 'contactOrgId', code: 'threeOnes.contactOrg' });
      else contact = o;
    }
  }
  if (problems.length > 0 || !sec) throw problemsError(problems);
  const perYear = await policyValue(db, c, 'duty.annualReportsPerYear');
  const id = uuidv7();
  await db.transaction(async (tx) => {
    // one member at a time: the count of this year's reports cannot race
    await tx.execute(sql`select id from members where county_id = ${c}::uuid and id = ${sec.memberId}::uuid for update`);
    if (input.kind === 'annualReport') {
      const [n] = rowsOf<{ n: number }>(await tx.execute(sql`
        select count(*)::int as n from duties where county_id = ${c}::uuid and member_id = ${sec.memberId}::uuid and year = ${year} and kind = 'annualReport'`));
      if ((n?.n ?? 0) >= perYear) throw unprocessable('threeOnes.duplicateReport', 'year', { year });
    }
    const r = input.reviews;
    await tx.insert(duties).values({
      countyId: c, id, kind: input.kind, year, memberId: sec.memberId, positionId: sec.positionId, orgId: sec.orgId, orgPath: sec.path,
      reportedOn: input.reportedOn ?? null, toUpper: input.kind === 'annualReport' ? (input.toUpper ?? false) : null,
      toAssembly: input.kind === 'annualReport' ? (input.toAssembly ?? false) : null,
      reviewGood: r?.good ?? null, reviewFairlyGood: r?.fairlyGood ?? null, reviewAverage: r?.average ?? null, reviewPoor: r?.poor ?? null,
      upperComment: input.upperComment ?? null, contactOrgId: contact?.id ?? null, contactOrgPath: contact?.path ?? null, note: input.note ?? null,
      createdBy: actor.userId,
    });
    if (report && input.report) await saveFile(tx, c, { entity: DUTY_ENTITY, entityId: id }, input.report, report.data, actor.userId);
    await appendAudit(tx, byActor(actor, {
      action: 'secretaryDuty.create', entity: DUTY_ENTITY, entityId: id, orgPath: sec.path,
      detail: { kind: input.kind, year, memberId: sec.memberId, memberName: sec.memberName, ...(r ? { reviews: r } : {}), ...(contact ? { contactOrgId: contact.id } : {}) },
    }));
  });
  return getDuty(db, actor, id);
}

/** 评议 tallies, the comment and the other details stay editable until the end of the duty's year (Asia/Shanghai). */
export async function updateDuty(db: Db, actor: Actor, id: string, input: UpdateDutyInput): Promise<DutyView> {
  const c = actor.countyId;
  const [row] = await dutyRows(db, c, sql`d.id = ${id}::uuid and ${scopeFilter(actor, sql`d.org_path`)}`);
  if (!row) throw notFound();
  const problems: FieldProblem[] = [];
  if (row.year < currentYear()) throw unprocessable('threeOnes.yearClosed', undefined, { year: row.year });
  if (row.kind !== 'annualReport') {
    for (const f of ['reviews', 'upperComment', 'toUpper', 'toAssembly', 'report'] as const) if (input[f] !== undefined) problems.push({ field: f, code: 'threeOnes.notReport' });
  }
  if (input.reviews && reviewersOf(input.reviews) === 0) problems.push({ field: 'reviews', code: 'threeOnes.noReviewers' });
  let report: { data: Buffer } | null = null;
  if (input.report) {
    const r = checkUpload(input.report, 'report');
    if ('problem' in r) problems.push(r.problem);
    else report = r;
  }
  if (problems.length > 0) throw problemsError(problems);
  const before = { reviews: tallyOf(row), upperComment: row.upper_comment, toUpper: row.to_upper, toAssembly: row.to_assembly, note: row.note };
  const r = input.reviews;
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      update duties set
        review_good = ${r ? r.good : sql`review_good`}, review_fairly_good = ${r ? r.fairlyGood : sql`review_fairly_good`},
        review_average = ${r ? r.average : sql`review_average`}, review_poor = ${r ? r.poor : sql`review_poor`},
        upper_comment = ${input.upperComment !== undefined ? input.upperComment : sql`upper_comment`},
        to_upper = ${input.toUpper !== undefined ? input.toUpper : sql`to_upper`},
        to_assembly = ${input.toAssembly !== undefined ? input.toAssembly : sql`to_assembly`},
        note = ${input.note !== undefined ? input.note : sql`note`},
        updated_at = now()
       where county_id = ${c}::uuid and id = ${id}::uuid`);
    if (report && input.report) await saveFile(tx, c, { entity: DUTY_ENTITY, entityId: id }, input.report, report.data, actor.userId);
    const { report: file, ...changes } = input;
    await appendAudit(tx, byActor(actor, {
      action: 'secretaryDuty.update', entity: DUTY_ENTITY, entityId: id, orgPath: row.org_path,
      detail: { kind: row.kind, year: row.year, memberName: row.member_name, before, changes, ...(file ? { file: file.name } : {}) },
    }));
  });
  return getDuty(db, actor, id);
}

// ---------------------------------------------------------------------------------------------------------
// The yearly table: secretary × the three

async function rootPath(db: DbOrTx, actor: Actor, orgId: string | undefined): Promise<string | null> {
  if (!orgId) return null;
  const [o] = rowsOf<{ path: string }>(await db.execute(sql`select path::text as path from orgs where county_id = ${actor.countyId}::uuid and id = ${orgId}::uuid`));
  if (!o || !inScope(actor, o.path)) throw notFound();
  return o.path;
}

export async function threeOnes(db: DbOrTx, actor: Actor, q: ThreeOnesQuery): Promise<ThreeOnesView> {
  const c = actor.countyId;
  const year = q.year ?? currentYear();
  const root = await rootPath(db, actor, q.orgId);
  const [annualReports, contactPoints, partyLectures, satisfiedPercent] = await Promise.all([
    policyValue(db, c, 'duty.annualReportsPerYear'), policyValue(db, c, 'duty.contactPointsPerYear'),
    policyValue(db, c, 'duty.partyLecturesPerYear'), policyValue(db, c, 'duty.reviewSatisfiedPercent'),
  ]);
  const secs = await secretariesOfYear(db, c, year, sql`${scopeFilter(actor, sql`p.org_path`)}
    ${root ? sql`and p.org_path <@ ${root}::ltree` : sql``} ${q.sector ? sql`and o.sector = ${q.sector}` : sql``}`);
  const ids = secs.map((s) => s.memberId);
  const dutyList = ids.length ? await dutyRows(db, c, sql`d.year = ${year} and d.member_id = any(${uuidArray(ids)})`) : [];
  const records = await contactRecords(db, c, dutyList.filter((d) => d.kind === 'contactPoint').map((d) => d.id));
  const lectures = ids.length ? rowsOf<{ id: string; member_id: string; held_on: string | Date; title: string; attendance: number }>(await db.execute(sql`
    select a.id, a.organizer_member_id as member_id, a.held_on, a.title,
           (cardinality(a.member_ids) + cardinality(a.resident_ids) + a.other_attendees)::int as attendance
      from activities a
     where a.county_id = ${c}::uuid and a.kind = 'partyLecture' and a.organizer_member_id = any(${uuidArray(ids)})
       and a.held_on >= ${yearStart(year)} and a.held_on < ${yearEnd(year)}
     order by a.held_on, a.id`)) : [];
  const rows: ThreeOnesRow[] = secs.map((s) => {
    const reports = dutyList.filter((d) => d.member_id === s.memberId && d.kind === 'annualReport');
    const last = reports.at(-1);
    const tally = last ? tallyOf(last) : null;
    const rate = satisfactionOf(tally);
    const points = dutyList.filter((d) => d.member_id === s.memberId && d.kind === 'contactPoint').map((d) => {
      const recs = records.get(d.id) ?? [];
      return {
        dutyId: d.id, contactOrgId: d.contact_org_id!, contactOrgName: d.contact_org_name ?? '',
        visitIds: recs.filter((x) => x.type === 'visit').map((x) => x.id), activityIds: recs.filter((x) => x.type === 'activity').map((x) => x.id),
      };
    });
    const withRecords = points.filter((p) => p.visitIds.length + p.activityIds.length > 0).length;
    const mine = lectures.filter((l) => l.member_id === s.memberId);
    const annualReport = {
      done: reports.length >= annualReports, count: reports.length, dutyId: last?.id ?? null, reportedOn: last?.reported_on ?? null,
      reviewers: tally ? reviewersOf(tally) : null, satisfactionRate: round3(rate), satisfied: rate === null ? null : rate * 100 >= satisfiedPercent,
    };
    const contactPoint = { done: withRecords >= contactPoints, count: withRecords, points };
    const partyLecture = {
      done: mine.length >= partyLectures, count: mine.length,
      lectures: mine.map((l) => ({ activityId: l.id, heldOn: new Date(l.held_on).toISOString(), title: l.title, attendance: Number(l.attendance) })),
    };
    return {
      memberId: s.memberId, memberName: s.memberName, positionId: s.positionId, orgId: s.orgId, orgName: s.orgName, sector: s.sector,
      annualReport, contactPoint, partyLecture, doneCount: [annualReport.done, contactPoint.done, partyLecture.done].filter(Boolean).length,
    };
  });
  return {
    year, required: { annualReports, contactPoints, partyLectures, satisfiedPercent }, rows,
    totals: {
      secretaries: rows.length, annualReport: rows.filter((r) => r.annualReport.done).length, contactPoint: rows.filter((r) => r.contactPoint.done).length,
      partyLecture: rows.filter((r) => r.partyLecture.done).length, allDone: rows.filter((r) => r.doneCount === 3).length,
    },
  };
}

const COLUMNS: StyledColumn[] = [
  { header: '书记', width: 12 }, { header: '所在组织', width: 24 }, { header: '领域', width: 10 },
  { header: DUTY_KIND_LABELS.annualReport['zh-CN'], width: 10 }, { header: '述职日期', width: 12 }, { header: '评议人数', width: 10 }, { header: '满意率', width: 10 },
  { header: DUTY_KIND_LABELS.contactPoint['zh-CN'], width: 10 }, { header: '联系点组织', width: 24 }, { header: '联系点记录数', width: 12 },
  { header: DUTY_KIND_LABELS.partyLecture['zh-CN'], width: 8 }, { header: '党课次数', width: 10 }, { header: '完成项数', width: 10 },
];
const mark = (done: boolean) => (done ? '✓' : '✗');

export async function exportThreeOnes(db: Db, actor: Actor, q: ThreeOnesQuery): Promise<Buffer> {
  const v = await threeOnes(db, actor, q);
  const rows = v.rows.map((r) => [
    r.memberName, r.orgName, ORG_SECTOR_LABELS[r.sector]['zh-CN'],
    mark(r.annualReport.done), r.annualReport.reportedOn ?? '', r.annualReport.reviewers ?? '',
    r.annualReport.satisfactionRate === null ? '' : `${Math.round(r.annualReport.satisfactionRate * 1000) / 10}%`,
    mark(r.contactPoint.done), r.contactPoint.points.map((p) => p.contactOrgName).join('、'),
    r.contactPoint.points.reduce((s, p) => s + p.visitIds.length + p.activityIds.length, 0),
    mark(r.partyLecture.done), r.partyLecture.count, r.doneCount,
  ]);
  await db.transaction((tx) => appendAudit(tx, byActor(actor, { action: 'export.threeOnes', entity: 'export', orgPath: actor.scope[0] ?? null, detail: { filters: { ...q, year: v.year }, rows: rows.length } })));
  return writeSheet(`${v.year}年书记三个一`, COLUMNS, rows);
}
