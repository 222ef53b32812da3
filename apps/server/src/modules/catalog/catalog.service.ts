import { and, asc, eq, getTableColumns, isNull } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { CreateServiceItemInput, ServiceCategory, ServiceItemView, ServiceTier, UpdateServiceItemInput } from '@jiceng/contract';
import type { Db, DbOrTx, Tx } from '../../db/client.js';
import { serviceItems } from './catalog.tables.js';
import { searchItems } from './catalog.search.js';
import { departments } from '../orgs/orgs.tables.js';
import { departmentById } from '../orgs/orgs.service.js';
import type { Actor } from '../../platform/access/access.js';
import { appendAudit, byActor } from '../../platform/audit/audit.service.js';
import { conflict, notFound, unprocessable } from '../../platform/http/errors.js';

type Row = typeof serviceItems.$inferSelect & { departmentName: string | null };

const view = (r: Row): ServiceItemView => ({
  id: r.id, countyId: r.countyId, code: r.code, name: r.name, aliases: r.aliases, category: r.category as ServiceCategory, tier: r.tier,
  departmentId: r.departmentId, departmentName: r.departmentName, handler: r.handler, contactPhone: r.contactPhone,
  conditions: r.conditions, materials: r.materials, steps: r.steps, promisedDays: r.promisedDays, basis: r.basis,
  published: r.published, archived: r.archivedAt !== null, updatedAt: r.updatedAt.toISOString(),
});

const select = (db: DbOrTx) =>
  db.select({ ...getTableColumns(serviceItems), departmentName: departments.name }).from(serviceItems)
    .leftJoin(departments, and(eq(departments.countyId, serviceItems.countyId), eq(departments.id, serviceItems.departmentId)));

export interface CatalogFilter { category?: ServiceCategory; tier?: ServiceTier; q?: string; includeArchived?: boolean }

async function list(db: Db, countyId: string, f: CatalogFilter, publishedOnly: boolean): Promise<ServiceItemView[]> {
  const rows = await select(db)
    .where(and(
      eq(serviceItems.countyId, countyId),
      publishedOnly ? eq(serviceItems.published, true) : undefined,
      f.includeArchived && !publishedOnly ? undefined : isNull(serviceItems.archivedAt),
      f.category ? eq(serviceItems.category, f.category) : undefined,
      f.tier ? eq(serviceItems.tier, f.tier) : undefined,
    ))
    .orderBy(asc(serviceItems.category), asc(serviceItems.code));
  // names, aliases, conditions, materials, by characters, pinyin and initials, best first (catalog.search.ts)
  return searchItems(rows, f.q).map(view);
}

/** The county's whole catalog (every account of the county reads it: it is the public service list). */
export const listCatalog = (db: Db, actor: Actor, f: CatalogFilter) => list(db, actor.countyId, f, false);

/** Published items only, for residents without an account. */
export const publicCatalog = (db: Db, countyId: string, f: CatalogFilter) => list(db, countyId, f, true);

async function byId(db: DbOrTx, countyId: string, id: string): Promise<Row> {
  const [r] = await select(db).where(and(eq(serviceItems.countyId, countyId), eq(serviceItems.id, id)));
  if (!r) throw notFound();
  return r;
}

export const getServiceItem = async (db: Db, actor: Actor, id: string) => view(await byId(db, actor.countyId, id));

/** For the cases module: an item of the county by id. */
export async function serviceItemById(db: DbOrTx, countyId: string, id: string): Promise<ServiceItemView | null> {
  return byId(db, countyId, id).then(view, () => null);
}

/** What a case counts and shows of its item: the item's own fields (no join: a department's rename does not touch them). */
export type ItemTerms = Pick<ServiceItemView, 'id' | 'name' | 'category' | 'tier' | 'promisedDays' | 'contactPhone' | 'archived'>;

/**
 * Per-process cache of items' terms per county (issue 14: intake and every case step read the item). Writes in
 * this process (create, update, archive) clear the county's entries after they commit; a generation number keeps a
 * read that began before the change from storing the old terms after it. Other processes (several servers on one
 * PostgreSQL) see a change within ITEM_CACHE_MS, as with the policy's cache. Misses are not cached.
 */
const ITEM_CACHE_MS = 10_000;
const itemCache = new Map<string, Map<string, { at: number; terms: ItemTerms }>>();
const itemGeneration = new Map<string, number>();

