// The annual evaluation (考评, issue 11; F17–F20): templates, rounds, stage scoring, mass evaluation, grades,
// contests, rectification, explanations. Enums and labels: evaluation.constants.ts; rules: docs/evaluation.md.
import { z } from 'zod';
import { Id } from './common.js';
import { DayInRange } from './dates.js';
import { MAX_YEAR, MIN_YEAR } from './dates.constants.js';
import { ORG_SECTORS, ORG_TIERS } from './enums.js';
import { FileMeta, FileUpload } from './cases.js';
import {
  CONTEST_STATES, EVALUATION_STAGES, GRADES, INDICATOR_GROUPS, INDICATOR_METHODS, METRICS, RATING_SOURCES, RECHECK_RESULTS,
  RECTIFICATION_STATES, ROUND_STATES, SCORED_STAGES,
} from './evaluation.constants.js';

const Text = (max: number) => z.string().trim().min(1).max(max);
const Timestamp = z.string();
const Year = z.coerce.number().int().min(MIN_YEAR).max(MAX_YEAR);
const Points = z.number().min(0).max(100);

export const EVALUATION_LIMITS = {
  indicatorsMax: 80, stepsMax: 10, problemsMax: 30, measuresMax: 30, evaluatorsMax: 200, textMax: 2000, listMax: 5000,
  /** rows per page of an explanation's record list */
  explainPageMax: 500,
} as const;

export const Grade = z.enum(GRADES);
export const RoundState = z.enum(ROUND_STATES);
export const IndicatorMethod = z.enum(INDICATOR_METHODS);
export const Metric = z.enum(METRICS);
export const ScoredStage = z.enum(SCORED_STAGES);
export const EvaluationStage = z.enum(EVALUATION_STAGES);
export type Grade = z.infer<typeof Grade>;
export type RoundState = z.infer<typeof RoundState>;
export type IndicatorMethod = z.infer<typeof IndicatorMethod>;
export type Metric = z.infer<typeof Metric>;
export type ScoredStage = z.infer<typeof ScoredStage>;
export type EvaluationStage = z.infer<typeof EvaluationStage>;
const Sector = z.enum(ORG_SECTORS);

// ---- templates ----

/**
 * How a metric maps to points: linear from `zeroAt` (0 points) to `fullAt` (max points), clamped (zeroAt > fullAt
 * for a deduction: more is worse); or steps: the highest `from` not above the value gives its share of the max
 * points. `emptyPoints`: the points when nothing was there to count (default the max points: an org with no cases
 * is not punished for it).
 */
export const IndicatorCurve = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('linear'), zeroAt: z.number().min(-1e6).max(1e6), fullAt: z.number().min(-1e6).max(1e6), emptyPoints: Points.optional() }),
  z.strictObject({
    kind: z.literal('steps'),
    /** ascending by `from`; `share` in [0, 1] of the indicator's max points */
    steps: z.array(z.strictObject({ from: z.number().min(-1e6).max(1e6), share: z.number().min(0).max(1) })).min(1).max(EVALUATION_LIMITS.stepsMax),
    emptyPoints: Points.optional(),
  }),
]).meta({ id: 'IndicatorCurve' });
export type IndicatorCurve = z.infer<typeof IndicatorCurve>;

export const IndicatorInput = z
  .strictObject({
    /** stable across copies of a template, e.g. A1, performance-ontime */
    code: z.string().trim().min(1).max(40).regex(/^[A-Za-z0-9_.-]+$/),
    group: z.enum(INDICATOR_GROUPS),
    name: Text(200),
    criteria: Text(EVALUATION_LIMITS.textMax).optional(),
    /** veto indicators carry 0 points */
    maxPoints: Points,
    method: IndicatorMethod,
    metric: Metric.optional(),
    curve: IndicatorCurve.optional(),
    /** evidence: the points before additions and deductions (default maxPoints) */
    basePoints: Points.optional(),
  })
  .meta({ id: 'IndicatorInput' });
export type IndicatorInput = z.infer<typeof IndicatorInput>;

export const SaveTemplateInput = z
  .strictObject({
    name: Text(200),
    sector: Sector,
    note: Text(EVALUATION_LIMITS.textMax).optional(),
    indicators: z.array(IndicatorInput).min(1).max(EVALUATION_LIMITS.indicatorsMax),
  })
  .meta({ id: 'SaveTemplateInput' });
export type SaveTemplateInput = z.infer<typeof SaveTemplateInput>;

