import { and, asc, count, eq, getTableColumns, inArray, isNull, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { uuidv7 } from 'uuidv7';
import {
  MEMBER_STATUS_LABELS, POSITION_KIND_LABELS, birthYearOf, idNumberFacts, idNumberProblem, maskIdNumber, normalizeIdNumber,
  type CreateMemberInput, type CreatePositionInput, type ListMembersQuery, type MemberFileView, type MemberView,
  type PositionKind, type PositionView, type TimelineEntry, type UpdateMemberInput, type UpdatePositionInput,
} from '@jiceng/contract';
import type { Db, DbOrTx, Tx } from '../../db/client.js';
import { memberPositions, members } from './members.tables.js';
import { grids } from '../grids/grids.tables.js';
import { dbLookups } from '../grids/grids.lookups.js';
import { orgs } from '../orgs/orgs.tables.js';
import { orgById } from '../orgs/orgs.service.js';
import { assertVisible, inScope, scopeFilter, type Actor } from '../../platform/access/access.js';
import { auditUnmask, auditView, wantsClear, type UnmaskAsk } from '../../platform/access/masking.js';
import { appendAudit, byActor } from '../../platform/audit/audit.service.js';
import { decrypt, encryptOrNull, keyedHash } from '../../platform/crypto/crypto.js';
import { AppError, problemsError, unprocessable, type FieldProblem } from '../../platform/http/errors.js';
import { shanghaiToday } from '../../platform/calendar/today.js';
import { matchSearch, searchText } from '../../platform/search/pinyin.js';

type MemberRow = typeof members.$inferSelect;
type MemberInsert = typeof members.$inferInsert;
type PositionRow = typeof memberPositions.$inferSelect;

const memberOrg = alias(orgs, 'member_org');
const positionOrg = alias(orgs, 'position_org');
const positionGrid = alias(grids, 'position_grid');


async function positionsOf(db: DbOrTx, countyId: string, memberIds: string[]): Promise<Map<string, PositionView[]>> {
  const out = new Map<string, PositionView[]>();
  if (memberIds.length === 0) return out;
  const rows = await db
    .select({ p: getTableColumns(memberPositions), orgName: positionOrg.name, gridName: positionGrid.name })
    .from(memberPositions)
    .leftJoin(positionOrg, and(eq(positionOrg.countyId, memberPositions.countyId), eq(positionOrg.id, memberPositions.orgId)))
    .leftJoin(positionGrid, and(eq(positionGrid.countyId, memberPositions.countyId), eq(positionGrid.id, memberPositions.gridId)))
    .where(and(eq(memberPositions.countyId, countyId), inArray(memberPositions.memberId, memberIds)))
    .orderBy(asc(memberPositions.startedOn));
  const today = shanghaiToday();
  for (const { p, orgName, gridName } of rows) {
    const list = out.get(p.memberId) ?? [];
    list.push({
      id: p.id, memberId: p.memberId, kind: p.kind as PositionKind, orgId: p.orgId, orgName, gridId: p.gridId, gridName,
      title: p.title, startedOn: p.startedOn, endedOn: p.endedOn, current: p.startedOn <= today && (p.endedOn === null || p.endedOn >= today),
    });
    out.set(p.memberId, list);
  }
  return out;
}

function memberView(m: MemberRow & { orgName: string | null; gridName: string | null }, positions: PositionView[], clear: boolean): MemberView {
  const id = m.idEnc ? decrypt(m.idEnc) : null;
  return {
    id: m.id, countyId: m.countyId, orgId: m.orgId, orgName: m.orgName, gridId: m.gridId, gridName: m.gridName,
    // masked: the year only, so the date cannot complete a masked ID number
    name: m.name, gender: m.gender, birthDate: clear ? m.birthDate : null, birthYear: birthYearOf(m.birthDate), phone: m.phone,
    idNumber: id ? (clear ? id : maskIdNumber(id)) : null,
    status: m.status, activistOn: m.activistOn, admittedOn: m.admittedOn, fullOn: m.fullOn,
    floating: m.floating, floatingTo: m.floatingTo, positions, archived: m.archivedAt !== null, masked: !clear,
    createdAt: m.createdAt.toISOString(), updatedAt: m.updatedAt.toISOString(),
  };
}

const selectMembers = (db: DbOrTx) =>
  db
    .select({ ...getTableColumns(members), orgName: memberOrg.name, gridName: grids.name })
    .from(members)
    .leftJoin(memberOrg, and(eq(memberOrg.countyId, members.countyId), eq(memberOrg.id, members.orgId)))
    .leftJoin(grids, and(eq(grids.countyId, members.countyId), eq(grids.id, members.gridId)));

export async function listMembers(db: Db, actor: Actor, q: ListMembersQuery): Promise<{ items: MemberView[]; total: number }> {
  const clear = wantsClear(actor, q);
  const org = q.orgId ? await orgById(db, actor.countyId, q.orgId) : null;
  const today = shanghaiToday();
  const where = and(
    eq(members.countyId, actor.countyId),
    scopeFilter(actor, members.orgPath),
    org ? sql`${members.orgPath} <@ ${org.path}::ltree` : undefined,
    q.gridId ? eq(members.gridId, q.gridId) : undefined,
    q.status ? eq(members.status, q.status) : undefined,
    q.floating !== undefined ? eq(members.floating, q.floating) : undefined,
    q.includeArchived ? undefined : isNull(members.archivedAt),
    q.q ? matchSearch(members.searchText, q.q) : undefined,
    q.position
      ? sql`exists (select 1 from member_positions p where p.county_id = ${actor.countyId}::uuid and p.county_id = ${members.countyId} and p.member_id = ${members.id}
               and p.kind = ${q.position} and p.started_on <= ${today} and (p.ended_on is null or p.ended_on >= ${today}))`
      : undefined,
  );
  const [total] = await db.select({ n: count() }).from(members).where(where);
  const rows = await selectMembers(db).where(where).orderBy(asc(members.orgPath), asc(members.name), asc(members.id)).limit(q.pageSize).offset((q.page - 1) * q.pageSize);
  const positions = await positionsOf(db, actor.countyId, rows.map((r) => r.id));
  if (clear) await auditUnmask(db, actor, 'member', rows.map((r) => r.id), org?.path ?? null, q.unmaskReason);
  return { items: rows.map((r) => memberView(r, positions.get(r.id) ?? [], clear)), total: total?.n ?? 0 };
}

async function visibleMember(db: DbOrTx, actor: Actor, id: string): Promise<MemberRow> {
  const [m] = await db.select().from(members).where(and(eq(members.countyId, actor.countyId), eq(members.id, id)));
  assertVisible(actor, m ? { countyId: m.countyId, path: m.orgPath } : undefined);
  return m!;
}

async function memberDetail(db: DbOrTx, countyId: string, id: string, clear: boolean): Promise<MemberView> {
  const [m] = await selectMembers(db).where(and(eq(members.countyId, countyId), eq(members.id, id)));
  const positions = await positionsOf(db, countyId, [id]);
  return memberView(m!, positions.get(id) ?? [], clear);
}

export async function getMember(db: Db, actor: Actor, id: string, ask: UnmaskAsk = {}): Promise<MemberView> {
  const clear = wantsClear(actor, ask);
  const m = await visibleMember(db, actor, id);
  if (clear) await auditUnmask(db, actor, 'member', [id], m.orgPath, ask.unmaskReason);
  else await auditView(db, actor, 'member', id, m.orgPath);
  return memberDetail(db, actor.countyId, id, clear);
}

/** Members by id with their names, for the privacy reports (one county). */
export async function memberNames(db: DbOrTx, countyId: string, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: members.id, name: members.name }).from(members)
    .where(and(eq(members.countyId, countyId), inArray(members.id, ids)));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * 党员发展档案: the member's own dates and posts, newest first. Later modules (volunteer hours, duties,
 * training) register more sources here.
 */
