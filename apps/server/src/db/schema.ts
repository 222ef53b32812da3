// Every table of the application, for Drizzle and drizzle-kit.
export * from '../modules/orgs/orgs.tables.js';
export * from '../platform/auth/auth.tables.js';
export * from '../platform/audit/audit.tables.js';
export * from '../platform/policy/policy.tables.js';
export * from '../modules/grids/grids.tables.js';
export * from '../modules/members/members.tables.js';
export * from '../modules/bodies/bodies.tables.js';
export * from '../platform/calendar/calendar.tables.js';
export * from '../modules/catalog/catalog.tables.js';
export * from '../platform/files/files.tables.js';
export * from '../modules/cases/cases.tables.js';
export * from '../modules/whistles/whistles.tables.js';
export * from '../modules/fieldwork/fieldwork.tables.js';
export * from '../modules/surveys/surveys.tables.js';
export * from '../modules/sync/sync.tables.js';
export * from '../modules/duties/duties.tables.js';
export * from '../modules/evaluation/evaluation.tables.js';
export * from '../modules/dashboards/dashboards.tables.js';

/** Tables replicated to every node under Citus; every other table is distributed by county_id. */
export const REFERENCE_TABLES = ['login_names', 'login_throttle', 'tracking_codes'] as const;
