// 吹哨报到 (F8, 篇四): a township blows the whistle on a problem none of its own offices can solve; each called
// county department must acknowledge (接哨), show up (到场报到) and report a result (反馈) within the hours set.
// Late and missing reports are flagged; department response figures are computed per period.
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { CreateWhistleInput, FileMeta, WhistleReportInput, WhistleStats, WhistleView } from '@jiceng/contract';
import { rowsOf, type Db, type DbOrTx } from '../../db/client.js';
import { whistleCases, whistleReports, whistles } from './whistles.tables.js';
import { cases, notifications } from '../cases/cases.tables.js';
import { departments, orgs } from '../orgs/orgs.tables.js';
import { addEvent, canSee as canSeeCase, unitOf } from '../cases/cases.service.js';
import { can, inScope, scopeFilter, type Actor } from '../../platform/access/access.js';
import { appendAudit, byActor } from '../../platform/audit/audit.service.js';
import { AppError, notFound, problemsError, unprocessable, type FieldProblem } from '../../platform/http/errors.js';
import { checkUpload, readFile, saveFile } from '../../platform/files/files.service.js';
import { files } from '../../platform/files/files.tables.js';
import { policyValue } from '../../platform/policy/policy.service.js';
import { shanghaiDay } from '../../platform/calendar/working-days.js';

type WhistleRow = typeof whistles.$inferSelect;

/** Reads: whistles of the caller's area, or calling the caller's department. */
function visibility(actor: Actor): SQL {
  const parts: SQL[] = [];
  if (actor.scope.length > 0) parts.push(scopeFilter(actor, whistles.orgPath));
  if (actor.departmentId) {
    parts.push(sql`exists (select 1 from whistle_reports r where r.county_id = ${actor.countyId}::uuid and r.county_id = ${whistles.countyId} and r.whistle_id = ${whistles.id} and r.department_id = ${actor.departmentId}::uuid)`);
  }
  return parts.length ? sql`(${eq(whistles.countyId, actor.countyId)} and (${sql.join(parts, sql` or `)}))` : sql`false`;
}

async function views(db: DbOrTx, rows: WhistleRow[]): Promise<WhistleView[]> {
  if (rows.length === 0) return [];
  const countyId = rows[0]!.countyId;
  const ids = rows.map((w) => w.id);
  const [reports, linked, names, evidence] = await Promise.all([
    db.select({ r: whistleReports, departmentName: departments.name }).from(whistleReports)
      .innerJoin(departments, and(eq(departments.countyId, whistleReports.countyId), eq(departments.id, whistleReports.departmentId)))
      .where(and(eq(whistleReports.countyId, countyId), inArray(whistleReports.whistleId, ids))).orderBy(asc(departments.code)),
    db.select({ whistleId: whistleCases.whistleId, id: cases.id, number: cases.number, title: cases.title, state: cases.state }).from(whistleCases)
      .innerJoin(cases, and(eq(cases.countyId, whistleCases.countyId), eq(cases.id, whistleCases.caseId)))
      .where(and(eq(whistleCases.countyId, countyId), inArray(whistleCases.whistleId, ids))),
    db.execute(sql`select w.id, o.name as org, u.display_name as creator from whistles w
      join orgs o on o.county_id = w.county_id and o.id = w.org_id
      left join users u on u.county_id = w.county_id and u.id = w.created_by
      where w.county_id = ${countyId} and w.id in (${sql.join(ids.map((i) => sql`${i}::uuid`), sql`, `)})`),
    // the photos of 接哨 / 到场 (files of entity whistleReport.<step>, owned by the report)
    db.select({ entity: files.entity, entityId: files.entityId, id: files.id, name: files.name, mime: files.mime, size: files.size, sha256: files.sha256, createdAt: files.createdAt })
      .from(files).innerJoin(whistleReports, and(eq(whistleReports.countyId, files.countyId), eq(whistleReports.id, files.entityId)))
      .where(and(eq(files.countyId, countyId), inArray(files.entity, EVIDENCE_ENTITIES), eq(whistleReports.countyId, countyId), inArray(whistleReports.whistleId, ids)))
      .orderBy(asc(files.createdAt)),
  ]);
  const nameOf = new Map(rowsOf<{ id: string; org: string; creator: string | null }>(names).map((n) => [n.id, n]));
  const now = Date.now();
  return rows.map((w) => {
    const due = w.dueAt.getTime();
    return {
      id: w.id, number: w.number, orgId: w.orgId, orgName: nameOf.get(w.id)?.org ?? '', title: w.title, place: w.place, description: w.description,
      reportHours: w.reportHours, dueAt: w.dueAt.toISOString(), state: w.state, summary: w.summary, createdAt: w.createdAt.toISOString(),
      createdByName: nameOf.get(w.id)?.creator ?? null, closedAt: w.closedAt?.toISOString() ?? null,
      reports: reports.filter((x) => x.r.whistleId === w.id).map(({ r, departmentName }) => ({
        id: r.id, departmentId: r.departmentId, departmentName, acknowledgedAt: r.acknowledgedAt?.toISOString() ?? null,
        arrivedAt: r.arrivedAt?.toISOString() ?? null, reportedAt: r.reportedAt?.toISOString() ?? null, result: r.result,
        acknowledgeNote: r.acknowledgeNote, arriveNote: r.arriveNote,
        files: evidence.filter((f) => f.entityId === r.id).map((f) => ({ ...fileMeta(f), step: f.entity === 'whistleReport.arrive' ? 'arrive' as const : 'acknowledge' as const })),
        late: r.reportedAt ? r.reportedAt.getTime() > due : now > due,
        missing: !r.reportedAt && now > due,
      })),
      cases: linked.filter((c) => c.whistleId === w.id).map((c) => ({ id: c.id, number: c.number, title: c.title, state: c.state as WhistleView['cases'][number]['state'] })),
    };
  });
}

