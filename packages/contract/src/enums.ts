// Code names follow shared/docs/GLOSSARY.md; labels are the source documents' own words.
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

export type Label = Record<Locale, string>;

export const ORG_TIERS = ['county', 'township', 'village'] as const;
export type OrgTier = (typeof ORG_TIERS)[number];
export const ORG_TIER_LABELS: Record<OrgTier, Label> = {
  county: { 'zh-CN': '县', en: 'County' },
  township: { 'zh-CN': '乡镇(街道)', en: 'Township / street' },
  village: { 'zh-CN': '村(社区)', en: 'Village / community' },
};

export const ORG_LEVELS = ['committee', 'generalBranch', 'branch', 'group'] as const;
export type OrgLevel = (typeof ORG_LEVELS)[number];
export const ORG_LEVEL_LABELS: Record<OrgLevel, Label> = {
  committee: { 'zh-CN': '党委', en: 'Party committee' },
  generalBranch: { 'zh-CN': '党总支', en: 'General branch' },
  branch: { 'zh-CN': '党支部', en: 'Branch' },
  group: { 'zh-CN': '党小组', en: 'Party group' },
};

// 篇五(5)(6): 农村、社区、机关、国企、高校、事业单位、非公企业、社会组织
export const ORG_SECTORS = ['rural', 'community', 'organ', 'soe', 'school', 'institution', 'private', 'social'] as const;
export type OrgSector = (typeof ORG_SECTORS)[number];
export const ORG_SECTOR_LABELS: Record<OrgSector, Label> = {
  rural: { 'zh-CN': '农村', en: 'Rural' },
  community: { 'zh-CN': '社区', en: 'Community' },
  organ: { 'zh-CN': '机关', en: 'Government organ' },
  soe: { 'zh-CN': '国有企业', en: 'State-owned enterprise' },
  school: { 'zh-CN': '高校', en: 'University' },
  institution: { 'zh-CN': '事业单位', en: 'Public institution' },
  private: { 'zh-CN': '非公企业', en: 'Private enterprise' },
  social: { 'zh-CN': '社会组织', en: 'Social organization' },
};

export const ROLES = ['countyAdmin', 'townshipAdmin', 'villageCadre', 'gridWorker', 'departmentHandler', 'evaluator', 'member'] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_LABELS: Record<Role, Label> = {
  countyAdmin: { 'zh-CN': '县委组织部', en: 'County admin' },
  townshipAdmin: { 'zh-CN': '乡镇(街道)党委', en: 'Township admin' },
  villageCadre: { 'zh-CN': '村(社区)干部', en: 'Village cadre' },
  gridWorker: { 'zh-CN': '网格员', en: 'Grid worker' },
  departmentHandler: { 'zh-CN': '职能部门', en: 'Department handler' },
  evaluator: { 'zh-CN': '考评组', en: 'Evaluator' },
  member: { 'zh-CN': '党员', en: 'Party member' },
};

/** Roles bound to one member record (a 党员's own login): they see and edit only their own records. */
export const SELF_ROLES: readonly Role[] = ['member'];
export const isSelfRole = (role: Role): boolean => SELF_ROLES.includes(role);

/** Roles bound to a department instead of an org node. */
export const DEPARTMENT_ROLES: readonly Role[] = ['departmentHandler'];
export const isDepartmentRole = (role: Role): boolean => DEPARTMENT_ROLES.includes(role);