export async function memberFile(db: Db, actor: Actor, id: string, ask: UnmaskAsk = {}): Promise<MemberFileView> {
  const clear = wantsClear(actor, ask);
  const m = await visibleMember(db, actor, id);
  if (clear) await auditUnmask(db, actor, 'member', [id], m.orgPath, ask.unmaskReason);
  else await auditView(db, actor, 'member', id, m.orgPath);
  const member = await memberDetail(db, actor.countyId, id, clear);
  const zh = (l: { 'zh-CN': string }) => l['zh-CN'];
  const timeline: TimelineEntry[] = [];
  if (member.activistOn) timeline.push({ on: member.activistOn, kind: 'status.activist', title: `确定为${zh(MEMBER_STATUS_LABELS.activist)}`, detail: null });
  if (member.admittedOn) timeline.push({ on: member.admittedOn, kind: 'status.probationary', title: `接收为${zh(MEMBER_STATUS_LABELS.probationary)}`, detail: null });
  if (member.fullOn) timeline.push({ on: member.fullOn, kind: 'status.formal', title: `转为${zh(MEMBER_STATUS_LABELS.formal)}`, detail: null });
  for (const p of member.positions) {
    const what = `${zh(POSITION_KIND_LABELS[p.kind])}${p.title ? `（${p.title}）` : ''}`;
    timeline.push({ on: p.startedOn, kind: 'position.start', title: `任${what}`, detail: p.gridName ?? p.orgName });
    if (p.endedOn) timeline.push({ on: p.endedOn, kind: 'position.end', title: `卸任${what}`, detail: p.gridName ?? p.orgName });
  }
  timeline.sort((a, b) => (a.on < b.on ? 1 : a.on > b.on ? -1 : 0));
  return { member, timeline };
}

