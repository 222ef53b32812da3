import { z } from 'zod';
import { LIMITS } from './limits.js';


export const Id = z.uuid();
export const IdParams = z.strictObject({ id: z.uuid() });

export const Name = z.string().trim().min(1).max(LIMITS.nameMax);
/** Org and department codes: letters, digits, dash and underscore (often the 党组织代码 or a county code). */
export const Code = z.string().trim().min(1).max(LIMITS.codeMax).regex(/^[A-Za-z0-9_-]+$/);

export const OkView = z.object({ ok: z.literal(true) });

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      /** field path (dotted) → message in the caller's locale */
      fields: z.record(z.string(), z.string()).optional(),
    }),
  })
  .meta({ id: 'ErrorBody' });
export type ErrorBody = z.infer<typeof ErrorBody>;
