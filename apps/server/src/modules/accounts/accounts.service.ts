import { and, asc, eq, isNotNull, or, type SQL } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import {
  GRANTABLE_ROLES,
  ORG_TIER_LABELS,
  ROLE_TIERS,
  isDepartmentRole,
  maskPhone,
  type CreateUserInput,
  type Role,
  type UpdateUserInput,
  type UserView,
} from '@jiceng/contract';
import type { Db, DbOrTx, Tx } from '../../db/client.js';
import { loginNames, userTotp, users } from '../../platform/auth/auth.tables.js';
import { clearTotp } from '../../platform/auth/totp.service.js';
import { hashPassword, passwordProblem, verifyPassword } from '../../platform/auth/password.js';
import { killSessions } from '../../platform/auth/auth.service.js';
import { inScope, isCountyWide, managesAccount, scopeFilter, type Actor } from '../../platform/access/access.js';
import { appendAudit, byActor } from '../../platform/audit/audit.service.js';
import { policyValue } from '../../platform/policy/policy.service.js';
import { AppError, conflict, notFound, unprocessable } from '../../platform/http/errors.js';
import { departments, orgs } from '../orgs/orgs.tables.js';
import { departmentById, orgById } from '../orgs/orgs.service.js';
import { matchSearch } from '../../platform/search/pinyin.js';

type UserRow = typeof users.$inferSelect;

/** Org-bound accounts by scope; department-bound accounts only for county-wide callers. */
function visibleUsers(actor: Actor): SQL {
  const byOrg = scopeFilter(actor, users.orgPath);
  return isCountyWide(actor) ? or(byOrg, isNotNull(users.departmentId))! : byOrg;
}

const canSee = (actor: Actor, u: UserRow) =>
  u.countyId === actor.countyId && (u.orgPath ? inScope(actor, u.orgPath) : isCountyWide(actor));

async function rows(db: DbOrTx, where: SQL | undefined) {
  return db
    .select({ u: users, orgName: orgs.name, departmentName: departments.name, totpConfirmedAt: userTotp.confirmedAt })
    .from(users)
    .leftJoin(orgs, and(eq(orgs.countyId, users.countyId), eq(orgs.id, users.orgId)))
    .leftJoin(userTotp, and(eq(userTotp.countyId, users.countyId), eq(userTotp.userId, users.id)))
    .leftJoin(departments, and(eq(departments.countyId, users.countyId), eq(departments.id, users.departmentId)))
    .where(where)
    .orderBy(asc(users.username));
}

function toView(r: { u: UserRow; orgName: string | null; departmentName: string | null; totpConfirmedAt: Date | null }): UserView {
  const { u } = r;
  return {
    id: u.id,
    countyId: u.countyId,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    memberId: u.memberId,
    orgId: u.orgId,
    orgName: r.orgName,
    departmentId: u.departmentId,
    departmentName: r.departmentName,
    phone: u.phone,
    disabled: u.disabled,
    totpEnabled: r.totpConfirmedAt !== null,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
  };
}

export async function listUsers(db: Db, actor: Actor, q: { orgId?: string; role?: Role; q?: string }): Promise<UserView[]> {
  const found = await rows(
    db,
    and(
      eq(users.countyId, actor.countyId),
      visibleUsers(actor),
      q.orgId ? eq(users.orgId, q.orgId) : undefined,
      q.role ? eq(users.role, q.role) : undefined,
      q.q ? or(matchSearch(users.username, q.q), matchSearch(users.displayName, q.q)) : undefined,
    ),
  );
  return found.map(toView);
}

export async function userView(db: DbOrTx, countyId: string, id: string): Promise<UserView> {
  const [found] = await rows(db, and(eq(users.countyId, countyId), eq(users.id, id)));
  if (!found) throw notFound();
  return toView(found);
}

