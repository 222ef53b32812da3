// A member's own login (issue 10 part 2; role `member`, 党员): opened by a cadre from the member record with a
// one-time activation code, activated by the member (sets the own password), then the member's own routes. Such an
// actor has an empty scope (auth.service.ts): everything it reads is reached by actor.memberId, never by area.
import { randomInt } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { pinyin } from 'pinyin-pro';
import {
  GRANTABLE_ROLES, LIMITS, MEMBER_ACCOUNT_LIMITS,
  type ActivateAccountInput, type MemberAccountView, type MemberActivationIssued, type MemberFileView, type OpenMemberAccountInput,
  type VolunteerPlace,
} from '@jiceng/contract';
import { type Db, type DbOrTx, type Tx } from '../../db/client.js';
import { loginNames, loginThrottle, users } from '../../platform/auth/auth.tables.js';
import { hashPassword, burnVerify, passwordProblem, verifyPassword } from '../../platform/auth/password.js';
import { assertNotLocked, countFailure, killSessions, throttleOf, type ClientInfo } from '../../platform/auth/auth.service.js';
import { newToken } from '../../platform/auth/tokens.js';
import { assertVisible, managesAccount, type Actor } from '../../platform/access/access.js';
import { appendAudit, byActor, PLATFORM_COUNTY } from '../../platform/audit/audit.service.js';
import { policyValue } from '../../platform/policy/policy.service.js';
import { AppError, conflict, notFound, unprocessable } from '../../platform/http/errors.js';
import { shanghaiToday } from '../../platform/calendar/today.js';
import { members } from '../members/members.tables.js';
import { memberFile } from '../members/members.service.js';
import { memberActivations } from './duties.tables.js';
import { volunteerPlaces } from './volunteer.service.js';

type MemberRow = typeof members.$inferSelect;
type UserRow = typeof users.$inferSelect;

/** No look-alikes (0/O, 1/I/L): read aloud or copied from a slip of paper. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export function newActivationCode(): string {
  let code = '';
  for (let i = 0; i < MEMBER_ACCOUNT_LIMITS.activationCodeLength; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** What the member typed, as the code was made: upper case, without spaces or dashes. */
export const normalizeCode = (typed: string) => typed.toUpperCase().replace(/[\s-]+/g, '');

const expiryFrom = (now: Date) => new Date(now.getTime() + MEMBER_ACCOUNT_LIMITS.activationDays * 86_400_000);

/** "张小红" → "zhangxiaohong" (ü as v), trimmed so that digits still fit the username limit. */
export function usernameStem(name: string): string {
  const stem = pinyin(name, { toneType: 'none', type: 'array', v: true, nonZh: 'consecutive' })
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
  return (stem || 'dy').slice(0, LIMITS.usernameMax - 5);
}

async function visibleMember(db: DbOrTx, actor: Actor, id: string, lock = false): Promise<MemberRow> {
  const q = db.select().from(members).where(and(eq(members.countyId, actor.countyId), eq(members.id, id)));
  const [m] = lock ? await q.for('update') : await q;
  assertVisible(actor, m ? { countyId: m.countyId, path: m.orgPath } : undefined);
  return m!;
}

async function accountOf(db: DbOrTx, countyId: string, memberId: string, lock = false): Promise<UserRow | undefined> {
  const q = db.select().from(users).where(and(eq(users.countyId, countyId), eq(users.memberId, memberId)));
  const [u] = lock ? await q.for('update') : await q;
  return u;
}

async function activationOf(db: DbOrTx, countyId: string, userId: string) {
  const [a] = await db.select().from(memberActivations).where(and(eq(memberActivations.countyId, countyId), eq(memberActivations.userId, userId)));
  return a;
}

export async function memberAccount(db: Db, actor: Actor, memberId: string): Promise<MemberAccountView> {
  await visibleMember(db, actor, memberId);
  const u = await accountOf(db, actor.countyId, memberId);
  if (!u) return { status: 'none', userId: null, username: null, activationExpiresAt: null, activationExpired: false, lastLoginAt: null, createdAt: null };
  const a = await activationOf(db, actor.countyId, u.id);
  return {
    status: u.disabled ? 'disabled' : a ? 'pending' : 'active',
    userId: u.id,
    username: u.username,
    activationExpiresAt: a?.expiresAt.toISOString() ?? null,
    activationExpired: a ? a.expiresAt.getTime() <= Date.now() : false,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
  };
}

