import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { TOTP, type RecoveryCodesView, type TotpLoginInput, type TotpSetupView, type TotpStatusView } from '@jiceng/contract';
import type { Db, DbOrTx, Tx } from '../../db/client.js';
import { loginNames, loginThrottle, sessions, userRecoveryCodes, userTotp, users } from './auth.tables.js';
import { assertNotLocked, countFailure, killSessions, throttleOf, type SessionStage } from './auth.service.js';
import { acceptedStep, enrolmentOf, hashRecoveryCode, newRecoveryCode, newTotpSecret, recoveryCodeMatches } from './totp.js';
import { decrypt, encrypt } from '../crypto/crypto.js';
import { policyValue } from '../policy/policy.service.js';
import { appendAudit, byActor } from '../audit/audit.service.js';
import { AppError } from '../http/errors.js';
import type { Actor } from '../access/access.js';

// Two-factor sign-in (等保三级 身份鉴别: two kinds of authentication for administrators): TOTP plus
// one-use recovery codes. Every query names the county of the account.

const ofUser = (countyId: string, userId: string) => and(eq(userTotp.countyId, countyId), eq(userTotp.userId, userId));

async function totpRow(db: DbOrTx, countyId: string, userId: string) {
  const [row] = await db.select().from(userTotp).where(ofUser(countyId, userId));
  return row;
}

export async function totpRequiredFor(db: DbOrTx, actor: Pick<Actor, 'countyId' | 'role'>): Promise<boolean> {
  return (await policyValue(db, actor.countyId, `totp.required.${actor.role}`)) === 1;
}

async function recoveryCodesLeft(db: DbOrTx, countyId: string, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(userRecoveryCodes)
    .where(and(eq(userRecoveryCodes.countyId, countyId), eq(userRecoveryCodes.userId, userId), isNull(userRecoveryCodes.usedAt)));
  return row?.n ?? 0;
}

export async function totpStatus(db: Db, actor: Actor): Promise<TotpStatusView> {
  const row = await totpRow(db, actor.countyId, actor.userId);
  const enabled = row?.confirmedAt != null;
  return {
    enabled,
    required: await totpRequiredFor(db, actor),
    confirmedAt: row?.confirmedAt?.toISOString() ?? null,
    recoveryCodesLeft: enabled ? await recoveryCodesLeft(db, actor.countyId, actor.userId) : 0,
  };
}

/** A fresh secret for the QR code; it is in force only once a code from it is confirmed. Starting again replaces it. */
export async function startTotpSetup(db: Db, actor: Actor): Promise<TotpSetupView> {
  const secret = newTotpSecret();
  await db.transaction(async (tx) => {
    const row = await totpRow(tx, actor.countyId, actor.userId);
    if (row?.confirmedAt) throw new AppError('auth.totpAlreadyEnabled', 409);
    await tx
      .insert(userTotp)
      .values({ countyId: actor.countyId, userId: actor.userId, secretEnc: encrypt(secret) })
      .onConflictDoUpdate({ target: [userTotp.countyId, userTotp.userId], set: { secretEnc: encrypt(secret), lastStep: null, createdAt: new Date() } });
  });
  return enrolmentOf(secret, actor.username);
}

async function replaceRecoveryCodes(tx: Tx, countyId: string, userId: string): Promise<string[]> {
  await tx.delete(userRecoveryCodes).where(and(eq(userRecoveryCodes.countyId, countyId), eq(userRecoveryCodes.userId, userId)));
  const codes = Array.from({ length: TOTP.recoveryCodeCount }, newRecoveryCode);
  await tx.insert(userRecoveryCodes).values(codes.map((c) => ({ countyId, id: uuidv7(), userId, ...hashRecoveryCode(c) })));
  return codes;
}

/**
 * Marks the step of a code used, atomically: of two requests carrying the same code only one wins.
 * Returns false for a wrong, stale or replayed code.
 */
async function useCode(tx: DbOrTx, row: typeof userTotp.$inferSelect, code: string): Promise<boolean> {
  const step = acceptedStep(decrypt(row.secretEnc), code, row.lastStep);
  if (step === null) return false;
  const won = await tx
    .update(userTotp)
    .set({ lastStep: step })
    .where(and(ofUser(row.countyId, row.userId), or(isNull(userTotp.lastStep), lt(userTotp.lastStep, step))))
    .returning({ userId: userTotp.userId });
  return won.length === 1;
}

