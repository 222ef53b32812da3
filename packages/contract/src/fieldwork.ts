// Issue 5 (field work): schemas of the fieldwork API — visits (走访台账), the overdue must-visit list (六访),
// duty shifts (值班台账), coverage (两走遍) and activities (五会、四进、上门服务).
import { z } from 'zod';
import { Id } from './common.js';
import { DATE_ORDER_ISSUE, DayInRange, InstantInRange, fromNotAfterTo } from './dates.js';
import { CaseCategory, FileMeta, FileUpload } from './cases.js';
import { ACTIVITY_KINDS, FIELDWORK_LIMITS } from './fieldwork.constants.js';
import { VISIT_TAGS } from './people.constants.js';

const Text = (max: number) => z.string().trim().min(1).max(max);
const Timestamp = z.string();
const When = InstantInRange;

export const ActivityKind = z.enum(ACTIVITY_KINDS);
export type ActivityKind = z.infer<typeof ActivityKind>;

/** 四掌握 notes: 社情动态、农户基本情况、热点难点问题、特殊困难 */
export const FourKnowsNotes = z
  .strictObject({ conditions: Text(2000).optional(), basics: Text(2000).optional(), hotIssues: Text(2000).optional(), difficulties: Text(2000).optional() })
  .meta({ id: 'FourKnowsNotes' });
export type FourKnowsNotes = z.infer<typeof FourKnowsNotes>;

// ---- visits ----
export const CreateVisitInput = z
  .strictObject({
    /** a client-made UUIDv7 (phones); the server makes one when absent */
    id: Id.optional(),
    /** a household of the caller's area, or … */
    householdId: Id.optional(),
    /** … a village group (a party group org) visited as a whole (两走遍) */
    groupOrgId: Id.optional(),
    visitedAt: When,
    purpose: Text(200),
    notes: FourKnowsNotes.optional(),
    followUp: Text(2000).optional(),
    /** registers a service case for the follow-up, in the same transaction */
    createCase: z.strictObject({ title: Text(100), description: Text(2000), category: CaseCategory }).optional(),
    photos: z.array(FileUpload).max(FIELDWORK_LIMITS.photosMax).optional(),
  })
  .meta({ id: 'CreateVisitInput' });
export type CreateVisitInput = z.infer<typeof CreateVisitInput>;

export const VisitView = z
  .object({
    id: Id,
    visitorId: Id,
    visitorName: z.string(),
    householdId: Id.nullable(),
    householdAddress: z.string().nullable(),
    householdHead: z.string().nullable(),
    groupOrgId: Id.nullable(),
    orgId: Id,
    orgName: z.string(),
    visitedAt: Timestamp,
    purpose: z.string(),
    notes: z.object({ conditions: z.string().optional(), basics: z.string().optional(), hotIssues: z.string().optional(), difficulties: z.string().optional() }),
    followUp: z.string().nullable(),
    caseId: Id.nullable(),
    caseNumber: z.string().nullable(),
    photos: z.array(FileMeta),
    createdAt: Timestamp,
  })
  .meta({ id: 'VisitView' });
export type VisitView = z.infer<typeof VisitView>;

const Page = { limit: z.coerce.number().int().min(1).max(FIELDWORK_LIMITS.pageMax).optional(), offset: z.coerce.number().int().min(0).optional() };
export const listVisitsQuery = z.strictObject({
  householdId: Id.optional(), orgId: Id.optional(), visitorId: Id.optional(), from: DayInRange.optional(), to: DayInRange.optional(), ...Page,
}).refine(fromNotAfterTo, DATE_ORDER_ISSUE);
export type ListVisitsQuery = z.infer<typeof listVisitsQuery>;
export const VisitList = z.object({ items: z.array(VisitView), total: z.number().int() }).meta({ id: 'VisitList' });
export type VisitList = z.infer<typeof VisitList>;

// ---- overdue must-visit households (六访) ----
export const overdueVisitsQuery = z.strictObject({ orgId: Id.optional(), gridId: Id.optional() });
export const OverdueHousehold = z
  .object({
    householdId: Id,
    orgId: Id,
    orgName: z.string(),
    gridId: Id.nullable(),
    gridName: z.string().nullable(),
    address: z.string(),
    headName: z.string(),
    tags: z.array(z.enum(VISIT_TAGS)),
    /** the smallest interval among the tags (policy) */
    intervalDays: z.number().int(),
    lastVisitAt: Timestamp.nullable(),
    /** null: never visited (always overdue, listed first) */
    daysSinceLastVisit: z.number().int().nullable(),
    /** days past the interval; null when never visited */
    daysOverdue: z.number().int().nullable(),
  })
  .meta({ id: 'OverdueHousehold' });
export type OverdueHousehold = z.infer<typeof OverdueHousehold>;
export const OverdueVisits = z
  .object({
    asOf: Timestamp,
    intervals: z.record(z.string(), z.number().int()),
    total: z.number().int(),
    items: z.array(OverdueHousehold),
    grids: z.array(z.object({ gridId: Id.nullable(), gridName: z.string().nullable(), orgName: z.string(), overdue: z.number().int(), neverVisited: z.number().int() })),
  })
  .meta({ id: 'OverdueVisits' });
