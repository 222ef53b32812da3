import { sql } from 'drizzle-orm';
import { bigint, boolean, check, foreignKey, index, integer, pgTable, primaryKey, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { ltree } from '../../db/types.js';
import { departments, orgs } from '../../modules/orgs/orgs.tables.js';

/** An account, bound to one org node (its scope) or to one department. */
export const users = pgTable(
  'users',
  {
    countyId: uuid('county_id').notNull(),
    id: uuid('id').notNull(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    role: text('role', {
      enum: ['countyAdmin', 'townshipAdmin', 'villageCadre', 'gridWorker', 'departmentHandler', 'evaluator', 'member'],
    }).notNull(),
    /** a member's own login (role member) is bound to one member record (FK to members in migration 0011) */
    memberId: uuid('member_id'),
    orgId: uuid('org_id'),
    /** copy of the bound org's path: scope of the account, rewritten when the org moves */
    orgPath: ltree('org_path'),
    departmentId: uuid('department_id'),
    phone: text('phone'),
    passwordHash: text('password_hash').notNull(),
    disabled: boolean('disabled').notNull().default(false),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.countyId, t.id] }),
    unique('users_county_username_uq').on(t.countyId, t.username),
    foreignKey({ columns: [t.countyId, t.orgId], foreignColumns: [orgs.countyId, orgs.id], name: 'users_org_fk' }),
    foreignKey({
      columns: [t.countyId, t.departmentId],
      foreignColumns: [departments.countyId, departments.id],
      name: 'users_department_fk',
    }),
    check('users_bound_once', sql`(${t.orgId} is null) <> (${t.departmentId} is null)`),
    check('users_member_bound', sql`(${t.role} = 'member') = (${t.memberId} is not null)`),
    uniqueIndex('users_member_uq').on(t.countyId, t.memberId),
    index('users_org_path_gist').using('gist', t.orgPath),
  ],
);

/**
 * Reference table (not distributed): the global directory that routes a login name to its county.
 * Usernames are unique across the installation; a distributed table cannot enforce that on its own.
 */
export const loginNames = pgTable('login_names', {
  username: text('username').primaryKey(),
  countyId: uuid('county_id').notNull(),
  userId: uuid('user_id').notNull(),
});

/**
 * Reference table: failed-login counters keyed by the name typed, so unknown and known
 * usernames are throttled alike and the answer never tells which exists.
 */
export const loginThrottle = pgTable('login_throttle', {
  username: text('username').primaryKey(),
  failures: integer('failures').notNull().default(0),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Server-side sessions: only SHA-256 hashes of the session and CSRF tokens are stored. */
export const sessions = pgTable(
  'sessions',
  {
    countyId: uuid('county_id').notNull(),
    id: uuid('id').notNull(),
    userId: uuid('user_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    csrfHash: text('csrf_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    /**
     * `full`; `totp`: password checked, the second factor not yet (only POST /api/auth/totp and logout are
     * open); `enrol`: the role must have two-factor sign-in and the account has none (only the enrolment routes).
     */
    stage: text('stage', { enum: ['full', 'totp', 'enrol'] }).notNull().default('full'),
  },
  (t) => [
    primaryKey({ columns: [t.countyId, t.id] }),
    foreignKey({ columns: [t.countyId, t.userId], foreignColumns: [users.countyId, users.id], name: 'sessions_user_fk' }).onDelete('cascade'),
    check('sessions_stage_check', sql`${t.stage} in ('full', 'totp', 'enrol')`),
    index('sessions_token_hash_idx').on(t.tokenHash),
  ],
);

/**
 * Two-factor sign-in (TOTP, RFC 6238) of one account. The secret is encrypted at rest (platform/crypto,
 * AES-256-GCM); `confirmed_at` null means a set-up was started and no code from it confirmed yet.
 * `last_step` is the last time step a code was accepted for: a code of that step or earlier is refused,
 * so an intercepted code cannot be replayed within its window.
 */
export const userTotp = pgTable(
  'user_totp',
  {
    countyId: uuid('county_id').notNull(),
    userId: uuid('user_id').notNull(),
    secretEnc: text('secret_enc').notNull(),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    lastStep: bigint('last_step', { mode: 'number' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.countyId, t.userId] }),
    foreignKey({ columns: [t.countyId, t.userId], foreignColumns: [users.countyId, users.id], name: 'user_totp_user_fk' }).onDelete('cascade'),
  ],
);

/** One-use recovery codes: a random salt and SHA-256(salt ‖ code) each, never the code. */
export const userRecoveryCodes = pgTable(
  'user_recovery_codes',
  {
    countyId: uuid('county_id').notNull(),
    id: uuid('id').notNull(),
    userId: uuid('user_id').notNull(),
    salt: text('salt').notNull(),
    codeHash: text('code_hash').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.countyId, t.id] }),
    foreignKey({ columns: [t.countyId, t.userId], foreignColumns: [users.countyId, users.id], name: 'user_recovery_codes_user_fk' }).onDelete('cascade'),
    index('user_recovery_codes_user_idx').on(t.countyId, t.userId),
  ],
);