async function freeUsername(tx: Tx, name: string): Promise<string> {
  const stem = usernameStem(name);
  for (let i = 0; i < 50; i++) {
    const candidate = `${stem}${randomInt(1000, 10000)}`;
    const [taken] = await tx.select({ u: loginNames.username }).from(loginNames).where(eq(loginNames.username, candidate));
    if (!taken) return candidate;
  }
  // 50 draws of 9,000 all taken: a long name shared by very many; a longer number then
  return `${stem.slice(0, LIMITS.usernameMax - 9)}${randomInt(10_000_000, 100_000_000)}`;
}

/** One activation per account: a new code replaces the old one. Only the code's hash is kept. */
async function issueActivation(tx: Tx, actor: Actor, userId: string, now: Date): Promise<{ code: string; expiresAt: Date }> {
  const code = newActivationCode();
  const expiresAt = expiryFrom(now);
  const codeHash = await hashPassword(code);
  await tx
    .insert(memberActivations)
    .values({ countyId: actor.countyId, userId, codeHash, expiresAt, createdBy: actor.userId, createdAt: now })
    .onConflictDoUpdate({ target: [memberActivations.countyId, memberActivations.userId], set: { codeHash, expiresAt, createdBy: actor.userId, createdAt: now } });
  return { code, expiresAt };
}

/** An unusable password until the member activates: nobody knows it. */
const unusablePassword = () => hashPassword(newToken());

function assertMayGrant(actor: Actor) {
  if (!GRANTABLE_ROLES[actor.role].includes('member')) throw new AppError('user.roleNotGrantable', 403, { role: 'member' });
}

/** POST /api/members/:id/account: the member's own login with a one-time activation code (shown once). */
export async function openMemberAccount(db: Db, actor: Actor, memberId: string, input: OpenMemberAccountInput): Promise<MemberActivationIssued> {
  assertMayGrant(actor);
  return db.transaction(async (tx) => {
    // the member row is locked: two cadres opening at once make one account, the other gets the 409
    const m = await visibleMember(tx, actor, memberId, true);
    if (m.archivedAt) throw unprocessable('memberAccount.archived', 'id');
    if (await accountOf(tx, actor.countyId, memberId)) throw conflict('memberAccount.exists', 'id');
    let username: string;
    if (input.username) {
      username = input.username.toLowerCase();
      const [taken] = await tx.select().from(loginNames).where(eq(loginNames.username, username));
      if (taken) throw conflict('user.duplicateUsername', 'username', { username });
    } else {
      username = await freeUsername(tx, m.name);
    }
    const now = new Date();
    const id = uuidv7();
    await tx.insert(users).values({
      countyId: actor.countyId, id, username, displayName: m.name, role: 'member', memberId: m.id,
      orgId: m.orgId, orgPath: m.orgPath, departmentId: null, phone: null, passwordHash: await unusablePassword(),
    });
    await tx.insert(loginNames).values({ username, countyId: actor.countyId, userId: id });
    const { code, expiresAt } = await issueActivation(tx, actor, id, now);
    // never the code: the audit log is read by auditors
    await appendAudit(tx, byActor(actor, {
      action: 'user.memberAccountOpened', entity: 'user', entityId: id, orgPath: m.orgPath,
      detail: { username, role: 'member', memberId: m.id, memberName: m.name, activationExpiresAt: expiresAt.toISOString() },
    }));
    return { userId: id, username, activationCode: code, expiresAt: expiresAt.toISOString() };
  });
}

/**
 * POST /api/members/:id/account/reset: a new activation code (lost slip, expired code, forgotten password). The old
 * password stops working and the member's sessions end: only the new code opens the account again.
 */
export async function reissueActivation(db: Db, actor: Actor, memberId: string): Promise<MemberActivationIssued> {
  assertMayGrant(actor);
  return db.transaction(async (tx) => {
    const m = await visibleMember(tx, actor, memberId);
    const u = await accountOf(tx, actor.countyId, memberId, true);
    if (!u) throw new AppError('memberAccount.none', 409);
    if (!managesAccount(actor, u)) throw new AppError('user.notManaged', 403);
    if (u.disabled) throw new AppError('memberAccount.disabled', 409);
    if (m.archivedAt) throw unprocessable('memberAccount.archived', 'id');
    const now = new Date();
    await tx.update(users).set({ passwordHash: await unusablePassword(), updatedAt: now }).where(and(eq(users.countyId, actor.countyId), eq(users.id, u.id)));
    await killSessions(tx, actor.countyId, u.id);
    const { code, expiresAt } = await issueActivation(tx, actor, u.id, now);
    await appendAudit(tx, byActor(actor, {
      action: 'user.activationReissued', entity: 'user', entityId: u.id, orgPath: u.orgPath,
      detail: { username: u.username, memberId: m.id, activationExpiresAt: expiresAt.toISOString() },
    }));
    return { userId: u.id, username: u.username, activationCode: code, expiresAt: expiresAt.toISOString() };
  });
}

