// 个人信息保护 (PIPL 第五十一、五十四条; GB/T 35273-2020 7.1, 9.x): what an auditor asks for — who saw whom in clear
// and why, which bulk exports of personal data were made and for what purpose, and who looked at one person.
import { z } from 'zod';
import { Id } from './common.js';
import { DATE_ORDER_ISSUE, DayInRange, fromNotAfterTo } from './dates.js';

export const PRIVACY_SUBJECTS = ['household', 'member'] as const;
export const PrivacySubject = z.enum(PRIVACY_SUBJECTS);
export type PrivacySubject = z.infer<typeof PrivacySubject>;

const range = {
  from: DayInRange.optional(),
  to: DayInRange.optional(),
  /** entries with seq below this (keyset paging, newest first) */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
};
export const privacyReportQuery = z.strictObject(range).refine(fromNotAfterTo, DATE_ORDER_ISSUE);
export type PrivacyReportQuery = z.infer<typeof privacyReportQuery>;
export const accessHistoryQuery = z.strictObject({ entity: PrivacySubject, id: Id, ...range }).refine(fromNotAfterTo, DATE_ORDER_ISSUE);
export type AccessHistoryQuery = z.infer<typeof accessHistoryQuery>;

/** One person named in an entry (a household by its head, a member by name). */
export const PrivacyPerson = z.object({ entity: PrivacySubject, id: Id, name: z.string().nullable() });
export type PrivacyPerson = z.infer<typeof PrivacyPerson>;

export const UnmaskReportEntry = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorId: Id.nullable(),
  actorName: z.string().nullable(),
  ip: z.string().nullable(),
  /** the reason given at unmask time (null for entries written before reasons were asked) */
  reason: z.string().nullable(),
  count: z.number().int(),
  /** the people shown in clear (the first 20 of a list page) */
  people: z.array(PrivacyPerson),
});
export const UnmaskReport = z.object({ items: z.array(UnmaskReportEntry), nextBefore: z.number().int().nullable() }).meta({ id: 'UnmaskReport' });
export type UnmaskReport = z.infer<typeof UnmaskReport>;

export const ExportLogEntry = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorId: Id.nullable(),
  actorName: z.string().nullable(),
  ip: z.string().nullable(),
  /** export.members, export.households, export.cases… */
  action: z.string(),
  rows: z.number().int().nullable(),
  purpose: z.string().nullable(),
  /** exported in clear (unmask) */
  clear: z.boolean(),
  filters: z.record(z.string(), z.unknown()),
});
export const ExportLog = z.object({ items: z.array(ExportLogEntry), nextBefore: z.number().int().nullable() }).meta({ id: 'ExportLog' });
export type ExportLog = z.infer<typeof ExportLog>;

export const AccessHistoryEntry = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorId: Id.nullable(),
  actorName: z.string().nullable(),
  ip: z.string().nullable(),
  /** person.view (masked), resident.unmask (clear, with reason), or a change (household.update…) */
  action: z.string(),
  reason: z.string().nullable(),
});
export const AccessHistory = z
  .object({ person: PrivacyPerson, items: z.array(AccessHistoryEntry), nextBefore: z.number().int().nullable() })
  .meta({ id: 'AccessHistory' });
export type AccessHistory = z.infer<typeof AccessHistory>;