export const IndicatorView = z
  .object({
    id: Id, position: z.number().int(), code: z.string(), group: z.enum(INDICATOR_GROUPS), name: z.string(), criteria: z.string().nullable(),
    maxPoints: z.number(), method: IndicatorMethod, metric: Metric.nullable(), curve: IndicatorCurve.nullable(), basePoints: z.number().nullable(),
  })
  .meta({ id: 'IndicatorView' });
export type IndicatorView = z.infer<typeof IndicatorView>;

export const TemplateView = z
  .object({
    id: Id, name: z.string(), sector: Sector, version: z.number().int(), basedOnId: Id.nullable(), note: z.string().nullable(),
    /** used by a round: frozen */
    locked: z.boolean(),
    totalPoints: z.number(),
    indicators: z.array(IndicatorView),
    /** the rounds that use it */
    roundIds: z.array(Id),
    createdAt: Timestamp, updatedAt: Timestamp,
  })
  .meta({ id: 'TemplateView' });
export type TemplateView = z.infer<typeof TemplateView>;
export const TemplateList = z.object({ items: z.array(TemplateView) }).meta({ id: 'TemplateList' });
export type TemplateList = z.infer<typeof TemplateList>;

// ---- rounds ----

const Weights = z.strictObject({ self: z.number().int().min(0).max(100), mass: z.number().int().min(0).max(100), org: z.number().int().min(0).max(100) });

export const CreateRoundInput = z
  .strictObject({
    year: Year,
    title: Text(200),
    /** the scope (default the county) */
    orgId: Id.optional(),
    templates: z.array(z.strictObject({ sector: Sector, templateId: Id })).min(1).max(ORG_SECTORS.length),
    /** the tiers evaluated (default villages and communities) */
    tiers: z.array(z.enum(ORG_TIERS)).min(1).max(3).optional(),
    selfStartsOn: DayInRange.optional(), selfEndsOn: DayInRange.optional(),
    orgStartsOn: DayInRange.optional(), orgEndsOn: DayInRange.optional(),
    /** default from policy (evaluation.weight*) */
    weights: Weights.optional(),
    advancedQuotaPercent: z.number().int().min(1).max(100).optional(),
    evaluatorIds: z.array(Id).max(EVALUATION_LIMITS.evaluatorsMax).optional(),
  })
  .meta({ id: 'CreateRoundInput' });
export type CreateRoundInput = z.infer<typeof CreateRoundInput>;

/** Weights, templates, scope and tiers change only while draft; dates and evaluators until the review. */
export const UpdateRoundInput = z
  .strictObject({
    title: Text(200).optional(),
    templates: CreateRoundInput.shape.templates.optional(),
    tiers: CreateRoundInput.shape.tiers,
    selfStartsOn: DayInRange.nullable().optional(), selfEndsOn: DayInRange.nullable().optional(),
    orgStartsOn: DayInRange.nullable().optional(), orgEndsOn: DayInRange.nullable().optional(),
    weights: Weights.optional(),
    advancedQuotaPercent: z.number().int().min(1).max(100).optional(),
    evaluatorIds: z.array(Id).max(EVALUATION_LIMITS.evaluatorsMax).optional(),
  })
  .meta({ id: 'UpdateRoundInput' });
export type UpdateRoundInput = z.infer<typeof UpdateRoundInput>;

/** Move a round one step on: draft → self → massOrg → review (freezes the snapshot) → published → final. */
export const AdvanceRoundInput = z.strictObject({ to: RoundState }).meta({ id: 'AdvanceRoundInput' });
export type AdvanceRoundInput = z.infer<typeof AdvanceRoundInput>;