// ——— writes ———

export interface MemberLookups {
  org(id: string): Promise<{ id: string; path: string; level: string; archived: boolean } | null>;
  grid(id: string): Promise<{ id: string; orgPath: string } | null>;
}

type MemberFields = Omit<CreateMemberInput, 'orgId'> & { orgId: string };

/** Rules of a member record (shared by the API and the Excel import); nothing is written. */
export async function prepareMember(actor: Actor, input: MemberFields, lookups: MemberLookups, id: string = uuidv7()): Promise<{ row?: MemberInsert; problems: FieldProblem[] }> {
  const problems: FieldProblem[] = [];
  const org = await lookups.org(input.orgId);
  if (!org || !inScope(actor, org.path)) return { problems: [{ field: 'orgId', code: 'auth.outOfScope' }] };
  if (org.level !== 'branch' && org.level !== 'group') problems.push({ field: 'orgId', code: 'member.orgLevel' });
  if (input.gridId) {
    const g = await lookups.grid(input.gridId);
    if (!g || !inScope(actor, g.orgPath)) problems.push({ field: 'gridId', code: 'auth.outOfScope' });
  }
  let idNumber: string | null = null;
  let facts: ReturnType<typeof idNumberFacts> | null = null;
  if (input.idNumber) {
    const p = idNumberProblem(input.idNumber);
    if (p) problems.push({ field: 'idNumber', code: p });
    else {
      idNumber = normalizeIdNumber(input.idNumber);
      facts = idNumberFacts(idNumber);
    }
  }
  // 篇二 7 / 党章: 积极分子 → 预备党员 → 正式党员, in that order
  const dates = [['activistOn', input.activistOn], ['admittedOn', input.admittedOn], ['fullOn', input.fullOn]] as const;
  let last: string | null = null;
  for (const [field, value] of dates) {
    if (!value) continue;
    if (last && value < last) problems.push({ field, code: 'member.dates' });
    last = value;
  }
  if (input.floating && !input.floatingTo) problems.push({ field: 'floatingTo', code: 'member.floatingTo' });
  if (problems.length) return { problems };
  return {
    problems,
    row: {
      countyId: actor.countyId, id, orgId: org.id, orgPath: org.path, gridId: input.gridId ?? null,
      name: input.name, searchText: searchText(input.name),
      gender: input.gender ?? facts?.gender ?? null, birthDate: input.birthDate ?? facts?.birthDate ?? null, phone: input.phone ?? null,
      idEnc: encryptOrNull(idNumber), idHash: idNumber ? keyedHash(actor.countyId, idNumber) : null,
      status: input.status, activistOn: input.activistOn ?? null, admittedOn: input.admittedOn ?? null, fullOn: input.fullOn ?? null,
      floating: input.floating ?? false, floatingTo: input.floating ? (input.floatingTo ?? null) : null,
    },
  };
}

