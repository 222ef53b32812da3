// 问责 (accountability): the records the deadlines job raises when a case runs over, their views, the reviewer's
// list and the review (upheld or dismissed, either with its reason).
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { AccountabilityView, OrgTier } from '@jiceng/contract';
import type { Db, DbOrTx } from '../../db/client.js';
import { accountabilityRecords, cases } from './cases.tables.js';
import { inScope, scopeFilter, type Actor } from '../../platform/access/access.js';
import { appendAudit, byActor } from '../../platform/audit/audit.service.js';
import { AppError, notFound, unprocessable } from '../../platform/http/errors.js';

export async function accountabilityViews(db: DbOrTx, where: SQL, limit = 500): Promise<AccountabilityView[]> {
  const rows = await db
    .select({
      a: accountabilityRecords,
      caseNumber: cases.number, caseTitle: cases.title,
      responsibleName: sql<string | null>`ru.display_name`, reviewedByName: sql<string | null>`rv.display_name`,
      firstResponderId: cases.firstResponderId, firstResponderName: sql<string | null>`fr.display_name`,
      ownerName: sql<string>`coalesce(d.name, oo.name, '')`, orgName: sql<string>`o.name`,
    })
    .from(accountabilityRecords)
    .innerJoin(cases, and(eq(cases.countyId, accountabilityRecords.countyId), eq(cases.id, accountabilityRecords.caseId)))
    .innerJoin(sql`orgs o`, sql`o.county_id = ${cases.countyId} and o.id = ${cases.orgId}`)
    .leftJoin(sql`orgs oo`, sql`oo.county_id = ${accountabilityRecords.countyId} and oo.id = ${accountabilityRecords.ownerOrgId}`)
    .leftJoin(sql`departments d`, sql`d.county_id = ${accountabilityRecords.countyId} and d.id = ${accountabilityRecords.ownerDepartmentId}`)
    .leftJoin(sql`users ru`, sql`ru.county_id = ${accountabilityRecords.countyId} and ru.id = ${accountabilityRecords.responsibleUserId}`)
    .leftJoin(sql`users rv`, sql`rv.county_id = ${accountabilityRecords.countyId} and rv.id = ${accountabilityRecords.reviewedBy}`)
    .leftJoin(sql`users fr`, sql`fr.county_id = ${cases.countyId} and fr.id = ${cases.firstResponderId}`)
    .where(where)
    .orderBy(desc(accountabilityRecords.raisedAt))
    .limit(limit);
  return rows.map(({ a, ...r }) => ({
    id: a.id, caseId: a.caseId, caseNumber: r.caseNumber, caseTitle: r.caseTitle, kind: a.kind, dueAt: a.dueAt.toISOString(),
    raisedAt: a.raisedAt.toISOString(), responsibleUserId: a.responsibleUserId, responsibleName: r.responsibleName,
    ownerTier: a.ownerTier as OrgTier, ownerName: r.ownerName, firstResponderId: r.firstResponderId, firstResponderName: r.firstResponderName,
    orgName: r.orgName, status: a.status, reviewedByName: r.reviewedByName, reviewedAt: a.reviewedAt?.toISOString() ?? null, reason: a.reason,
  }));
}

export async function listVisibleAccountability(db: Db, actor: Actor, status?: string, limit = 200): Promise<AccountabilityView[]> {
  return accountabilityViews(db, and(
    eq(accountabilityRecords.countyId, actor.countyId),
    scopeFilter(actor, accountabilityRecords.orgPath),
    status ? eq(accountabilityRecords.status, status as 'pending') : undefined,
  )!, limit);
}

export async function reviewAccountability(db: Db, actor: Actor, id: string, input: { decision: 'upheld' | 'dismissed'; reason?: string }): Promise<AccountabilityView> {
  await db.transaction(async (tx) => {
    const [a] = await tx.select({ id: accountabilityRecords.id, status: accountabilityRecords.status, orgPath: sql<string>`${accountabilityRecords.orgPath}::text`, caseId: accountabilityRecords.caseId })
      .from(accountabilityRecords).where(and(eq(accountabilityRecords.countyId, actor.countyId), eq(accountabilityRecords.id, id))).for('update');
    if (!a || !inScope(actor, a.orgPath)) throw notFound();
    if (a.status !== 'pending') throw new AppError('accountability.reviewed', 409);
    // either outcome is a finding about a unit and a person: the reviewer says why (upheld as well as dismissed)
    if (!input.reason?.trim()) throw unprocessable('accountability.reasonRequired', 'reason');
    await tx.update(accountabilityRecords).set({ status: input.decision, reason: input.reason ?? null, reviewedBy: actor.userId, reviewedAt: new Date() })
      .where(and(eq(accountabilityRecords.countyId, actor.countyId), eq(accountabilityRecords.id, id)));
    await appendAudit(tx, byActor(actor, { action: 'accountability.review', entity: 'accountabilityRecord', entityId: id, orgPath: a.orgPath, detail: { caseId: a.caseId, ...input } }));
  });
  const [v] = await accountabilityViews(db, and(eq(accountabilityRecords.countyId, actor.countyId), eq(accountabilityRecords.id, id))!);
  return v!;
}
