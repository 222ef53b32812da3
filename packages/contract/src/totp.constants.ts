/**
 * Two-factor sign-in (TOTP, RFC 6238). These are protocol figures, not county rules: authenticator apps
 * (Google/Microsoft Authenticator, 腾讯身份验证器…) assume 6 digits, 30-second steps and SHA-1, and RFC 6238 §5.2
 * recommends accepting at most one step of clock drift. Which roles must use it is policy (`totp.required.*`).
 */
export const TOTP = {
  digits: 6,
  periodSeconds: 30,
  /** steps of drift accepted either side of now (RFC 6238 §5.2) */
  window: 1,
  /** 160-bit secrets (RFC 4226 §4 recommends 160) */
  secretBytes: 20,
  issuer: '基层党建平台',
  /** recovery codes handed out at enrolment, each usable once */
  recoveryCodeCount: 10,
  /** characters of one recovery code without its dash (base32: 5 bits each, 50 bits) */
  recoveryCodeLength: 10,
} as const;
