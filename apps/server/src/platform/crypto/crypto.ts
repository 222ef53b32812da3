import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Field encryption for sensitive personal information (PIPL): AES-256-GCM with a random IV per value,
 * and an HMAC-SHA256 keyed hash for equality lookups (duplicate ID numbers) without decrypting.
 * Both keys derive (HKDF) from one 32-byte data key: JICENG_DATA_KEY (base64), else `<DATA_DIR>/jiceng.key`,
 * created on first start. Lose the key and the encrypted fields are lost: back it up with the data.
 */
let encKey: Buffer | undefined;
let hashKey: Buffer | undefined;

export function setDataKey(master: Buffer): void {
  if (master.length !== 32) throw new Error('the data key must be 32 bytes');
  encKey = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'jiceng field encryption v1', 32));
  hashKey = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'jiceng keyed hash v1', 32));
}

/** JICENG_DATA_KEY, else the key file in the data folder (created when missing). */
export function loadDataKey(dataDir: string, env: NodeJS.ProcessEnv = process.env): { source: string } {
  if (env.JICENG_DATA_KEY) {
    setDataKey(Buffer.from(env.JICENG_DATA_KEY, 'base64'));
    return { source: 'JICENG_DATA_KEY' };
  }
  const file = path.join(dataDir, 'jiceng.key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  }
  setDataKey(Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64'));
  return { source: file };
}

function keys(): { enc: Buffer; hash: Buffer } {
  if (!encKey || !hashKey) throw new Error('data key not loaded');
  return { enc: encKey, hash: hashKey };
}

export function encrypt(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keys().enc, iv);
  const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `v1:${Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64')}`;
}

export function decrypt(stored: string): string {
  const raw = Buffer.from(stored.slice(3), 'base64');
  const decipher = createDecipheriv('aes-256-gcm', keys().enc, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}

export const encryptOrNull = (v: string | null | undefined) => (v == null || v === '' ? null : encrypt(v));
export const decryptOrNull = (v: string | null | undefined) => (v == null ? null : decrypt(v));

/** Keyed hash for lookups; the county is part of the input so equal values differ across counties. */
export function keyedHash(countyId: string, value: string): string {
  return createHmac('sha256', keys().hash).update(`${countyId}\u0000${value}`).digest('hex');
}
