// Open311 GeoReport v2 (B4, wiki.open311.org/GeoReport_v2): the published catalog as `services`, requests filed
// by civic clients as cases (channel 'open311'). jurisdiction_id is the county id (optional when the installation
// has one county). Where a request is: `address_id` = a village/community org code, or lat/long inside a grid's
// boundary. Only requests filed through Open311 are listed publicly: the other channels carry residents' own
// affairs (低保、户籍…) and are followed with the tracking code and its secret on the portal instead.
// What is listed is de-identified (issue 15, finding 4): the public id is the case number (no credential), the
// description and notes lose e-mails, phones and ID numbers, the address is the village (and grid), and the
// coordinates are rounded to about 100 m.
import { and, eq, isNull, sql } from 'drizzle-orm';
import { CASE_CATEGORY_LABELS, CASE_STATE_LABELS, DATE_BOUNDS, DATE_BOUNDS_MS, type CaseCategory, type GridBoundary } from '@jiceng/contract';
import { rowsOf, type Db } from '../../db/client.js';
import { orgs } from '../orgs/orgs.tables.js';
import { grids } from '../grids/grids.tables.js';
import { publicCatalog, serviceItemById } from '../catalog/catalog.service.js';
import { appendAudit } from '../../platform/audit/audit.service.js';
import { coarsenCoordinate, scrubPersonalData } from '../../platform/access/deidentify.js';
import { CASE_ENTITY, initialOwner, insertCase, machineContext, promiseOf, type Unit } from '../cases/cases.service.js';

/** An Open311 error: HTTP status and the spec's `[{ code, description }]`. */
export class Open311Error extends Error {
  constructor(readonly status: number, readonly description: string) {
    super(description);
  }
}

export async function jurisdiction(db: Db, id: string | undefined): Promise<string> {
  const roots = await db.select({ countyId: orgs.countyId }).from(orgs).where(and(isNull(orgs.parentId), eq(orgs.tier, 'county')));
  if (id) {
    if (!roots.some((r) => r.countyId === id)) throw new Open311Error(404, 'jurisdiction_id not found');
    return id;
  }
  if (roots.length !== 1) throw new Open311Error(400, 'jurisdiction_id is required (the county id)');
  return roots[0]!.countyId;
}

export async function services(db: Db, countyId: string) {
  const items = await publicCatalog(db, countyId, {});
  return items.map((i) => ({
    service_code: i.code,
    service_name: i.name,
    description: [i.conditions, i.materials.length ? `所需材料：${i.materials.join('、')}` : null, `承诺办结时限：${i.promisedDays} 个工作日`].filter(Boolean).join('；'),
    metadata: false,
    type: 'realtime',
    keywords: CASE_CATEGORY_LABELS[i.category]['zh-CN'],
    group: CASE_CATEGORY_LABELS[i.category]['zh-CN'],
  }));
}

