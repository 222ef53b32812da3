import { z } from 'zod';
import { POLICY_KEYS, type PolicyKey } from './policy.definitions.js';

export const PolicyKeySchema = z.enum(POLICY_KEYS as [PolicyKey, ...PolicyKey[]]);

export const PolicyEntryView = z.object({
  key: PolicyKeySchema,
  value: z.number(),
  default: z.number(),
  min: z.number(),
  max: z.number(),
  overridden: z.boolean(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type PolicyEntryView = z.infer<typeof PolicyEntryView>;

export const PolicyView = z.object({ countyId: z.uuid(), entries: z.array(PolicyEntryView) }).meta({ id: 'PolicyView' });
export type PolicyView = z.infer<typeof PolicyView>;

/** null resets a key to its default. */
export const UpdatePolicyInput = z
  .strictObject({ values: z.partialRecord(PolicyKeySchema, z.number().int().nullable()) })
  .meta({ id: 'UpdatePolicyInput' });
export type UpdatePolicyInput = z.infer<typeof UpdatePolicyInput>;