export const RoundView = z
  .object({
    id: Id, year: z.number().int(), title: z.string(), state: RoundState,
    orgId: Id, orgName: z.string(),
    templates: z.array(z.object({ sector: Sector, templateId: Id, templateName: z.string(), version: z.number().int() })),
    tiers: z.array(z.enum(ORG_TIERS)),
    selfStartsOn: z.string().nullable(), selfEndsOn: z.string().nullable(), orgStartsOn: z.string().nullable(), orgEndsOn: z.string().nullable(),
    weights: z.object({ self: z.number(), mass: z.number(), org: z.number() }),
    massSurveyPercent: z.number(),
    advancedQuotaPercent: z.number(),
    thresholds: z.object({ advanced: z.number(), good: z.number(), average: z.number() }),
    evaluators: z.array(z.object({ id: Id, name: z.string() })),
    snapshotAt: Timestamp.nullable(), publishedAt: Timestamp.nullable(), publisherName: z.string().nullable(),
    contestUntil: z.string().nullable(), finalizedAt: Timestamp.nullable(),
    progress: z.object({
      targets: z.number().int(), selfSubmitted: z.number().int(), orgSubmitted: z.number().int(), ungradable: z.number().int(),
      contestsPending: z.number().int(),
      /** by proposed grade (before publication) or published grade */
      grades: z.record(Grade, z.number().int()),
    }),
    /** what the caller may do now */
    can: z.object({ manage: z.boolean(), score: z.boolean(), self: z.boolean() }),
    createdAt: Timestamp,
  })
  .meta({ id: 'RoundView' });
export type RoundView = z.infer<typeof RoundView>;
export const RoundList = z.object({ items: z.array(RoundView) }).meta({ id: 'RoundList' });
export type RoundList = z.infer<typeof RoundList>;
export const listRoundsQuery = z.strictObject({ year: Year.optional(), state: RoundState.optional() });
export type ListRoundsQuery = z.infer<typeof listRoundsQuery>;

export const RoundParams = z.strictObject({ id: Id });
export const RoundOrgParams = z.strictObject({ id: Id, orgId: Id });
export const RoundOrgIndicatorParams = z.strictObject({ id: Id, orgId: Id, indicatorId: Id });

// ---- the review table ----

export const TargetRow = z
  .object({
    orgId: Id, orgName: z.string(), orgPath: z.string(), townshipId: Id.nullable(), townshipName: z.string().nullable(), sector: Sector,
    templateId: Id,
    selfSubmittedAt: Timestamp.nullable(), orgSubmittedAt: Timestamp.nullable(),
    selfScore: z.number().nullable(), massScore: z.number().nullable(), orgScore: z.number().nullable(), finalScore: z.number().nullable(),
    veto: z.boolean(),
    /** why no grade can be given (no mass input), else null */
    ungradable: z.string().nullable(),
    proposedGrade: Grade.nullable(), grade: Grade.nullable(), rank: z.number().int().nullable(),
    /** the same org's grade in the previous year's published round (晋位升级) */
    previousGrade: Grade.nullable(),
    /** +n moved up, −n moved down, 0 same, null: no previous grade */
    gradeChange: z.number().int().nullable(),
    contestsPending: z.number().int(),
    rectificationId: Id.nullable(),
  })
  .meta({ id: 'TargetRow' });
export type TargetRow = z.infer<typeof TargetRow>;
export const TargetList = z.object({ items: z.array(TargetRow), computedAt: Timestamp.nullable() }).meta({ id: 'TargetList' });
export type TargetList = z.infer<typeof TargetList>;
export const listTargetsQuery = z.strictObject({
  townshipId: Id.optional(),
  sector: Sector.optional(),
  grade: Grade.optional(),
  sort: z.enum(['rank', 'final', 'self', 'mass', 'org', 'name']).optional(),
});
export type ListTargetsQuery = z.infer<typeof listTargetsQuery>;

// ---- one org's sheet (self form, scoring form, explanation) ----

export const EntryView = z
  .object({
    id: Id, indicatorId: Id, stage: ScoredStage, kind: z.enum(['adjust', 'veto']), delta: z.number().nullable(), reason: z.string(),
    way: z.string().nullable(), file: FileMeta.nullable(), linkedEntity: z.string().nullable(), linkedId: Id.nullable(), linkedLabel: z.string().nullable(),
    createdBy: Id, createdByName: z.string(), createdAt: Timestamp, withdrawnAt: Timestamp.nullable(),
  })
  .meta({ id: 'EntryView' });
export type EntryView = z.infer<typeof EntryView>;

export const SheetIndicator = IndicatorView.extend({
  /** computed: the metric (value, numerator, denominator) and when; null for other methods */
  computed: z.object({ value: z.number().nullable(), numerator: z.number(), denominator: z.number().int(), points: z.number(), computedAt: Timestamp, frozen: z.boolean() }).nullable(),
  /** points of the indicator per scored stage (computed indicators: the computed points in both) */
  selfPoints: z.number(),
  orgPoints: z.number(),
  /** a decided contest changed the org-stage points to this */
  contestedPoints: z.number().nullable(),
  /** veto indicators: whether a veto event stands in the org stage */
  vetoed: z.boolean(),
  entries: z.array(EntryView),
}).meta({ id: 'SheetIndicator' });
export type SheetIndicator = z.infer<typeof SheetIndicator>;