async function visibleUser(tx: DbOrTx, actor: Actor, id: string, lock = false): Promise<UserRow> {
  const q = tx.select().from(users).where(and(eq(users.countyId, actor.countyId), eq(users.id, id)));
  const [u] = lock ? await q.for('update') : await q;
  if (!u || !canSee(actor, u)) throw notFound();
  return u;
}

export async function getUser(db: Db, actor: Actor, id: string): Promise<UserView> {
  await visibleUser(db, actor, id);
  return userView(db, actor.countyId, id);
}

async function checkPassword(tx: DbOrTx, countyId: string, username: string, password: string, field: string) {
  const rules = {
    minLength: await policyValue(tx, countyId, 'password.minLength'),
    minClasses: await policyValue(tx, countyId, 'password.minClasses'),
  };
  const problem = passwordProblem(password, username, rules);
  if (problem) throw new AppError(problem.code, 422, problem.params, { [field]: problem.code });
}

function assertGrantable(actor: Actor, role: Role, field = 'role') {
  if (!GRANTABLE_ROLES[actor.role].includes(role)) throw new AppError('user.roleNotGrantable', 403, { role }, { [field]: 'user.roleNotGrantable' });
}

/** Another account is managed from above only (platform/access managesAccount): peers never manage peers. */
function assertManages(actor: Actor, u: UserRow) {
  if (!managesAccount(actor, u)) throw new AppError('user.notManaged', 403);
}

export async function createUser(db: Db, actor: Actor, input: CreateUserInput): Promise<UserView> {
  const username = input.username.toLowerCase();
  assertGrantable(actor, input.role);
  // a member's own login is bound to a member record: opened from the member file (POST /api/members/:id/account)
  if (input.role === 'member') throw unprocessable('memberAccount.viaMember', 'role');
  return db.transaction(async (tx) => {
    let orgId: string | null = null;
    let orgPath: string | null = null;
    let departmentId: string | null = null;
    if (isDepartmentRole(input.role)) {
      if (!input.departmentId) throw unprocessable('user.needsDepartment', 'departmentId');
      const dept = await departmentById(tx, actor.countyId, input.departmentId);
      if (!dept || !isCountyWide(actor)) throw new AppError('auth.outOfScope', 403, {}, { departmentId: 'auth.outOfScope' });
      departmentId = dept.id;
    } else {
      if (!input.orgId) throw unprocessable('user.needsOrg', 'orgId');
      const org = await orgById(tx, actor.countyId, input.orgId);
      if (!org || !inScope(actor, org.path)) throw new AppError('auth.outOfScope', 403, {}, { orgId: 'auth.outOfScope' });
      if (org.archived) throw unprocessable('org.archived', 'orgId');
      const tiers = ROLE_TIERS[input.role];
      if (!tiers.includes(org.tier)) {
        throw new AppError('user.roleTier', 422, { tiers: tiers.map((t) => ORG_TIER_LABELS[t]['zh-CN']).join('/') }, { orgId: 'user.roleTier' });
      }
      orgId = org.id;
      orgPath = org.path;
    }
    await checkPassword(tx, actor.countyId, username, input.password, 'password');
    const [taken] = await tx.select().from(loginNames).where(eq(loginNames.username, username));
    if (taken) throw conflict('user.duplicateUsername', 'username', { username });
    const id = uuidv7();
    await tx.insert(users).values({
      countyId: actor.countyId,
      id,
      username,
      displayName: input.displayName,
      role: input.role,
      orgId,
      orgPath,
      departmentId,
      phone: input.phone ?? null,
      passwordHash: await hashPassword(input.password),
    });
    await tx.insert(loginNames).values({ username, countyId: actor.countyId, userId: id });
    const { password: _secret, ...logged } = input;
    await appendAudit(tx, byActor(actor, { action: 'user.create', entity: 'user', entityId: id, orgPath, detail: { after: auditedUser({ ...logged, username }) } }));
    return userView(tx, actor.countyId, id);
  });
}

