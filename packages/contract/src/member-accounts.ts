// Issue 10 (members' duties), part 2: a member's own login (role `member`, 党员) — opened by a cadre from the member
// record with a one-time activation code, activated by the member on the phone (/m/), then the member's own routes.
import { z } from 'zod';
import { Id } from './common.js';
import { Password, Username } from './users.js';
import { LIMITS } from './limits.js';

export const MEMBER_ACCOUNT_LIMITS = {
  /** an activation code is valid this many days after it was issued (one use) */
  activationDays: 7,
  /** characters of an activation code (from an alphabet without look-alikes: 31 symbols, ≈ 5 bits each) */
  activationCodeLength: 10,
} as const;

/** no account / opened, waiting for the member to activate / active / disabled (through the user routes) */
export const MEMBER_ACCOUNT_STATUSES = ['none', 'pending', 'active', 'disabled'] as const;
export const MemberAccountStatus = z.enum(MEMBER_ACCOUNT_STATUSES);
export type MemberAccountStatus = z.infer<typeof MemberAccountStatus>;

/** Open a member's own login: the username is derived from the name's pinyin when not given. */
export const OpenMemberAccountInput = z.strictObject({ username: Username.optional() }).meta({ id: 'OpenMemberAccountInput' });
export type OpenMemberAccountInput = z.infer<typeof OpenMemberAccountInput>;

/** The answer that shows the activation code — once: only its hash is kept. */
export const MemberActivationIssued = z
  .object({ userId: Id, username: z.string(), activationCode: z.string(), expiresAt: z.string() })
  .meta({ id: 'MemberActivationIssued' });
export type MemberActivationIssued = z.infer<typeof MemberActivationIssued>;

export const MemberAccountView = z
  .object({
    status: MemberAccountStatus,
    userId: Id.nullable(),
    username: z.string().nullable(),
    /** while pending: when the activation code runs out (an expired code needs a new one) */
    activationExpiresAt: z.string().nullable(),
    activationExpired: z.boolean(),
    lastLoginAt: z.string().nullable(),
    createdAt: z.string().nullable(),
  })
  .meta({ id: 'MemberAccountView' });
export type MemberAccountView = z.infer<typeof MemberAccountView>;

/** POST /api/auth/activate (public): the activation code and the member's own new password. */
export const ActivateAccountInput = z
  .strictObject({
    username: z.string().trim().min(1).max(LIMITS.usernameMax),
    code: z.string().trim().min(1).max(40),
    newPassword: Password,
  })
  .meta({ id: 'ActivateAccountInput' });
export type ActivateAccountInput = z.infer<typeof ActivateAccountInput>;

/** A village service centre the member may log volunteer hours at: the own village or a pairing village. */
export const VolunteerPlace = z
  .object({
    orgId: Id,
    name: z.string(),
    /** set for a pairing village (结对帮扶村) */
    pairingId: Id.nullable(),
    partnerName: z.string().nullable(),
    own: z.boolean(),
  })
  .meta({ id: 'VolunteerPlace' });
export type VolunteerPlace = z.infer<typeof VolunteerPlace>;
export const VolunteerPlaceList = z.object({ items: z.array(VolunteerPlace) }).meta({ id: 'VolunteerPlaceList' });
export type VolunteerPlaceList = z.infer<typeof VolunteerPlaceList>;
