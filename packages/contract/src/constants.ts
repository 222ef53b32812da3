// `@jiceng/contract/constants`: everything of the contract that is not a zod schema — enums, labels,
// limits, rules, error messages. No zod here, so a web page that needs only these stays small.
export * from './enums.js';
export * from './errors.js';
export * from './limits.js';
export * from './orgRules.js';
export * from './policy.definitions.js';
export * from './totp.constants.js';
export * from './audit.labels.js';
export * from './validation.js';
export * from './dates.constants.js';
export * from './text.constants.js';
export * from './calendar.schedule.js';
export * from './people.constants.js';
export * from './catalog.constants.js';
export * from './cases.constants.js';
export * from './fieldwork.constants.js';
export * from './duties.constants.js';
export * from './evaluation.constants.js';
export * from './reports.constants.js';
