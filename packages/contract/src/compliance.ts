// Issue 10 part 3 (members' duties): computed compliance (篇二 7) — nobody types a figure, each is recounted from the
// records: confirmed volunteer hours of activists and probationary members (pro rata), central households' monthly
// service activities, pairing units' quarterly volunteer activities at their village, townships' quarterly
// 组团式/订单式 door-to-door services. Numbers come from the policy keys of group 'duty'.
import { z } from 'zod';
import { Id } from './common.js';
import { MAX_YEAR, MIN_YEAR } from './dates.constants.js';
import { exportPurposeQuery } from './people.js';

export const COMPLIANCE_RULES = ['volunteerHours', 'centralHouseholds', 'pairings', 'townships'] as const;
export const ComplianceRule = z.enum(COMPLIANCE_RULES);
export type ComplianceRule = z.infer<typeof ComplianceRule>;

/**
 * met: done ≥ due; behind: a period that has ended is short; inProgress: the current period is not yet due
 * (never counted as behind, however short it is so far).
 */
export const COMPLIANCE_STATUSES = ['met', 'behind', 'inProgress'] as const;
export const ComplianceStatus = z.enum(COMPLIANCE_STATUSES);
export type ComplianceStatus = z.infer<typeof ComplianceStatus>;

/** rows of one page of a behind list (a county may have thousands of activists); the export has them all */
export const COMPLIANCE_PAGE_MAX = 2000;
const Year = z.coerce.number().int().min(MIN_YEAR).max(MAX_YEAR);

export const complianceQuery = z.strictObject({ year: Year.optional(), orgId: Id.optional() });
export type ComplianceQuery = z.infer<typeof complianceQuery>;
export const complianceBehindQuery = z.strictObject({
  year: Year.optional(),
  orgId: Id.optional(),
  rule: ComplianceRule,
  /** true: every row (met and in progress too), not only the behind ones */
  all: z.stringbool().optional(),
  limit: z.coerce.number().int().min(1).max(COMPLIANCE_PAGE_MAX).optional(),
  offset: z.coerce.number().int().min(0).optional(),
});
export type ComplianceBehindQuery = z.infer<typeof complianceBehindQuery>;
/** the export: the list's filters, and the purpose of a bulk export of members (privacy.exportPurposeRows) */
export const exportComplianceQuery = complianceBehindQuery.omit({ limit: true, offset: true }).extend(exportPurposeQuery);
export const memberDutiesQuery = z.strictObject({ year: Year.optional() });

/** One period of a rule (a year part, a month or a quarter), Asia/Shanghai days, both ends inclusive. */
export const CompliancePeriod = z
  .object({
    /** '2026' (hours), '2026-03' (month), '2026-Q1' (quarter) */
    key: z.string(),
    from: z.string(),
    to: z.string(),
    done: z.number(),
    due: z.number(),
    status: ComplianceStatus,
    /** the activities counted in this period (activity rules) */
    activityIds: z.array(Id),
  })
  .meta({ id: 'CompliancePeriod' });
export type CompliancePeriod = z.infer<typeof CompliancePeriod>;

/**
 * One subject of a rule: a member (hours, central households), a pairing (pairing units) or a township.
 * done/due: hours (volunteerHours) or activities (the others) over the periods of the year up to the current one;
 * shortBy: what is still missing (hours: due − done; activities: the sum over the periods, the current one included —
 * `status` says whether an ended period is short); byWhen: the end of the first short period that has ended, else
 * of the current period, else of the last one.
 */
