import { z } from 'zod';
import { TOTP } from './totp.constants.js';

/**
 * What the password step of a login leads to: `done` (full session), `totp` (the account has two-factor
 * sign-in: the code is asked next), `enrol` (the role must have it and the account has none: only the
 * enrolment page is open until it is set up).
 */
export const LoginNext = z.enum(['done', 'totp', 'enrol']);
export type LoginNext = z.infer<typeof LoginNext>;

export const LoginView = z.object({ ok: z.literal(true), next: LoginNext }).meta({ id: 'LoginView' });
export type LoginView = z.infer<typeof LoginView>;

/** A 6-digit code from the authenticator app. */
export const TotpCode = z.string().trim().regex(/^[0-9]{6}$/);
/** A recovery code as printed (`abcde-fghij`); case, spaces and dashes are forgiven. */
export const RecoveryCode = z.string().trim().min(TOTP.recoveryCodeLength).max(TOTP.recoveryCodeLength * 2);

/** The second step of a login: either the app's code or one recovery code. */
export const TotpLoginInput = z
  .strictObject({ code: TotpCode.optional(), recoveryCode: RecoveryCode.optional() })
  .meta({ id: 'TotpLoginInput' });
export type TotpLoginInput = z.infer<typeof TotpLoginInput>;

export const TotpStatusView = z
  .object({
    enabled: z.boolean(),
    /** the county's policy requires it for the caller's role */
    required: z.boolean(),
    confirmedAt: z.string().nullable(),
    recoveryCodesLeft: z.number().int(),
  })
  .meta({ id: 'TotpStatusView' });
export type TotpStatusView = z.infer<typeof TotpStatusView>;

/** A new secret, not yet in force until a code from it is confirmed. */
export const TotpSetupView = z
  .object({
    /** otpauth:// URI, the QR code's content */
    uri: z.string(),
    /** the same URI as a QR code, `data:image/svg+xml;base64,…` */
    qrDataUrl: z.string(),
    /** base32 secret, grouped by 4, for typing into the app by hand */
    manualKey: z.string(),
    issuer: z.string(),
    account: z.string(),
  })
  .meta({ id: 'TotpSetupView' });
export type TotpSetupView = z.infer<typeof TotpSetupView>;

export const TotpConfirmInput = z.strictObject({ code: TotpCode }).meta({ id: 'TotpConfirmInput' });
export type TotpConfirmInput = z.infer<typeof TotpConfirmInput>;

/** Shown once: only salted hashes are kept. */
export const RecoveryCodesView = z.object({ recoveryCodes: z.array(z.string()) }).meta({ id: 'RecoveryCodesView' });
export type RecoveryCodesView = z.infer<typeof RecoveryCodesView>;