export const PERMISSIONS = [
  'org.read',
  'org.write',
  'department.read',
  'department.write',
  'user.read',
  'user.write',
  'audit.read',
  'policy.read',
  'policy.write',
  'member.read',
  'member.write',
  'grid.read',
  'grid.write',
  'household.read',
  'household.write',
  /** see ID numbers, disability, health, poverty and minors' data in clear (each time audited) */
  'resident.unmask',
  /** 个人信息保护审计 (PIPL 第五十四条 合规审计): unmask report, bulk exports, who looked at a person — county admins */
  'privacy.audit',
  'body.read',
  'body.write',
  /** Excel imports (all-or-nothing) */
  'import.run',
  /** 便民服务事项目录 */
  'catalog.read',
  'catalog.write',
  /** 办件: read the cases of one's area (or sent to one's department) */
  'case.read',
  /** register, handle, forward and answer cases */
  'case.write',
  /** 过错责任追究: uphold or dismiss records */
  'accountability.review',
  /** 吹哨报到 */
  'whistle.read',
  'whistle.write',
  /** a called department reports (接哨、报到、反馈) */
  'whistle.report',
  /** 走访台账、值班台账、活动、必访与两走遍进度 */
  'fieldwork.read',
  'fieldwork.write',
  /** 三级入户走访: see draws and answers; create a draw (city/county/township); record answers */
  'survey.read',
  'survey.draw',
  'survey.answer',
  /** 党员义务 (issue 10): volunteer records, compliance, 三个一, training, 6×100, commitments and posts of one's area */
  'duty.read',
  /** record them for others (a cadre logs hours for a member, 述职, courses, commitments, posts) */
  'duty.write',
  /** 审核 volunteer records of services held in one's area (never one's own) */
  'volunteer.confirm',
  /** 6×100 targets of the county */
  'programme.write',
  /** a member's own records: log volunteer hours, see the own development file, own commitments */
  'self.service',
  /** 考评 (issue 11): rounds, results and explanations of one's area (an org sees its own and its subtree's) */
  'evaluation.read',
  /** fill the own org's self-evaluation, contest its published scores, add progress to its rectification */
  'evaluation.self',
  /** 组织考评: score the orgs of a round one is an evaluator of (听看查走访, evidence, veto events) */
  'evaluation.score',
  /** the county: templates, rounds, compute, publish, decide contests, finalize */
  'evaluation.manage',
  /** 软弱涣散整顿: plans, re-checks and closing, by the township or the county */
  'rectification.write',
  /** 统计报表 (issue 12): the statistics of one's area for any period, their Excel ledgers, the Word reports */
  'report.read',
  /** the county's big-screen display tokens (大屏): issue, list, revoke */
  'screen.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** What a route may declare: a permission, or one of the two non-permission gates. */
export type RouteGate = Permission | 'public' | 'authenticated';

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  countyAdmin: PERMISSIONS.filter((p) => p !== 'self.service'),
  townshipAdmin: [
    'org.read', 'org.write', 'department.read', 'user.read', 'user.write', 'audit.read', 'policy.read',
    'member.read', 'member.write', 'grid.read', 'grid.write', 'household.read', 'household.write', 'resident.unmask',
    'body.read', 'body.write', 'import.run', 'catalog.read',
    'case.read', 'case.write', 'accountability.review', 'whistle.read', 'whistle.write',
    'fieldwork.read', 'fieldwork.write', 'survey.read', 'survey.draw', 'survey.answer',
    'duty.read', 'duty.write', 'volunteer.confirm',
    'evaluation.read', 'evaluation.self', 'rectification.write', 'report.read',
  ],
  villageCadre: [
    'org.read', 'org.write', 'department.read', 'user.read', 'user.write', 'audit.read',
    'member.read', 'member.write', 'grid.read', 'grid.write', 'household.read', 'household.write', 'resident.unmask',
    'body.read', 'body.write', 'import.run', 'catalog.read',
    'case.read', 'case.write', 'fieldwork.read', 'fieldwork.write', 'survey.read', 'survey.answer',
    'duty.read', 'duty.write', 'volunteer.confirm',
    'evaluation.read', 'evaluation.self', 'report.read',
  ],
  // grid workers keep their grid's register current (篇二 4 六报) but see sensitive fields masked
  gridWorker: ['org.read', 'member.read', 'grid.read', 'household.read', 'household.write', 'body.read', 'catalog.read', 'case.read', 'case.write',
    'fieldwork.read', 'fieldwork.write', 'survey.read', 'survey.answer', 'duty.read'],
  departmentHandler: ['department.read', 'catalog.read', 'case.read', 'case.write', 'whistle.read', 'whistle.report'],
  evaluator: ['org.read', 'department.read', 'audit.read', 'member.read', 'grid.read', 'household.read', 'body.read', 'catalog.read', 'case.read', 'whistle.read',
    'fieldwork.read', 'survey.read', 'duty.read', 'evaluation.read', 'evaluation.score', 'report.read'],
  // a member's own login (phone pages): the published catalog and their own records, nothing of others
  member: ['catalog.read', 'self.service'],
};

export const hasPermission = (role: Role, permission: Permission): boolean =>
  ROLE_PERMISSIONS[role].includes(permission);

/** Which roles an account holder may hand out: never above their own. */
export const GRANTABLE_ROLES: Record<Role, readonly Role[]> = {
  countyAdmin: ROLES,
  townshipAdmin: ['townshipAdmin', 'villageCadre', 'gridWorker', 'member'],
  villageCadre: ['villageCadre', 'gridWorker', 'member'],
  gridWorker: [],
  departmentHandler: [],
  evaluator: [],
  member: [],
};

/** The tier an account of a role is bound at; undefined = department-bound. */
export const ROLE_TIERS: Record<Role, readonly OrgTier[]> = {
  countyAdmin: ['county'],
  townshipAdmin: ['township'],
  villageCadre: ['village'],
  gridWorker: ['village'],
  departmentHandler: [],
  evaluator: ['county', 'township'],
  // bound to the member's own org (a branch or group at any tier) and to the member record
  member: ['county', 'township', 'village'],
};
