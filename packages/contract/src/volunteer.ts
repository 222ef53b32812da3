// Issue 10 part 1 (members' duties): 志愿服务记录 (F14, 篇二 7) — a member's shift at a village service centre (the
// member's own village or its pairing village), logged by the member on the phone (POST /api/sync type
// `volunteerRecord`, or POST /api/me/volunteer-records) or by a cadre for them (POST /api/volunteer-records),
// confirmed (审核) by a cadre of the place, never by the member or the account that logged it. Hours are derived
// from the start and the end; only confirmed records count, and a confirmed record is never changed: a correction is
// a new record naming the old one (correctsId), and once the correction is confirmed the old one stops counting.
import { z } from 'zod';
import { Id } from './common.js';
import { DATE_ORDER_ISSUE, DayInRange, InstantInRange, fromNotAfterTo } from './dates.js';
import { FileMeta, FileUpload } from './cases.js';
import { FIELDWORK_LIMITS } from './fieldwork.constants.js';
import { VOLUNTEER_SOURCES, VOLUNTEER_STATES } from './duties.constants.js';
import { MEMBER_STATUSES, UNMASK_REASON_MAX } from './people.constants.js';
import { LIMITS } from './limits.js';

const Text = (max: number) => z.string().trim().min(1).max(max);
const Timestamp = z.string();

export const VOLUNTEER_LIMITS = {
  placeMax: 200,
  contentMax: 2000,
  reasonMax: 500,
  pageMax: 200,
} as const;

const VolunteerState = z.enum(VOLUNTEER_STATES);
const VolunteerSource = z.enum(VOLUNTEER_SOURCES);

/** What every way of logging a record gives (the member is the caller's own, or `memberId` at the desk). */
const recordFields = {
  /** the village (tier village) where the service took place: the member's own village or a village paired with the
   *  member's org or its village on that day (结对帮扶村) */
  orgId: Id,
  /** an activity held at that village (e.g. a 志愿服务 activity), optional */
  activityId: Id.optional(),
  startsAt: InstantInRange,
  /** after the start, at most 24 h later; hours are derived (minutes) */
  endsAt: InstantInRange,
  /** 服务地点, e.g. 青山村党员群众服务中心 */
  place: Text(VOLUNTEER_LIMITS.placeMax),
  /** 服务内容: what was done */
  content: Text(VOLUNTEER_LIMITS.contentMax),
  photos: z.array(FileUpload).max(FIELDWORK_LIMITS.photosMax).optional(),
  /** a correction of a confirmed record of the same member (nothing is overwritten) */
  correctsId: Id.optional(),
};

/** A member's own record (POST /api/me/volunteer-records). */
export const CreateOwnVolunteerRecordInput = z.strictObject(recordFields).meta({ id: 'CreateOwnVolunteerRecordInput' });
export type CreateOwnVolunteerRecordInput = z.infer<typeof CreateOwnVolunteerRecordInput>;

/** A cadre logs a record for a member of their area (POST /api/volunteer-records, 代为登记). */
export const CreateVolunteerRecordInput = z.strictObject({ memberId: Id, ...recordFields }).meta({ id: 'CreateVolunteerRecordInput' });
export type CreateVolunteerRecordInput = z.infer<typeof CreateVolunteerRecordInput>;

/** POST /api/sync type `volunteerRecord` (the record id is the sync record's id): a member's own login omits
 *  `memberId` (or gives its own); a cadre's account gives it. */
export const SyncVolunteerRecordPayload = z.strictObject({ memberId: Id.optional(), ...recordFields }).meta({ id: 'SyncVolunteerRecordPayload' });
export type SyncVolunteerRecordPayload = z.infer<typeof SyncVolunteerRecordPayload>;

export const RejectVolunteerRecordInput = z.strictObject({ reason: Text(VOLUNTEER_LIMITS.reasonMax) }).meta({ id: 'RejectVolunteerRecordInput' });
export type RejectVolunteerRecordInput = z.infer<typeof RejectVolunteerRecordInput>;