/** Ray casting on a GeoJSON ring ([lon, lat] pairs). */
function inRing(lon: number, lat: number, ring: number[][]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function inBoundary(lon: number, lat: number, b: GridBoundary): boolean {
  const polygons = b.type === 'Polygon' ? [b.coordinates] : b.coordinates;
  return polygons.some((rings) => inRing(lon, lat, rings[0]!) && !rings.slice(1).some((hole) => inRing(lon, lat, hole)));
}

const unitSelect = { id: orgs.id, name: orgs.name, path: sql<string>`${orgs.path}::text`, tier: orgs.tier };

async function placeOf(db: Db, countyId: string, p: { addressId?: string; lat?: number; lon?: number }): Promise<{ origin: Unit; gridId: string | null }> {
  if (p.addressId) {
    const [o] = await db.select(unitSelect).from(orgs).where(and(eq(orgs.countyId, countyId), eq(orgs.code, p.addressId), isNull(orgs.archivedAt)));
    if (o && o.tier !== 'county') return { origin: o, gridId: null };
    throw new Open311Error(400, 'address_id is not a village or community code of this jurisdiction');
  }
  if (p.lat !== undefined && p.lon !== undefined) {
    const rows = await db.select({ id: grids.id, orgId: grids.orgId, boundary: grids.boundary }).from(grids)
      .where(and(eq(grids.countyId, countyId), isNull(grids.archivedAt), sql`${grids.boundary} is not null`));
    const hit = rows.find((g) => inBoundary(p.lon!, p.lat!, g.boundary!));
    if (hit) {
      const [o] = await db.select(unitSelect).from(orgs).where(and(eq(orgs.countyId, countyId), eq(orgs.id, hit.orgId)));
      return { origin: o!, gridId: hit.id };
    }
    throw new Open311Error(400, 'lat/long is outside every grid of this jurisdiction; give address_id (a village code) instead');
  }
  throw new Open311Error(400, 'a location is required: lat and long, or address_id');
}

export interface Open311Post {
  jurisdiction_id?: string;
  service_code?: string;
  lat?: string;
  long?: string;
  address_string?: string;
  address_id?: string;
  email?: string;
  first_name?: string;
  last_name?: string;
  phone?: string;
  description?: string;
  media_url?: string;
}

export async function postRequest(db: Db, body: Open311Post, ip: string | null) {
  const countyId = await jurisdiction(db, body.jurisdiction_id);
  if (!body.service_code) throw new Open311Error(400, 'service_code is required');
  const items = await publicCatalog(db, countyId, {});
  const item = items.find((i) => i.code === body.service_code);
  if (!item) throw new Open311Error(404, 'service_code not found');
  const lat = body.lat !== undefined && body.lat !== '' ? Number(body.lat) : undefined;
  const lon = body.long !== undefined && body.long !== '' ? Number(body.long) : undefined;
  if ((lat !== undefined && !(Math.abs(lat) <= 90)) || (lon !== undefined && !(Math.abs(lon) <= 180))) throw new Open311Error(400, 'lat/long out of range');
  const description = (body.description ?? '').trim();
  if (description.length > 4000) throw new Open311Error(400, 'description is too long (4000 characters at most)');
  const { origin, gridId } = await placeOf(db, countyId, { addressId: body.address_id, lat, lon });
  const owner = await initialOwner(db, countyId, origin);
  const full = await serviceItemById(db, countyId, item.id);
  const ctx = await machineContext(db, countyId, item.id, Date.now());
  const name = [body.last_name, body.first_name].filter(Boolean).join('').slice(0, 50) || undefined;
  const c = await db.transaction(async (tx) => {
    const row = await insertCase(tx, {
      countyId, responder: null, origin, owner, files: [],
      input: {
        itemId: item.id, category: full!.category as CaseCategory, title: item.name, channel: 'open311',
        description: [description || item.name, body.media_url ? `照片：${body.media_url}` : null, body.email ? `邮箱：${body.email}` : null].filter(Boolean).join('\n'),
        requesterName: name, requesterPhone: body.phone?.replace(/[^\d+-]/g, '').slice(0, 20) || undefined,
        address: body.address_string?.slice(0, 200) || undefined, lat, lon, gridId: gridId ?? undefined, trips: 0,
      },
    }, ctx);
    await appendAudit(tx, { countyId, actorId: null, actorName: 'Open311', action: 'open311.request', entity: CASE_ENTITY, entityId: row.id, orgPath: row.orgPath, ip, detail: { number: row.number, service_code: item.code } });
    return row;
  });
  // the requester's portal credentials go to the requester only, in this answer; the public id is the case number
  return [{
    service_request_id: c.number,
    service_notice: `承诺 ${item.promisedDays} 个工作日内办结（${promiseOf(c).toISOString()} 前）。查询码 ${c.trackingCode}，查询密码 ${c.portalSecret}（只显示这一次，凭二者在群众端查询、评价）`,
    account_id: null,
  }];
}

const CLOSED = ['replied', 'rated', 'closed'];

export interface RequestsQuery {
  jurisdiction_id?: string;
  service_request_id?: string;
  service_code?: string;
  start_date?: string;
  end_date?: string;
  status?: string;
}

export async function getRequests(db: Db, q: RequestsQuery) {
  const countyId = await jurisdiction(db, q.jurisdiction_id);
  const ids = q.service_request_id?.split(',').map((s) => s.trim().toUpperCase()).filter(Boolean);
  const statuses = q.status?.split(',').map((s) => s.trim());
  const date = (s: string | undefined, name: string) => {
    if (!s) return undefined;
    const d = new Date(s);
    if (Number.isNaN(d.getTime())) throw new Open311Error(400, `${name} is not an ISO 8601 date`);
    // a year like 99999 is a valid Date but not a timestamptz (it once answered 500)
    if (d.getTime() < DATE_BOUNDS_MS.min || d.getTime() > DATE_BOUNDS_MS.max) throw new Open311Error(400, `${name} must be from ${DATE_BOUNDS.min} to ${DATE_BOUNDS.max}`);
    return d;
  };
  const start = date(q.start_date, 'start_date');
  const end = date(q.end_date, 'end_date');
  const rows = await db.execute(sql`
    select c.*, si.code as service_code, si.name as service_name,
           coalesce(d.name, oo.name) as agency, o.code as address_id, o.name as village_name,
           (select g.name from grids g where g.county_id = c.county_id and g.id = c.grid_id) as grid_name
      from cases c
      left join service_items si on si.county_id = c.county_id and si.id = c.item_id
      left join departments d on d.county_id = c.county_id and d.id = c.owner_department_id
      left join orgs oo on oo.county_id = c.county_id and oo.id = c.owner_org_id
      join orgs o on o.county_id = c.county_id and o.id = c.org_id
     where c.county_id = ${countyId} and c.channel = 'open311'
       ${ids?.length ? sql`and c.number in (${sql.join(ids.map((i) => sql`${i}`), sql`, `)})` : sql``}
       ${q.service_code ? sql`and si.code = ${q.service_code}` : sql``}
       ${statuses?.length === 1 ? (statuses[0] === 'closed' ? sql`and c.state in ('replied', 'rated', 'closed')` : sql`and c.state not in ('replied', 'rated', 'closed')`) : sql``}
       ${!ids?.length ? sql`and c.received_at >= ${(start ?? new Date(Date.now() - 90 * 86_400_000)).toISOString()}::timestamptz` : sql``}
       ${end ? sql`and c.received_at < ${end.toISOString()}::timestamptz` : sql``}
     order by c.received_at desc
     limit 1000`);
  return rowsOf<Record<string, unknown>>(rows).map((r) => {
    const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);
    const state = r.state as keyof typeof CASE_STATE_LABELS;
    return {
      service_request_id: r.number,
      status: CLOSED.includes(state) ? 'closed' : 'open',
      status_notes: r.reply ? scrubPersonalData(String(r.reply)) : CASE_STATE_LABELS[state]['zh-CN'],
      service_name: r.service_name ?? null,
      service_code: r.service_code ?? null,
      description: scrubPersonalData(String(r.description ?? '')),
      agency_responsible: r.agency ?? null,
      service_notice: null,
      requested_datetime: iso(r.received_at),
      updated_datetime: iso(r.updated_at),
      expected_datetime: iso(r.promised_at ?? r.due_at), // the promise to the requester, not the current holder's own deadline
      address: [r.village_name, r.grid_name].filter(Boolean).join(' ') || null,
      address_id: r.address_id ?? null,
      zipcode: null,
      lat: coarsenCoordinate(r.lat as number | null),
      long: coarsenCoordinate(r.lon as number | null),
      media_url: null,
    };
  });
}
