import { z } from 'zod';
import { Id } from './common.js';
import { OrgTier } from './enum-schemas.js';
import { DATE_ORDER_ISSUE, DayInRange, fromNotAfterTo } from './dates.js';
import { KeysetCursor } from './text.js';
import {
  ACCOUNTABILITY_STATUSES, CASE_ACTIONS, CASE_CATEGORIES, CASE_CHANNELS, CASE_EVENT_KINDS, CASE_MODES, CASE_STATES, CASE_TABS,
  FIELD_REPORT_KINDS, FILE_LIMITS, RESIDENT_PHONE, WHISTLE_STATES,
} from './cases.constants.js';
import { SERVICE_CATEGORIES } from './catalog.constants.js';
import { UNMASK_REASON_MAX } from './people.constants.js';

export const CaseState = z.enum(CASE_STATES);
export const CaseMode = z.enum(CASE_MODES);
export const CaseChannel = z.enum(CASE_CHANNELS);
export const CaseCategory = z.enum(CASE_CATEGORIES);
export const FieldReportKind = z.enum(FIELD_REPORT_KINDS);
export const CaseEventKind = z.enum(CASE_EVENT_KINDS);
export const CaseActionName = z.enum(CASE_ACTIONS);
export const AccountabilityStatus = z.enum(ACCOUNTABILITY_STATUSES);
export const WhistleState = z.enum(WHISTLE_STATES);
export type CaseState = z.infer<typeof CaseState>;
export type CaseMode = z.infer<typeof CaseMode>;
export type CaseChannel = z.infer<typeof CaseChannel>;
export type CaseCategory = z.infer<typeof CaseCategory>;
export type FieldReportKind = z.infer<typeof FieldReportKind>;
export type CaseEventKind = z.infer<typeof CaseEventKind>;
export type CaseActionName = z.infer<typeof CaseActionName>;
export type AccountabilityStatus = z.infer<typeof AccountabilityStatus>;
export type WhistleState = z.infer<typeof WhistleState>;

const Text = (max: number) => z.string().trim().min(1).max(max);
const Phone = z.string().trim().regex(/^[0-9+\-\s()]{5,20}$/);
const Timestamp = z.string();

/** A file sent inline (base64), e.g. a phone photo: the server checks type, size and stores its SHA-256. */
export const FileUpload = z
  .strictObject({
    name: Text(200),
    mime: z.enum(FILE_LIMITS.mimes),
    /** base64 of the bytes */
    data: z.string().min(4).max(Math.ceil((FILE_LIMITS.maxBytes * 4) / 3) + 4),
  })
  .meta({ id: 'FileUpload' });
export type FileUpload = z.infer<typeof FileUpload>;
export const FileMeta = z.object({ id: Id, name: z.string(), mime: z.string(), size: z.number().int(), sha256: z.string(), createdAt: Timestamp }).meta({ id: 'FileMeta' });
export type FileMeta = z.infer<typeof FileMeta>;

// ---- intake ----
export const CreateCaseInput = z
  .strictObject({
    /** the catalog item; its category, tier and promised days set the deadline */
    itemId: Id.optional(),
    /** required without an item */
    category: CaseCategory.optional(),
    title: Text(100),
    description: Text(2000),
    channel: CaseChannel,
    /** required for grid reports (六报) */
    fieldReportKind: FieldReportKind.optional(),
    householdId: Id.optional(),
    residentId: Id.optional(),
    gridId: Id.optional(),
    /** the village/community (or township) registering the case; defaults to the caller's org */
    orgId: Id.optional(),
    requesterName: Text(50).optional(),
    requesterPhone: Phone.optional(),
    address: Text(200).optional(),
    lat: z.number().min(-90).max(90).optional(),
    lon: z.number().min(-180).max(180).optional(),
    /** the resident's trips so far (a walk-in is 1, phone and web 0) */
    trips: z.number().int().min(0).max(20).optional(),
    /** 直接办理: answer on the spot (即办) */
    reply: z.strictObject({ mode: CaseMode, text: Text(2000) }).optional(),
    files: z.array(FileUpload).max(5).optional(),
    /** 收件材料: what the counter received (the item's materials ticked, or others), printed on the 受理回执 */
    materialsReceived: z.array(Text(200)).max(30).optional(),
  })
  .meta({ id: 'CreateCaseInput' });
export type CreateCaseInput = z.infer<typeof CreateCaseInput>;