export const VolunteerRecordView = z
  .object({
    id: Id,
    memberId: Id,
    memberName: z.string(),
    memberStatus: z.enum(MEMBER_STATUSES),
    memberOrgName: z.string(),
    /** the village of the service (its cadres confirm) */
    orgId: Id,
    orgName: z.string(),
    /** set when the village is the member's pairing village */
    pairingId: Id.nullable(),
    pairingName: z.string().nullable(),
    activityId: Id.nullable(),
    activityTitle: z.string().nullable(),
    /** the Asia/Shanghai day of the start (YYYY-MM-DD) */
    servedOn: z.string(),
    startsAt: Timestamp,
    endsAt: Timestamp,
    minutes: z.number().int(),
    /** minutes / 60, two decimals */
    hours: z.number(),
    place: z.string(),
    content: z.string(),
    state: VolunteerState,
    source: VolunteerSource,
    correctsId: Id.nullable(),
    /** the newest pending or confirmed correction of this record */
    correctedById: Id.nullable(),
    /** a confirmed correction replaces this record: it no longer counts */
    superseded: z.boolean(),
    /** confirmed and not superseded: the hours count (compliance uses the same rule) */
    counts: z.boolean(),
    /** the caller may confirm or reject it now (pending, at a village of the caller's area, not the caller's own) */
    canReview: z.boolean(),
    /** the caller may log a correction (confirmed, not yet corrected by a pending or confirmed record) */
    canCorrect: z.boolean(),
    reviewerName: z.string().nullable(),
    reviewedAt: Timestamp.nullable(),
    rejectReason: z.string().nullable(),
    createdByName: z.string(),
    createdAt: Timestamp,
    photos: z.array(FileMeta),
  })
  .meta({ id: 'VolunteerRecordView' });
export type VolunteerRecordView = z.infer<typeof VolunteerRecordView>;

export const VolunteerRecordDetail = VolunteerRecordView.extend({
  /** the record this one corrects */
  corrects: VolunteerRecordView.nullable(),
  /** corrections of this record (any state), oldest first */
  correctedBy: z.array(VolunteerRecordView),
}).meta({ id: 'VolunteerRecordDetail' });
export type VolunteerRecordDetail = z.infer<typeof VolunteerRecordDetail>;

const listFields = {
  memberId: Id.optional(),
  /** member name: characters, full pinyin or initials */
  q: z.string().trim().max(LIMITS.searchMax).optional(),
  /** records of members of this org's subtree, or held at a village in it */
  orgId: Id.optional(),
  state: VolunteerState.optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  from: DayInRange.optional(),
  to: DayInRange.optional(),
  /** only the records the caller may confirm now (待我审核) */
  toConfirm: z.stringbool().optional(),
};
export const listVolunteerRecordsQuery = z.strictObject({
  ...listFields,
  /** 1-based */
  page: z.coerce.number().int().min(1).max(100000).optional(),
  pageSize: z.coerce.number().int().min(1).max(VOLUNTEER_LIMITS.pageMax).optional(),
}).refine(fromNotAfterTo, DATE_ORDER_ISSUE);
export type ListVolunteerRecordsQuery = z.infer<typeof listVolunteerRecordsQuery>;
/** `purpose`: required above the county's privacy.exportPurposeRows (the rows name members) */
export const exportVolunteerRecordsQuery = z.strictObject({ ...listFields, purpose: z.string().trim().max(UNMASK_REASON_MAX).optional() })
  .refine(fromNotAfterTo, DATE_ORDER_ISSUE);
export type ExportVolunteerRecordsQuery = z.infer<typeof exportVolunteerRecordsQuery>;

export const VolunteerHours = z.object({ confirmedHours: z.number(), pendingHours: z.number() }).meta({ id: 'VolunteerHours' });
export const VolunteerRecordList = z
  .object({
    items: z.array(VolunteerRecordView),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    /** over all matching records (not only this page): counting (confirmed, not superseded) and pending hours */
    totals: VolunteerHours,
  })
  .meta({ id: 'VolunteerRecordList' });
export type VolunteerRecordList = z.infer<typeof VolunteerRecordList>;

export const myVolunteerRecordsQuery = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100).optional() });
/** GET /api/me/volunteer-records: the member's own records of a year (newest first) and the year's totals. */
export const MyVolunteerRecords = z
  .object({
    year: z.number().int(),
    memberId: Id,
    memberName: z.string(),
    items: z.array(VolunteerRecordView),
    totals: VolunteerHours,
  })
  .meta({ id: 'MyVolunteerRecords' });
export type MyVolunteerRecords = z.infer<typeof MyVolunteerRecords>;
