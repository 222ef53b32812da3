// `@jiceng/contract`: the one source of API shapes — zod schemas (server validation, OpenAPI) plus the
// constants. The web imports types from here and values from `@jiceng/contract/constants`.
export * from './constants.js';
export { OrgTier, OrgLevel, OrgSector, Role, Permission } from './enum-schemas.js';
export * from './common.js';
export * from './dates.js';
export * from './text.js';
export * from './policy.js';
export * from './orgs.js';
export * from './users.js';
export * from './audit.js';
export * from './totp.js';
export { MemberStatus, Gender, PositionKind, VisitTag, Relation, BodyKind, PairingKind, PartnerKind } from './people.js';
export * from './people.js';
export * from './calendar.js';
export { ServiceCategory, ServiceTier } from './catalog.js';
export * from './catalog.js';
export {
  CaseState, CaseMode, CaseChannel, CaseCategory, FieldReportKind, CaseEventKind, CaseActionName, AccountabilityStatus, WhistleState,
} from './cases.js';
export * from './cases.js';
export * from './fieldwork.js';
export * from './surveys.js';
export * from './sync.js';
export * from './privacy.js';
export * from './volunteer.js';
export * from './compliance.js';
export * from './secretaries.js';
export * from './training.js';
export * from './programme.js';
export * from './commitments.js';
export * from './member-accounts.js';
export { Grade, RoundState, IndicatorMethod, Metric, ScoredStage, EvaluationStage } from './evaluation.js';
export * from './evaluation.js';
export * from './reports.js';
export * from './dashboards.js';
