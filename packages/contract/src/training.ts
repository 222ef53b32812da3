// Issue 10 part 5 (培训, F16, 篇五(7)): courses with organizer, dates, hours and kind; attendees (members inside the
// organizer's area); the rotation coverage of the current secretaries (书记轮训, policy training.rotationYears).
import { z } from 'zod';
import { Id } from './common.js';
import { DATE_ORDER_ISSUE, DayInRange } from './dates.js';
import { MAX_YEAR, MIN_YEAR } from './dates.constants.js';
import { ORG_SECTORS } from './enums.js';
import { TRAINING_KINDS } from './duties.constants.js';

const Text = (max: number) => z.string().trim().min(1).max(max);
const Timestamp = z.string();

export const TRAINING_LIMITS = { attendeesMax: 2000, hoursMax: 9999, listMax: 1000 } as const;

const Kind = z.enum(TRAINING_KINDS);

const courseFields = {
  /** the organizing org (its area is the course's: attendees must be inside it); default the caller's org */
  orgId: Id.optional(),
  kind: Kind,
  title: Text(200),
  startsOn: DayInRange,
  endsOn: DayInRange,
  hours: z.number().min(0.5).max(TRAINING_LIMITS.hoursMax),
  place: Text(200).optional(),
  note: Text(2000).optional(),
};
const startsNotAfterEnds = (c: { startsOn?: string; endsOn?: string }) => !c.startsOn || !c.endsOn || c.startsOn <= c.endsOn;
const DATES_ISSUE = { ...DATE_ORDER_ISSUE, path: ['endsOn'] };

/** A course may be planned (dates in the future): nobody counts as trained before its end date has passed. */
export const CreateTrainingCourseInput = z.strictObject(courseFields).refine(startsNotAfterEnds, DATES_ISSUE).meta({ id: 'CreateTrainingCourseInput' });
export type CreateTrainingCourseInput = z.infer<typeof CreateTrainingCourseInput>;

export const UpdateTrainingCourseInput = z
  .strictObject({
    kind: Kind.optional(), title: Text(200).optional(), startsOn: DayInRange.optional(), endsOn: DayInRange.optional(),
    hours: courseFields.hours.optional(), place: Text(200).nullable().optional(), note: Text(2000).nullable().optional(),
  })
  .refine(startsNotAfterEnds, DATES_ISSUE)
  .meta({ id: 'UpdateTrainingCourseInput' });
export type UpdateTrainingCourseInput = z.infer<typeof UpdateTrainingCourseInput>;

export const SetAttendeesInput = z.strictObject({ memberIds: z.array(Id).max(TRAINING_LIMITS.attendeesMax) }).meta({ id: 'SetAttendeesInput' });
export type SetAttendeesInput = z.infer<typeof SetAttendeesInput>;

export const TrainingAttendee = z.object({ memberId: Id, name: z.string(), orgId: Id, orgName: z.string() }).meta({ id: 'TrainingAttendee' });
export type TrainingAttendee = z.infer<typeof TrainingAttendee>;

export const TrainingCourseView = z
  .object({
    id: Id,
    orgId: Id,
    orgName: z.string(),
    kind: Kind,
    title: z.string(),
    startsOn: z.string(),
    endsOn: z.string(),
    hours: z.number(),
    place: z.string().nullable(),
    note: z.string().nullable(),
    /** the end date has passed (Asia/Shanghai): attendees count as trained */
    ended: z.boolean(),
    attendeeCount: z.number().int(),
    /** the attendees the caller may see (the detail view only; [] in lists) */
    attendees: z.array(TrainingAttendee),
    createdAt: Timestamp,
  })
  .meta({ id: 'TrainingCourseView' });
export type TrainingCourseView = z.infer<typeof TrainingCourseView>;

export const listTrainingCoursesQuery = z.strictObject({
  year: z.coerce.number().int().min(MIN_YEAR).max(MAX_YEAR).optional(),
  kind: Kind.optional(),
  orgId: Id.optional(),
});
export type ListTrainingCoursesQuery = z.infer<typeof listTrainingCoursesQuery>;
export const TrainingCourseList = z.object({ items: z.array(TrainingCourseView) }).meta({ id: 'TrainingCourseList' });
export type TrainingCourseList = z.infer<typeof TrainingCourseList>;

export const rotationQuery = z.strictObject({ orgId: Id.optional(), sector: z.enum(ORG_SECTORS).optional() });
export type RotationQuery = z.infer<typeof rotationQuery>;

export const RotationSecretary = z
  .object({
    memberId: Id,
    name: z.string(),
    positionId: Id,
    orgId: Id,
    orgName: z.string(),
    sector: z.enum(ORG_SECTORS),
    /** the last secretaryRotation course attended that has ended */
    lastCourseId: Id.nullable(),
    lastTrainedOn: z.string().nullable(),
    /** trained within the window */
    covered: z.boolean(),
    /** the day by which the next rotation training is due (last + window); null: never trained (due now) */
    dueBy: z.string().nullable(),
  })
  .meta({ id: 'RotationSecretary' });
export type RotationSecretary = z.infer<typeof RotationSecretary>;

export const RotationView = z
  .object({
    asOf: z.string(),
    rotationYears: z.number().int(),
    /** a course must have ended on or after this day to count */
    windowStart: z.string(),
    sectors: z.array(z.object({ sector: z.enum(ORG_SECTORS), secretaries: z.number().int(), covered: z.number().int(), coverage: z.number().nullable() })),
    total: z.object({ secretaries: z.number().int(), covered: z.number().int(), coverage: z.number().nullable() }),
    secretaries: z.array(RotationSecretary),
    /** those not trained within the window */
    notTrained: z.array(RotationSecretary),
  })
  .meta({ id: 'RotationView' });
export type RotationView = z.infer<typeof RotationView>;
