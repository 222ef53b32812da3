import { and, eq, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { affectedOf, rowsOf, type Db, type DbOrTx } from '../../db/client.js';
import { POLICY_DEFINITIONS, type LoginNext } from '@jiceng/contract';
import { loginNames, loginThrottle, sessions, userTotp, users } from './auth.tables.js';
import { burnVerify, verifyPassword } from './password.js';
import { countyOfSessionToken, newSessionToken, newToken, tokenHash } from './tokens.js';
import { policyValue } from '../policy/policy.service.js';
import { appendAudit, PLATFORM_COUNTY } from '../audit/audit.service.js';
import { AppError } from '../http/errors.js';
import { pathLabel, type Actor } from '../access/access.js';

export interface LoginResult {
  sessionToken: string;
  csrfToken: string;
  userId: string;
  countyId: string;
  /** what the session may do next: all (`done`), only give the second factor, or only enrol */
  next: LoginNext;
}

export type SessionStage = (typeof sessions.$inferSelect)['stage'];

type Throttle = typeof loginThrottle.$inferSelect;

/** A failed password or second-factor attempt, counted per typed name; returns whether the name is now locked. */
export async function countFailure(tx: DbOrTx, name: string, throttle: Throttle | undefined, countyId: string | null, now: Date): Promise<{ failures: number; locked: boolean }> {
  const maxFailures = await policyValue(tx, countyId, 'lockout.maxFailures');
  const lockMinutes = await policyValue(tx, countyId, 'lockout.minutes');
  const expired = throttle?.lockedUntil != null && throttle.lockedUntil <= now;
  const failures = (expired ? 0 : (throttle?.failures ?? 0)) + 1;
  const lockedUntil = failures >= maxFailures ? new Date(now.getTime() + lockMinutes * 60_000) : null;
  await tx
    .insert(loginThrottle)
    .values({ username: name, failures, lockedUntil, updatedAt: now })
    .onConflictDoUpdate({ target: loginThrottle.username, set: { failures, lockedUntil, updatedAt: now } });
  return { failures, locked: lockedUntil !== null };
}

/** 429 while the typed name is locked. */
export function assertNotLocked(throttle: Throttle | undefined, now: Date): void {
  if (throttle?.lockedUntil && throttle.lockedUntil > now) {
    const minutes = Math.ceil((throttle.lockedUntil.getTime() - now.getTime()) / 60_000);
    throw new AppError('auth.locked', 429, { minutes });
  }
}

export async function throttleOf(db: DbOrTx, name: string): Promise<Throttle | undefined> {
  const [row] = await db.select().from(loginThrottle).where(eq(loginThrottle.username, name));
  return row;
}

/**
 * 等保三级 two-factor sign-in: an account with a confirmed TOTP gives its code next; an account whose role the
 * county's policy (`totp.required.<role>`) requires it for, and that has none, may only enrol.
 */
async function stageAfterPassword(db: DbOrTx, user: typeof users.$inferSelect): Promise<SessionStage> {
  const [totp] = await db
    .select({ confirmedAt: userTotp.confirmedAt })
    .from(userTotp)
    .where(and(eq(userTotp.countyId, user.countyId), eq(userTotp.userId, user.id)));
  if (totp?.confirmedAt) return 'totp';
  return (await policyValue(db, user.countyId, `totp.required.${user.role}`)) === 1 ? 'enrol' : 'full';
}

export const nextOf = (stage: SessionStage): LoginNext => (stage === 'full' ? 'done' : stage);

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

/**
 * One answer for unknown names, wrong passwords and disabled accounts (401), and one for
 * locked names (429): the counters are kept per typed name, so a probe learns nothing.
 */
export async function login(db: Db, username: string, password: string, client: ClientInfo): Promise<LoginResult> {
  const name = username.trim().toLowerCase();
  const [entry] = await db.select().from(loginNames).where(eq(loginNames.username, name));
  const [user] = entry
    ? await db.select().from(users).where(and(eq(users.countyId, entry.countyId), eq(users.id, entry.userId)))
    : [];
  const countyId = user?.countyId ?? null;
  const throttle = await throttleOf(db, name);
  const now = new Date();
  assertNotLocked(throttle, now);

  let ok = false;
  if (user) ok = (await verifyPassword(user.passwordHash, password)) && !user.disabled;
  else await burnVerify(password);

  if (!ok) {
    await db.transaction(async (tx) => {
      const { failures, locked } = await countFailure(tx, name, throttle, countyId, now);
      await appendAudit(tx, {
        countyId: user?.countyId ?? PLATFORM_COUNTY,
        actorId: user?.id ?? null,
        actorName: user?.displayName ?? null,
        action: 'auth.loginFailed',
        entity: 'user',
        entityId: user?.id ?? null,
        orgPath: user?.orgPath ?? null,
        detail: { username: name, reason: !user ? 'unknownUser' : user.disabled ? 'disabled' : 'wrongPassword', failures, locked },
        ip: client.ip,
      });
    });
    throw new AppError('auth.invalidCredentials', 401);
  }

  const found = user!;
  const stage = await stageAfterPassword(db, found);
  const sessionToken = newSessionToken(found.countyId);
  const csrfToken = newToken();
  await db.transaction(async (tx) => {
    // With a second factor still to give, the failure count stands: a right password does not buy more code guesses.
    if (stage !== 'totp') await tx.delete(loginThrottle).where(eq(loginThrottle.username, name));
    await tx.insert(sessions).values({
      countyId: found.countyId,
      id: uuidv7(),
      userId: found.id,
      tokenHash: tokenHash(sessionToken),
      csrfHash: tokenHash(csrfToken),
      ip: client.ip,
      userAgent: client.userAgent?.slice(0, 300) ?? null,
      stage,
    });
    // a login is audited when it is complete (after the code) or stuck on enrolment
    if (stage === 'totp') return;
    await tx.update(users).set({ lastLoginAt: now }).where(and(eq(users.countyId, found.countyId), eq(users.id, found.id)));
    await appendAudit(tx, {
      countyId: found.countyId,
      actorId: found.id,
      actorName: found.displayName,
      action: 'auth.login',
      entity: 'user',
      entityId: found.id,
      orgPath: found.orgPath,
      detail: stage === 'enrol' ? { username: name, stage } : { username: name },
      ip: client.ip,
    });
  });
  return { sessionToken, csrfToken, userId: found.id, countyId: found.countyId, next: nextOf(stage) };
}

export interface ResolvedSession {
  actor: Actor;
  csrfHash: string;
  expiresAt: Date;
  stage: SessionStage;
}

const TOUCH_AFTER_MS = 60_000;

/** The session behind a cookie, or null when absent, expired (then deleted) or its user disabled. */
export async function resolveSession(db: Db, token: string, ip: string | null): Promise<ResolvedSession | 'expired' | null> {
  // the cookie names its county: a single-shard lookup (Citus), not one per shard
  const countyId = countyOfSessionToken(token);
  if (!countyId) return null;
  const [row] = await db
    .select({ s: sessions, u: users })
    .from(sessions)
    .innerJoin(users, and(eq(users.countyId, sessions.countyId), eq(users.id, sessions.userId)))
    .where(and(eq(sessions.countyId, countyId), eq(sessions.tokenHash, tokenHash(token))));
  if (!row) return null;
  const { s, u } = row;
  const idleMs = (await policyValue(db, s.countyId, 'session.idleMinutes')) * 60_000;
  const absoluteMs = (await policyValue(db, s.countyId, 'session.absoluteHours')) * 3_600_000;
  const now = Date.now();
  const expiresAt = new Date(Math.min(s.lastSeenAt.getTime() + idleMs, s.createdAt.getTime() + absoluteMs));
  if (u.disabled || expiresAt.getTime() <= now) {
    await db.delete(sessions).where(and(eq(sessions.countyId, s.countyId), eq(sessions.id, s.id)));
    return 'expired';
  }
  if (now - s.lastSeenAt.getTime() > TOUCH_AFTER_MS) {
    await db.update(sessions).set({ lastSeenAt: new Date(now) }).where(and(eq(sessions.countyId, s.countyId), eq(sessions.id, s.id)));
  }
  return {
    actor: {
      userId: u.id,
      countyId: u.countyId,
      username: u.username,
      displayName: u.displayName,
      role: u.role,
      orgId: u.orgId,
      departmentId: u.departmentId,
      memberId: u.memberId,
      // a member's own login sees no area: only its own records, reached by member id
      scope: u.orgPath && u.role !== 'member' ? [u.orgPath] : [],
      countyPath: pathLabel(u.countyId),
      sessionId: s.id,
      ip,
    },
    csrfHash: s.csrfHash,
    expiresAt: new Date(Math.min(now + idleMs, s.createdAt.getTime() + absoluteMs)),
    stage: s.stage,
  };
}

export async function logout(db: Db, actor: Actor): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(sessions).where(and(eq(sessions.countyId, actor.countyId), eq(sessions.id, actor.sessionId)));
    await appendAudit(tx, {
      countyId: actor.countyId,
      actorId: actor.userId,
      actorName: actor.displayName,
      action: 'auth.logout',
      entity: 'user',
      entityId: actor.userId,
      orgPath: actor.scope[0] ?? null,
      ip: actor.ip,
    });
  });
}

