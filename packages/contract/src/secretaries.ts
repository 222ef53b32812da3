// Issue 10 part 4 (三个一, 篇二 8、篇五(15)): API shapes of the secretaries' yearly duties — 述职评议 and 联系点
// recorded here (POST/PATCH /api/duties), 党课 read from activities of kind partyLecture; the yearly table
// secretary × the three (GET /api/duties/three-ones).
import { z } from 'zod';
import { Id } from './common.js';
import { DayInRange } from './dates.js';
import { MAX_YEAR, MIN_YEAR } from './dates.constants.js';
import { FileMeta, FileUpload } from './cases.js';
import { ORG_SECTORS } from './enums.js';
import { DUTY_LIMITS } from './duties.constants.js';

const Text = (max: number) => z.string().trim().min(1).max(max);
const Timestamp = z.string();
export const DutyYear = z.number().int().min(MIN_YEAR).max(MAX_YEAR);
const Count = z.number().int().min(0).max(DUTY_LIMITS.reviewersMax);

/** 评议 tallies: how many reviewers gave each grade (好 / 较好 / 一般 / 差). */
export const ReviewTallies = z
  .strictObject({ good: Count, fairlyGood: Count, average: Count, poor: Count })
  .meta({ id: 'ReviewTallies' });
export type ReviewTallies = z.infer<typeof ReviewTallies>;

/**
 * One record of a secretary's year: kind annualReport (述职: date, to whom, the report file, the 评议 tallies, the
 * upper committee's comment) or contactPoint (联系点: the org linked to). The fields of the other kind are refused.
 */
export const CreateDutyInput = z
  .strictObject({
    kind: z.enum(['annualReport', 'contactPoint']),
    memberId: Id,
    year: DutyYear,
    // annualReport
    reportedOn: DayInRange.optional(),
    toUpper: z.boolean().optional(),
    toAssembly: z.boolean().optional(),
    reviews: ReviewTallies.optional(),
    upperComment: Text(2000).optional(),
    /** the report (述职报告): PDF or a photo/scan */
    report: FileUpload.optional(),
    // contactPoint
    contactOrgId: Id.optional(),
    note: Text(2000).optional(),
  })
  .meta({ id: 'CreateDutyInput' });
export type CreateDutyInput = z.infer<typeof CreateDutyInput>;

/** Editable until the end of the duty's year (Asia/Shanghai); every change audited. */
export const UpdateDutyInput = z
  .strictObject({
    reviews: ReviewTallies.optional(),
    upperComment: Text(2000).nullable().optional(),
    toUpper: z.boolean().optional(),
    toAssembly: z.boolean().optional(),
    note: Text(2000).nullable().optional(),
    /** adds a file to the report */
    report: FileUpload.optional(),
  })
  .meta({ id: 'UpdateDutyInput' });
export type UpdateDutyInput = z.infer<typeof UpdateDutyInput>;

export const ContactRecord = z
  .object({ type: z.enum(['visit', 'activity']), id: Id, on: Timestamp, title: z.string(), orgName: z.string() })
  .meta({ id: 'ContactRecord' });
export type ContactRecord = z.infer<typeof ContactRecord>;

export const DutyView = z
  .object({
    id: Id,
    kind: z.enum(['annualReport', 'contactPoint']),
    year: z.number().int(),
    memberId: Id,
    memberName: z.string(),
    positionId: Id,
    orgId: Id,
    orgName: z.string(),
    reportedOn: z.string().nullable(),
    toUpper: z.boolean().nullable(),
    toAssembly: z.boolean().nullable(),
    reviews: ReviewTallies.nullable(),
    reviewers: z.number().int().nullable(),
    /** (好 + 较好) / all reviewers, 0–1, computed */
    satisfactionRate: z.number().nullable(),
    /** the rate reaches policy duty.reviewSatisfiedPercent */
    satisfied: z.boolean().nullable(),
    upperComment: z.string().nullable(),
    contactOrgId: Id.nullable(),
    contactOrgName: z.string().nullable(),
    /** 联系点: the visits and activities of the secretary there during the year */
    records: z.array(ContactRecord),
    note: z.string().nullable(),
    files: z.array(FileMeta),
    /** the year is over: nothing can be changed */
    closed: z.boolean(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'DutyView' });
export type DutyView = z.infer<typeof DutyView>;

export const DutyFileParams = z.strictObject({ id: Id, fileId: Id });

export const threeOnesQuery = z.strictObject({
  year: z.coerce.number().int().min(MIN_YEAR).max(MAX_YEAR).optional(),
  orgId: Id.optional(),
  sector: z.enum(ORG_SECTORS).optional(),
});
export type ThreeOnesQuery = z.infer<typeof threeOnesQuery>;

export const ThreeOnesRow = z
  .object({
    memberId: Id,
    memberName: z.string(),
    positionId: Id,
    orgId: Id,
    orgName: z.string(),
    sector: z.enum(ORG_SECTORS),
    annualReport: z.object({
      done: z.boolean(),
      count: z.number().int(),
      dutyId: Id.nullable(),
      reportedOn: z.string().nullable(),
      reviewers: z.number().int().nullable(),
      satisfactionRate: z.number().nullable(),
      satisfied: z.boolean().nullable(),
    }),
    contactPoint: z.object({
      done: z.boolean(),
      /** contact points with at least one record there during the year */
      count: z.number().int(),
      points: z.array(z.object({ dutyId: Id, contactOrgId: Id, contactOrgName: z.string(), visitIds: z.array(Id), activityIds: z.array(Id) })),
    }),
    partyLecture: z.object({
      done: z.boolean(),
      count: z.number().int(),
      lectures: z.array(z.object({ activityId: Id, heldOn: Timestamp, title: z.string(), attendance: z.number().int() })),
    }),
    /** how many of the three are done */
    doneCount: z.number().int(),
  })
  .meta({ id: 'ThreeOnesRow' });
export type ThreeOnesRow = z.infer<typeof ThreeOnesRow>;

export const ThreeOnesView = z
  .object({
    year: z.number().int(),
    /** policy: how many of each a year, and the satisfaction pass mark (%) */
    required: z.object({ annualReports: z.number().int(), contactPoints: z.number().int(), partyLectures: z.number().int(), satisfiedPercent: z.number() }),
    rows: z.array(ThreeOnesRow),
    totals: z.object({ secretaries: z.number().int(), annualReport: z.number().int(), contactPoint: z.number().int(), partyLecture: z.number().int(), allDone: z.number().int() }),
  })
  .meta({ id: 'ThreeOnesView' });
export type ThreeOnesView = z.infer<typeof ThreeOnesView>;
