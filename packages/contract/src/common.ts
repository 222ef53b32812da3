import { z } from 'zod';

/** Limits shared by schema, table and form (one home for each number). */
export const LIMITS = {
  nameMax: 100,
  codeMax: 32,
  usernameMin: 3,
  usernameMax: 32,
  displayNameMax: 50,
  passwordMax: 128,
  phoneMax: 20,
  searchMax: 50,
  pageSizeMax: 500,
} as const;

export const Id = z.uuid();
export const IdParams = z.strictObject({ id: z.uuid() });

export const Name = z.string().trim().min(1).max(LIMITS.nameMax);
/** Org and department codes: letters, digits, dash and underscore (often the 党组织代码 or a county code). */
export const Code = z.string().trim().min(1).max(LIMITS.codeMax).regex(/^[A-Za-z0-9_-]+$/);

export const OkView = z.object({ ok: z.literal(true) });
