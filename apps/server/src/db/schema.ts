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

/**
 * Every tenant table, distributed by `county_id` and colocated with `orgs` under Citus (`jiceng citus distribute`
 * reads this list; it orders them by their foreign keys). A migration that adds a table adds it here or to
 * REFERENCE_TABLES — db/schema.test.ts fails on a table in neither.
 */
export const DISTRIBUTED_TABLES = [
  'orgs', 'departments', 'users', 'sessions', 'user_totp', 'user_recovery_codes', 'policy_overrides', 'audit_log',
  'display_tokens', 'calendar_overrides', 'calendar_schedules', 'calendar_schedule_days',
  'grids', 'households', 'residents', 'members', 'member_positions', 'bodies', 'pairings',
  'service_items', 'service_rooms', 'files', 'case_counters', 'cases', 'case_events', 'accountability_records', 'notifications',
  'whistles', 'whistle_reports', 'whistle_cases', 'visits', 'activities', 'survey_draws', 'survey_responses', 'sync_receipts',
  'duties', 'duty_shifts', 'volunteer_records', 'training_courses', 'training_attendances', 'commitments', 'commitment_notes',
  'member_posts', 'member_activations', 'programme_targets',
  'evaluation_templates', 'evaluation_indicators', 'evaluation_rounds', 'evaluation_targets', 'evaluation_entries',
  'evaluation_metric_values', 'evaluation_contests', 'rectifications', 'rectification_notes',
] as const;