export const MassDetail = z
  .object({
    surveyAnswers: z.number().int(), surveyMean: z.number().nullable(),
    ratings: z.number().int(), ratingMean: z.number().nullable(),
    /** ratings of the subtree's cases left out: recorded from inside the org's subtree */
    ratingsExcluded: z.number().int(),
    /** S and C in [0, 1] and the share of S used */
    s: z.number().nullable(), c: z.number().nullable(), surveyShare: z.number(),
    score: z.number().nullable(),
  })
  .meta({ id: 'MassDetail' });
export type MassDetail = z.infer<typeof MassDetail>;

export const ContestView = z
  .object({
    id: Id, roundId: Id, roundTitle: z.string(), orgId: Id, orgName: z.string(), indicatorId: Id, indicatorName: z.string(),
    reason: z.string(), file: FileMeta.nullable(), linkedEntity: z.string().nullable(), linkedId: Id.nullable(),
    pointsBefore: z.number(), state: z.enum(CONTEST_STATES),
    filedBy: Id, filerName: z.string(), filedAt: Timestamp,
    deciderName: z.string().nullable(), decidedAt: Timestamp.nullable(), newPoints: z.number().nullable(), decisionReason: z.string().nullable(),
    /** the accounts that scored this indicator in the org stage (they may not decide) */
    scorerIds: z.array(Id),
  })
  .meta({ id: 'ContestView' });
export type ContestView = z.infer<typeof ContestView>;
export const ContestList = z.object({ items: z.array(ContestView) }).meta({ id: 'ContestList' });
export type ContestList = z.infer<typeof ContestList>;

export const TargetSheet = z
  .object({
    round: RoundView,
    target: TargetRow,
    indicators: z.array(SheetIndicator),
    mass: MassDetail,
    contests: z.array(ContestView),
    /** what the caller may do on this sheet now */
    can: z.object({ self: z.boolean(), score: z.boolean(), contest: z.boolean(), manage: z.boolean() }),
  })
  .meta({ id: 'TargetSheet' });
export type TargetSheet = z.infer<typeof TargetSheet>;

/** An addition, deduction or veto event for an evidence or veto indicator, with a reason and evidence. */
export const AddEntryInput = z
  .strictObject({
    indicatorId: Id,
    stage: ScoredStage,
    kind: z.enum(['adjust', 'veto']),
    /** adjust: + addition, − deduction (nonzero, within ± maxPoints) */
    delta: z.number().min(-100).max(100).optional(),
    reason: Text(EVALUATION_LIMITS.textMax),
    /** 听 看 查 走 访 */
    way: z.enum(['listen', 'look', 'check', 'walk', 'visit']).optional(),
    /** evidence: a photo or PDF (SHA-256 kept), or a linked record of the org */
    file: FileUpload.optional(),
    linkedEntity: z.enum(['case', 'visit', 'activity', 'volunteerRecord', 'duty', 'trainingCourse', 'whistle', 'body', 'surveyDraw']).optional(),
    linkedId: Id.optional(),
  })
  .meta({ id: 'AddEntryInput' });
export type AddEntryInput = z.infer<typeof AddEntryInput>;
export const EntryParams = z.strictObject({ id: Id, orgId: Id, entryId: Id });
export const SubmitStageInput = z.strictObject({ stage: ScoredStage }).meta({ id: 'SubmitStageInput' });
export type SubmitStageInput = z.infer<typeof SubmitStageInput>;

// ---- explanation ----

export const ExplainRecord = z
  .object({
    entity: z.string(), id: Id, label: z.string(), date: z.string().nullable(),
    /** what the record contributes: e.g. 按时 / 超期, 2 次, 4 星 */
    value: z.string(),
    /** counted in the numerator (a share: on time, complete…) */
    hit: z.boolean(),
  })
  .meta({ id: 'ExplainRecord' });
export type ExplainRecord = z.infer<typeof ExplainRecord>;