/** The audit log is append-only and read by auditors: an account's phone is kept there masked (issue 15, finding 11). */
function auditedUser<T extends { phone?: unknown }>(fields: T): T {
  return 'phone' in fields ? { ...fields, phone: typeof fields.phone === 'string' ? maskPhone(fields.phone) : fields.phone } : fields;
}

export async function updateUser(db: Db, actor: Actor, id: string, input: UpdateUserInput): Promise<UserView> {
  return db.transaction(async (tx) => {
    const u = await visibleUser(tx, actor, id, true);
    if (u.id !== actor.userId) assertManages(actor, u);
    if (input.disabled === true && u.id === actor.userId) throw unprocessable('user.self', 'disabled');
    await tx.update(users).set({ ...input, updatedAt: new Date() }).where(and(eq(users.countyId, actor.countyId), eq(users.id, id)));
    if (input.disabled === true) await killSessions(tx, actor.countyId, id);
    const before = Object.fromEntries(Object.keys(input).map((k) => [k, u[k as keyof UserRow]]));
    await appendAudit(tx, byActor(actor, { action: 'user.update', entity: 'user', entityId: id, orgPath: u.orgPath, detail: { before: auditedUser(before), after: auditedUser(input) } }));
    return userView(tx, actor.countyId, id);
  });
}

export async function resetPassword(db: Db, actor: Actor, id: string, password: string): Promise<void> {
  await db.transaction(async (tx) => {
    const u = await visibleUser(tx, actor, id, true);
    if (u.id !== actor.userId) assertManages(actor, u);
    await checkPassword(tx, actor.countyId, u.username, password, 'password');
    await tx.update(users).set({ passwordHash: await hashPassword(password), updatedAt: new Date() }).where(and(eq(users.countyId, actor.countyId), eq(users.id, id)));
    await killSessions(tx, actor.countyId, id, u.id === actor.userId ? actor.sessionId : undefined);
    await appendAudit(tx, byActor(actor, { action: 'user.passwordReset', entity: 'user', entityId: id, orgPath: u.orgPath }));
  });
}

/** The caller's own password: the current one is asked again; other sessions end. */
export async function changeOwnPassword(db: Db, actor: Actor, current: string, next: string): Promise<void> {
  await db.transaction(async (tx: Tx) => {
    const [u] = await tx.select().from(users).where(and(eq(users.countyId, actor.countyId), eq(users.id, actor.userId))).for('update');
    if (!u || !(await verifyPassword(u.passwordHash, current))) throw new AppError('auth.wrongPassword', 422, {}, { currentPassword: 'auth.wrongPassword' });
    await checkPassword(tx, actor.countyId, u.username, next, 'newPassword');
    await tx.update(users).set({ passwordHash: await hashPassword(next), updatedAt: new Date() }).where(and(eq(users.countyId, actor.countyId), eq(users.id, u.id)));
    await killSessions(tx, actor.countyId, u.id, actor.sessionId);
    await appendAudit(tx, byActor(actor, { action: 'auth.passwordChanged', entity: 'user', entityId: u.id, orgPath: u.orgPath }));
  });
}


/**
 * Resets another person's two-factor sign-in (lost phone and recovery codes): from above only, audited, and their
 * sessions end; at the next login a role that must use it enrols again. One's own is turned off on /api/me/totp.
 */
export async function resetUserTotp(db: Db, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const u = await visibleUser(tx, actor, id, true);
    if (u.id === actor.userId || !managesAccount(actor, u)) throw new AppError('user.totpResetRank', 403);
    if (!(await clearTotp(tx, actor.countyId, id))) throw new AppError('user.totpNotEnabled', 409);
    await killSessions(tx, actor.countyId, id);
    await appendAudit(tx, byActor(actor, { action: 'user.totpReset', entity: 'user', entityId: id, orgPath: u.orgPath, detail: { username: u.username, role: u.role } }));
  });
}