type WhistleQuery = { state?: 'open' | 'closed'; from?: string; to?: string };
const whistleWhere = (actor: Actor, q: WhistleQuery) => and(
  visibility(actor),
  q.state ? eq(whistles.state, q.state) : undefined,
  q.from ? sql`${whistles.createdAt} >= (${q.from}::date)::timestamp at time zone 'Asia/Shanghai'` : undefined,
  q.to ? sql`${whistles.createdAt} < (${q.to}::date + 1)::timestamp at time zone 'Asia/Shanghai'` : undefined,
);

export async function listWhistles(db: Db, actor: Actor, q: WhistleQuery): Promise<WhistleView[]> {
  const rows = await db.select().from(whistles).where(whistleWhere(actor, q)).orderBy(desc(whistles.createdAt)).limit(200);
  return views(db, rows);
}

/** How many whistles the list's filter finds (the dashboard's card): all of them, not the list's first 200. */
export async function countWhistles(db: Db, actor: Actor, q: WhistleQuery): Promise<number> {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(whistles).where(whistleWhere(actor, q));
  return Number(r?.n ?? 0);
}

async function visibleWhistle(db: DbOrTx, actor: Actor, id: string, lock = false): Promise<WhistleRow> {
  const q = db.select().from(whistles).where(and(eq(whistles.id, id), visibility(actor)));
  const [w] = lock ? await q.for('update') : await q;
  if (!w) throw notFound();
  return w;
}

export async function getWhistle(db: Db, actor: Actor, id: string): Promise<WhistleView> {
  return (await views(db, [await visibleWhistle(db, actor, id)]))[0]!;
}

