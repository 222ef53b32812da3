// 群众端 (resident portal): no account. A request becomes a case held by the chosen village's service room;
// the resident gets a tracking code and a secret (查询密码, shown once, kept hashed) and follows the request with
// both. Staff may know the code and see the phone, never the secret, so they cannot act as the resident.
// A wrong code and a wrong secret answer alike, so nobody can probe which codes exist.
import { timingSafeEqual } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import {
  CASE_CATEGORY_LABELS, type CaseCategory, type CaseEventKind, type CaseMode, type CaseState, type PortalRatingInput, type PortalRequestInput,
  type PortalStatus,
} from '@jiceng/contract';
import { rowsOf, type Db } from '../../db/client.js';
import { orgs } from '../orgs/orgs.tables.js';
import { cases, trackingCodes } from '../cases/cases.tables.js';
import { appendAudit } from '../../platform/audit/audit.service.js';
import { AppError, unprocessable } from '../../platform/http/errors.js';
import { decodeUpload } from '../../platform/files/files.service.js';
import { serviceItemById } from '../catalog/catalog.service.js';
import {
  CASE_ENTITY, initialOwner, insertCase, machineContext, portalSecretHash, promiseChanges, promiseOf, residentUnitName, step, timelineOf, type CaseRow, type Unit,
} from '../cases/cases.service.js';
import { promiseBroken } from '../cases/cases.machine.js';

/** Townships and villages/communities of a county, for the resident to say where they live. */
export async function publicOrgs(db: Db, countyId: string) {
  const rows = await db.execute(sql`
    select o.id, o.parent_id as "parentId", o.name, o.tier
      from orgs o left join orgs p on p.county_id = o.county_id and p.id = o.parent_id
     where o.county_id = ${countyId} and o.archived_at is null
       and ((o.tier = 'county' and o.parent_id is null)
         or (o.tier = 'township' and p.tier = 'county')
         or (o.tier = 'village' and p.tier = 'township'))
     order by o.tier, o.code`);
  return { items: rowsOf<{ id: string; parentId: string | null; name: string; tier: 'county' | 'township' | 'village' }>(rows) };
}

async function placeOf(db: Db, countyId: string, orgId: string): Promise<Unit> {
  const [o] = await db.select({ id: orgs.id, name: orgs.name, path: sql<string>`${orgs.path}::text`, tier: orgs.tier }).from(orgs)
    .where(and(eq(orgs.countyId, countyId), eq(orgs.id, orgId), isNull(orgs.archivedAt)));
  if (!o || o.tier === 'county') throw unprocessable('portal.org', 'orgId');
  return o;
}

const PUBLIC_EVENTS: readonly CaseEventKind[] = ['received', 'accepted', 'forwarded', 'waiting', 'resumed', 'replied', 'rated', 'closed'];

export async function submitRequest(db: Db, input: PortalRequestInput, ip: string | null) {
  const origin = await placeOf(db, input.countyId, input.orgId);
  const item = input.itemId ? await serviceItemById(db, input.countyId, input.itemId) : null;
  if (input.itemId && (!item || !item.published || item.archived)) throw unprocessable('notFound', 'itemId');
  const photo = input.photo ? { upload: input.photo, data: decodeUpload(input.photo, 'photo') } : null;
  const owner = await initialOwner(db, input.countyId, origin);
  const category: CaseCategory = item?.category ?? input.category;
  const title = item?.name ?? `${CASE_CATEGORY_LABELS[category]['zh-CN']}：${input.description.slice(0, 24)}${input.description.length > 24 ? '…' : ''}`;
  const ctx = await machineContext(db, input.countyId, item?.id ?? null, Date.now());
  const row = await db.transaction(async (tx) => {
    const c = await insertCase(tx, {
      countyId: input.countyId, responder: null, origin, owner, files: photo ? [photo] : [],
      input: {
        itemId: item?.id, category, title, description: input.description, channel: 'web', requesterName: input.name,
        requesterPhone: input.phone, address: input.address, trips: 0,
      },
    }, ctx);
    await appendAudit(tx, { countyId: input.countyId, actorId: null, actorName: '群众（网上）', action: 'portal.request', entity: CASE_ENTITY, entityId: c.id, orgPath: c.orgPath, ip, detail: { number: c.number } });
    return c;
  });
  return { trackingCode: row.trackingCode, secret: row.portalSecret, number: row.number, promisedAt: promiseOf(row).toISOString() };
}