export const IndicatorExplanation = z
  .object({
    indicator: IndicatorView,
    orgId: Id, orgName: z.string(), year: z.number().int(),
    /** the rule in words, with the policy keys it uses */
    rule: z.string(),
    computed: SheetIndicator.shape.computed,
    /** computed: every record the metric counted (denominator = total), paged */
    records: z.array(ExplainRecord),
    total: z.number().int(),
    /** the live recount differs from the frozen snapshot (data changed since the review began) */
    liveDenominator: z.number().int().nullable(),
    selfPoints: z.number(), orgPoints: z.number(), contestedPoints: z.number().nullable(),
    entries: z.array(EntryView),
    contests: z.array(ContestView),
    /** the audit trail of this indicator for this org: who did what when */
    history: z.array(z.object({ at: Timestamp, actorName: z.string().nullable(), action: z.string(), detail: z.record(z.string(), z.unknown()).nullable() })),
  })
  .meta({ id: 'IndicatorExplanation' });
export type IndicatorExplanation = z.infer<typeof IndicatorExplanation>;
export const explainQuery = z.strictObject({
  offset: z.coerce.number().int().min(0).max(10_000_000).optional(),
  limit: z.coerce.number().int().min(1).max(EVALUATION_LIMITS.explainPageMax).optional(),
});
export type ExplainQuery = z.infer<typeof explainQuery>;

export const MassRecord = z
  .object({
    kind: z.enum(['survey', 'rating']),
    id: Id, date: z.string(),
    /** survey: the draw's title and level; rating: the case number */
    label: z.string(),
    /** survey: the mean answer of the response (1–5); rating: the stars */
    value: z.number(),
    source: z.enum([...RATING_SOURCES, 'survey']),
    counted: z.boolean(),
    /** why not counted (recorded from inside the org's subtree; a draw made by the org itself) */
    why: z.string().nullable(),
  })
  .meta({ id: 'MassRecord' });
export type MassRecord = z.infer<typeof MassRecord>;
export const MassExplanation = z
  .object({ orgId: Id, orgName: z.string(), year: z.number().int(), mass: MassDetail, rule: z.string(), records: z.array(MassRecord), total: z.number().int() })
  .meta({ id: 'MassExplanation' });
export type MassExplanation = z.infer<typeof MassExplanation>;

// ---- recompute ----

export const RecomputeDifference = z
  .object({
    orgId: Id, orgName: z.string(),
    /** null: the mass score */
    indicatorId: Id.nullable(), indicatorName: z.string(),
    before: z.number().nullable(), after: z.number().nullable(),
    beforeDenominator: z.number().int().nullable(), afterDenominator: z.number().int().nullable(),
  })
  .meta({ id: 'RecomputeDifference' });
export type RecomputeDifference = z.infer<typeof RecomputeDifference>;
export const RecomputePreview = z
  .object({ differences: z.array(RecomputeDifference), unchanged: z.number().int(), computedAt: Timestamp, token: z.string() })
  .meta({ id: 'RecomputePreview' });
export type RecomputePreview = z.infer<typeof RecomputePreview>;
export const ApplyRecomputeInput = z.strictObject({ token: z.string().min(1).max(200) }).meta({ id: 'ApplyRecomputeInput' });
export type ApplyRecomputeInput = z.infer<typeof ApplyRecomputeInput>;

// ---- contests ----

export const FileContestInput = z
  .strictObject({
    indicatorId: Id,
    reason: Text(EVALUATION_LIMITS.textMax),
    file: FileUpload.optional(),
    linkedEntity: AddEntryInput.shape.linkedEntity,
    linkedId: Id.optional(),
  })
  .meta({ id: 'FileContestInput' });
export type FileContestInput = z.infer<typeof FileContestInput>;
export const DecideContestInput = z
  .strictObject({ decision: z.enum(['upheld', 'changed']), newPoints: Points.optional(), reason: Text(EVALUATION_LIMITS.textMax) })
  .meta({ id: 'DecideContestInput' });
export type DecideContestInput = z.infer<typeof DecideContestInput>;
export const listContestsQuery = z.strictObject({ roundId: Id.optional(), state: z.enum(CONTEST_STATES).optional() });
export type ListContestsQuery = z.infer<typeof listContestsQuery>;

// ---- rectification ----

const Problem = z.strictObject({ text: Text(500), indicatorId: Id.nullable().optional() });
export const CreateRectificationInput = z
  .strictObject({
    roundId: Id, orgId: Id,
    /** default: the weakest indicators and the veto events */
    problems: z.array(Problem).min(1).max(EVALUATION_LIMITS.problemsMax).optional(),
    measures: z.array(Text(500)).min(1).max(EVALUATION_LIMITS.measuresMax),
    responsibleName: Text(100),
    responsibleMemberId: Id.optional(),
    /** default: policy evaluation.rectificationWorkingDays working days from today */
    dueOn: DayInRange.optional(),
  })
  .meta({ id: 'CreateRectificationInput' });
