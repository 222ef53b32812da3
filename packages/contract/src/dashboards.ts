// Dashboards (F21, issue 12): each role's home dashboard, the big screen (大屏) and the grid work map.
import { z } from 'zod';

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
  .object({ key: z.string(), categories: z.array(z.string()), series: z.array(DashboardSeries), link: DashboardLink.nullable() })
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
