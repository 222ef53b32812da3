// Dashboards (F21, issue 12): each role's home dashboard, the big screen (大屏) and the grid work map.
import { z } from 'zod';
import { Id } from './common.js';
import { DayInRange } from './dates.js';

// schemas of the dashboard, screen and work-map parts
export const DashboardsPlaceholder = z.object({});

// ---- dashboard ----
/** the list behind a figure: a web route and its query (the list page applies it on load and shows the same count) */
export const DashboardLink = z.object({ to: z.string(), query: z.record(z.string(), z.string()) }).meta({ id: 'DashboardLink' });
export type DashboardLink = z.infer<typeof DashboardLink>;
/** one big number; `key` names its label (web i18n dashboards.card.<key>) */
export const DashboardCard = z
  .object({
    key: z.string(),
    value: z.number(),
    /** count (default), percent (value 0–100), hours */
    unit: z.enum(['count', 'percent', 'hours']),
    /** e.g. "12 / 30": the parts of a share */
    detail: z.string().nullable(),
    tone: z.enum(['normal', 'warn', 'danger', 'good']),
    link: DashboardLink.nullable(),
  })
  .meta({ id: 'DashboardCard' });
export type DashboardCard = z.infer<typeof DashboardCard>;
export const DashboardSeries = z.object({
  /** label key (dashboards.series.<key>) */
  key: z.string(),
  kind: z.enum(['bar', 'line', 'pie']),
  /** percent series read on a second axis */
  unit: z.enum(['count', 'percent']),
  values: z.array(z.number().nullable()),
  /** per category: the list behind the value, or null */
  links: z.array(DashboardLink.nullable()),
});
/** a chart (and the table under it): categories × series */
export const DashboardChart = z
  .object({
    key: z.string(),
    /** a line under the title (the round's title and stage…), or null */
    subtitle: z.string().nullable(),
    /** the data's names (orgs, months), or label keys (dashboards.category.<key>: grades, progress steps) */
    categories: z.array(z.string()),
    series: z.array(DashboardSeries),
    link: DashboardLink.nullable(),
  })
  .meta({ id: 'DashboardChart' });
export type DashboardChart = z.infer<typeof DashboardChart>;
/** a short list (my must-visits, my rounds to score…): rows with a label, a note and a link */
export const DashboardList = z
  .object({
    key: z.string(),
    total: z.number().int(),
    rows: z.array(z.object({ label: z.string(), note: z.string().nullable(), link: DashboardLink.nullable() })),
    link: DashboardLink.nullable(),
  })
  .meta({ id: 'DashboardList' });
export type DashboardList = z.infer<typeof DashboardList>;
export const Dashboard = z
  .object({
    /** which dashboard: area (county / township), village, grid, department, evaluator, member, minimal */
    kind: z.enum(['area', 'village', 'grid', 'department', 'evaluator', 'member', 'minimal']),
    scopeName: z.string(),
    asOf: z.string(),
    cards: z.array(DashboardCard),
    charts: z.array(DashboardChart),
    lists: z.array(DashboardList),
  })
  .meta({ id: 'Dashboard' });
export type Dashboard = z.infer<typeof Dashboard>;

// ---- screen ----
/** 大屏令牌 (display token): a read-only key for the county meeting room's big screen; the secret is shown once */
export const SCREEN_TOKEN_MAX_DAYS = 366;
export const createDisplayTokenInput = z.strictObject({
  name: z.string().trim().min(1).max(60),
  /** the last day the token opens the screen (Asia/Shanghai), at most a year ahead */
  expiresOn: DayInRange,
});
export type CreateDisplayTokenInput = z.infer<typeof createDisplayTokenInput>;
export const DisplayTokenView = z
  .object({
    id: Id, name: z.string(), expiresAt: z.string(), revokedAt: z.string().nullable(), revokedByName: z.string().nullable(),
    lastUsedAt: z.string().nullable(), createdByName: z.string(), createdAt: z.string(),
    state: z.enum(['active', 'expired', 'revoked']),
  })
  .meta({ id: 'DisplayTokenView' });
export type DisplayTokenView = z.infer<typeof DisplayTokenView>;
export const DisplayTokenList = z.object({ items: z.array(DisplayTokenView) }).meta({ id: 'DisplayTokenList' });
export type DisplayTokenList = z.infer<typeof DisplayTokenList>;
/** the answer of an issue: the view and the token (shown only this once) */
export const IssuedDisplayToken = z.object({ token: DisplayTokenView, secret: z.string() }).meta({ id: 'IssuedDisplayToken' });
export type IssuedDisplayToken = z.infer<typeof IssuedDisplayToken>;
export const screenQuery = z.strictObject({ token: z.string().min(1).max(200) });
const ScreenRate = z.number().nullable();
/** the big screen's data: county-wide figures without any personal data */
export const ScreenData = z
  .object({
    countyName: z.string(),
    asOf: z.string(),
    year: z.number().int(),
    month: z.string(),
    cases: z.object({
      year: z.number().int(), month: z.number().int(), answered: z.number().int(), onTimeRate: ScreenRate, oneTripRate: ScreenRate,
      open: z.number().int(), overdueOpen: z.number().int(),
    }),
    whistles: z.object({ called: z.number().int(), reported: z.number().int(), open: z.number().int(), onTimeRate: ScreenRate }),
    visits: z.object({ year: z.number().int(), month: z.number().int(), householdsVisited: z.number().int(), households: z.number().int(), coverageRate: ScreenRate }),
    volunteerHours: z.number(),
    threeOnes: z.object({ secretaries: z.number().int(), annualReport: z.number().int(), contactPoint: z.number().int(), partyLecture: z.number().int(), allDone: z.number().int() }),
    /** the latest evaluation round visible county-wide: grade → orgs */
    evaluation: z.object({ title: z.string(), year: z.number().int(), published: z.boolean(), grades: z.record(z.string(), z.number().int()) }).nullable(),
    /** this year's cases per township */
    byTownship: z.array(z.object({ name: z.string(), received: z.number().int(), answered: z.number().int(), onTimeRate: ScreenRate, overdueOpen: z.number().int() })),
    /** received / answered per month of this year (so far) */
    trend: z.array(z.object({ month: z.string(), received: z.number().int(), answered: z.number().int(), onTimeRate: ScreenRate })),
    /** latest events: kind, the org's name, a masked name at most, never a phone, an ID or free text */
    events: z.array(z.object({ at: z.string(), kind: z.string(), org: z.string(), text: z.string() })),
  })
  .meta({ id: 'ScreenData' });
export type ScreenData = z.infer<typeof ScreenData>;

// ---- workmap ----
export const WORK_MAP_METRICS = ['overdueVisits', 'openCases', 'sixReports'] as const;
export type WorkMapMetric = (typeof WORK_MAP_METRICS)[number];
export const workMapQuery = z.strictObject({ orgId: Id.optional(), metric: z.enum(WORK_MAP_METRICS).optional() });
export type WorkMapQuery = z.infer<typeof workMapQuery>;
export const WorkMap = z
  .object({
    metric: z.enum(WORK_MAP_METRICS),
    /** class boundaries: class i holds values ≤ breaks[i] (the last class: above the last break) */
    breaks: z.array(z.number()),
    grids: z.array(z.object({ id: Id, name: z.string(), orgId: Id, orgName: z.string(), value: z.number().int(), cls: z.number().int() })),
  })
  .meta({ id: 'WorkMap' });
export type WorkMap = z.infer<typeof WorkMap>;