/** Confirms the set-up with a code from the app; hands out the recovery codes (once); the session becomes full. */
export async function confirmTotp(db: Db, actor: Actor, code: string): Promise<RecoveryCodesView> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(userTotp).where(ofUser(actor.countyId, actor.userId)).for('update');
    if (!row) throw new AppError('auth.totpNotSetUp', 409);
    if (row.confirmedAt) throw new AppError('auth.totpAlreadyEnabled', 409);
    if (!(await useCode(tx, row, code))) throw new AppError('auth.totpInvalid', 422, {}, { code: 'auth.totpInvalid' });
    await tx.update(userTotp).set({ confirmedAt: new Date() }).where(ofUser(actor.countyId, actor.userId));
    const recoveryCodes = await replaceRecoveryCodes(tx, actor.countyId, actor.userId);
    await tx.update(sessions).set({ stage: 'full' }).where(and(eq(sessions.countyId, actor.countyId), eq(sessions.id, actor.sessionId)));
    await appendAudit(tx, byActor(actor, { action: 'auth.totpEnabled', entity: 'user', entityId: actor.userId, orgPath: actor.scope[0] ?? null }));
    return { recoveryCodes };
  });
}

async function useRecoveryCode(tx: Tx, countyId: string, userId: string, typed: string): Promise<boolean> {
  const unused = await tx
    .select()
    .from(userRecoveryCodes)
    .where(and(eq(userRecoveryCodes.countyId, countyId), eq(userRecoveryCodes.userId, userId), isNull(userRecoveryCodes.usedAt)));
  const hit = unused.find((c) => recoveryCodeMatches(typed, c));
  if (!hit) return false;
  const won = await tx
    .update(userRecoveryCodes)
    .set({ usedAt: new Date() })
    .where(and(eq(userRecoveryCodes.countyId, countyId), eq(userRecoveryCodes.id, hit.id), isNull(userRecoveryCodes.usedAt)))
    .returning({ id: userRecoveryCodes.id });
  return won.length === 1;
}

/**
 * The second step of a login. A wrong code counts towards the same lockout as a wrong password (per typed
 * name); when it locks, the half-session ends. A right one makes the session full and clears the count.
 */
export async function completeTotpLogin(db: Db, actor: Actor, stage: SessionStage | null, input: TotpLoginInput): Promise<void> {
  if (stage !== 'totp') throw new AppError('auth.totpNotPending', 409);
  const byCode = input.code !== undefined;
  if (byCode === (input.recoveryCode !== undefined)) {
    throw new AppError('auth.totpCodeMissing', 400, {}, { code: 'auth.totpCodeMissing', recoveryCode: 'auth.totpCodeMissing' });
  }
  const name = actor.username;
  const now = new Date();
  assertNotLocked(await throttleOf(db, name), now);

  const ok = await db.transaction(async (tx) => {
    const [row] = await tx.select().from(userTotp).where(ofUser(actor.countyId, actor.userId)).for('update');
    if (!row?.confirmedAt) return false;
    if (byCode) return useCode(tx, row, input.code!);
    return useRecoveryCode(tx, actor.countyId, actor.userId, input.recoveryCode!);
  });
  const orgPath = actor.scope[0] ?? null;
  const method = byCode ? 'totp' : 'recoveryCode';

  if (!ok) {
    const locked = await db.transaction(async (tx) => {
      const counted = await countFailure(tx, name, await throttleOf(tx, name), actor.countyId, now);
      if (counted.locked) await killSessions(tx, actor.countyId, actor.userId);
      await appendAudit(tx, byActor(actor, { action: 'auth.totpFailed', entity: 'user', entityId: actor.userId, orgPath, detail: { username: name, method, ...counted } }));
      return counted.locked;
    });
    if (locked) {
      const minutes = await policyValue(db, actor.countyId, 'lockout.minutes');
      throw new AppError('auth.locked', 429, { minutes });
    }
    const code = byCode ? 'auth.totpInvalid' : 'auth.recoveryCodeInvalid';
    throw new AppError(code, 401, {}, { [byCode ? 'code' : 'recoveryCode']: code });
  }

  await db.transaction(async (tx) => {
    await tx.delete(loginThrottle).where(eq(loginThrottle.username, name));
    await tx.update(sessions).set({ stage: 'full' }).where(and(eq(sessions.countyId, actor.countyId), eq(sessions.id, actor.sessionId)));
    await tx.update(users).set({ lastLoginAt: now }).where(and(eq(users.countyId, actor.countyId), eq(users.id, actor.userId)));
    await appendAudit(tx, byActor(actor, { action: 'auth.login', entity: 'user', entityId: actor.userId, orgPath, detail: { username: name, secondFactor: method } }));
    if (!byCode) {
      const left = await recoveryCodesLeft(tx, actor.countyId, actor.userId);
      await appendAudit(tx, byActor(actor, { action: 'auth.recoveryCodeUsed', entity: 'user', entityId: actor.userId, orgPath, detail: { left } }));
    }
  });
}