const normalize = (code: string) => code.replace(/[\s-]/g, '').toUpperCase();

const sameHash = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** The case behind a code, only when its secret matches; otherwise the one answer for both mistakes. */
async function byCode(db: Db, code: string, secret: string): Promise<CaseRow> {
  const [t] = await db.select().from(trackingCodes).where(eq(trackingCodes.code, normalize(code)));
  const ok = t?.secretHash != null && sameHash(t.secretHash, portalSecretHash(t.countyId, t.code, secret));
  const [c] = ok ? await db.select().from(cases).where(and(eq(cases.countyId, t!.countyId), eq(cases.id, t!.caseId))) : [];
  if (!c) throw new AppError('portal.notFound', 404);
  return c;
}

async function status(db: Db, c: CaseRow): Promise<PortalStatus> {
  const names = await db.execute(sql`
    select (select name from orgs where county_id = ${c.countyId} and id = ${c.orgId}) as org,
           (select name from departments where county_id = ${c.countyId} and id = ${c.ownerDepartmentId}) as dept,
           (select name from orgs where county_id = ${c.countyId} and id = ${c.ownerOrgId}) as owner`);
  const n = rowsOf<{ org: string; dept: string | null; owner: string | null }>(names)[0]!;
  const all = await timelineOf(db, c.countyId, c.id);
  const timeline = all.filter((e) => PUBLIC_EVENTS.includes(e.kind));
  const promised = promiseOf(c);
  // where it went, as a unit: the event's own name for residents (older events: the holder's name of the time)
  const unitOf = (d: Record<string, unknown> | null): string | null => {
    if (typeof d?.unit === 'string') return d.unit;
    const name = typeof d?.to === 'string' ? d.to : typeof d?.owner === 'string' ? d.owner : null;
    if (!name) return null;
    // events written before the unit was recorded: a Party organisation's name is a village's or a township's
    if (!name.startsWith('中共')) return name;
    const tier = d?.toTier === 'township' || /(乡|镇|街道)(工作委员会|委员会|党委|党工委)$/.test(name) ? 'township' : 'village';
    return residentUnitName(tier, name);
  };
  return {
    trackingCode: c.trackingCode, number: c.number, title: c.title, category: c.category as CaseCategory, orgName: n.org,
    ownerName: n.dept ?? residentUnitName(c.ownerTier, n.owner ?? ''),
    state: c.state as CaseState, receivedAt: c.receivedAt.toISOString(), promisedAt: promised.toISOString(),
    promiseBroken: promiseBroken({ state: c.state as CaseState, promisedAt: promised.getTime(), pausedSince: c.pausedSince?.getTime() ?? null }, Date.now())
      || (c.repliedAt !== null && c.repliedAt > promised),
    promiseChanges: promiseChanges(all).map((p) => ({ ...p })),
    mode: c.mode as CaseMode | null,
    reply: c.reply, repliedAt: c.repliedAt?.toISOString() ?? null, rating: c.rating, ratingComment: c.ratingComment,
    canRate: c.state === 'replied',
    timeline: timeline.map((e) => ({ at: e.at, kind: e.kind, toState: e.toState, unitName: e.kind === 'received' || e.kind === 'forwarded' ? unitOf(e.detail) : null })),
  };
}

export async function lookupRequest(db: Db, code: string, secret: string): Promise<PortalStatus> {
  return status(db, await byCode(db, code, secret));
}

export async function rateRequest(db: Db, code: string, input: PortalRatingInput, ip: string | null): Promise<PortalStatus> {
  const found = await byCode(db, code, input.secret);
  if (found.state !== 'replied') throw new AppError('portal.cannotRate', 409);
  await db.transaction(async (tx) => {
    const [c] = await tx.select().from(cases).where(and(eq(cases.countyId, found.countyId), eq(cases.id, found.id))).for('update');
    if (c!.state !== 'replied') throw new AppError('portal.cannotRate', 409);
    const ctx = await machineContext(tx, c!.countyId, c!.itemId, Date.now());
    await step(tx, null, c!, { type: 'rate', score: input.score }, ctx, { note: input.comment, ratingComment: input.comment, who: { id: null, name: '群众' } });
    await appendAudit(tx, { countyId: c!.countyId, actorId: null, actorName: '群众（网上）', action: 'portal.rating', entity: CASE_ENTITY, entityId: c!.id, orgPath: c!.orgPath, ip, detail: { score: input.score } });
  });
  return lookupRequest(db, code, input.secret);
}