export const ComplianceRow = z
  .object({
    rule: ComplianceRule,
    /** member id, pairing id or township org id */
    subjectId: Id,
    subjectName: z.string(),
    memberId: Id.nullable(),
    pairingId: Id.nullable(),
    /** the org the subject belongs to (member's org, the paired village, the township) */
    orgId: Id,
    orgName: z.string(),
    /** the village and township above (for the per-unit summary and the lists' columns) */
    villageId: Id.nullable(),
    villageName: z.string().nullable(),
    townshipId: Id.nullable(),
    townshipName: z.string().nullable(),
    /** volunteerHours: the member's status now; pairings: the pairing kind; others: null */
    detail: z.string().nullable(),
    done: z.number(),
    due: z.number(),
    shortBy: z.number(),
    byWhen: z.string(),
    status: ComplianceStatus,
    /** volunteerHours in progress: due − the hours the present pace would reach by `byWhen` (≥ 0); else null */
    projectedShort: z.number().nullable(),
    periods: z.array(CompliancePeriod),
  })
  .meta({ id: 'ComplianceRow' });
export type ComplianceRow = z.infer<typeof ComplianceRow>;

export const ComplianceBehindList = z
  .object({
    year: z.number().int(), rule: ComplianceRule, asOf: z.string(), required: z.number(),
    /** subjects of the rule in the scope; matched: of those, the rows the list holds (behind, or all) before paging */
    total: z.number().int(), matched: z.number().int(), items: z.array(ComplianceRow),
  })
  .meta({ id: 'ComplianceBehindList' });
export type ComplianceBehindList = z.infer<typeof ComplianceBehindList>;

export const ComplianceCounts = z
  .object({ total: z.number().int(), met: z.number().int(), behind: z.number().int(), inProgress: z.number().int() })
  .meta({ id: 'ComplianceCounts' });
export type ComplianceCounts = z.infer<typeof ComplianceCounts>;

/** Per township and village unit of the caller's subtree: the counts per rule of the subjects inside it. */
export const ComplianceUnit = z
  .object({
    orgId: Id,
    orgName: z.string(),
    tier: z.enum(['township', 'village']),
    townshipId: Id.nullable(),
    rules: z.object({ volunteerHours: ComplianceCounts, centralHouseholds: ComplianceCounts, pairings: ComplianceCounts, townships: ComplianceCounts }),
  })
  .meta({ id: 'ComplianceUnit' });
export type ComplianceUnit = z.infer<typeof ComplianceUnit>;

export const ComplianceSummary = z
  .object({
    year: z.number().int(),
    asOf: z.string(),
    /** the policy numbers applied (policy keys duty.*) */
    required: z.object({ volunteerHours: z.number(), centralHouseholds: z.number(), pairings: z.number(), townships: z.number() }),
    totals: z.object({ volunteerHours: ComplianceCounts, centralHouseholds: ComplianceCounts, pairings: ComplianceCounts, townships: ComplianceCounts }),
    units: z.array(ComplianceUnit),
  })
  .meta({ id: 'ComplianceSummary' });
export type ComplianceSummary = z.infer<typeof ComplianceSummary>;

/** A member's volunteer hours in one year: the requirement part of the year (null: none that year). */
export const MemberHoursYear = z
  .object({
    year: z.number().int(),
    /** confirmed, not superseded hours served in the year (all of them) */
    hours: z.number(),
    /** of those, the hours inside the requirement period (培养期/预备期) */
    done: z.number(),
    due: z.number(),
    shortBy: z.number(),
    /** the requirement period inside the year, or null when the member had none that year */
    periodFrom: z.string().nullable(),
    periodTo: z.string().nullable(),
    status: ComplianceStatus.nullable(),
    projectedShort: z.number().nullable(),
  })
  .meta({ id: 'MemberHoursYear' });
export type MemberHoursYear = z.infer<typeof MemberHoursYear>;

export const MemberDutiesView = z
  .object({
    memberId: Id,
    memberName: z.string(),
    status: z.string(),
    year: z.number().int(),
    asOf: z.string(),
    /** the policy number (duty.volunteerHoursPerYear) */
    requiredPerYear: z.number(),
    /** the asked year */
    current: MemberHoursYear,
    /** every year with counted records or a requirement, newest first */
    years: z.array(MemberHoursYear),
    /** the member's records on the desk (the volunteer page filtered by member) */
    recordsLink: z.string(),
  })
  .meta({ id: 'MemberDutiesView' });
export type MemberDutiesView = z.infer<typeof MemberDutiesView>;