export const CaseSummary = z
  .object({
    id: Id,
    number: z.string(),
    title: z.string(),
    category: CaseCategory,
    channel: CaseChannel,
    fieldReportKind: FieldReportKind.nullable(),
    state: CaseState,
    orgId: Id,
    orgName: z.string(),
    ownerTier: z.enum(['village', 'township', 'county']),
    ownerOrgId: Id.nullable(),
    ownerDepartmentId: Id.nullable(),
    ownerName: z.string(),
    itemName: z.string().nullable(),
    requesterName: z.string().nullable(),
    receivedAt: Timestamp,
    /** the current holder's own deadline (限期办结 of its tier: set anew by each forward; accountability counts it) */
    dueAt: Timestamp,
    /** the promise made to the resident (承诺办结日期): the item's promised working days from receipt; moved only
     *  by waiting on the resident, a calendar change or the holder's 承诺办理 (see promiseChanges) */
    promisedAt: Timestamp,
    /** the promise passed before the answer (or is passing now, unanswered) */
    promiseBroken: z.boolean(),
    /** the handling mode the current holder chose at 开始承办 (null: not chosen yet) */
    handlingMode: CaseMode.nullable(),
    /** the deadline was counted across a year without an official holiday schedule (statutory holidays only,
     *  no make-up days): it moves when the county loads that year's schedule */
    deadlineProvisional: z.boolean(),
    /** past the deadline and not answered yet (clock running, or paused after the deadline had passed) */
    overdue: z.boolean(),
    /** answered after the deadline, or still open past it */
    late: z.boolean(),
    dueSoon: z.boolean(),
    firstResponderId: Id.nullable(),
    firstResponderName: z.string().nullable(),
    mode: CaseMode.nullable(),
    repliedAt: Timestamp.nullable(),
    rating: z.number().int().nullable(),
    trips: z.number().int(),
    forwards: z.number().int(),
    escalation: z.number().int(),
  })
  .meta({ id: 'CaseSummary' });
export type CaseSummary = z.infer<typeof CaseSummary>;

export const CaseEventView = z
  .object({
    id: Id,
    at: Timestamp,
    kind: CaseEventKind,
    actorName: z.string().nullable(),
    fromState: CaseState.nullable(),
    toState: CaseState.nullable(),
    note: z.string().nullable(),
    detail: z.record(z.string(), z.unknown()).nullable(),
  })
  .meta({ id: 'CaseEventView' });
export type CaseEventView = z.infer<typeof CaseEventView>;

export const AccountabilityView = z
  .object({
    id: Id,
    caseId: Id,
    caseNumber: z.string(),
    caseTitle: z.string(),
    kind: z.string(),
    dueAt: Timestamp,
    raisedAt: Timestamp,
    /** the person who held the case when its deadline passed (the holding unit's account that registered or took it
     *  up there); null when nobody at that unit had taken it up yet — the unit answers for it */
    responsibleUserId: Id.nullable(),
    responsibleName: z.string().nullable(),
    /** the holding unit (org or county department) whose deadline was missed */
    ownerTier: OrgTier,
    ownerName: z.string(),
    /** 首问负责人: answers to the resident, named apart from the holder */
    firstResponderId: Id.nullable(),
    firstResponderName: z.string().nullable(),
    orgName: z.string(),
    status: AccountabilityStatus,
    reviewedByName: z.string().nullable(),
    reviewedAt: Timestamp.nullable(),
    reason: z.string().nullable(),
  })
  .meta({ id: 'AccountabilityView' });
export type AccountabilityView = z.infer<typeof AccountabilityView>;

/** A move of the promise to the resident and why: 承诺办理 (the holder promised a date), waiting on the resident's
 *  papers, a calendar change (days as YYYY-MM-DD, Asia/Shanghai) */
export const PromiseChange = z
  .object({ at: Timestamp, reason: z.enum(['promised', 'waiting', 'calendar']), from: z.string(), to: z.string(), unitName: z.string().nullable() })
  .meta({ id: 'PromiseChange' });
export type PromiseChange = z.infer<typeof PromiseChange>;