export async function takenMemberIdHashes(db: DbOrTx, countyId: string, hashes: string[]): Promise<Set<string>> {
  const taken = new Set<string>();
  for (let i = 0; i < hashes.length; i += 5000) {
    const rows = await db.select({ h: members.idHash }).from(members).where(and(eq(members.countyId, countyId), inArray(members.idHash, hashes.slice(i, i + 5000))));
    for (const r of rows) if (r.h) taken.add(r.h);
  }
  return taken;
}

export async function insertMembers(tx: Tx, rows: MemberInsert[], batch = 1000): Promise<void> {
  for (let i = 0; i < rows.length; i += batch) await tx.insert(members).values(rows.slice(i, i + batch));
}

async function assertMemberIdFree(tx: Tx, countyId: string, hash: string | null | undefined, exceptId?: string) {
  if (!hash) return;
  const [hit] = await tx.select({ id: members.id }).from(members).where(and(eq(members.countyId, countyId), eq(members.idHash, hash)));
  if (hit && hit.id !== exceptId) throw new AppError('idNumber.duplicate', 409, {}, { idNumber: 'idNumber.duplicate' });
}

export async function createMember(db: Db, actor: Actor, input: CreateMemberInput): Promise<MemberView> {
  const { row, problems } = await prepareMember(actor, input, dbLookups(db, actor.countyId));
  if (!row) throw problemsError(problems);
  await db.transaction(async (tx) => {
    await assertMemberIdFree(tx, actor.countyId, row.idHash);
    await tx.insert(members).values(row);
    await appendAudit(tx, byActor(actor, { action: 'member.create', entity: 'member', entityId: row.id, orgPath: row.orgPath, detail: { name: input.name, status: input.status } }));
  });
  return memberDetail(db, actor.countyId, row.id!, false);
}

export async function updateMember(db: Db, actor: Actor, id: string, input: UpdateMemberInput): Promise<MemberView> {
  await db.transaction(async (tx) => {
    const m = await visibleMember(tx, actor, id);
    const current = memberView({ ...m, orgName: null, gridName: null }, [], true);
    const merged: MemberFields = {
      orgId: input.orgId ?? m.orgId,
      gridId: input.gridId !== undefined ? input.gridId : m.gridId,
      name: input.name ?? m.name,
      gender: input.gender !== undefined ? input.gender : m.gender,
      birthDate: input.birthDate !== undefined ? input.birthDate : m.birthDate,
      phone: input.phone !== undefined ? input.phone : m.phone,
      idNumber: input.idNumber !== undefined ? input.idNumber : current.idNumber,
      status: input.status ?? m.status,
      activistOn: input.activistOn !== undefined ? input.activistOn : m.activistOn,
      admittedOn: input.admittedOn !== undefined ? input.admittedOn : m.admittedOn,
      fullOn: input.fullOn !== undefined ? input.fullOn : m.fullOn,
      floating: input.floating ?? m.floating,
      floatingTo: input.floatingTo !== undefined ? input.floatingTo : m.floatingTo,
    };
    const { row, problems } = await prepareMember(actor, merged, dbLookups(tx, actor.countyId), id);
    if (!row) throw problemsError(problems);
    await assertMemberIdFree(tx, actor.countyId, row.idHash, id);
    const { id: _id, countyId: _c, ...changes } = row;
    const archivedAt = input.archived === undefined ? m.archivedAt : input.archived ? (m.archivedAt ?? new Date()) : null;
    await tx.update(members).set({ ...changes, archivedAt, updatedAt: new Date() }).where(and(eq(members.countyId, actor.countyId), eq(members.id, id)));
    const fields = Object.keys(input);
    await appendAudit(tx, byActor(actor, { action: 'member.update', entity: 'member', entityId: id, orgPath: row.orgPath, detail: { fields, ...(input.status ? { status: { before: m.status, after: input.status } } : {}) } }));
  });
  return memberDetail(db, actor.countyId, id, false);
}

