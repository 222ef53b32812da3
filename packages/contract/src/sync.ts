// Issue 5 (field work): POST /api/sync — what a phone's offline outbox uploads when it is back online. Each record
// carries its client-made UUIDv7; the server keeps a receipt per id, so a retried or duplicated upload creates
// nothing twice and the same id with other content is a conflict shown to the user, never dropped silently.
import { z } from 'zod';
import { Id } from './common.js';
import { InstantInRange } from './dates.js';
import { FieldReportKind, FileUpload } from './cases.js';
import { CreateActivityInput, CreateVisitInput } from './fieldwork.js';
import { FIELDWORK_LIMITS } from './fieldwork.constants.js';
import { SurveyAnswerInput } from './surveys.js';
import type { Label } from './enums.js';

export const SYNC_RECORD_TYPES = ['visit', 'fieldReport', 'activity', 'surveyResponse', 'volunteerRecord'] as const;
export type SyncRecordType = (typeof SYNC_RECORD_TYPES)[number];
export const SYNC_STATUSES = ['created', 'duplicate', 'conflict', 'invalid'] as const;
export type SyncStatus = (typeof SYNC_STATUSES)[number];

export const SYNC_LIMITS = {
  /** records in one POST /api/sync */
  recordsMax: 500,
  /** one batch's body: about five full-size photos; phones send photos a few at a time (the outbox batches by size) */
  bodyBytes: 30 * 1024 * 1024,
} as const;

/** Reasons the sync answers besides the API's error messages. */
export const SYNC_MESSAGES = {
  conflict: {
    'zh-CN': '该记录此前已用不同内容提交过，服务器保留原记录，本次未作更改',
    en: 'This record was uploaded before with other content; the server kept the first one and changed nothing',
  },
  unknownType: { 'zh-CN': '未知的记录类型“{type}”', en: 'Unknown record type “{type}”' },
  notSupported: { 'zh-CN': '服务器暂不支持此类记录（{type}），请稍后再试', en: 'The server does not take this kind of record yet ({type}); try again later' },
} as const satisfies Record<string, Label>;

const Text = (max: number) => z.string().trim().min(1).max(max);

/** A visit as the phone records it; the record id becomes the visit id. */
export const SyncVisitPayload = CreateVisitInput.omit({ id: true }).meta({ id: 'SyncVisitPayload' });
export type SyncVisitPayload = z.infer<typeof SyncVisitPayload>;

/** 六报: a grid worker's report; it becomes a service case with channel `gridReport`. */
export const SyncFieldReportPayload = z
  .strictObject({
    kind: FieldReportKind,
    title: Text(100),
    description: Text(2000),
    householdId: Id.optional(),
    gridId: Id.optional(),
    address: Text(200).optional(),
    lat: z.number().min(-90).max(90).optional(),
    lon: z.number().min(-180).max(180).optional(),
    photos: z.array(FileUpload).max(FIELDWORK_LIMITS.photosMax).optional(),
  })
  .meta({ id: 'SyncFieldReportPayload' });
export type SyncFieldReportPayload = z.infer<typeof SyncFieldReportPayload>;

/** Activity attendance recorded on the phone; the record id becomes the activity id. */
export const SyncActivityPayload = CreateActivityInput.omit({ id: true }).meta({ id: 'SyncActivityPayload' });
export type SyncActivityPayload = z.infer<typeof SyncActivityPayload>;

/** A satisfaction questionnaire answered at a drawn household (三级入户走访); the record id becomes the answer id. */
export const SyncSurveyResponsePayload = SurveyAnswerInput.extend({ drawId: Id, answeredAt: InstantInRange.optional() }).meta({ id: 'SyncSurveyResponsePayload' });
export type SyncSurveyResponsePayload = z.infer<typeof SyncSurveyResponsePayload>;

export const SyncRecord = z
  .strictObject({
    /** client-made UUIDv7: the idempotency key */
    id: Id,
    /** visit | fieldReport | activity | surveyResponse | volunteerRecord (an unknown type is answered `invalid`, the others still go in) */
    type: z.string().trim().min(1).max(40),
    /** checked per type (SyncVisitPayload, SyncFieldReportPayload, SyncActivityPayload, SyncSurveyResponsePayload, SyncVolunteerRecordPayload); a bad one is `invalid` with fields */
    payload: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'SyncRecord' });
export type SyncRecord = { id: string; type: SyncRecordType | (string & {}); payload: Record<string, unknown> };

export const SyncBatchInput = z.strictObject({ records: z.array(SyncRecord).min(1).max(SYNC_LIMITS.recordsMax) }).meta({ id: 'SyncBatchInput' });
export type SyncBatchInput = z.infer<typeof SyncBatchInput>;

export const SyncResult = z
  .object({
    id: Id,
    /** created: stored now; duplicate: stored before with the same content (nothing created); conflict: the id was
     *  stored with other content (nothing changed); invalid: refused (nothing stored; may be corrected and sent again) */
    status: z.enum(SYNC_STATUSES),
    reason: z.string().optional(),
    /** field path in the payload → message, for invalid records */
    fields: z.record(z.string(), z.string()).optional(),
  })
  .meta({ id: 'SyncResult' });
export type SyncResult = z.infer<typeof SyncResult>;
export const SyncBatchResult = z.object({ results: z.array(SyncResult) }).meta({ id: 'SyncBatchResult' });
export type SyncBatchResult = z.infer<typeof SyncBatchResult>;
