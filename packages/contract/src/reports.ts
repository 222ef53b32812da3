// Reports (F21, issue 12): the statistics of any subtree and period (篇三's figures) and the Word reports.
import { z } from 'zod';
import { Id } from './common.js';
import { DATE_ORDER_ISSUE, DayInRange, fromNotAfterTo } from './dates.js';

// schemas of the statistics and documents parts
export const ReportsPlaceholder = z.object({});

// ---- statistics ----
export const STATISTICS_PERIODS = ['month', 'quarter', 'year', 'custom'] as const;
/** the longest custom range (days): a year, leap day included */
export const STATISTICS_MAX_DAYS = 366;
const spanOk = (q: { from?: string; to?: string }) =>
  !q.from || !q.to || (Date.parse(`${q.to}T00:00:00Z`) - Date.parse(`${q.from}T00:00:00Z`)) / 86_400_000 < STATISTICS_MAX_DAYS;
/** GET /api/statistics: a month / quarter / year holding `date` (default today), or a custom from–to */
export const statisticsQuery = z
  .strictObject({
    orgId: Id.optional(),
    period: z.enum(STATISTICS_PERIODS).optional(),
    date: DayInRange.optional(),
    from: DayInRange.optional(),
    to: DayInRange.optional(),
  })
  .refine(fromNotAfterTo, DATE_ORDER_ISSUE)
  .refine((q) => q.period !== 'custom' || (q.from && q.to), { message: 'custom: from and to are required', path: ['from'] })
  .refine(spanOk, { message: `at most ${STATISTICS_MAX_DAYS} days`, path: ['to'] });
export type StatisticsQuery = z.infer<typeof statisticsQuery>;

const Rate = z.number().nullable();
/** 篇三's figures of one org (a child of the scope) or of the whole scope, for one period */
export const StatisticsFigures = z.object({
  /** 办理事项: cases received in the period, and answered */
  received: z.number().int(), answered: z.number().int(),
  /** 代办 (category proxy) and 维权事项 (category rights) among those received */
  proxy: z.number().int(), rights: z.number().int(),
  /** answered on time / answered (限期办结), answered with at most one trip / answered (最多跑一次) */
  onTimeRate: Rate, oneTripRate: Rate,
  /** open now and past their deadline, of those received in the period */
  overdueOpen: z.number().int(),
  /** 走访: visits in the period; households visited / households (两走遍, the period's days) */
  visits: z.number().int(), householdsVisited: z.number().int(), households: z.number().int(), coverageRate: Rate,
  /** confirmed volunteer hours served in the period (the duties' counting rule) by members of the org */
  volunteerHours: z.number(),
});
export type StatisticsFigures = z.infer<typeof StatisticsFigures>;
export const StatisticsRow = StatisticsFigures.extend({ orgId: Id.nullable(), name: z.string() });
export type StatisticsRow = z.infer<typeof StatisticsRow>;
export const StatisticsPeriod = z.object({ kind: z.enum(STATISTICS_PERIODS), from: z.string(), to: z.string(), label: z.string() });
export const WorkStatistics = z
  .object({
    scope: z.object({ id: Id, name: z.string(), tier: z.string() }),
    period: StatisticsPeriod,
    previous: StatisticsPeriod,
    rows: z.array(StatisticsRow),
    total: StatisticsRow,
    /** the same figures of the previous period, for the change */
    previousTotal: StatisticsRow,
    /** 吹哨报到 in the period: departments called, reported, on time, mean hours to report (the whistles' own stats) */
    whistles: z.object({ called: z.number().int(), reported: z.number().int(), onTime: z.number().int(), onTimeRate: Rate, avgHoursToReport: z.number().nullable() }),
    /** 书记“三个一” of the period's year: secretaries, and how many did each duty */
    threeOnes: z.object({ year: z.number().int(), secretaries: z.number().int(), annualReport: z.number().int(), contactPoint: z.number().int(), partyLecture: z.number().int(), allDone: z.number().int() }),
  })
  .meta({ id: 'WorkStatistics' });
export type WorkStatistics = z.infer<typeof WorkStatistics>;

// ---- documents ----
/** GET /api/reports/evaluation/:roundId.docx — the report of one round for a subtree (default: the caller's area) */
export const EvaluationReportParams = z.strictObject({ roundId: Id });
export const EvaluationReportQuery = z.strictObject({ orgId: Id.optional() });