function forgetItems(countyId: string): void {
  itemGeneration.set(countyId, (itemGeneration.get(countyId) ?? 0) + 1);
  itemCache.delete(countyId);
}

export async function itemTerms(db: DbOrTx, countyId: string, id: string): Promise<ItemTerms | null> {
  const hit = itemCache.get(countyId)?.get(id);
  if (hit && Date.now() - hit.at < ITEM_CACHE_MS) return hit.terms;
  const generation = itemGeneration.get(countyId) ?? 0;
  const [r] = await db
    .select({ id: serviceItems.id, name: serviceItems.name, category: serviceItems.category, tier: serviceItems.tier, promisedDays: serviceItems.promisedDays, contactPhone: serviceItems.contactPhone, archivedAt: serviceItems.archivedAt })
    .from(serviceItems).where(and(eq(serviceItems.countyId, countyId), eq(serviceItems.id, id)));
  if (!r) return null;
  const terms: ItemTerms = { id: r.id, name: r.name, category: r.category as ServiceCategory, tier: r.tier, promisedDays: r.promisedDays, contactPhone: r.contactPhone, archived: r.archivedAt !== null };
  if ((itemGeneration.get(countyId) ?? 0) === generation) {
    let county = itemCache.get(countyId);
    if (!county) itemCache.set(countyId, (county = new Map()));
    county.set(id, { at: Date.now(), terms });
  }
  return terms;
}

async function checks(tx: Tx, actor: Actor, tier: ServiceTier, departmentId: string | null | undefined, code: string | undefined, exceptId?: string) {
  if (code !== undefined) {
    const [hit] = await tx.select({ id: serviceItems.id }).from(serviceItems).where(and(eq(serviceItems.countyId, actor.countyId), eq(serviceItems.code, code)));
    if (hit && hit.id !== exceptId) throw conflict('catalog.duplicateCode', 'code', { code });
  }
  // a county-level item names the department that handles it (篇三: 县直部门 as the third tier)
  if (tier === 'county' && !departmentId) throw unprocessable('catalog.department', 'departmentId');
  if (departmentId && !(await departmentById(tx, actor.countyId, departmentId))) throw unprocessable('catalog.department', 'departmentId');
}

export async function createServiceItem(db: Db, actor: Actor, input: CreateServiceItemInput): Promise<ServiceItemView> {
  const id = uuidv7();
  await db.transaction(async (tx) => {
    await checks(tx, actor, input.tier, input.departmentId, input.code);
    await tx.insert(serviceItems).values({
      countyId: actor.countyId, id, code: input.code, name: input.name, aliases: input.aliases ?? [], category: input.category, tier: input.tier,
      departmentId: input.departmentId ?? null, handler: input.handler ?? null, contactPhone: input.contactPhone ?? null,
      conditions: input.conditions ?? null, materials: input.materials ?? [], steps: input.steps ?? [],
      promisedDays: input.promisedDays, basis: input.basis ?? null, published: input.published ?? false,
    });
    await appendAudit(tx, byActor(actor, { action: 'catalog.create', entity: 'serviceItem', entityId: id, detail: { after: input } }));
  });
  forgetItems(actor.countyId);
  return view(await byId(db, actor.countyId, id));
}

export async function updateServiceItem(db: Db, actor: Actor, id: string, input: UpdateServiceItemInput): Promise<ServiceItemView> {
  await db.transaction(async (tx) => {
    const before = await byId(tx, actor.countyId, id);
    const tier = input.tier ?? before.tier;
    const departmentId = input.departmentId !== undefined ? input.departmentId : before.departmentId;
    await checks(tx, actor, tier, departmentId, input.code !== before.code ? input.code : undefined, id);
    const { archived, ...rest } = input;
    await tx
      .update(serviceItems)
      .set({ ...rest, ...(archived === undefined ? {} : { archivedAt: archived ? (before.archivedAt ?? new Date()) : null }), updatedAt: new Date() })
      .where(and(eq(serviceItems.countyId, actor.countyId), eq(serviceItems.id, id)));
    const old = Object.fromEntries(Object.keys(input).map((k) => [k, before[k as keyof Row]]));
    await appendAudit(tx, byActor(actor, { action: 'catalog.update', entity: 'serviceItem', entityId: id, detail: { before: old, after: input } }));
  });
  forgetItems(actor.countyId);
  return view(await byId(db, actor.countyId, id));
}