export async function addPosition(db: Db, actor: Actor, memberId: string, input: CreatePositionInput): Promise<MemberView> {
  await db.transaction(async (tx) => {
    const m = await visibleMember(tx, actor, memberId);
    const org = input.orgId ? await orgById(tx, actor.countyId, input.orgId) : await orgById(tx, actor.countyId, m.orgId);
    if (!org || !inScope(actor, org.path)) throw new AppError('auth.outOfScope', 403, {}, { orgId: 'auth.outOfScope' });
    if (input.gridId) {
      const [g] = await tx.select().from(grids).where(and(eq(grids.countyId, actor.countyId), eq(grids.id, input.gridId)));
      if (!g || !inScope(actor, g.orgPath)) throw new AppError('auth.outOfScope', 403, {}, { gridId: 'auth.outOfScope' });
    }
    if (input.endedOn && input.endedOn < input.startedOn) throw unprocessable('position.dates', 'endedOn');
    const id = uuidv7();
    await tx.insert(memberPositions).values({
      countyId: actor.countyId, id, memberId, kind: input.kind, orgId: org.id, orgPath: org.path, gridId: input.gridId ?? null,
      title: input.title ?? null, startedOn: input.startedOn, endedOn: input.endedOn ?? null,
    });
    await appendAudit(tx, byActor(actor, { action: 'position.create', entity: 'member', entityId: memberId, orgPath: org.path, detail: { positionId: id, ...input } }));
  });
  return memberDetail(db, actor.countyId, memberId, false);
}

export async function updatePosition(db: Db, actor: Actor, id: string, input: UpdatePositionInput): Promise<MemberView> {
  let memberId = '';
  await db.transaction(async (tx) => {
    const [p] = await tx.select().from(memberPositions).where(and(eq(memberPositions.countyId, actor.countyId), eq(memberPositions.id, id)));
    assertVisible(actor, p ? { countyId: p.countyId, path: p.orgPath } : undefined);
    const pos = p as PositionRow;
    await visibleMember(tx, actor, pos.memberId);
    memberId = pos.memberId;
    const startedOn = input.startedOn ?? pos.startedOn;
    const endedOn = input.endedOn !== undefined ? input.endedOn : pos.endedOn;
    if (endedOn && endedOn < startedOn) throw unprocessable('position.dates', 'endedOn');
    await tx.update(memberPositions).set({ ...input }).where(and(eq(memberPositions.countyId, actor.countyId), eq(memberPositions.id, id)));
    await appendAudit(tx, byActor(actor, { action: 'position.update', entity: 'member', entityId: pos.memberId, orgPath: pos.orgPath, detail: { positionId: id, before: { startedOn: pos.startedOn, endedOn: pos.endedOn, title: pos.title }, after: input } }));
  });
  return memberDetail(db, actor.countyId, memberId, false);
}

// ——— for other modules ———

