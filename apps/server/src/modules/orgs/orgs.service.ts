import { and, asc, count, eq, getTableColumns, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { uuidv7 } from 'uuidv7';
import {
  placementError,
  type CreateDepartmentInput,
  type CreateOrgInput,
  type DepartmentView,
  type ErrorCode,
  type ListOrgsQuery,
  type OrgLevel,
  type OrgTier,
  type OrgView,
  type UpdateDepartmentInput,
  type UpdateOrgInput,
} from '@jiceng/contract';
import { affectedOf, rowsOf, type Db, type Tx } from '../../db/client.js';
import { departments, orgs } from './orgs.tables.js';
import { assertVisible, belowScopeRoot, inScope, isWithin, pathLabel, scopeFilter, type Actor } from '../../platform/access/access.js';
import { ORG_REFERENCES, rewriteOrgPaths } from '../../platform/access/org-paths.js';
import { appendAudit, byActor } from '../../platform/audit/audit.service.js';
import { AppError, conflict, forbidden, notFound, unprocessable } from '../../platform/http/errors.js';
import { matchSearch, searchText } from '../../platform/search/pinyin.js';
import type { FieldProblem } from '../../platform/http/errors.js';

type OrgRow = Omit<typeof orgs.$inferSelect, 'searchText'> & { parentName: string | null };

const parentOrg = alias(orgs, 'parent');

/** orgs with their parent's name */
const { searchText: _searchText, ...orgColumns } = getTableColumns(orgs);
const selectOrgs = (db: Db | Tx) =>
  db
    .select({ ...orgColumns, parentName: parentOrg.name })
    .from(orgs)
    .leftJoin(parentOrg, and(eq(parentOrg.countyId, orgs.countyId), eq(parentOrg.id, orgs.parentId)));

export function toOrgView(r: OrgRow): OrgView {
  return {
    id: r.id,
    countyId: r.countyId,
    parentId: r.parentId,
    parentName: r.parentName,
    name: r.name,
    code: r.code,
    tier: r.tier,
    level: r.level,
    sector: r.sector,
    path: r.path,
    depth: r.path.split('.').length - 1,
    archived: r.archivedAt !== null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

async function findOrg(db: Db | Tx, countyId: string, id: string, lock = false): Promise<OrgRow | undefined> {
  const q = selectOrgs(db).where(and(eq(orgs.countyId, countyId), eq(orgs.id, id)));
  const [row] = lock ? await q.for('update', { of: orgs }) : await q;
  return row;
}

/** The org as it is now, after a write in this transaction. */
async function reload(tx: Tx, countyId: string, id: string): Promise<OrgView> {
  return toOrgView((await findOrg(tx, countyId, id))!);
}

/** A visible org or 404. */
async function visibleOrg(db: Db | Tx, actor: Actor, id: string, lock = false): Promise<OrgRow> {
  const row = await findOrg(db, actor.countyId, id, lock);
  assertVisible(actor, row);
  return row!;
}

function placementOrThrow(child: Pick<OrgRow, 'tier' | 'level'>, parent: Pick<OrgRow, 'tier' | 'level'>, field: string) {
  const problem = placementError(child, parent);
  if (problem) throw unprocessable(problem as ErrorCode, field);
}

async function assertCodeFree(tx: Tx, countyId: string, code: string, exceptId?: string) {
  const [hit] = await tx
    .select({ id: orgs.id })
    .from(orgs)
    .where(and(eq(orgs.countyId, countyId), eq(orgs.code, code)));
  if (hit && hit.id !== exceptId) throw conflict('org.duplicateCode', 'code', { code });
}

/** The caller's subtree, flat, in path order (parents before children). */
export async function listOrgs(db: Db, actor: Actor, q: ListOrgsQuery): Promise<OrgView[]> {
  const rows = await selectOrgs(db)
    .where(
      and(
        eq(orgs.countyId, actor.countyId),
        scopeFilter(actor, orgs.path),
        q.includeArchived ? undefined : isNull(orgs.archivedAt),
        q.q ? matchSearch(orgs.searchText, q.q) : undefined,
      ),
    )
    .orderBy(asc(orgs.path));
  return rows.map(toOrgView);
}

export async function getOrg(db: Db, actor: Actor, id: string): Promise<OrgView> {
  return toOrgView(await visibleOrg(db, actor, id));
}

export async function createOrg(db: Db, actor: Actor, input: CreateOrgInput): Promise<OrgView> {
  return db.transaction(async (tx) => {
    const parent = await findOrg(tx, actor.countyId, input.parentId);
    if (!parent || !inScope(actor, parent.path)) throw new AppError('auth.outOfScope', 403, {}, { parentId: 'auth.outOfScope' });
    if (parent.archivedAt) throw unprocessable('org.parentArchived', 'parentId');
    placementOrThrow(input, parent, 'level');
    await assertCodeFree(tx, actor.countyId, input.code);
    const id = uuidv7();
    await tx
      .insert(orgs)
      .values({
        countyId: actor.countyId,
        id,
        parentId: parent.id,
        name: input.name,
        code: input.code,
        tier: input.tier,
        level: input.level,
        sector: input.sector,
        path: `${parent.path}.${pathLabel(id)}`,
        searchText: searchText(input.name),
      });
    const created = await reload(tx, actor.countyId, id);
    await appendAudit(tx, byActor(actor, { action: 'org.create', entity: 'org', entityId: id, orgPath: created.path, detail: { after: input } }));
    return created;
  });
}

export async function updateOrg(db: Db, actor: Actor, id: string, input: UpdateOrgInput): Promise<OrgView> {
  return db.transaction(async (tx) => {
    const org = await visibleOrg(tx, actor, id, true);
    if (org.archivedAt) throw unprocessable('org.archived');
    if (input.code !== undefined && input.code !== org.code) await assertCodeFree(tx, actor.countyId, input.code, id);
    if (input.level !== undefined && input.level !== org.level) {
      const shape = { tier: org.tier, level: input.level };
      const parent = org.parentId ? await findOrg(tx, actor.countyId, org.parentId) : undefined;
      const problem = placementError(shape, parent ?? null);
      if (problem) throw unprocessable(problem as ErrorCode, 'level');
      const children = await tx.select().from(orgs).where(and(eq(orgs.countyId, actor.countyId), eq(orgs.parentId, id)));
      for (const child of children) placementOrThrow(child, shape, 'level');
    }
    const changes = Object.fromEntries(Object.entries(input).filter(([k, v]) => v !== undefined && v !== org[k as keyof OrgRow]));
    if (Object.keys(changes).length === 0) return toOrgView(org);
    await tx
      .update(orgs)
      .set({ ...changes, ...(input.name ? { searchText: searchText(input.name) } : {}), updatedAt: new Date() })
      .where(and(eq(orgs.countyId, actor.countyId), eq(orgs.id, id)));
    const before = Object.fromEntries(Object.keys(changes).map((k) => [k, org[k as keyof OrgRow]]));
    await appendAudit(tx, byActor(actor, { action: 'org.update', entity: 'org', entityId: id, orgPath: org.path, detail: { before, after: changes } }));
    return reload(tx, actor.countyId, id);
  });
}

/** Moves a subtree: every descendant's path and every scoped copy of it, in one transaction. */
export async function moveOrg(db: Db, actor: Actor, id: string, parentId: string): Promise<{ org: OrgView; movedCount: number }> {
  return db.transaction(async (tx) => {
    const org = await visibleOrg(tx, actor, id, true);
    if (!belowScopeRoot(actor, org.path)) throw forbidden('org.moveRoot');
    const parent = await findOrg(tx, actor.countyId, parentId);
    if (!parent || !inScope(actor, parent.path)) throw new AppError('auth.outOfScope', 403, {}, { parentId: 'auth.outOfScope' });
    if (isWithin(parent.path, org.path)) throw unprocessable('org.moveIntoOwnSubtree', 'parentId');
    if (parent.archivedAt) throw unprocessable('org.parentArchived', 'parentId');
    placementOrThrow(org, parent, 'parentId');
    if (org.parentId === parent.id) return { org: toOrgView(org), movedCount: 0 };

    const oldPath = org.path;
    const newPath = `${parent.path}.${pathLabel(org.id)}`;
    const moved = await tx.execute(sql`
      update orgs set path = case when path = ${oldPath}::ltree then ${newPath}::ltree else ${newPath}::ltree || subpath(path, nlevel(${oldPath}::ltree)) end, updated_at = now()
       where county_id = ${actor.countyId} and path <@ ${oldPath}::ltree`);
    await tx.update(orgs).set({ parentId: parent.id }).where(and(eq(orgs.countyId, actor.countyId), eq(orgs.id, id)));
    await rewriteOrgPaths(tx, actor.countyId, oldPath, newPath);
    const movedCount = affectedOf(moved);
    await appendAudit(tx, byActor(actor, {
      action: 'org.move', entity: 'org', entityId: id, orgPath: newPath,
      detail: { fromParentId: org.parentId, toParentId: parent.id, oldPath, newPath, movedCount },
    }));
    return { org: await reload(tx, actor.countyId, id), movedCount };
  });
}

export async function archiveOrg(db: Db, actor: Actor, id: string): Promise<OrgView> {
  return db.transaction(async (tx) => {
    const org = await visibleOrg(tx, actor, id, true);
    if (!belowScopeRoot(actor, org.path)) throw forbidden('org.moveRoot');
    if (org.archivedAt) return toOrgView(org);
    const [active] = await tx
      .select({ n: count() })
      .from(orgs)
      .where(and(eq(orgs.countyId, actor.countyId), eq(orgs.parentId, id), isNull(orgs.archivedAt)));
    if ((active?.n ?? 0) > 0) throw unprocessable('org.hasActiveChildren');
    await tx.update(orgs).set({ archivedAt: new Date(), updatedAt: new Date() }).where(and(eq(orgs.countyId, actor.countyId), eq(orgs.id, id)));
    await appendAudit(tx, byActor(actor, { action: 'org.archive', entity: 'org', entityId: id, orgPath: org.path, detail: { name: org.name } }));
    return reload(tx, actor.countyId, id);
  });
}

export async function restoreOrg(db: Db, actor: Actor, id: string): Promise<OrgView> {
  return db.transaction(async (tx) => {
    const org = await visibleOrg(tx, actor, id, true);
    if (!org.archivedAt) return toOrgView(org);
    const parent = org.parentId ? await findOrg(tx, actor.countyId, org.parentId) : undefined;
    if (parent?.archivedAt) throw unprocessable('org.parentArchived');
    await tx.update(orgs).set({ archivedAt: null, updatedAt: new Date() }).where(and(eq(orgs.countyId, actor.countyId), eq(orgs.id, id)));
    await appendAudit(tx, byActor(actor, { action: 'org.restore', entity: 'org', entityId: id, orgPath: org.path, detail: { name: org.name } }));
    return reload(tx, actor.countyId, id);
  });
}

/** Deletes a node only when nothing hangs on it; otherwise the caller archives it. */
export async function deleteOrg(db: Db, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const org = await visibleOrg(tx, actor, id, true);
    if (!belowScopeRoot(actor, org.path)) throw forbidden('org.moveRoot');
    const [children] = await tx.select({ n: count() }).from(orgs).where(and(eq(orgs.countyId, actor.countyId), eq(orgs.parentId, id)));
    let used = (children?.n ?? 0) > 0;
    for (const [table, column] of ORG_REFERENCES) {
      if (used) break;
      const res = await tx.execute(sql`select 1 from ${sql.identifier(table)} where county_id = ${actor.countyId} and ${sql.identifier(column)} = ${id} limit 1`);
      used = rowsOf(res).length > 0;
    }
    if (used) throw new AppError('org.hasRecords', 409);
    await tx.delete(orgs).where(and(eq(orgs.countyId, actor.countyId), eq(orgs.id, id)));
    await appendAudit(tx, byActor(actor, { action: 'org.delete', entity: 'org', entityId: id, orgPath: org.path, detail: { before: toOrgView(org) } }));
  });
}

// ——— departments (职能部门): a flat list per county ———

type DepartmentRow = typeof departments.$inferSelect;
const toDepartmentView = (r: DepartmentRow): DepartmentView => ({
  id: r.id,
  countyId: r.countyId,
  name: r.name,
  code: r.code,
  phone: r.phone,
  archived: r.archivedAt !== null,
  createdAt: r.createdAt.toISOString(),
});

export async function listDepartments(db: Db, actor: Actor): Promise<DepartmentView[]> {
  const rows = await db.select().from(departments).where(eq(departments.countyId, actor.countyId)).orderBy(asc(departments.code));
  return rows.map(toDepartmentView);
}

export async function getDepartment(db: Db, actor: Actor, id: string): Promise<DepartmentView> {
  const [row] = await db.select().from(departments).where(and(eq(departments.countyId, actor.countyId), eq(departments.id, id)));
  if (!row) throw notFound();
  return toDepartmentView(row);
}

async function assertDepartmentCodeFree(tx: Tx, countyId: string, code: string, exceptId?: string) {
  const [hit] = await tx.select({ id: departments.id }).from(departments).where(and(eq(departments.countyId, countyId), eq(departments.code, code)));
  if (hit && hit.id !== exceptId) throw conflict('department.duplicateCode', 'code', { code });
}

export async function createDepartment(db: Db, actor: Actor, input: CreateDepartmentInput): Promise<DepartmentView> {
  return db.transaction(async (tx) => {
    await assertDepartmentCodeFree(tx, actor.countyId, input.code);
    const id = uuidv7();
    const [row] = await tx.insert(departments).values({ countyId: actor.countyId, id, name: input.name, code: input.code, phone: input.phone ?? null }).returning();
    await appendAudit(tx, byActor(actor, { action: 'department.create', entity: 'department', entityId: id, detail: { after: input } }));
    return toDepartmentView(row!);
  });
}

export async function updateDepartment(db: Db, actor: Actor, id: string, input: UpdateDepartmentInput): Promise<DepartmentView> {
  return db.transaction(async (tx) => {
    const [dept] = await tx.select().from(departments).where(and(eq(departments.countyId, actor.countyId), eq(departments.id, id))).for('update');
    if (!dept) throw notFound();
    if (input.code !== undefined && input.code !== dept.code) await assertDepartmentCodeFree(tx, actor.countyId, input.code, id);
    const { archived, ...rest } = input;
    const [row] = await tx
      .update(departments)
      .set({ ...rest, ...(archived === undefined ? {} : { archivedAt: archived ? (dept.archivedAt ?? new Date()) : null }) })
      .where(and(eq(departments.countyId, actor.countyId), eq(departments.id, id)))
      .returning();
    await appendAudit(tx, byActor(actor, { action: 'department.update', entity: 'department', entityId: id, detail: { before: toDepartmentView(dept), after: input } }));
    return toDepartmentView(row!);
  });
}

/** For other modules: the org an id names, if the actor may see it. */
export async function visibleOrgView(db: Db | Tx, actor: Actor, id: string): Promise<OrgView | null> {
  const row = await findOrg(db, actor.countyId, id);
  return row && inScope(actor, row.path) ? toOrgView(row) : null;
}

/** For other modules (accounts): an org of a county by id, unscoped. */
export async function orgById(db: Db | Tx, countyId: string, id: string): Promise<OrgView | null> {
  const row = await findOrg(db, countyId, id);
  return row ? toOrgView(row) : null;
}

export async function departmentById(db: Db | Tx, countyId: string, id: string): Promise<DepartmentView | null> {
  const [row] = await db.select().from(departments).where(and(eq(departments.countyId, countyId), eq(departments.id, id)));
  return row ? toDepartmentView(row) : null;
}

// ——— preparing writes for the Excel import (same rules as createOrg; nothing is written) ———

type OrgInsert = typeof orgs.$inferInsert;
export type OrgRef = { id: string; path: string; tier: OrgTier; level: OrgLevel; archived: boolean };
export interface OrgLookups {
  org(id: string): Promise<OrgRef | null>;
}

/**
 * Checks a new org against createOrg's rules: parent in the caller's scope and not archived, placement
 * (党委 → 党总支 → 党支部 → 党小组). Code uniqueness is the caller's (it knows the file and the county).
 */
export async function prepareOrg(actor: Actor, input: CreateOrgInput, lookups: OrgLookups, id: string = uuidv7()): Promise<{ row?: OrgInsert; problems: FieldProblem[] }> {
  const parent = await lookups.org(input.parentId);
  if (!parent || !inScope(actor, parent.path)) return { problems: [{ field: 'parentId', code: 'auth.outOfScope' }] };
  const problems: FieldProblem[] = [];
  if (parent.archived) problems.push({ field: 'parentId', code: 'org.parentArchived' });
  const placement = placementError(input, parent);
  if (placement) problems.push({ field: 'level', code: placement as ErrorCode });
  if (problems.length) return { problems };
  return {
    problems,
    row: {
      countyId: actor.countyId, id, parentId: parent.id, name: input.name, code: input.code, tier: input.tier, level: input.level,
      sector: input.sector, path: `${parent.path}.${pathLabel(id)}`, searchText: searchText(input.name),
    },
  };
}

/** Writes prepared orgs in batches inside the caller's transaction (parents before children, as prepared). */
export async function insertOrgs(tx: Tx, rows: OrgInsert[], batch = 1000): Promise<void> {
  for (let i = 0; i < rows.length; i += batch) await tx.insert(orgs).values(rows.slice(i, i + batch));
}

/** For imports: every org of a county by code (unscoped; callers check scope). */
export async function orgsByCode(db: Db | Tx, countyId: string): Promise<Map<string, OrgRef>> {
  const rows = await db
    .select({ id: orgs.id, code: orgs.code, path: orgs.path, tier: orgs.tier, level: orgs.level, archivedAt: orgs.archivedAt })
    .from(orgs)
    .where(eq(orgs.countyId, countyId));
  return new Map(rows.map((r) => [r.code, { id: r.id, path: r.path, tier: r.tier, level: r.level, archived: r.archivedAt !== null }]));
}