async function nextNumber(tx: DbOrTx, countyId: string, at: Date): Promise<string> {
  // the county's audit lock (taken again by appendAudit in this transaction) serializes numbering
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${countyId}::text, 7))`);
  const year = Number(shanghaiDay(at).slice(0, 4));
  const [r] = rowsOf<{ n: number }>(await tx.execute(sql`select count(*)::int as n from whistles where county_id = ${countyId} and number like ${`CS${year}-%`}`));
  return `CS${year}-${String((r?.n ?? 0) + 1).padStart(4, '0')}`;
}

export async function createWhistle(db: Db, actor: Actor, input: CreateWhistleInput): Promise<WhistleView> {
  const orgId = input.orgId ?? actor.orgId;
  if (!orgId) throw unprocessable('whistle.orgTier', 'orgId');
  const [o] = await db.select({ path: sql<string>`${orgs.path}::text` }).from(orgs).where(and(eq(orgs.countyId, actor.countyId), eq(orgs.id, orgId)));
  if (!o || !inScope(actor, o.path)) throw unprocessable('whistle.orgTier', 'orgId');
  const township = await unitOf(db, actor.countyId, o.path, 'township');
  if (!township || !inScope(actor, township.path)) throw unprocessable('whistle.orgTier', 'orgId');
  const deptIds = [...new Set(input.departmentIds)];
  const found = await db.select({ id: departments.id }).from(departments).where(and(eq(departments.countyId, actor.countyId), inArray(departments.id, deptIds)));
  if (found.length !== deptIds.length) throw unprocessable('whistle.department', 'departmentIds');
  const caseIds = [...new Set(input.caseIds ?? [])];
  const linked = caseIds.length ? await db.select().from(cases).where(and(eq(cases.countyId, actor.countyId), inArray(cases.id, caseIds))) : [];
  if (linked.length !== caseIds.length || linked.some((c) => !canSeeCase(actor, c))) throw unprocessable('notFound', 'caseIds');
  const hours = input.reportHours ?? (await policyValue(db, actor.countyId, 'whistle.reportHours'));
  const now = new Date();
  const id = uuidv7();
  await db.transaction(async (tx) => {
    const number = await nextNumber(tx, actor.countyId, now);
    await tx.insert(whistles).values({
      countyId: actor.countyId, id, number, orgId: township.id, orgPath: township.path, title: input.title, place: input.place,
      description: input.description, reportHours: hours, dueAt: new Date(now.getTime() + hours * 3_600_000), createdBy: actor.userId, createdAt: now,
    });
    await tx.insert(whistleReports).values(deptIds.map((d) => ({ countyId: actor.countyId, id: uuidv7(), whistleId: id, departmentId: d })));
    await tx.insert(notifications).values(deptIds.map((d) => ({
      countyId: actor.countyId, id: uuidv7(), kind: 'whistle', departmentId: d, whistleId: id,
      text: `${township.name}吹哨：${input.title}（${input.place}），请在 ${hours} 小时内报到反馈`, createdAt: now,
    })));
    if (caseIds.length) {
      await tx.insert(whistleCases).values(caseIds.map((c) => ({ countyId: actor.countyId, whistleId: id, caseId: c })));
      for (const c of linked) await addEvent(tx, c, { id: actor.userId, name: actor.displayName }, { kind: 'whistled', note: input.title, detail: { whistleId: id, number } });
    }
    await appendAudit(tx, byActor(actor, { action: 'whistle.create', entity: 'whistle', entityId: id, orgPath: township.path, detail: { number, title: input.title, departmentIds: deptIds, reportHours: hours } }));
  });
  return getWhistle(db, actor, id);
}

const STEP_COLUMN = { acknowledge: 'acknowledgedAt', arrive: 'arrivedAt', report: 'reportedAt' } as const;
const NOTE_COLUMN = { acknowledge: 'acknowledgeNote', arrive: 'arriveNote' } as const;
/** the files table's entity of a step's photos; entityId is the department's report */
const EVIDENCE_ENTITIES = ['whistleReport.acknowledge', 'whistleReport.arrive'];
const fileMeta = (f: { id: string; name: string; mime: string; size: number; sha256: string; createdAt: Date }): FileMeta =>
  ({ id: f.id, name: f.name, mime: f.mime, size: f.size, sha256: f.sha256, createdAt: f.createdAt.toISOString() });

/** A called department's own step: 接哨 → 到场报到 → 反馈结果, in that order, once each. */
export async function reportWhistle(db: Db, actor: Actor, id: string, input: WhistleReportInput): Promise<WhistleView> {
  if (!actor.departmentId || !can(actor, 'whistle.report')) throw new AppError('whistle.notCalled', 403);
  if (input.step === 'report' && !input.result) throw unprocessable('whistle.resultRequired', 'result');
  // evidence (optional) belongs to 接哨 and 到场; the result is the report's own words
  if (input.step === 'report' && (input.note !== undefined || input.photos?.length)) throw unprocessable('whistle.evidenceStep', input.note !== undefined ? 'note' : 'photos');
  if (input.step !== 'report' && input.result !== undefined) throw unprocessable('whistle.evidenceStep', 'result');
  const problems: FieldProblem[] = [];
  const photos = (input.photos ?? []).flatMap((upload, i) => {
    const r = checkUpload(upload, `photos.${i}`);
    if ('problem' in r) {
      problems.push(r.problem);
      return [];
    }
    return [{ upload, data: r.data }];
  });
  if (problems.length) throw problemsError(problems);
  await db.transaction(async (tx) => {
    const w = await visibleWhistle(tx, actor, id, true);
    if (w.state !== 'open') throw new AppError('whistle.closed', 409);
    const [r] = await tx.select().from(whistleReports).where(and(eq(whistleReports.countyId, w.countyId), eq(whistleReports.whistleId, w.id), eq(whistleReports.departmentId, actor.departmentId!)));
    if (!r) throw new AppError('whistle.notCalled', 403);
    const ready = input.step === 'acknowledge' ? !r.acknowledgedAt : input.step === 'arrive' ? r.acknowledgedAt && !r.arrivedAt : r.arrivedAt && !r.reportedAt;
    if (!ready) throw new AppError('whistle.step', 409);
    await tx.update(whistleReports).set({
      [STEP_COLUMN[input.step]]: new Date(),
      ...(input.step === 'report' ? { result: input.result, reportedBy: actor.userId } : { [NOTE_COLUMN[input.step]]: input.note ?? null }),
    }).where(and(eq(whistleReports.countyId, w.countyId), eq(whistleReports.id, r.id)));
    const saved: FileMeta[] = [];
    for (const p of photos) saved.push(await saveFile(tx, w.countyId, { entity: `whistleReport.${input.step}`, entityId: r.id }, p.upload, p.data, actor.userId));
    await appendAudit(tx, byActor(actor, { action: 'whistle.report', entity: 'whistle', entityId: w.id, orgPath: w.orgPath, detail: {
      step: input.step, result: input.result ?? null, ...(input.note ? { note: input.note } : {}), ...(saved.length ? { files: saved.map((f) => ({ id: f.id, sha256: f.sha256 })) } : {}),
    } }));
  });
  return getWhistle(db, actor, id);
}

/** A photo of 接哨 / 到场, for whoever sees the whistle. */
export async function whistleFile(db: Db, actor: Actor, id: string, fileId: string) {
  const w = await visibleWhistle(db, actor, id);
  const [f] = await db.select({ entity: files.entity, entityId: files.entityId }).from(files)
    .innerJoin(whistleReports, and(eq(whistleReports.countyId, files.countyId), eq(whistleReports.id, files.entityId)))
    .where(and(eq(files.countyId, w.countyId), eq(files.id, fileId), inArray(files.entity, EVIDENCE_ENTITIES), eq(whistleReports.countyId, w.countyId), eq(whistleReports.whistleId, w.id)));
  if (!f) throw notFound();
  return readFile(db, w.countyId, f.entity, f.entityId, fileId);
}

/**
 * Cases linked after the whistle was blown (the township finds a related case later): the same rule as at creation
 * — cases the caller sees, each case's timeline says it was whistled — and an already linked case is refused, not
 * skipped.
 */
export async function linkCases(db: Db, actor: Actor, id: string, caseIds: string[]): Promise<WhistleView> {
  const ids = [...new Set(caseIds)];
  await db.transaction(async (tx) => {
    const w = await visibleWhistle(tx, actor, id, true);
    if (!can(actor, 'whistle.write') || !inScope(actor, w.orgPath)) throw new AppError('auth.forbidden', 403);
    if (w.state !== 'open') throw new AppError('whistle.closed', 409);
    const linked = await tx.select().from(cases).where(and(eq(cases.countyId, actor.countyId), inArray(cases.id, ids)));
    if (linked.length !== ids.length || linked.some((c) => !canSeeCase(actor, c))) throw unprocessable('notFound', 'caseIds');
    const already = await tx.select({ caseId: whistleCases.caseId }).from(whistleCases)
      .where(and(eq(whistleCases.countyId, w.countyId), eq(whistleCases.whistleId, w.id), inArray(whistleCases.caseId, ids)));
    if (already.length) throw new AppError('whistle.caseLinked', 409, {}, { caseIds: 'whistle.caseLinked' });
    await tx.insert(whistleCases).values(ids.map((c) => ({ countyId: w.countyId, whistleId: w.id, caseId: c })));
    for (const c of linked) await addEvent(tx, c, { id: actor.userId, name: actor.displayName }, { kind: 'whistled', note: w.title, detail: { whistleId: w.id, number: w.number } });
    await appendAudit(tx, byActor(actor, { action: 'whistle.linkCases', entity: 'whistle', entityId: w.id, orgPath: w.orgPath, detail: { caseIds: ids } }));
  });
  return getWhistle(db, actor, id);
}

export async function closeWhistle(db: Db, actor: Actor, id: string, summary: string): Promise<WhistleView> {
  await db.transaction(async (tx) => {
    const w = await visibleWhistle(tx, actor, id, true);
    if (!can(actor, 'whistle.write') || !inScope(actor, w.orgPath)) throw new AppError('auth.forbidden', 403);
    if (w.state !== 'open') throw new AppError('whistle.closed', 409);
    await tx.update(whistles).set({ state: 'closed', summary, closedAt: new Date() }).where(and(eq(whistles.countyId, w.countyId), eq(whistles.id, w.id)));
    await appendAudit(tx, byActor(actor, { action: 'whistle.close', entity: 'whistle', entityId: w.id, orgPath: w.orgPath, detail: { summary } }));
  });
  return getWhistle(db, actor, id);
}

/** Per department, whistles of the period: called, reported (on time / late), missing, average hours. */
export async function whistleStats(db: Db, actor: Actor, q: { from: string; to: string }): Promise<WhistleStats> {
  const res = await db.execute(sql`
    select d.id as "departmentId", d.name as "departmentName",
           count(*)::int as called,
           count(r.reported_at)::int as reported,
           count(*) filter (where r.reported_at <= whistles.due_at)::int as "onTime",
           count(*) filter (where r.reported_at > whistles.due_at)::int as late,
           count(*) filter (where r.reported_at is null and whistles.due_at < now())::int as missing,
           avg(extract(epoch from r.reported_at - whistles.created_at) / 3600)::float8 as "avgHoursToReport",
           avg(extract(epoch from r.arrived_at - whistles.created_at) / 3600)::float8 as "avgHoursToArrive"
      from whistles
      join whistle_reports r on r.county_id = whistles.county_id and r.whistle_id = whistles.id
      join departments d on d.county_id = r.county_id and d.id = r.department_id
     where ${visibility(actor)}
       and whistles.created_at >= (${q.from}::date)::timestamp at time zone 'Asia/Shanghai'
       and whistles.created_at < (${q.to}::date + 1)::timestamp at time zone 'Asia/Shanghai'
       ${actor.departmentId ? sql`and r.department_id = ${actor.departmentId}::uuid` : sql``}
     group by d.id, d.name, d.code
     order by d.code`);
  const round = (x: number | null) => (x === null ? null : Math.round(Number(x) * 10) / 10);
  return {
    from: q.from, to: q.to,
    rows: rowsOf<WhistleStats['rows'][number]>(res).map((r) => ({
      ...r, onTimeRate: r.called > 0 ? Math.round((r.onTime / r.called) * 1000) / 1000 : null,
      avgHoursToReport: round(r.avgHoursToReport), avgHoursToArrive: round(r.avgHoursToArrive),
    })),
  };
}