/**
 * POST /api/auth/activate (public): the username, the one-time code and the new password. One answer (422) for an
 * unknown name, a wrong, used or expired code and a disabled account; failures count against the same per-name
 * throttle as the login (lockout.* policy), so codes cannot be guessed. Then the member logs in normally.
 */
export async function activateAccount(db: Db, input: ActivateAccountInput, client: ClientInfo): Promise<void> {
  const name = input.username.trim().toLowerCase();
  const [entry] = await db.select().from(loginNames).where(eq(loginNames.username, name));
  const [user] = entry ? await db.select().from(users).where(and(eq(users.countyId, entry.countyId), eq(users.id, entry.userId))) : [];
  const throttle = await throttleOf(db, name);
  const now = new Date();
  assertNotLocked(throttle, now);
  const activation = user ? await activationOf(db, user.countyId, user.id) : undefined;
  let ok = false;
  if (activation && user && !user.disabled && activation.expiresAt > now) ok = await verifyPassword(activation.codeHash, normalizeCode(input.code));
  else await burnVerify(input.code);
  if (!ok) {
    await db.transaction(async (tx) => {
      const { failures, locked } = await countFailure(tx, name, throttle, user?.countyId ?? null, now);
      const reason = !user ? 'unknownUser' : user.disabled ? 'disabled' : !activation ? 'noActivation' : activation.expiresAt <= now ? 'expired' : 'wrongCode';
      await appendAudit(tx, {
        countyId: user?.countyId ?? PLATFORM_COUNTY, actorId: user?.id ?? null, actorName: user?.displayName ?? null,
        action: 'auth.activationFailed', entity: 'user', entityId: user?.id ?? null, orgPath: user?.orgPath ?? null,
        detail: { username: name, reason, failures, locked }, ip: client.ip,
      });
    });
    throw new AppError('auth.activationInvalid', 422, {}, { code: 'auth.activationInvalid' });
  }
  const found = user!;
  // the code was right: the password rules may be told now (the code stays valid until a good password is given)
  const rules = {
    minLength: await policyValue(db, found.countyId, 'password.minLength'),
    minClasses: await policyValue(db, found.countyId, 'password.minClasses'),
  };
  const problem = passwordProblem(input.newPassword, found.username, rules);
  if (problem) throw new AppError(problem.code, 422, problem.params, { newPassword: problem.code });
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    // used once: a second activation with the same code finds nothing
    const gone = await tx
      .delete(memberActivations)
      .where(and(eq(memberActivations.countyId, found.countyId), eq(memberActivations.userId, found.id), eq(memberActivations.codeHash, activation!.codeHash)))
      .returning({ userId: memberActivations.userId });
    if (gone.length === 0) throw new AppError('auth.activationInvalid', 422, {}, { code: 'auth.activationInvalid' });
    await tx.update(users).set({ passwordHash, updatedAt: now }).where(and(eq(users.countyId, found.countyId), eq(users.id, found.id)));
    await killSessions(tx, found.countyId, found.id);
    await tx.delete(loginThrottle).where(eq(loginThrottle.username, name));
    await appendAudit(tx, {
      countyId: found.countyId, actorId: found.id, actorName: found.displayName,
      action: 'auth.activated', entity: 'user', entityId: found.id, orgPath: found.orgPath, detail: { username: name }, ip: client.ip,
    });
  });
}

/** The caller's own member record (role member); 404 for any other login. */
async function ownMember(db: DbOrTx, actor: Actor): Promise<MemberRow> {
  if (!actor.memberId) throw notFound();
  const [m] = await db.select().from(members).where(and(eq(members.countyId, actor.countyId), eq(members.id, actor.memberId)));
  if (!m) throw notFound();
  return m;
}

/**
 * GET /api/me/member: the member's own development file — the same view a cadre sees, masked (the own ID number
 * too: a phone is easily looked over). The read goes through memberFile with the member's own record as the only
 * visible one, so whatever later modules add to the file shows here too.
 */
export async function ownMemberFile(db: Db, actor: Actor): Promise<MemberFileView> {
  const m = await ownMember(db, actor);
  return memberFile(db, { ...actor, scope: [m.orgPath] }, m.id);
}

/** GET /api/me/volunteer-places: where the member may log volunteer hours today (the rule: volunteerPlaces). */
export async function ownVolunteerPlaces(db: Db, actor: Actor): Promise<VolunteerPlace[]> {
  const m = await ownMember(db, actor);
  return volunteerPlaces(db, actor.countyId, m.orgPath, shanghaiToday());
}