export type CreateRectificationInput = z.infer<typeof CreateRectificationInput>;
export const UpdateRectificationInput = z
  .strictObject({
    problems: z.array(Problem).min(1).max(EVALUATION_LIMITS.problemsMax).optional(),
    measures: z.array(Text(500)).min(1).max(EVALUATION_LIMITS.measuresMax).optional(),
    responsibleName: Text(100).optional(),
    dueOn: DayInRange.optional(),
  })
  .meta({ id: 'UpdateRectificationInput' });
export type UpdateRectificationInput = z.infer<typeof UpdateRectificationInput>;
export const AddRectificationNoteInput = z
  .strictObject({ kind: z.enum(['progress', 'recheck']), result: z.enum(RECHECK_RESULTS).optional(), text: Text(EVALUATION_LIMITS.textMax), file: FileUpload.optional() })
  .meta({ id: 'AddRectificationNoteInput' });
export type AddRectificationNoteInput = z.infer<typeof AddRectificationNoteInput>;

export const RectificationView = z
  .object({
    id: Id, roundId: Id, roundTitle: z.string(), year: z.number().int(), orgId: Id, orgName: z.string(), townshipName: z.string().nullable(),
    finalScore: z.number().nullable(), grade: Grade.nullable(),
    problems: z.array(z.object({ text: z.string(), indicatorId: Id.nullable() })),
    measures: z.array(z.string()),
    responsibleName: z.string(), responsibleMemberId: Id.nullable(),
    dueOn: z.string(), overdue: z.boolean(), state: z.enum(RECTIFICATION_STATES), closedAt: Timestamp.nullable(),
    lastRecheck: z.enum(RECHECK_RESULTS).nullable(),
    notes: z.array(z.object({
      id: Id, kind: z.enum(['progress', 'recheck']), result: z.enum(RECHECK_RESULTS).nullable(), text: z.string(), file: FileMeta.nullable(),
      createdByName: z.string(), createdAt: Timestamp,
    })),
    createdAt: Timestamp,
  })
  .meta({ id: 'RectificationView' });
export type RectificationView = z.infer<typeof RectificationView>;
export const RectificationList = z.object({ items: z.array(RectificationView) }).meta({ id: 'RectificationList' });
export type RectificationList = z.infer<typeof RectificationList>;
export const listRectificationsQuery = z.strictObject({ roundId: Id.optional(), state: z.enum(RECTIFICATION_STATES).optional(), townshipId: Id.optional() });
export type ListRectificationsQuery = z.infer<typeof listRectificationsQuery>;
/** The plan the form starts from: problems pre-filled from the weakest indicators and the veto events. */
export const RectificationDraft = z
  .object({ problems: z.array(z.object({ text: z.string(), indicatorId: Id.nullable() })), dueOn: z.string(), responsibleName: z.string().nullable(), responsibleMemberId: Id.nullable() })
  .meta({ id: 'RectificationDraft' });
export type RectificationDraft = z.infer<typeof RectificationDraft>;
export const rectificationDraftQuery = z.strictObject({ roundId: Id, orgId: Id });

// ---- 晋位升级 ----

export const GradeHistoryView = z
  .object({
    orgId: Id, orgName: z.string(),
    years: z.array(z.object({ year: z.number().int(), roundId: Id, finalScore: z.number().nullable(), grade: Grade.nullable(), rank: z.number().int().nullable() })),
  })
  .meta({ id: 'GradeHistoryView' });
export type GradeHistoryView = z.infer<typeof GradeHistoryView>;
export const GradeChanges = z
  .object({
    year: z.number().int(), previousYear: z.number().int(),
    rows: z.array(z.object({
      orgId: Id, orgName: z.string(), townshipName: z.string().nullable(), grade: Grade.nullable(), previousGrade: Grade.nullable(), change: z.number().int().nullable(),
    })),
    up: z.number().int(), down: z.number().int(), same: z.number().int(),
    /** lagging this year and the year before */
    laggingTwice: z.array(z.object({ orgId: Id, orgName: z.string() })),
  })
  .meta({ id: 'GradeChanges' });
export type GradeChanges = z.infer<typeof GradeChanges>;
export const gradeHistoryQuery = z.strictObject({ orgId: Id });
