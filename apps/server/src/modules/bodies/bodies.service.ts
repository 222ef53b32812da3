import { and, asc, eq, getTableColumns, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { uuidv7 } from 'uuidv7';
import type {
  BodyKind, BodyView, CreateBodyInput, CreatePairingInput, PairingKind, PairingView, PartnerKind, UpdateBodyInput, UpdatePairingInput,
} from '@jiceng/contract';
import type { Db, DbOrTx } from '../../db/client.js';
import { bodies, pairings } from './bodies.tables.js';
import { orgs } from '../orgs/orgs.tables.js';
import { departmentById, orgById } from '../orgs/orgs.service.js';
import { assertVisible, inScope, scopeFilter, type Actor } from '../../platform/access/access.js';
import { appendAudit, byActor } from '../../platform/audit/audit.service.js';
import { AppError, unprocessable } from '../../platform/http/errors.js';

const village = alias(orgs, 'village');
import { shanghaiToday } from '../../platform/calendar/today.js';

/** 131n bodies and pairings hang on a village's (or community's) party org. */
async function villageInScope(db: DbOrTx, actor: Actor, orgId: string, code: 'body.orgTier') {
  const org = await orgById(db, actor.countyId, orgId);
  if (!org || !inScope(actor, org.path)) throw new AppError('auth.outOfScope', 403, {}, { orgId: 'auth.outOfScope' });
  if (org.tier !== 'village' || org.level === 'group') throw unprocessable(code, 'orgId');
  return org;
}

const orgFilter = async (db: DbOrTx, actor: Actor, orgId: string | undefined, column: typeof bodies.orgPath | typeof pairings.orgPath) => {
  if (!orgId) return undefined;
  const org = await orgById(db, actor.countyId, orgId);
  return org ? sql`${column} <@ ${org.path}::ltree` : sql`false`;
};

// ——— 131n ———

type BodyRow = typeof bodies.$inferSelect;
const bodyView = (b: BodyRow & { orgName: string | null }): BodyView => ({
  id: b.id, countyId: b.countyId, orgId: b.orgId, orgName: b.orgName, kind: b.kind as BodyKind, name: b.name,
  leaderName: b.leaderName, leaderPhone: b.leaderPhone, memberCount: b.memberCount, note: b.note, createdAt: b.createdAt.toISOString(),
});
const selectBodies = (db: DbOrTx) =>
  db.select({ ...getTableColumns(bodies), orgName: village.name }).from(bodies)
    .leftJoin(village, and(eq(village.countyId, bodies.countyId), eq(village.id, bodies.orgId)));

export async function listBodies(db: Db, actor: Actor, q: { orgId?: string; kind?: BodyKind }): Promise<BodyView[]> {
  const rows = await selectBodies(db)
    .where(and(eq(bodies.countyId, actor.countyId), scopeFilter(actor, bodies.orgPath), await orgFilter(db, actor, q.orgId, bodies.orgPath), q.kind ? eq(bodies.kind, q.kind) : undefined))
    .orderBy(asc(bodies.orgPath), asc(bodies.kind));
  return rows.map(bodyView);
}

async function bodyById(db: DbOrTx, countyId: string, id: string) {
  const [b] = await selectBodies(db).where(and(eq(bodies.countyId, countyId), eq(bodies.id, id)));
  return b;
}

export async function createBody(db: Db, actor: Actor, input: CreateBodyInput): Promise<BodyView> {
  const id = uuidv7();
  await db.transaction(async (tx) => {
    const org = await villageInScope(tx, actor, input.orgId, 'body.orgTier');
    await tx.insert(bodies).values({
      countyId: actor.countyId, id, orgId: org.id, orgPath: org.path, kind: input.kind, name: input.name,
      leaderName: input.leaderName ?? null, leaderPhone: input.leaderPhone ?? null, memberCount: input.memberCount ?? null, note: input.note ?? null,
    });
    await appendAudit(tx, byActor(actor, { action: 'body.create', entity: 'body', entityId: id, orgPath: org.path, detail: { after: input } }));
  });
  return bodyView((await bodyById(db, actor.countyId, id))!);
}

export async function updateBody(db: Db, actor: Actor, id: string, input: UpdateBodyInput): Promise<BodyView> {
  await db.transaction(async (tx) => {
    const b = await bodyById(tx, actor.countyId, id);
    assertVisible(actor, b ? { countyId: b.countyId, path: b.orgPath } : undefined);
    await tx.update(bodies).set(input).where(and(eq(bodies.countyId, actor.countyId), eq(bodies.id, id)));
    const before = Object.fromEntries(Object.keys(input).map((k) => [k, b![k as keyof BodyRow]]));
    await appendAudit(tx, byActor(actor, { action: 'body.update', entity: 'body', entityId: id, orgPath: b!.orgPath, detail: { before, after: input } }));
  });
  return bodyView((await bodyById(db, actor.countyId, id))!);
}

// ——— pairings ———

type PairingRow = typeof pairings.$inferSelect;
const pairingView = (p: PairingRow & { orgName: string | null }): PairingView => {
  const today = shanghaiToday();
  return {
    id: p.id, countyId: p.countyId, orgId: p.orgId, orgName: p.orgName, kind: p.kind as PairingKind, partnerKind: p.partnerKind as PartnerKind,
    partnerOrgId: p.partnerOrgId, partnerDepartmentId: p.partnerDepartmentId, partnerName: p.partnerName, purpose: p.purpose,
    startedOn: p.startedOn, endedOn: p.endedOn, current: p.startedOn <= today && (p.endedOn === null || p.endedOn >= today),
  };
};
const selectPairings = (db: DbOrTx) =>
  db.select({ ...getTableColumns(pairings), orgName: village.name }).from(pairings)
    .leftJoin(village, and(eq(village.countyId, pairings.countyId), eq(village.id, pairings.orgId)));

export async function listPairings(db: Db, actor: Actor, q: { orgId?: string; kind?: PairingKind; current?: boolean }): Promise<PairingView[]> {
  const today = shanghaiToday();
  const current = sql`${pairings.startedOn} <= ${today} and (${pairings.endedOn} is null or ${pairings.endedOn} >= ${today})`;
  const rows = await selectPairings(db)
    .where(and(
      eq(pairings.countyId, actor.countyId),
      scopeFilter(actor, pairings.orgPath),
      await orgFilter(db, actor, q.orgId, pairings.orgPath),
      q.kind ? eq(pairings.kind, q.kind) : undefined,
      q.current === undefined ? undefined : q.current ? current : sql`not (${current})`,
    ))
    .orderBy(asc(pairings.orgPath), asc(pairings.startedOn));
  return rows.map(pairingView);
}

async function pairingById(db: DbOrTx, countyId: string, id: string) {
  const [p] = await selectPairings(db).where(and(eq(pairings.countyId, countyId), eq(pairings.id, id)));
  return p;
}

export async function createPairing(db: Db, actor: Actor, input: CreatePairingInput): Promise<PairingView> {
  const id = uuidv7();
  await db.transaction(async (tx) => {
    const org = await villageInScope(tx, actor, input.orgId, 'body.orgTier');
    if (input.endedOn && input.endedOn < input.startedOn) throw unprocessable('pairing.dates', 'endedOn');
    let partnerName: string;
    let partnerOrgId: string | null = null;
    let partnerDepartmentId: string | null = null;
    if (input.partnerKind === 'org') {
      // the partner unit may sit anywhere in the county (a county organ pairs with a village)
      const partner = input.partnerOrgId ? await orgById(tx, actor.countyId, input.partnerOrgId) : null;
      if (!partner) throw unprocessable('pairing.partner', 'partnerOrgId');
      partnerName = partner.name;
      partnerOrgId = partner.id;
    } else if (input.partnerKind === 'department') {
      const dept = input.partnerDepartmentId ? await departmentById(tx, actor.countyId, input.partnerDepartmentId) : null;
      if (!dept) throw unprocessable('pairing.partner', 'partnerDepartmentId');
      partnerName = dept.name;
      partnerDepartmentId = dept.id;
    } else {
      if (!input.partnerName) throw unprocessable('pairing.partner', 'partnerName');
      partnerName = input.partnerName;
    }
    await tx.insert(pairings).values({
      countyId: actor.countyId, id, orgId: org.id, orgPath: org.path, kind: input.kind, partnerKind: input.partnerKind,
      partnerOrgId, partnerDepartmentId, partnerName, purpose: input.purpose ?? null, startedOn: input.startedOn, endedOn: input.endedOn ?? null,
    });
    await appendAudit(tx, byActor(actor, { action: 'pairing.create', entity: 'pairing', entityId: id, orgPath: org.path, detail: { after: { ...input, partnerName } } }));
  });
  return pairingView((await pairingById(db, actor.countyId, id))!);
}

export async function updatePairing(db: Db, actor: Actor, id: string, input: UpdatePairingInput): Promise<PairingView> {
  await db.transaction(async (tx) => {
    const p = await pairingById(tx, actor.countyId, id);
    assertVisible(actor, p ? { countyId: p.countyId, path: p.orgPath } : undefined);
    const startedOn = input.startedOn ?? p!.startedOn;
    const endedOn = input.endedOn !== undefined ? input.endedOn : p!.endedOn;
    if (endedOn && endedOn < startedOn) throw unprocessable('pairing.dates', 'endedOn');
    await tx.update(pairings).set(input).where(and(eq(pairings.countyId, actor.countyId), eq(pairings.id, id)));
    await appendAudit(tx, byActor(actor, { action: 'pairing.update', entity: 'pairing', entityId: id, orgPath: p!.orgPath, detail: { before: { purpose: p!.purpose, startedOn: p!.startedOn, endedOn: p!.endedOn }, after: input } }));
  });
  return pairingView((await pairingById(db, actor.countyId, id))!);
}