/** Ends every session of a user (disabled, password reset). Runs in the caller's transaction. */
export async function killSessions(tx: Parameters<Parameters<Db['transaction']>[0]>[0], countyId: string, userId: string, exceptSessionId?: string) {
  await tx
    .delete(sessions)
    .where(and(eq(sessions.countyId, countyId), eq(sessions.userId, userId), exceptSessionId ? sql`${sessions.id} <> ${exceptSessionId}` : undefined));
}

/** Deletes sessions past their county's idle or absolute limit (run at start and hourly). */
export async function purgeExpiredSessions(db: Db): Promise<number> {
  // one county per statement, its county repeated in the policy subquery: each statement stays on one shard (Citus)
  const counties = rowsOf<{ county_id: string }>(await db.execute(sql`select distinct county_id from sessions`));
  let purged = 0;
  for (const { county_id: c } of counties) {
    const policy = (key: string, fallback: number) =>
      sql`coalesce((select p.value from policy_overrides p where p.county_id = ${c}::uuid and p.key = ${key}), ${fallback})`;
    purged += affectedOf(await db.execute(sql`
      delete from sessions s
       where s.county_id = ${c}::uuid
         and (s.last_seen_at < now() - make_interval(mins => ${policy('session.idleMinutes', POLICY_DEFINITIONS['session.idleMinutes'].default)})
          or s.created_at < now() - make_interval(hours => ${policy('session.absoluteHours', POLICY_DEFINITIONS['session.absoluteHours'].default)}))`));
  }
  return purged;
}
