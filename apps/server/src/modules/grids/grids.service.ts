import { and, asc, count, eq, getTableColumns, inArray, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { uuidv7 } from 'uuidv7';
import type { CreateGridInput, GridView, ListGridsQuery, UpdateGridInput } from '@jiceng/contract';
import type { Db, DbOrTx, Tx } from '../../db/client.js';
import { grids, households } from './grids.tables.js';
import { orgs } from '../orgs/orgs.tables.js';
import { orgById } from '../orgs/orgs.service.js';
import { centralHouseholdsOfGrids } from '../members/members.service.js';
import { assertVisible, inScope, isWithin, scopeFilter, type Actor } from '../../platform/access/access.js';
import { appendAudit, byActor } from '../../platform/audit/audit.service.js';
import { policyValue } from '../../platform/policy/policy.service.js';
import { AppError, conflict, unprocessable } from '../../platform/http/errors.js';
import type { FieldProblem } from '../../platform/http/errors.js';

type GridRow = typeof grids.$inferSelect;
const villageOrg = alias(orgs, 'village');
const groupOrg = alias(orgs, 'party_group');

export async function gridRange(db: DbOrTx, countyId: string) {
  return { min: await policyValue(db, countyId, 'grid.minHouseholds'), max: await policyValue(db, countyId, 'grid.maxHouseholds') };
}

async function gridViews(db: DbOrTx, countyId: string, where: ReturnType<typeof and>, range: { min: number; max: number }): Promise<GridView[]> {
  const householdCount = db
    .select({ gridId: households.gridId, n: count().as('n') })
    .from(households)
    .where(and(eq(households.countyId, countyId), isNull(households.archivedAt)))
    .groupBy(households.gridId)
    .as('hc');
  const rows = await db
    .select({ g: getTableColumns(grids), orgName: villageOrg.name, partyGroupName: groupOrg.name, n: householdCount.n })
    .from(grids)
    .leftJoin(villageOrg, and(eq(villageOrg.countyId, grids.countyId), eq(villageOrg.id, grids.orgId)))
    .leftJoin(groupOrg, and(eq(groupOrg.countyId, grids.countyId), eq(groupOrg.id, grids.partyGroupId)))
    .leftJoin(householdCount, eq(householdCount.gridId, grids.id))
    .where(where)
    .orderBy(asc(grids.code));
  const central = await centralHouseholdsOfGrids(db, countyId, rows.map((r) => r.g.id));
  return rows.map(({ g, orgName, partyGroupName, n }) => {
    const householdCount = Number(n ?? 0);
    return {
      id: g.id,
      countyId: g.countyId,
      orgId: g.orgId,
      orgName,
      name: g.name,
      code: g.code,
      partyGroupId: g.partyGroupId,
      partyGroupName,
      boundary: g.boundary ?? null,
      householdCount,
      sizeFlag: householdCount < range.min ? 'tooFew' : householdCount > range.max ? 'tooMany' : 'ok',
      householdRange: range,
      centralHouseholds: central.get(g.id) ?? [],
      archived: g.archivedAt !== null,
      createdAt: g.createdAt.toISOString(),
    };
  });
}

export async function listGrids(db: Db, actor: Actor, q: ListGridsQuery): Promise<{ items: GridView[]; range: { min: number; max: number } }> {
  const org = q.orgId ? await orgById(db, actor.countyId, q.orgId) : null;
  const range = await gridRange(db, actor.countyId);
  const items = await gridViews(
    db,
    actor.countyId,
    and(
      eq(grids.countyId, actor.countyId),
      scopeFilter(actor, grids.orgPath),
      org ? sql`${grids.orgPath} <@ ${org.path}::ltree` : undefined,
      q.includeArchived ? undefined : isNull(grids.archivedAt),
      q.q ? sql`(${grids.name} ilike ${`%${q.q}%`} or ${grids.code} ilike ${`%${q.q}%`})` : undefined,
    ),
    range,
  );
  return { items, range };
}

async function findGrid(db: DbOrTx, countyId: string, id: string): Promise<GridRow | undefined> {
  const [g] = await db.select().from(grids).where(and(eq(grids.countyId, countyId), eq(grids.id, id)));
  return g;
}

/** A grid the actor may see, or 404. */
export async function visibleGrid(db: DbOrTx, actor: Actor, id: string): Promise<GridRow> {
  const g = await findGrid(db, actor.countyId, id);
  assertVisible(actor, g ? { countyId: g.countyId, path: g.orgPath } : undefined);
  return g!;
}

export async function getGrid(db: Db, actor: Actor, id: string): Promise<GridView> {
  await visibleGrid(db, actor, id);
  return (await gridViews(db, actor.countyId, and(eq(grids.countyId, actor.countyId), eq(grids.id, id)), await gridRange(db, actor.countyId)))[0]!;
}

/** A grid hangs on a village's party org; its party group must be a party group of that village. */
async function placement(db: DbOrTx, actor: Actor, orgId: string, partyGroupId: string | null | undefined) {
  const org = await orgById(db, actor.countyId, orgId);
  if (!org || !inScope(actor, org.path)) throw new AppError('auth.outOfScope', 403, {}, { orgId: 'auth.outOfScope' });
  if (org.tier !== 'village' || org.level === 'group') throw unprocessable('grid.orgTier', 'orgId');
  let path = org.path;
  if (partyGroupId) {
    const group = await orgById(db, actor.countyId, partyGroupId);
    if (!group || group.level !== 'group' || !isWithin(group.path, org.path)) throw unprocessable('grid.partyGroup', 'partyGroupId');
    path = group.path;
  }
  return { org, path };
}

async function assertGridCodeFree(tx: Tx, countyId: string, code: string, exceptId?: string) {
  const [hit] = await tx.select({ id: grids.id }).from(grids).where(and(eq(grids.countyId, countyId), eq(grids.code, code)));
  if (hit && hit.id !== exceptId) throw conflict('grid.duplicateCode', 'code', { code });
}

export async function createGrid(db: Db, actor: Actor, input: CreateGridInput): Promise<GridView> {
  const id = uuidv7();
  await db.transaction(async (tx) => {
    const { path } = await placement(tx, actor, input.orgId, input.partyGroupId);
    await assertGridCodeFree(tx, actor.countyId, input.code);
    await tx.insert(grids).values({
      countyId: actor.countyId, id, orgId: input.orgId, orgPath: path, name: input.name, code: input.code,
      partyGroupId: input.partyGroupId ?? null, boundary: input.boundary ?? null,
    });
    await appendAudit(tx, byActor(actor, { action: 'grid.create', entity: 'grid', entityId: id, orgPath: path, detail: { after: { ...input, boundary: input.boundary ? input.boundary.type : null } } }));
  });
  return getGrid(db, actor, id);
}

/** Changing the party group moves the grid's scope path, and its households' and residents' with it. */
export async function updateGrid(db: Db, actor: Actor, id: string, input: UpdateGridInput): Promise<GridView> {
  await db.transaction(async (tx) => {
    const g = await visibleGrid(tx, actor, id);
    if (input.code !== undefined && input.code !== g.code) await assertGridCodeFree(tx, actor.countyId, input.code, id);
    let orgPath = g.orgPath;
    if (input.partyGroupId !== undefined && input.partyGroupId !== g.partyGroupId) {
      orgPath = (await placement(tx, actor, g.orgId, input.partyGroupId)).path;
      if (!inScope(actor, orgPath)) throw new AppError('auth.outOfScope', 403, {}, { partyGroupId: 'auth.outOfScope' });
      await tx.update(households).set({ orgPath }).where(and(eq(households.countyId, actor.countyId), eq(households.gridId, id)));
      await tx.execute(sql`update residents r set org_path = ${orgPath}::ltree from households h
        where h.county_id = r.county_id and h.id = r.household_id and h.county_id = ${actor.countyId} and h.grid_id = ${id}`);
    }
    const { archived, ...rest } = input;
    await tx
      .update(grids)
      .set({ ...rest, orgPath, updatedAt: new Date(), ...(archived === undefined ? {} : { archivedAt: archived ? (g.archivedAt ?? new Date()) : null }) })
      .where(and(eq(grids.countyId, actor.countyId), eq(grids.id, id)));
    await appendAudit(tx, byActor(actor, { action: 'grid.update', entity: 'grid', entityId: id, orgPath, detail: { after: { ...input, boundary: input.boundary ? input.boundary.type : input.boundary } } }));
  });
  return getGrid(db, actor, id);
}

/** For other modules: grids by id of one county (unscoped; callers check scope). */
export async function gridsByIds(db: DbOrTx, countyId: string, ids: string[]): Promise<Map<string, GridRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select().from(grids).where(and(eq(grids.countyId, countyId), inArray(grids.id, ids)));
  return new Map(rows.map((g) => [g.id, g]));
}

