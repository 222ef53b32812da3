import { z } from 'zod';
import { Id } from './common.js';
import { DATE_ORDER_ISSUE, DayInRange, fromNotAfterTo } from './dates.js';

export const AuditEntryView = z
  .object({
    seq: z.number().int(),
    at: z.string(),
    actorId: Id.nullable(),
    actorName: z.string().nullable(),
    action: z.string(),
    entity: z.string(),
    entityId: z.string().nullable(),
    orgPath: z.string().nullable(),
    detail: z.record(z.string(), z.unknown()),
    ip: z.string().nullable(),
    hash: z.string(),
  })
  .meta({ id: 'AuditEntryView' });
export type AuditEntryView = z.infer<typeof AuditEntryView>;

export const listAuditQuery = z.strictObject({
  action: z.string().max(64).optional(),
  entity: z.string().max(64).optional(),
  actor: z.string().max(64).optional(),
  from: DayInRange.optional(),
  to: DayInRange.optional(),
  /** entries with seq below this (keyset paging, newest first) */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
}).refine(fromNotAfterTo, DATE_ORDER_ISSUE);
export type ListAuditQuery = z.infer<typeof listAuditQuery>;

export const AuditPage = z.object({ items: z.array(AuditEntryView), nextBefore: z.number().int().nullable() });
export type AuditPage = z.infer<typeof AuditPage>;
