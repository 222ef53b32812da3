import { and, asc, count, desc, eq, getTableColumns, inArray, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { uuidv7 } from 'uuidv7';
import {
  MASK, birthYearOf, idNumberFacts, idNumberProblem, maskIdNumber, maskName, normalizeIdNumber,
  type CreateHouseholdInput, type HouseholdView, type ListHouseholdsQuery, type ResidentInput,
  type ResidentView, type UpdateHouseholdInput, type UpdateResidentInput, type VisitTag,
} from '@jiceng/contract';
import type { Db, DbOrTx, Tx } from '../../db/client.js';
import { grids, households, residents } from './grids.tables.js';
import { orgs } from '../orgs/orgs.tables.js';
import { orgById } from '../orgs/orgs.service.js';
import { visibleGrid } from './grids.service.js';
import { memberIdsByResident, unlinkResident } from '../members/members.service.js';
import { dbLookups, type Lookups } from './grids.lookups.js';
import { assertVisible, inScope, scopeFilter, type Actor } from '../../platform/access/access.js';
import { auditUnmask, auditView, wantsClear, type UnmaskAsk } from '../../platform/access/masking.js';
import { appendAudit, byActor } from '../../platform/audit/audit.service.js';
import { decrypt, encryptOrNull, keyedHash } from '../../platform/crypto/crypto.js';
import { AppError, notFound, problemsError, unprocessable, type FieldProblem } from '../../platform/http/errors.js';
import { shanghaiToday } from '../../platform/calendar/today.js';
import { matchSearch, searchText } from '../../platform/search/pinyin.js';

type HouseholdRow = typeof households.$inferSelect;
type ResidentRow = typeof residents.$inferSelect;
type HouseholdInsert = typeof households.$inferInsert;
type ResidentInsert = typeof residents.$inferInsert;


// ——— views and masking ———

interface Sensitive { disability?: string | null; health?: string | null; poverty?: string | null }

/** Age in whole years on `today` (dates as YYYY-MM-DD, Asia/Shanghai calendar). */
export function ageOn(birthDate: string, today = shanghaiToday()): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

export function residentView(r: ResidentRow, clear: boolean, memberId: string | null = null): ResidentView {
  const minor = r.birthDate !== null && ageOn(r.birthDate) < 18;
  const sensitive: Sensitive = r.sensitiveEnc ? (JSON.parse(decrypt(r.sensitiveEnc)) as Sensitive) : {};
  const id = r.idEnc ? decrypt(r.idEnc) : null;
  const hide = (v: string | null | undefined) => (v ? (clear ? v : MASK) : null);
  return {
    id: r.id,
    householdId: r.householdId,
    name: minor && !clear ? maskName(r.name) : r.name,
    gender: r.gender,
    relation: r.relation as ResidentView['relation'],
    // masked: the year only (adults), so the date cannot complete a masked ID number
    birthDate: clear ? r.birthDate : null,
    birthYear: minor && !clear ? null : birthYearOf(r.birthDate),
    minor,
    phone: r.phone,
    idNumber: id ? (clear ? id : maskIdNumber(id)) : null,
    disability: hide(sensitive.disability),
    health: hide(sensitive.health),
    poverty: hide(sensitive.poverty),
    memberId,
  };
}

const village = alias(orgs, 'village');

function householdView(h: HouseholdRow & { orgName: string | null; gridName: string | null; residentCount: number }, clear: boolean, rs?: ResidentView[]): HouseholdView {
  return {
    id: h.id,
    countyId: h.countyId,
    orgId: h.orgId,
    orgName: h.orgName,
    gridId: h.gridId,
    gridName: h.gridName,
    address: h.address,
    headName: h.headName,
    phone: h.phone,
    visitTags: h.visitTags as VisitTag[],
    note: h.note,
    residentCount: h.residentCount,
    ...(rs ? { residents: rs } : {}),
    masked: !clear,
    archived: h.archivedAt !== null,
    createdAt: h.createdAt.toISOString(),
    updatedAt: h.updatedAt.toISOString(),
  };
}

function selectHouseholds(db: DbOrTx, countyId: string) {
  // counted per household of the page through (county_id, household_id), never aggregated over the table; the county
  // is repeated as a constant so that the correlated subquery stays on the outer query's shard (Citus)
  const residentCount = sql<number>`(select count(*) from residents r where r.county_id = ${countyId}::uuid and r.county_id = ${households.countyId} and r.household_id = ${households.id})::int`;
  return db
    .select({ ...getTableColumns(households), orgName: village.name, gridName: grids.name, residentCount })
    .from(households)
    .leftJoin(village, and(eq(village.countyId, households.countyId), eq(village.id, households.orgId)))
    .leftJoin(grids, and(eq(grids.countyId, households.countyId), eq(grids.id, households.gridId)));
}

// ——— reads ———

export async function listHouseholds(db: Db, actor: Actor, q: ListHouseholdsQuery): Promise<{ items: HouseholdView[]; total: number }> {
  const clear = wantsClear(actor, q);
  const org = q.orgId ? await orgById(db, actor.countyId, q.orgId) : null;
  const where = and(
    eq(households.countyId, actor.countyId),
    scopeFilter(actor, households.orgPath),
    org ? sql`${households.orgPath} <@ ${org.path}::ltree` : undefined,
    q.gridId ? eq(households.gridId, q.gridId) : undefined,
    q.tag ? sql`${households.visitTags} @> array[${q.tag}]::text[]` : undefined,
    q.includeArchived ? undefined : isNull(households.archivedAt),
    q.q ? matchSearch(households.searchText, q.q) : undefined,
  );
  const [totalRow] = await db.select({ n: count() }).from(households).where(where);
  const rows = await selectHouseholds(db, actor.countyId)
    .where(where)
    .orderBy(asc(households.address), asc(households.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  if (clear) await auditUnmask(db, actor, 'household', rows.map((r) => r.id), org?.path ?? null, q.unmaskReason);
  return { items: rows.map((r) => householdView(r, clear)), total: totalRow?.n ?? 0 };
}

async function visibleHousehold(db: DbOrTx, actor: Actor, id: string): Promise<HouseholdRow> {
  const [h] = await db.select().from(households).where(and(eq(households.countyId, actor.countyId), eq(households.id, id)));
  assertVisible(actor, h ? { countyId: h.countyId, path: h.orgPath } : undefined);
  return h!;
}

export async function getHousehold(db: Db, actor: Actor, id: string, ask: UnmaskAsk = {}): Promise<HouseholdView> {
  const clear = wantsClear(actor, ask);
  const h = await visibleHousehold(db, actor, id);
  const view = await householdDetail(db, actor.countyId, id, clear);
  if (clear) await auditUnmask(db, actor, 'household', [id], h.orgPath, ask.unmaskReason);
  else await auditView(db, actor, 'household', id, h.orgPath);
  return view;
}

/** Households by id with the head's name, for the privacy reports (one county). */
export async function householdNames(db: DbOrTx, countyId: string, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: households.id, name: households.headName }).from(households)
    .where(and(eq(households.countyId, countyId), inArray(households.id, ids)));
  return new Map(rows.map((r) => [r.id, r.name]));
}

async function householdDetail(db: DbOrTx, countyId: string, id: string, clear: boolean): Promise<HouseholdView> {
  const [h] = await selectHouseholds(db, countyId).where(and(eq(households.countyId, countyId), eq(households.id, id)));
  if (!h) throw notFound();
  const rs = await db
    .select()
    .from(residents)
    .where(and(eq(residents.countyId, countyId), eq(residents.householdId, id)))
    .orderBy(desc(residents.isHead), asc(residents.birthDate));
  const memberIds = await memberIdsByResident(db, countyId, rs.map((r) => r.id));
  return householdView(h, clear, rs.map((r) => residentView(r, clear, memberIds.get(r.id) ?? null)));
}

// ——— preparing writes (shared by the API and the Excel import) ———

export interface PreparedHousehold {
  household: HouseholdInsert;
  residents: ResidentInsert[];
}

/** A resident's row, or the problems with it (`field` is relative: idNumber, name…). */
export function prepareResident(countyId: string, householdId: string, orgPath: string, r: ResidentInput): { row?: ResidentInsert; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  let idNumber: string | null = null;
  let facts: ReturnType<typeof idNumberFacts> | null = null;
  if (r.idNumber) {
    const problem = idNumberProblem(r.idNumber);
    if (problem) problems.push({ field: 'idNumber', code: problem });
    else {
      idNumber = normalizeIdNumber(r.idNumber);
      facts = idNumberFacts(idNumber);
    }
  }
  if (problems.length) return { problems };
  const sensitive: Sensitive = { disability: r.disability ?? null, health: r.health ?? null, poverty: r.poverty ?? null };
  const hasSensitive = Object.values(sensitive).some((v) => v);
  return {
    problems,
    row: {
      countyId,
      id: uuidv7(),
      householdId,
      orgPath,
      name: r.name,
      searchText: searchText(r.name),
      gender: r.gender ?? facts?.gender ?? null,
      relation: r.relation,
      birthDate: r.birthDate ?? facts?.birthDate ?? null,
      phone: r.phone ?? null,
      idEnc: encryptOrNull(idNumber),
      idHash: idNumber ? keyedHash(countyId, idNumber) : null,
      sensitiveEnc: hasSensitive ? encryptOrNull(JSON.stringify(sensitive)) : null,
      isHead: r.relation === 'head',
    },
  };
}

const householdSearch = (address: string, names: string[]) => `${names.map(searchText).join(' ')} ${address.toLowerCase()}`;

/**
 * Checks a new household against the rules and the caller's scope; nothing is written.
 * Problems name fields as the API does: orgId, gridId, residents.2.idNumber…
 */
export async function prepareHousehold(actor: Actor, input: CreateHouseholdInput, lookups: Lookups): Promise<{ prepared?: PreparedHousehold; problems: FieldProblem[] }> {
  const problems: FieldProblem[] = [];
  const org = await lookups.org(input.orgId);
  if (!org || !inScope(actor, org.path)) return { problems: [{ field: 'orgId', code: 'auth.outOfScope' }] };
  if (org.tier !== 'village' || org.level === 'group') problems.push({ field: 'orgId', code: 'grid.orgTier' });
  if (org.archived) problems.push({ field: 'orgId', code: 'org.archived' });
  let orgPath = org.path;
  if (input.gridId) {
    const grid = await lookups.grid(input.gridId);
    if (!grid || !inScope(actor, grid.orgPath)) problems.push({ field: 'gridId', code: 'auth.outOfScope' });
    else if (grid.orgId !== org.id) problems.push({ field: 'gridId', code: 'household.gridVillage' });
    else orgPath = grid.orgPath;
  }
  const heads = input.residents.filter((r) => r.relation === 'head');
  if (heads.length !== 1) problems.push({ field: 'residents', code: 'household.needsHead' });
  const id = uuidv7();
  const rows: ResidentInsert[] = [];
  const seen = new Set<string>();
  input.residents.forEach((r, i) => {
    const p = prepareResident(actor.countyId, id, orgPath, r);
    for (const x of p.problems) problems.push({ ...x, field: `residents.${i}.${x.field}` });
    if (p.row) {
      if (p.row.idHash && seen.has(p.row.idHash)) problems.push({ field: `residents.${i}.idNumber`, code: 'idNumber.duplicate' });
      if (p.row.idHash) seen.add(p.row.idHash);
      rows.push(p.row);
    }
  });
  if (problems.length) return { problems };
  const head = heads[0]!;
  return {
    problems,
    prepared: {
      household: {
        countyId: actor.countyId, id, orgId: org.id, orgPath, gridId: input.gridId ?? null, address: input.address,
        headName: head.name, phone: input.phone ?? head.phone ?? null, visitTags: [...new Set(input.visitTags ?? [])], note: input.note ?? null,
        searchText: householdSearch(input.address, input.residents.map((r) => r.name)),
      },
      residents: rows,
    },
  };
}

/** ID hashes among `hashes` already taken in the county (residents). */
export async function takenResidentIdHashes(db: DbOrTx, countyId: string, hashes: string[]): Promise<Set<string>> {
  const taken = new Set<string>();
  for (let i = 0; i < hashes.length; i += 5000) {
    const chunk = hashes.slice(i, i + 5000);
    const rows = await db.select({ h: residents.idHash }).from(residents).where(and(eq(residents.countyId, countyId), inArray(residents.idHash, chunk)));
    for (const r of rows) if (r.h) taken.add(r.h);
  }
  return taken;
}

/** Writes prepared households in batches inside the caller's transaction. */
export async function insertHouseholds(tx: Tx, prepared: PreparedHousehold[], batch = 1000): Promise<void> {
  for (let i = 0; i < prepared.length; i += batch) {
    const part = prepared.slice(i, i + batch);
    await tx.insert(households).values(part.map((p) => p.household));
    const rs = part.flatMap((p) => p.residents);
    for (let j = 0; j < rs.length; j += batch) await tx.insert(residents).values(rs.slice(j, j + batch));
  }
}


// ——— writes ———

export async function createHousehold(db: Db, actor: Actor, input: CreateHouseholdInput): Promise<HouseholdView> {
  const { prepared, problems } = await prepareHousehold(actor, input, dbLookups(db, actor.countyId));
  if (!prepared) throw problemsError(problems);
  await db.transaction(async (tx) => {
    const hashes = prepared.residents.map((r) => r.idHash).filter((h): h is string => !!h);
    const taken = await takenResidentIdHashes(tx, actor.countyId, hashes);
    const dup = prepared.residents.findIndex((r) => r.idHash && taken.has(r.idHash));
    if (dup >= 0) throw new AppError('idNumber.duplicate', 409, {}, { [`residents.${dup}.idNumber`]: 'idNumber.duplicate' });
    await insertHouseholds(tx, [prepared]);
    await appendAudit(tx, byActor(actor, {
      action: 'household.create', entity: 'household', entityId: prepared.household.id, orgPath: prepared.household.orgPath,
      detail: { address: input.address, residents: input.residents.length, visitTags: input.visitTags ?? [] },
    }));
  });
  return householdDetail(db, actor.countyId, prepared.household.id, false);
}

async function refreshHousehold(tx: Tx, countyId: string, id: string): Promise<void> {
  const h = (await tx.select().from(households).where(and(eq(households.countyId, countyId), eq(households.id, id))))[0]!;
  const rs = await tx.select().from(residents).where(and(eq(residents.countyId, countyId), eq(residents.householdId, id)));
  const head = rs.find((r) => r.isHead);
  await tx
    .update(households)
    .set({ headName: head?.name ?? h.headName, searchText: householdSearch(h.address, rs.map((r) => r.name)), updatedAt: new Date() })
    .where(and(eq(households.countyId, countyId), eq(households.id, id)));
}

export async function updateHousehold(db: Db, actor: Actor, id: string, input: UpdateHouseholdInput): Promise<HouseholdView> {
  await db.transaction(async (tx) => {
    const h = await visibleHousehold(tx, actor, id);
    let orgPath = h.orgPath;
    if (input.gridId !== undefined && input.gridId !== h.gridId) {
      if (input.gridId) {
        const g = await visibleGrid(tx, actor, input.gridId).catch(() => null);
        if (!g) throw new AppError('auth.outOfScope', 403, {}, { gridId: 'auth.outOfScope' });
        if (g.orgId !== h.orgId) throw unprocessable('household.gridVillage', 'gridId');
        orgPath = g.orgPath;
      } else {
        orgPath = (await orgById(tx, actor.countyId, h.orgId))!.path;
      }
      if (!inScope(actor, orgPath)) throw new AppError('auth.outOfScope', 403, {}, { gridId: 'auth.outOfScope' });
      await tx.update(residents).set({ orgPath }).where(and(eq(residents.countyId, actor.countyId), eq(residents.householdId, id)));
    }
    const { archived, visitTags, ...rest } = input;
    await tx
      .update(households)
      .set({
        ...rest,
        orgPath,
        ...(visitTags ? { visitTags: [...new Set(visitTags)] } : {}),
        ...(archived === undefined ? {} : { archivedAt: archived ? (h.archivedAt ?? new Date()) : null }),
        updatedAt: new Date(),
      })
      .where(and(eq(households.countyId, actor.countyId), eq(households.id, id)));
    if (input.address) await refreshHousehold(tx, actor.countyId, id);
    const before = Object.fromEntries(Object.keys(input).map((k) => [k, h[k as keyof HouseholdRow]]));
    await appendAudit(tx, byActor(actor, { action: 'household.update', entity: 'household', entityId: id, orgPath, detail: { before, after: input } }));
  });
  return householdDetail(db, actor.countyId, id, false);
}

async function assertIdFree(tx: Tx, countyId: string, hash: string | null | undefined, exceptResidentId?: string) {
  if (!hash) return;
  const [hit] = await tx.select({ id: residents.id }).from(residents).where(and(eq(residents.countyId, countyId), eq(residents.idHash, hash)));
  if (hit && hit.id !== exceptResidentId) throw new AppError('idNumber.duplicate', 409, {}, { idNumber: 'idNumber.duplicate' });
}

const throwProblems = (problems: FieldProblem[]) => {
  if (problems.length) throw problemsError(problems);
};

export async function addResident(db: Db, actor: Actor, householdId: string, input: ResidentInput): Promise<HouseholdView> {
  await db.transaction(async (tx) => {
    const h = await visibleHousehold(tx, actor, householdId);
    const { row, problems } = prepareResident(actor.countyId, householdId, h.orgPath, input);
    throwProblems(problems);
    if (row!.isHead) throw unprocessable('household.needsHead', 'relation');
    await assertIdFree(tx, actor.countyId, row!.idHash);
    await tx.insert(residents).values(row!);
    await refreshHousehold(tx, actor.countyId, householdId);
    await appendAudit(tx, byActor(actor, { action: 'resident.create', entity: 'resident', entityId: row!.id, orgPath: h.orgPath, detail: { householdId, relation: input.relation } }));
  });
  return householdDetail(db, actor.countyId, householdId, false);
}

async function visibleResident(tx: DbOrTx, actor: Actor, id: string): Promise<ResidentRow> {
  const [r] = await tx.select().from(residents).where(and(eq(residents.countyId, actor.countyId), eq(residents.id, id)));
  assertVisible(actor, r ? { countyId: r.countyId, path: r.orgPath } : undefined);
  return r!;
}

export async function updateResident(db: Db, actor: Actor, id: string, input: UpdateResidentInput): Promise<HouseholdView> {
  const householdId = await db.transaction(async (tx) => {
    const r = await visibleResident(tx, actor, id);
    if (input.relation !== undefined && (input.relation === 'head') !== r.isHead) throw unprocessable('household.needsHead', 'relation');
    const current = residentView(r, true);
    const merged: ResidentInput = {
      name: input.name ?? r.name,
      relation: input.relation ?? (r.relation as ResidentInput['relation']),
      gender: input.gender !== undefined ? input.gender : r.gender,
      birthDate: input.birthDate !== undefined ? input.birthDate : r.birthDate,
      phone: input.phone !== undefined ? input.phone : r.phone,
      idNumber: input.idNumber !== undefined ? input.idNumber : current.idNumber,
      disability: input.disability !== undefined ? input.disability : current.disability,
      health: input.health !== undefined ? input.health : current.health,
      poverty: input.poverty !== undefined ? input.poverty : current.poverty,
    };
    const { row, problems } = prepareResident(actor.countyId, r.householdId, r.orgPath, merged);
    throwProblems(problems);
    await assertIdFree(tx, actor.countyId, row!.idHash, id);
    // never SET the distribution column (Citus: "modifying the partition value of rows is not allowed")
    const { id: _newId, countyId: _county, createdAt: _c, ...changes } = row!;
    await tx.update(residents).set({ ...changes, updatedAt: new Date() }).where(and(eq(residents.countyId, actor.countyId), eq(residents.id, id)));
    await refreshHousehold(tx, actor.countyId, r.householdId);
    // field names only: values of sensitive fields never go to the audit log
    await appendAudit(tx, byActor(actor, { action: 'resident.update', entity: 'resident', entityId: id, orgPath: r.orgPath, detail: { fields: Object.keys(input) } }));
    return r.householdId;
  });
  return householdDetail(db, actor.countyId, householdId, false);
}

export async function deleteResident(db: Db, actor: Actor, id: string): Promise<HouseholdView> {
  const householdId = await db.transaction(async (tx) => {
    const r = await visibleResident(tx, actor, id);
    if (r.isHead) throw unprocessable('household.needsHead');
    const unlinkedMembers = await unlinkResident(tx, actor.countyId, id);
    await tx.delete(residents).where(and(eq(residents.countyId, actor.countyId), eq(residents.id, id)));
    await refreshHousehold(tx, actor.countyId, r.householdId);
    await appendAudit(tx, byActor(actor, { action: 'resident.delete', entity: 'resident', entityId: id, orgPath: r.orgPath, detail: { householdId: r.householdId, relation: r.relation, ...(unlinkedMembers.length ? { unlinkedMembers } : {}) } }));
    return r.householdId;
  });
  return householdDetail(db, actor.countyId, householdId, false);
}


// ——— for the Excel import's update mode ———

export interface StoredHousehold {
  household: HouseholdRow;
  residents: (ResidentRow & { idNumber: string | null; sensitive: Sensitive })[];
}

/** Households of a county by id with their residents, decrypted (unscoped; the import checks scope). */
export async function householdsForImport(db: DbOrTx, countyId: string, ids: string[]): Promise<Map<string, StoredHousehold>> {
  const out = new Map<string, StoredHousehold>();
  for (let i = 0; i < ids.length; i += 5000) {
    const chunk = ids.slice(i, i + 5000);
    const hs = await db.select().from(households).where(and(eq(households.countyId, countyId), inArray(households.id, chunk)));
    for (const h of hs) out.set(h.id, { household: h, residents: [] });
    const rs = await db.select().from(residents).where(and(eq(residents.countyId, countyId), inArray(residents.householdId, chunk)));
    for (const r of rs) {
      out.get(r.householdId)?.residents.push({
        ...r, idNumber: r.idEnc ? decrypt(r.idEnc) : null, sensitive: r.sensitiveEnc ? (JSON.parse(decrypt(r.sensitiveEnc)) as Sensitive) : {},
      });
    }
  }
  return out;
}

export interface HouseholdImportUpdate {
  household: HouseholdInsert & { id: string };
  /** residents to rewrite (matched) and to add (new) */
  update: ResidentInsert[];
  insert: ResidentInsert[];
}

/** Writes import updates: the household row, its changed residents and its new ones; paths follow the grid. */
export async function updateHouseholdRows(tx: Tx, countyId: string, changes: HouseholdImportUpdate[]): Promise<void> {
  for (const c of changes) {
    const { id, countyId: _c, ...h } = c.household;
    await tx.update(households).set({ ...h, updatedAt: new Date() }).where(and(eq(households.countyId, countyId), eq(households.id, id)));
    await tx.update(residents).set({ orgPath: h.orgPath }).where(and(eq(residents.countyId, countyId), eq(residents.householdId, id)));
    for (const { id: rid, countyId: _rc, householdId: _h, ...r } of c.update) {
      await tx.update(residents).set({ ...r, updatedAt: new Date() }).where(and(eq(residents.countyId, countyId), eq(residents.id, rid!)));
    }
    if (c.insert.length) await tx.insert(residents).values(c.insert);
  }
}

export { householdSearch };

/** Residents of listed households as the list may show them (masked unless `clear`), for the register export. */
export async function residentsOfHouseholds(db: DbOrTx, countyId: string, ids: string[], clear: boolean): Promise<Map<string, ResidentView[]>> {
  const out = new Map<string, ResidentView[]>();
  for (let i = 0; i < ids.length; i += 5000) {
    const rs = await db.select().from(residents)
      .where(and(eq(residents.countyId, countyId), inArray(residents.householdId, ids.slice(i, i + 5000))))
      .orderBy(desc(residents.isHead), asc(residents.birthDate), asc(residents.id));
    for (const r of rs) {
      const list = out.get(r.householdId) ?? [];
      list.push(residentView(r, clear));
      out.set(r.householdId, list);
    }
  }
  return out;
}
