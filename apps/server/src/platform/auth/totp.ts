import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import * as OTPAuth from 'otpauth';
import QRCode from 'qrcode';
import { TOTP } from '@jiceng/contract';

// TOTP (RFC 6238) through the maintained otpauth library: SHA-1, 6 digits, 30 s — what every authenticator app reads.

const totpOf = (secretBase32: string, account = '') =>
  new OTPAuth.TOTP({
    issuer: TOTP.issuer,
    label: account,
    algorithm: 'SHA1',
    digits: TOTP.digits,
    period: TOTP.periodSeconds,
    secret: OTPAuth.Secret.fromBase32(secretBase32),
  });

export const newTotpSecret = () => new OTPAuth.Secret({ size: TOTP.secretBytes }).base32;

/** The time step a code belongs to (`T` of RFC 6238), for replay protection. */
export const currentStep = (now = Date.now()) => Math.floor(now / 1000 / TOTP.periodSeconds);

/**
 * The step the code was made for when it matches within ±window steps of now, else null. A code whose
 * step is not after `lastStep` is refused: each code works once, even inside its window.
 */
export function acceptedStep(secretBase32: string, code: string, lastStep: number | null, now = Date.now()): number | null {
  const delta = totpOf(secretBase32).validate({ token: code, timestamp: now, window: TOTP.window });
  if (delta === null) return null;
  const step = currentStep(now) + delta;
  if (lastStep !== null && step <= lastStep) return null;
  return step;
}

/** The code of a secret at a time (tests and the enrolment self-check). */
export const codeAt = (secretBase32: string, now = Date.now()) => totpOf(secretBase32).generate({ timestamp: now });

export async function enrolmentOf(secretBase32: string, account: string) {
  const uri = totpOf(secretBase32, account).toString();
  const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return {
    uri,
    qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
    manualKey: secretBase32.replace(/(.{4})(?=.)/g, '$1 '),
    issuer: TOTP.issuer,
    account,
  };
}

// Recovery codes: 10 random base32 characters (50 bits) shown as `abcde-fghij`. Stored as a random salt and
// SHA-256(salt ‖ code): at 50 bits of entropy a slow hash adds nothing a brute force would notice, while
// checking up to ten argon2 hashes per attempt would cost ~0.5 s of CPU.
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

export function newRecoveryCode(): string {
  let code = '';
  for (let i = 0; i < TOTP.recoveryCodeLength; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  const half = TOTP.recoveryCodeLength / 2;
  return `${code.slice(0, half)}-${code.slice(half)}`;
}

/** Case, spaces and dashes are forgiven: the code as it is hashed. */
export const normaliseRecoveryCode = (typed: string) => typed.toLowerCase().replace(/[\s-]/g, '');

export function hashRecoveryCode(code: string, salt = randomBytes(16).toString('hex')) {
  return { salt, codeHash: createHash('sha256').update(salt).update(normaliseRecoveryCode(code)).digest('hex') };
}

export function recoveryCodeMatches(typed: string, stored: { salt: string; codeHash: string }): boolean {
  const { codeHash } = hashRecoveryCode(typed, stored.salt);
  return timingSafeEqual(Buffer.from(codeHash, 'hex'), Buffer.from(stored.codeHash, 'hex'));
}