/** Current 党员中心户 of each grid. */
export async function centralHouseholdsOfGrids(db: DbOrTx, countyId: string, gridIds: string[]): Promise<Map<string, { memberId: string; name: string; phone: string | null }[]>> {
  const out = new Map<string, { memberId: string; name: string; phone: string | null }[]>();
  if (gridIds.length === 0) return out;
  const today = shanghaiToday();
  const rows = await db
    .select({ gridId: memberPositions.gridId, memberId: members.id, name: members.name, phone: members.phone })
    .from(memberPositions)
    .innerJoin(members, and(eq(members.countyId, memberPositions.countyId), eq(members.id, memberPositions.memberId)))
    .where(and(
      eq(memberPositions.countyId, countyId),
      inArray(memberPositions.gridId, gridIds),
      eq(memberPositions.kind, 'centralHousehold'),
      sql`${memberPositions.startedOn} <= ${today}`,
      or(isNull(memberPositions.endedOn), sql`${memberPositions.endedOn} >= ${today}`),
    ));
  for (const r of rows) {
    const list = out.get(r.gridId!) ?? [];
    list.push({ memberId: r.memberId, name: r.name, phone: r.phone });
    out.set(r.gridId!, list);
  }
  return out;
}

export async function memberIdsByResident(db: DbOrTx, countyId: string, residentIds: string[]): Promise<Map<string, string>> {
  if (residentIds.length === 0) return new Map();
  const rows = await db.select({ residentId: members.residentId, id: members.id }).from(members).where(and(eq(members.countyId, countyId), inArray(members.residentId, residentIds)));
  return new Map(rows.map((r) => [r.residentId!, r.id]));
}

/**
 * Before a resident row is deleted: the members linked to it keep their record and lose the link. The foreign key is
 * ON DELETE NO ACTION (Citus refuses SET NULL on a key that includes the distribution column), so the service clears
 * it; returns the member ids unlinked.
 */
export async function unlinkResident(tx: Tx, countyId: string, residentId: string): Promise<string[]> {
  const rows = await tx.update(members).set({ residentId: null, updatedAt: new Date() })
    .where(and(eq(members.countyId, countyId), eq(members.residentId, residentId)))
    .returning({ id: members.id });
  return rows.map((r) => r.id);
}

// ——— for the Excel import's update mode ———

/** Members of a county by id or ID hash (unscoped; the import checks scope). */
export async function membersForImport(db: DbOrTx, countyId: string, ids: string[], hashes: string[]): Promise<MemberRow[]> {
  const out: MemberRow[] = [];
  for (let i = 0; i < Math.max(ids.length, hashes.length); i += 5000) {
    const a = ids.slice(i, i + 5000);
    const b = hashes.slice(i, i + 5000);
    const where = [a.length ? inArray(members.id, a) : undefined, b.length ? inArray(members.idHash, b) : undefined].filter((w) => w !== undefined);
    if (where.length === 0) continue;
    out.push(...(await db.select().from(members).where(and(eq(members.countyId, countyId), or(...where)))));
  }
  return [...new Map(out.map((m) => [m.id, m])).values()];
}

/** Stored ID number of a member row (decrypted), for the mask comparison of a re-imported export. */
export const memberIdNumber = (m: Pick<MemberRow, 'idEnc'>) => (m.idEnc ? decrypt(m.idEnc) : null);

/** The fields an import may change, compared as stored (the encrypted ID by its hash). */
export const MEMBER_IMPORT_FIELDS = ['orgId', 'orgPath', 'gridId', 'name', 'gender', 'birthDate', 'phone', 'idHash', 'status', 'activistOn', 'admittedOn', 'fullOn', 'floating', 'floatingTo'] as const;

export async function updateMemberRows(tx: Tx, countyId: string, rows: MemberInsert[]): Promise<void> {
  for (const { id, countyId: _c, ...changes } of rows) {
    await tx.update(members).set({ ...changes, updatedAt: new Date() }).where(and(eq(members.countyId, countyId), eq(members.id, id!)));
  }
}
