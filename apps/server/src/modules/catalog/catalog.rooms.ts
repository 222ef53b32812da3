// 服务场所: where a resident goes for an item — the village's 党群服务中心 (服务室) and the township's 便民服务中心,
// with their address, opening hours and phone (service_rooms, one row per org; migration 0016).
import { sql } from 'drizzle-orm';
import type { PublicServiceItemDetail, ServiceRoomInput, ServiceRoomView, ServiceTier } from '@jiceng/contract';
import { rowsOf, type Db, type DbOrTx } from '../../db/client.js';
import type { Actor } from '../../platform/access/access.js';
import { appendAudit, byActor } from '../../platform/audit/audit.service.js';
import { serviceRooms } from './catalog.tables.js';
import { notFound, unprocessable } from '../../platform/http/errors.js';
import { serviceItemById } from './catalog.service.js';

const TIER_ORDER: Record<ServiceTier, number> = { village: 0, township: 1, county: 2 };

/**
 * The service rooms on the way up from a place (a village or a township the portal offers) — village first, then
 * its township. An org without a row in service_rooms still appears, named by the org, without hours or phone.
 * Unknown, archived or non-place orgs: `null`.
 */
export async function serviceRoomsOf(db: DbOrTx, countyId: string, orgId: string): Promise<ServiceRoomView[] | null> {
  const rows = rowsOf<{ orgId: string; tier: 'county' | 'township' | 'village'; orgName: string; name: string | null; address: string | null; hours: string | null; phone: string | null; target: boolean }>(await db.execute(sql`
    with target as (
      select o.path from orgs o left join orgs p on p.county_id = o.county_id and p.id = o.parent_id
       where o.county_id = ${countyId} and o.id = ${orgId} and o.archived_at is null
         and ((o.tier = 'township' and p.tier = 'county') or (o.tier = 'village' and p.tier = 'township')))
    select o.id as "orgId", o.tier, o.name as "orgName", r.name, r.address, r.hours, r.phone, o.id = ${orgId} as target
      from target t
      join orgs o on o.county_id = ${countyId} and o.path @> t.path and o.tier in ('village', 'township')
      left join orgs p on p.county_id = ${countyId} and p.id = o.parent_id
      left join service_rooms r on r.county_id = ${countyId} and r.org_id = o.id
     where (o.tier = 'township' and p.tier = 'county') or (o.tier = 'village' and p.tier = 'township')
     order by nlevel(o.path) desc`));
  if (!rows.some((r) => r.target)) return null;
  return rows.map((r) => ({ orgId: r.orgId, tier: r.tier, orgName: r.orgName, name: r.name, address: r.address, hours: r.hours, phone: r.phone }));
}

/**
 * One published item of the guide, with the rooms a resident of `orgId` passes through: a village item is done in
 * the village room; a township or county item is taken in at the village room (代办) and goes to the township hall
 * (and on to the department, whose phone comes along).
 */
export async function publicItem(db: DbOrTx, countyId: string, id: string, orgId: string | undefined): Promise<PublicServiceItemDetail> {
  const item = await serviceItemById(db, countyId, id);
  if (!item || !item.published || item.archived) throw notFound();
  let rooms: ServiceRoomView[] = [];
  if (orgId) {
    const found = await serviceRoomsOf(db, countyId, orgId);
    if (!found) throw unprocessable('portal.org', 'orgId');
    rooms = found.filter((r) => TIER_ORDER[r.tier as ServiceTier] <= TIER_ORDER[item.tier]);
  }
  let departmentPhone: string | null = null;
  if (item.departmentId) {
    const [d] = rowsOf<{ phone: string | null }>(await db.execute(sql`
      select phone from departments where county_id = ${countyId} and id = ${item.departmentId} and archived_at is null`));
    departmentPhone = d?.phone ?? null;
  }
  return { item, rooms, departmentPhone };
}

/** Every place of the county (townships under the county, villages under a township) with its room, township first. */
export async function listServiceRooms(db: DbOrTx, countyId: string): Promise<ServiceRoomView[]> {
  const rows = rowsOf<ServiceRoomView>(await db.execute(sql`
    select o.id as "orgId", o.tier, o.name as "orgName", r.name, r.address, r.hours, r.phone
      from orgs o
      join orgs p on p.county_id = ${countyId} and p.id = o.parent_id
      left join orgs t on t.county_id = ${countyId} and t.id = case when o.tier = 'township' then o.id else o.parent_id end
      left join service_rooms r on r.county_id = ${countyId} and r.org_id = o.id
     where o.county_id = ${countyId} and o.archived_at is null
       and ((o.tier = 'township' and p.tier = 'county') or (o.tier = 'village' and p.tier = 'township'))
     order by t.code, o.tier <> 'township', o.code`));
  return rows;
}

/** The county admin sets a place's room (an upsert); only a place the portal offers has one. */
export async function putServiceRoom(db: Db, actor: Actor, orgId: string, input: ServiceRoomInput): Promise<ServiceRoomView> {
  return db.transaction(async (tx) => {
    const rooms = await serviceRoomsOf(tx, actor.countyId, orgId);
    const before = rooms?.find((r) => r.orgId === orgId);
    if (!before) throw unprocessable('portal.org', 'orgId');
    const values = { name: input.name, address: input.address ?? null, hours: input.hours ?? null, phone: input.phone ?? null };
    await tx.insert(serviceRooms).values({ countyId: actor.countyId, orgId, ...values })
      .onConflictDoUpdate({ target: [serviceRooms.countyId, serviceRooms.orgId], set: { ...values, updatedAt: new Date() } });
    await appendAudit(tx, byActor(actor, {
      action: 'serviceRoom.update', entity: 'serviceRoom', entityId: orgId,
      detail: { before: { name: before.name, address: before.address, hours: before.hours, phone: before.phone }, after: values },
    }));
    return { ...before, ...values };
  });
}
