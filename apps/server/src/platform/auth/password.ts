import { hash, verify } from '@node-rs/argon2';
import type { ErrorCode } from '@jiceng/contract';
import { COMMON_PASSWORDS } from './common-passwords.js';

// argon2id (the library's default algorithm) at OWASP's baseline: m = 19 MiB, t = 2, p = 1.
const ARGON = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => hash(password, ARGON);

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** Spent on unknown usernames so they take as long to refuse as wrong passwords. */
let dummyHash: Promise<string> | undefined;
export async function burnVerify(password: string): Promise<void> {
  dummyHash ??= hashPassword('jiceng-timing-equaliser');
  await verifyPassword(await dummyHash, password);
}

export interface PasswordRules {
  minLength: number;
  minClasses: number;
}

/** The first rule a new password breaks, or null. */
export function passwordProblem(password: string, username: string, rules: PasswordRules): { code: ErrorCode; params: Record<string, number> } | null {
  if ([...password].length < rules.minLength) return { code: 'password.tooShort', params: { min: rules.minLength } };
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < rules.minClasses) return { code: 'password.classes', params: { min: rules.minClasses } };
  if (COMMON_PASSWORDS.has(password.toLowerCase())) return { code: 'password.common', params: {} };
  if (username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) return { code: 'password.containsUsername', params: {} };
  return null;
}