/** A confirmed set-up and the current code, else 422 naming `code`. */
async function requireCurrentCode(tx: Tx, actor: Actor, code: string) {
  const [row] = await tx.select().from(userTotp).where(ofUser(actor.countyId, actor.userId)).for('update');
  if (!row?.confirmedAt) throw new AppError('user.totpNotEnabled', 409);
  if (!(await useCode(tx, row, code))) throw new AppError('auth.totpInvalid', 422, {}, { code: 'auth.totpInvalid' });
}

/** New recovery codes (the old ones stop working), shown once. */
export async function renewRecoveryCodes(db: Db, actor: Actor, code: string): Promise<RecoveryCodesView> {
  return db.transaction(async (tx) => {
    await requireCurrentCode(tx, actor, code);
    const recoveryCodes = await replaceRecoveryCodes(tx, actor.countyId, actor.userId);
    await appendAudit(tx, byActor(actor, { action: 'auth.recoveryCodesRenewed', entity: 'user', entityId: actor.userId, orgPath: actor.scope[0] ?? null }));
    return { recoveryCodes };
  });
}

/** Turning one's own two-factor sign-in off: only where the role does not require it, with a current code. */
export async function disableOwnTotp(db: Db, actor: Actor, code: string): Promise<void> {
  if (await totpRequiredFor(db, actor)) throw new AppError('auth.totpRequiredByPolicy', 422);
  await db.transaction(async (tx) => {
    await requireCurrentCode(tx, actor, code);
    await clearTotp(tx, actor.countyId, actor.userId);
    await appendAudit(tx, byActor(actor, { action: 'auth.totpDisabled', entity: 'user', entityId: actor.userId, orgPath: actor.scope[0] ?? null }));
  });
}

/** Removes an account's TOTP and recovery codes, in the caller's transaction; true when a confirmed one existed. */
export async function clearTotp(tx: DbOrTx, countyId: string, userId: string): Promise<boolean> {
  const gone = await tx.delete(userTotp).where(ofUser(countyId, userId)).returning({ confirmedAt: userTotp.confirmedAt });
  await tx.delete(userRecoveryCodes).where(and(eq(userRecoveryCodes.countyId, countyId), eq(userRecoveryCodes.userId, userId)));
  return gone.some((r) => r.confirmedAt !== null);
}


/**
 * `jiceng totp reset <username>` on the server: for the top of a county (a county admin has no higher role in the
 * app to reset theirs). Audited like the reset from the accounts page, with the operator as the actor.
 */
export async function resetTotpFromCli(db: Db, username: string): Promise<{ ok: true; countyId: string } | { ok: false; reason: string }> {
  const name = username.trim().toLowerCase();
  const [entry] = await db.select().from(loginNames).where(eq(loginNames.username, name));
  if (!entry) return { ok: false, reason: `no account ${name}` };
  const [u] = await db.select().from(users).where(and(eq(users.countyId, entry.countyId), eq(users.id, entry.userId)));
  if (!u) return { ok: false, reason: `no account ${name}` };
  return db.transaction(async (tx) => {
    if (!(await clearTotp(tx, u.countyId, u.id))) return { ok: false as const, reason: `${name} has no two-factor sign-in` };
    await killSessions(tx, u.countyId, u.id);
    await appendAudit(tx, {
      countyId: u.countyId, actorId: null, actorName: 'jiceng totp reset (server operator)', action: 'user.totpReset',
      entity: 'user', entityId: u.id, orgPath: u.orgPath, detail: { username: name, role: u.role, via: 'cli' }, ip: null,
    });
    return { ok: true as const, countyId: u.countyId };
  });
}