/** For imports: grids of a county by code. */
export async function gridsByCode(db: DbOrTx, countyId: string): Promise<Map<string, GridRow>> {
  const rows = await db.select().from(grids).where(eq(grids.countyId, countyId));
  return new Map(rows.map((g) => [g.code, g]));
}


// ——— preparing writes for the Excel import (same rules as createGrid; nothing is written) ———

type GridInsert = typeof grids.$inferInsert;
export interface GridLookups {
  org(id: string): Promise<{ id: string; path: string; tier: string; level: string; archived: boolean } | null>;
}

/**
 * Checks a new grid against createGrid's placement rules: a village's party org in the caller's scope,
 * its party group (if any) a group of that village. Code uniqueness is the caller's.
 */
export async function prepareGrid(actor: Actor, input: CreateGridInput, lookups: GridLookups, id: string = uuidv7()): Promise<{ row?: GridInsert; problems: FieldProblem[] }> {
  const org = await lookups.org(input.orgId);
  if (!org || !inScope(actor, org.path)) return { problems: [{ field: 'orgId', code: 'auth.outOfScope' }] };
  const problems: FieldProblem[] = [];
  if (org.tier !== 'village' || org.level === 'group') problems.push({ field: 'orgId', code: 'grid.orgTier' });
  if (org.archived) problems.push({ field: 'orgId', code: 'org.archived' });
  let path = org.path;
  if (input.partyGroupId) {
    const group = await lookups.org(input.partyGroupId);
    if (!group || group.level !== 'group' || !isWithin(group.path, org.path)) problems.push({ field: 'partyGroupId', code: 'grid.partyGroup' });
    else path = group.path;
  }
  if (problems.length) return { problems };
  return {
    problems,
    row: {
      countyId: actor.countyId, id, orgId: org.id, orgPath: path, name: input.name, code: input.code,
      partyGroupId: input.partyGroupId ?? null, boundary: input.boundary ?? null,
    },
  };
}

/** Writes prepared grids in batches inside the caller's transaction. */
export async function insertGrids(tx: Tx, rows: GridInsert[], batch = 1000): Promise<void> {
  for (let i = 0; i < rows.length; i += batch) await tx.insert(grids).values(rows.slice(i, i + batch));
}

/** Import updates of grids (name, party group); a new party group moves the scope path of its households. */
export async function updateGridRows(tx: Tx, countyId: string, rows: { id: string; name: string; partyGroupId: string | null; orgPath: string; moved: boolean }[]): Promise<void> {
  for (const r of rows) {
    await tx.update(grids).set({ name: r.name, partyGroupId: r.partyGroupId, orgPath: r.orgPath, updatedAt: new Date() }).where(and(eq(grids.countyId, countyId), eq(grids.id, r.id)));
    if (!r.moved) continue;
    await tx.update(households).set({ orgPath: r.orgPath }).where(and(eq(households.countyId, countyId), eq(households.gridId, r.id)));
    await tx.execute(sql`update residents r set org_path = ${r.orgPath}::ltree from households h
      where h.county_id = r.county_id and h.id = r.household_id and h.county_id = ${countyId} and r.county_id = ${countyId} and h.grid_id = ${r.id}`);
  }
}