export const CaseDetail = CaseSummary.extend({
  description: z.string(),
  itemId: Id.nullable(),
  promisedDays: z.number().int().nullable(),
  householdId: Id.nullable(),
  householdAddress: z.string().nullable(),
  residentId: Id.nullable(),
  gridId: Id.nullable(),
  gridName: z.string().nullable(),
  /** masked (138****1234) unless the caller holds the case */
  requesterPhone: z.string().nullable(),
  address: z.string().nullable(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  reply: z.string().nullable(),
  ratingComment: z.string().nullable(),
  ratedAt: Timestamp.nullable(),
  closedAt: Timestamp.nullable(),
  pausedSince: Timestamp.nullable(),
  timeline: z.array(CaseEventView),
  files: z.array(FileMeta),
  whistles: z.array(z.object({ id: Id, number: z.string(), title: z.string() })),
  accountability: z.array(AccountabilityView),
  /** what the caller may do now */
  actions: z.array(CaseActionName),
  /** the resident's receipt (查询码 + 查询密码): only in the answer that registered the case, null ever after */
  portalAccess: z.object({ trackingCode: z.string(), secret: z.string() }).nullable(),
  /** 收件材料 received at the counter */
  materialsReceived: z.array(z.string()),
  /** the phone the resident may call about it (the registering unit's service room, else the item's contact phone;
   *  the 受理回执 prints it) and that room's name as residents know it (青山村党群服务中心 / 青山村便民服务室) */
  contactPhone: z.string().nullable(),
  orgServiceName: z.string(),
  promiseChanges: z.array(PromiseChange),
}).meta({ id: 'CaseDetail' });

/** What intake will save (the intake page's panel): the promise to the resident and the first holder's deadline. */
export const intakeDatesQuery = z.strictObject({ itemId: Id.optional(), orgId: Id.optional() });
export const IntakeDates = z
  .object({
    receivedAt: Timestamp,
    promisedAt: Timestamp,
    /** working days promised: the item's, else the first holder's */
    promisedDays: z.number().int(),
    fromItem: z.boolean(),
    dueAt: Timestamp,
    holderDays: z.number().int(),
    holderTier: z.enum(['village', 'township']),
    holderName: z.string(),
    provisional: z.boolean(),
  })
  .meta({ id: 'IntakeDates' });
export type IntakeDates = z.infer<typeof IntakeDates>;
export type CaseDetail = z.infer<typeof CaseDetail>;

export const CaseQueue = z.enum(['mine', 'all']);
const listCasesFields = z.strictObject({
  /** a state, or `open` (received, in progress, waiting) */
  state: z.union([CaseState, z.literal('open')]).optional(),
  overdue: z.stringbool().optional(),
  dueSoon: z.stringbool().optional(),
  /** mine: held by the caller's own unit now (a grid worker: the cases they registered); all: everything the caller may see */
  queue: CaseQueue.optional(),
  category: CaseCategory.optional(),
  channel: CaseChannel.optional(),
  /** a subtree (village, township…) */
  orgId: Id.optional(),
  /** one grid's cases (the work map's click-through) */
  gridId: Id.optional(),
  departmentId: Id.optional(),
  /** held now by this county department (the dashboard's per-department figures) */
  holderDepartmentId: Id.optional(),
  from: DayInRange.optional(),
  to: DayInRange.optional(),
  q: z.string().trim().max(50).optional(),
  escalated: z.stringbool().optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  /** keyset cursor: the last row's receivedAt|id */
  cursor: KeysetCursor.optional(),
});
export const listCasesQuery = listCasesFields.refine(fromNotAfterTo, DATE_ORDER_ISSUE);
/** the export takes the list's filters, without paging */
/** `purpose`: required above the county's privacy.exportPurposeRows (the rows name residents) */
export const exportCasesQuery = listCasesFields.omit({ limit: true, cursor: true })
  .extend({ purpose: z.string().trim().max(UNMASK_REASON_MAX).optional() })
  .refine(fromNotAfterTo, DATE_ORDER_ISSUE);
export type ListCasesQuery = z.infer<typeof listCasesQuery>;
export const CaseList = z.object({ items: z.array(CaseSummary), total: z.number().int(), nextCursor: z.string().nullable() }).meta({ id: 'CaseList' });
export type CaseList = z.infer<typeof CaseList>;
/** the ledger's tabs: each the `total` of its list (CASE_TAB_QUERY), and the tab the ledger opens on for the caller */
export const CaseTabCounts = z.object({
  counts: z.object({ mine: z.number().int(), dueSoon: z.number().int(), overdue: z.number().int(), waiting: z.number().int(), all: z.number().int() }),
  opening: z.enum(CASE_TABS),
}).meta({ id: 'CaseTabCounts' });
export type CaseTabCounts = z.infer<typeof CaseTabCounts>;

export const similarCasesQuery = z.strictObject({
  householdId: Id.optional(),
  gridId: Id.optional(),
  orgId: Id.optional(),
  text: z.string().trim().min(2).max(2000),
});
/** The same, as a POST body: a long description does not fit a URL (HTTP 431). */
export const SimilarCasesInput = z.strictObject({ ...similarCasesQuery.shape }).meta({ id: 'SimilarCasesBody' });
export const SimilarCases = z.object({ items: z.array(CaseSummary.extend({ similarity: z.number() })) }).meta({ id: 'SimilarCases' });

// ---- actions ----
export const ForwardTarget = z.discriminatedUnion('tier', [
  z.strictObject({ tier: z.literal('township'), orgId: Id }),
  z.strictObject({ tier: z.literal('county'), departmentId: Id }),
]);
export const ForwardCaseInput = z.strictObject({ to: ForwardTarget, note: Text(500) }).meta({ id: 'ForwardCaseInput' });
export type ForwardCaseInput = z.infer<typeof ForwardCaseInput>;
export const ReplyCaseInput = z.strictObject({ mode: CaseMode, text: Text(2000) }).meta({ id: 'ReplyCaseInput' });
export type ReplyCaseInput = z.infer<typeof ReplyCaseInput>;
export const NoteInput = z.strictObject({ note: Text(1000) }).meta({ id: 'NoteInput' });
export const OptionalNoteInput = z.strictObject({ note: Text(1000).optional() }).meta({ id: 'OptionalNoteInput' });
/** 开始承办: the handling mode; 承诺办理 names the working days promised (counted on the county's calendar) */
export const AcceptCaseInput = z
  .strictObject({ note: Text(1000).optional(), mode: CaseMode.optional(), promisedDays: z.number().int().min(0).max(365).optional() })
  .meta({ id: 'AcceptCaseInput' });
export type AcceptCaseInput = z.infer<typeof AcceptCaseInput>;
export const ResumeCaseInput = z.strictObject({ note: Text(1000).optional(), trip: z.boolean().optional() }).meta({ id: 'ResumeCaseInput' });
export const RateInput = z.strictObject({ score: z.number().int().min(1).max(5), comment: Text(500).optional() }).meta({ id: 'RateInput' });
export type RateInput = z.infer<typeof RateInput>;

export const CaseFileParams = z.strictObject({ id: Id, fileId: Id });

// ---- statistics (篇三: 办理事项、按时办结率、维权事项、跑腿次数) ----
export const caseStatsQuery = z.strictObject({ orgId: Id.optional(), from: DayInRange, to: DayInRange }).refine(fromNotAfterTo, DATE_ORDER_ISSUE);
export const CaseStatsRow = z.object({
  orgId: Id.nullable(),
  /** a county department's row (in `holders`) */
  departmentId: Id.nullable(),
  /** what the row's figures count: the cases received there (`rows`, `total`), or the cases it held that were sent
   *  on to it from where they were received (`holders`: received and forwarded are 0 there) */
  basis: z.enum(['received', 'held']),
  name: z.string(),
  received: z.number().int(),
  /** 承办: cases the unit holds now or held when they were answered (a village: those not sent on; a township or
   *  department: also those forwarded to it) */
  held: z.number().int(),
  answered: z.number().int(),
  onTime: z.number().int(),
  /** answered on time / answered (null when nothing was answered) */
  onTimeRate: z.number().nullable(),
  open: z.number().int(),
  overdueOpen: z.number().int(),
  rights: z.number().int(),
  /** 代办 (category proxy: a cadre runs the errand for the resident, 篇三 三) */
  proxy: z.number().int(),
  fieldReports: z.number().int(),
  forwarded: z.number().int(),
  avgTrips: z.number().nullable(),
  /** share of answered cases with at most one trip (最多跑一次) */
  oneTripRate: z.number().nullable(),
  rated: z.number().int(),
  avgRating: z.number().nullable(),
  byMode: z.record(z.string(), z.number().int()),
});
/** `rows`: the node's own level and its child orgs by where cases were received (they add up to `total`);
 *  `holders`: the township halls and county departments that held cases of the node sent on to them, by what they
 *  held (a case counts at its village and again here: not added to the total) */
export const CaseStats = z.object({ from: z.string(), to: z.string(), total: CaseStatsRow, rows: z.array(CaseStatsRow), holders: z.array(CaseStatsRow) }).meta({ id: 'CaseStats' });
export type CaseStats = z.infer<typeof CaseStats>;

// ---- accountability ----
export const listAccountabilityQuery = z.strictObject({ status: AccountabilityStatus.optional(), limit: z.coerce.number().int().min(1).max(500).optional() });
export const AccountabilityList = z.object({ items: z.array(AccountabilityView) }).meta({ id: 'AccountabilityList' });
export const ReviewAccountabilityInput = z
  .strictObject({ decision: z.enum(['upheld', 'dismissed']), reason: Text(1000).optional() })
  .meta({ id: 'ReviewAccountabilityInput' });
export type ReviewAccountabilityInput = z.infer<typeof ReviewAccountabilityInput>;

// ---- notifications ----
export const NotificationView = z.object({ id: Id, kind: z.string(), text: z.string(), caseId: Id.nullable(), whistleId: Id.nullable(), createdAt: Timestamp });
export const NotificationList = z.object({ items: z.array(NotificationView) }).meta({ id: 'NotificationList' });

// ---- whistles (吹哨报到) ----
export const CreateWhistleInput = z
  .strictObject({
    title: Text(100),
    place: Text(200),
    description: Text(2000),
    departmentIds: z.array(Id).min(1).max(20),
    /** hours each department has to report */
    reportHours: z.number().int().min(1).max(720).optional(),
    caseIds: z.array(Id).max(50).optional(),
    /** the township/street blowing the whistle; defaults to the caller's */
    orgId: Id.optional(),
  })
  .meta({ id: 'CreateWhistleInput' });
export type CreateWhistleInput = z.infer<typeof CreateWhistleInput>;
export const WhistleReportView = z.object({
  id: Id,
  departmentId: Id,
  departmentName: z.string(),
  acknowledgedAt: Timestamp.nullable(),
  arrivedAt: Timestamp.nullable(),
  reportedAt: Timestamp.nullable(),
  result: z.string().nullable(),
  /** the optional evidence of 接哨 and 到场: a note each, photos (files with the step they belong to) */
  acknowledgeNote: z.string().nullable(),
  arriveNote: z.string().nullable(),
  files: z.array(FileMeta.extend({ step: z.enum(['acknowledge', 'arrive']) })),
  /** reported after the deadline, or not reported and the deadline passed */
  late: z.boolean(),
  missing: z.boolean(),
});
export const WhistleView = z
  .object({
    id: Id,
    number: z.string(),
    orgId: Id,
    orgName: z.string(),
    title: z.string(),
    place: z.string(),
    description: z.string(),
    reportHours: z.number().int(),
    dueAt: Timestamp,
    state: WhistleState,
    summary: z.string().nullable(),
    createdAt: Timestamp,
    createdByName: z.string().nullable(),
    closedAt: Timestamp.nullable(),
    reports: z.array(WhistleReportView),
    cases: z.array(z.object({ id: Id, number: z.string(), title: z.string(), state: CaseState })),
  })
  .meta({ id: 'WhistleView' });
export type WhistleView = z.infer<typeof WhistleView>;
export const listWhistlesQuery = z.strictObject({ state: WhistleState.optional(), from: DayInRange.optional(), to: DayInRange.optional() }).refine(fromNotAfterTo, DATE_ORDER_ISSUE);
export const WhistleList = z.object({ items: z.array(WhistleView) }).meta({ id: 'WhistleList' });
export const WHISTLE_EVIDENCE = { noteMax: 500, photosMax: 3 } as const;
export const WhistleReportInput = z.strictObject({
  step: z.enum(['acknowledge', 'arrive', 'report']),
  result: Text(2000).optional(),
  /** 接哨 / 到场 only, both optional: a note and photos of the scene */
  note: Text(WHISTLE_EVIDENCE.noteMax).optional(),
  photos: z.array(FileUpload).max(WHISTLE_EVIDENCE.photosMax).optional(),
}).meta({ id: 'WhistleReportInput' });
/** Cases linked to a whistle after it was blown. */
export const LinkWhistleCasesInput = z.strictObject({ caseIds: z.array(Id).min(1).max(50) }).meta({ id: 'LinkWhistleCasesInput' });
export const WhistleFileParams = z.strictObject({ id: Id, fileId: Id });
export type WhistleReportInput = z.infer<typeof WhistleReportInput>;
export const CloseWhistleInput = z.strictObject({ summary: Text(2000) }).meta({ id: 'CloseWhistleInput' });
export const whistleStatsQuery = z.strictObject({ from: DayInRange, to: DayInRange }).refine(fromNotAfterTo, DATE_ORDER_ISSUE);
export const WhistleStats = z
  .object({
    from: z.string(),
    to: z.string(),
    rows: z.array(z.object({
      departmentId: Id, departmentName: z.string(), called: z.number().int(), reported: z.number().int(),
      onTime: z.number().int(), late: z.number().int(), missing: z.number().int(),
      onTimeRate: z.number().nullable(), avgHoursToReport: z.number().nullable(), avgHoursToArrive: z.number().nullable(),
    })),
  })
  .meta({ id: 'WhistleStats' });
export type WhistleStats = z.infer<typeof WhistleStats>;

// ---- resident portal (no account) ----
export const PortalRequestInput = z
  .strictObject({
    countyId: Id,
    /** the village/community the request is about */
    orgId: Id,
    category: z.enum(SERVICE_CATEGORIES),
    itemId: Id.optional(),
    description: Text(2000),
    name: Text(50).optional(),
    phone: z.string().trim().regex(RESIDENT_PHONE),
    address: Text(200).optional(),
    photo: FileUpload.optional(),
  })
  .meta({ id: 'PortalRequestInput' });
export type PortalRequestInput = z.infer<typeof PortalRequestInput>;
/** `secret` (查询密码) is shown this once: the server keeps only its hash; with the code it is the resident's credential. */
/** `promisedAt`: the promise to the resident (承诺办结日期) */
export const PortalReceipt = z.object({ trackingCode: z.string(), secret: z.string(), number: z.string(), promisedAt: Timestamp }).meta({ id: 'PortalReceipt' });
export type PortalReceipt = z.infer<typeof PortalReceipt>;
export const PortalCodeParams = z.strictObject({ code: z.string().trim().min(4).max(20) });
/** the receipt's 查询密码 (8 letters and digits; spaces, dashes and case do not matter) */
export const PortalSecret = z.string().trim().min(4).max(20).regex(/^[0-9A-Za-z\s-]+$/);
export const portalLookupQuery = z.strictObject({ secret: PortalSecret });
export const PortalStatus = z
  .object({
    trackingCode: z.string(),
    number: z.string(),
    title: z.string(),
    category: CaseCategory,
    orgName: z.string(),
    /** the unit handling it now, as residents know it (青山乡便民服务中心, 县民政局), never a person */
    ownerName: z.string(),
    state: CaseState,
    receivedAt: Timestamp,
    /** the promise (承诺办结日期); each holder's own deadline is not the resident's business */
    promisedAt: Timestamp,
    promiseBroken: z.boolean(),
    /** why the promise moved, if it ever did */
    promiseChanges: z.array(PromiseChange),
    mode: CaseMode.nullable(),
    reply: z.string().nullable(),
    repliedAt: Timestamp.nullable(),
    rating: z.number().int().nullable(),
    ratingComment: z.string().nullable(),
    canRate: z.boolean(),
    /** steps without staff names; `unitName`: where it was registered or forwarded to (a unit, never a person) */
    timeline: z.array(z.object({ at: Timestamp, kind: CaseEventKind, toState: CaseState.nullable(), unitName: z.string().nullable() })),
  })
  .meta({ id: 'PortalStatus' });
export type PortalStatus = z.infer<typeof PortalStatus>;
export const PortalRatingInput = z.strictObject({ secret: PortalSecret, score: z.number().int().min(1).max(5), comment: Text(500).optional() }).meta({ id: 'PortalRatingInput' });
export type PortalRatingInput = z.infer<typeof PortalRatingInput>;
export const publicOrgsQuery = z.strictObject({ countyId: Id });
export const PublicOrgList = z
  .object({ items: z.array(z.object({ id: Id, parentId: Id.nullable(), name: z.string(), tier: z.enum(['county', 'township', 'village']) })) })
  .meta({ id: 'PublicOrgList' });
export type PublicOrgList = z.infer<typeof PublicOrgList>;

/** Where a case may be forwarded now: its village's township hall and the county's departments. */
export const ForwardTargets = z
  .object({
    townships: z.array(z.object({ id: Id, name: z.string() })),
    departments: z.array(z.object({ id: Id, name: z.string() })),
  })
  .meta({ id: 'ForwardTargets' });
export type ForwardTargets = z.infer<typeof ForwardTargets>;