export type OverdueVisits = z.infer<typeof OverdueVisits>;

// ---- duty shifts ----
export const CreateDutyShiftInput = z
  .strictObject({
    /** a village (service room) or township (hall); defaults to the caller's org */
    orgId: Id.optional(),
    /** the account on duty, or … */
    userId: Id.optional(),
    /** … a person's name (required without an account) */
    personName: Text(50).optional(),
    startsAt: When,
    endsAt: When,
    handled: Text(2000).optional(),
  })
  .meta({ id: 'CreateDutyShiftInput' });
export type CreateDutyShiftInput = z.infer<typeof CreateDutyShiftInput>;
export const DutyShiftView = z
  .object({
    id: Id, orgId: Id, orgName: z.string(), userId: Id.nullable(), personName: z.string(), startsAt: Timestamp, endsAt: Timestamp,
    handled: z.string().nullable(), createdAt: Timestamp,
  })
  .meta({ id: 'DutyShiftView' });
export type DutyShiftView = z.infer<typeof DutyShiftView>;
export const listDutyShiftsQuery = z.strictObject({ orgId: Id.optional(), from: DayInRange.optional(), to: DayInRange.optional() }).refine(fromNotAfterTo, DATE_ORDER_ISSUE);
export const DutyShiftList = z.object({ items: z.array(DutyShiftView) }).meta({ id: 'DutyShiftList' });

// ---- coverage (两走遍) ----
export const coverageQuery = z.strictObject({ orgId: Id.optional(), year: z.coerce.number().int().min(2000).max(2100).optional() });
export const CoveragePerson = z
  .object({
    userId: Id,
    name: z.string(),
    role: z.string(),
    orgId: Id,
    orgName: z.string(),
    /** villageGroups: a township account visits every village group; households: a village account every household */
    target: z.enum(['villageGroups', 'households']),
    visited: z.number().int(),
    total: z.number().int(),
    rate: z.number().nullable(),
    missing: z.array(z.object({ id: Id, name: z.string() })),
  })
  .meta({ id: 'CoveragePerson' });
export type CoveragePerson = z.infer<typeof CoveragePerson>;
export const CoverageView = z
  .object({
    year: z.number().int(),
    orgId: Id,
    orgName: z.string(),
    /** per org: village groups visited by anyone / households visited by anyone this year */
    orgs: z.array(z.object({ orgId: Id, orgName: z.string(), tier: z.string(), groupsVisited: z.number().int(), groups: z.number().int(), householdsVisited: z.number().int(), households: z.number().int() })),
    people: z.array(CoveragePerson),
  })
  .meta({ id: 'CoverageView' });
export type CoverageView = z.infer<typeof CoverageView>;

// ---- activities ----
export const CreateActivityInput = z
  .strictObject({
    id: Id.optional(),
    orgId: Id.optional(),
    kind: ActivityKind,
    title: Text(100),
    heldOn: When,
    place: Text(200),
    organizer: Text(100),
    /** the member who organized or gave it: a central household's monthly service, a secretary's 党课 (篇二 7、8) */
    organizerMemberId: Id.optional(),
    /** a pairing unit's volunteer team at its paired village (结对帮扶单位党员志愿服务队, 篇二 7): a pairing of the activity's village, active that day */
    pairingId: Id.optional(),
    memberIds: z.array(Id).max(2000).optional(),
    residentIds: z.array(Id).max(5000).optional(),
    otherAttendees: z.number().int().min(0).max(100000).optional(),
    minutes: Text(10000).optional(),
    photos: z.array(FileUpload).max(FIELDWORK_LIMITS.photosMax).optional(),
  })
  .meta({ id: 'CreateActivityInput' });
export type CreateActivityInput = z.infer<typeof CreateActivityInput>;
export const ActivityView = z
  .object({
    id: Id, orgId: Id, orgName: z.string(), kind: ActivityKind, title: z.string(), heldOn: Timestamp, place: z.string(), organizer: z.string(),
    organizerMemberId: Id.nullable(), organizerMemberName: z.string().nullable(), pairingId: Id.nullable(), pairingPartnerName: z.string().nullable(),
    memberIds: z.array(Id), residentIds: z.array(Id), otherAttendees: z.number().int(), attendance: z.number().int(), minutes: z.string().nullable(),
    photos: z.array(FileMeta), createdAt: Timestamp,
  })
  .meta({ id: 'ActivityView' });
export type ActivityView = z.infer<typeof ActivityView>;
export const listActivitiesQuery = z.strictObject({
  orgId: Id.optional(), from: DayInRange.optional(), to: DayInRange.optional(), kind: ActivityKind.optional(),
  /** the compliance lists open the activities of a central household or a pairing */
  organizerMemberId: Id.optional(), pairingId: Id.optional(),
}).refine(fromNotAfterTo, DATE_ORDER_ISSUE);
export const ActivityList = z.object({ items: z.array(ActivityView) }).meta({ id: 'ActivityList' });
