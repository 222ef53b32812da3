// The annual evaluation (考评, issue 11; F17–F20; seed 篇一, 篇五(4)(14)(15)): enums and labels, zod-free (the web
// imports them). Every number of a rule is a policy key (policy.definitions.ts group 'evaluation'), never here.
import type { Label } from './enums.js';

/** 自评 / 群众测评 / 组织考评 (GLOSSARY; 篇五(14) 基层自评、群众测评、组织考评). */
export const EVALUATION_STAGES = ['self', 'mass', 'org'] as const;
export type EvaluationStage = (typeof EVALUATION_STAGES)[number];
export const EVALUATION_STAGE_LABELS: Record<EvaluationStage, Label> = {
  self: { 'zh-CN': '基层自评', en: 'Self-evaluation' },
  mass: { 'zh-CN': '群众测评', en: 'Mass evaluation' },
  org: { 'zh-CN': '组织考评', en: 'Organization evaluation' },
};
/** The stages where indicator points are entered (mass is computed from surveys and ratings). */
export const SCORED_STAGES = ['self', 'org'] as const;
export type ScoredStage = (typeof SCORED_STAGES)[number];

/** 分类定级 (篇一 三; GLOSSARY grade). */
export const GRADES = ['advanced', 'good', 'average', 'lagging'] as const;
export type Grade = (typeof GRADES)[number];
export const GRADE_LABELS: Record<Grade, Label> = {
  advanced: { 'zh-CN': '先进', en: 'Advanced' },
  good: { 'zh-CN': '好', en: 'Good' },
  average: { 'zh-CN': '一般', en: 'Average' },
  lagging: { 'zh-CN': '后进', en: 'Lagging' },
};
/** Higher is better: used for 晋位升级 (grade change year over year). */
export const GRADE_RANK: Record<Grade, number> = { advanced: 3, good: 2, average: 1, lagging: 0 };

/** How an indicator gets its points (F17). */
export const INDICATOR_METHODS = ['computed', 'evidence', 'veto'] as const;
export type IndicatorMethod = (typeof INDICATOR_METHODS)[number];
export const INDICATOR_METHOD_LABELS: Record<IndicatorMethod, Label> = {
  computed: { 'zh-CN': '平台数据自动计算', en: 'Computed from records' },
  evidence: { 'zh-CN': '档案痕迹材料评分', en: 'Scored on archived evidence' },
  veto: { 'zh-CN': '一票否决', en: 'Veto' },
};

/**
 * Indicator groups: the 六有 goals (篇五(4)) for villages and communities; for organs the 八有 of 篇一 (the report
 * names the goals without listing them: the six plus 作风转变 — 篇一 “门难进、脸难看、事难办…转变工作作风” — and
 * 条块结合 — 篇五(14) 听取所在地党组织和服务对象意见).
 */
export const INDICATOR_GROUPS = ['leadership', 'cadres', 'venue', 'carriers', 'institutions', 'performance', 'conduct', 'localOpinion'] as const;
export type IndicatorGroup = (typeof INDICATOR_GROUPS)[number];
export const INDICATOR_GROUP_LABELS: Record<IndicatorGroup, Label> = {
  leadership: { 'zh-CN': '有坚强有力的领导班子', en: 'A strong leadership team' },
  cadres: { 'zh-CN': '有本领过硬的骨干队伍', en: 'A capable core team' },
  venue: { 'zh-CN': '有功能实用的服务场所', en: 'A practical service venue' },
  carriers: { 'zh-CN': '有形式多样的服务载体', en: 'Varied service carriers' },
  institutions: { 'zh-CN': '有健全完善的制度机制', en: 'Sound rules and mechanisms' },
  performance: { 'zh-CN': '有群众满意的服务业绩', en: 'Results residents are satisfied with' },
  conduct: { 'zh-CN': '有转变过硬的工作作风', en: 'A changed working style' },
  localOpinion: { 'zh-CN': '条块结合（所在地党组织和服务对象意见）', en: 'Local party organization and service recipients' },
};
/** 六有 (篇五(4)): the groups of the rural and community templates. */
export const SIX_GOALS: readonly IndicatorGroup[] = ['leadership', 'cadres', 'venue', 'carriers', 'institutions', 'performance'];

/**
 * Metrics a computed indicator may use: each a figure of the platform's own records over the round's year
 * (Asia/Shanghai) and the org's subtree. `unit` says how `zeroAt`/`fullAt` of the curve read: a share in [0, 1],
 * a mean rating in [1, 5], or a count.
 */
export const METRICS = [
  'caseOnTimeRate', 'caseOneTripShare', 'caseMeanRating', 'mustVisitCoverage', 'twoWalksCoverage', 'volunteerCompliance',
  'threeOnesCompletion', 'secretaryTrained', 'bodiesComplete', 'gridsWithPartyGroup', 'activitiesHeld',
  'whistleOnTimeRate', 'accountabilityUpheld',
] as const;
export type Metric = (typeof METRICS)[number];
export type MetricUnit = 'share' | 'rating' | 'count';
export const METRIC_INFO: Record<Metric, { unit: MetricUnit; label: Label; source: string }> = {
  caseOnTimeRate: { unit: 'share', label: { 'zh-CN': '办件按时办结率', en: 'Cases closed on time' }, source: '篇三 按时办结；篇二 限时办结' },
  caseOneTripShare: { unit: 'share', label: { 'zh-CN': '最多跑一次办件占比', en: 'Cases with at most one trip' }, source: '篇三 群众办事“最多跑一次”' },
  caseMeanRating: { unit: 'rating', label: { 'zh-CN': '办件群众评价均分', en: 'Mean case rating' }, source: '篇三 回访评价' },
  mustVisitCoverage: { unit: 'share', label: { 'zh-CN': '必访户按期走访率', en: 'Must-visit households visited in time' }, source: '篇二 4 重点户必访' },
  twoWalksCoverage: { unit: 'share', label: { 'zh-CN': '“两走遍”完成率', en: 'Two-walks coverage' }, source: '篇二 4 两走遍' },
  volunteerCompliance: { unit: 'share', label: { 'zh-CN': '积极分子、预备党员志愿服务达标率', en: 'Volunteer hours compliance' }, source: '篇二 7 每年100小时' },
  threeOnesCompletion: { unit: 'share', label: { 'zh-CN': '书记“三个一”完成度', en: 'Secretary’s three ones done' }, source: '篇二 8；篇五(15)' },
  secretaryTrained: { unit: 'share', label: { 'zh-CN': '书记在轮训周期内参训', en: 'Secretary trained within the rotation' }, source: '篇五(7) 2至3年轮训一遍' },
  bodiesComplete: { unit: 'share', label: { 'zh-CN': '“131N”服务组织健全', en: '131N service bodies complete' }, source: '篇二 2 “131n”' },
  gridsWithPartyGroup: { unit: 'share', label: { 'zh-CN': '建有党小组的网格占比', en: 'Grids with a party group' }, source: '篇二 4 网格党小组' },
  activitiesHeld: { unit: 'count', label: { 'zh-CN': '“五会”“四进”活动次数', en: 'Five-meetings / four-visits activities held' }, source: '篇二 5' },
  whistleOnTimeRate: { unit: 'share', label: { 'zh-CN': '吹哨部门按时反馈率', en: 'Whistle reports on time' }, source: '吹哨报到（乡镇）' },
  accountabilityUpheld: { unit: 'count', label: { 'zh-CN': '过错责任追究成立件数（扣分）', en: 'Accountability records upheld (deduction)' }, source: '篇三 过错责任追究' },
};

/** Round lifecycle (F19, issue 11): draft → self → massOrg → review → published (公示, contest window) → final. */
export const ROUND_STATES = ['draft', 'self', 'massOrg', 'review', 'published', 'final'] as const;
export type RoundState = (typeof ROUND_STATES)[number];
export const ROUND_STATE_LABELS: Record<RoundState, Label> = {
  draft: { 'zh-CN': '筹备中', en: 'Draft' },
  self: { 'zh-CN': '基层自评', en: 'Self-evaluation' },
  massOrg: { 'zh-CN': '群众测评与组织考评', en: 'Mass and organization evaluation' },
  review: { 'zh-CN': '审核定级', en: 'Review' },
  published: { 'zh-CN': '公示中', en: 'Published (contest window)' },
  final: { 'zh-CN': '已定级', en: 'Final' },
};

/** 申诉 states. */
export const CONTEST_STATES = ['pending', 'upheld', 'changed'] as const;
export type ContestState = (typeof CONTEST_STATES)[number];
export const CONTEST_STATE_LABELS: Record<ContestState, Label> = {
  pending: { 'zh-CN': '待复核', en: 'Pending' },
  upheld: { 'zh-CN': '维持原评分', en: 'Score upheld' },
  changed: { 'zh-CN': '已改分', en: 'Score changed' },
};

/** 软弱涣散整顿 (F19): open → closed (销号) after a passed re-check. */
export const RECTIFICATION_STATES = ['open', 'closed'] as const;
export type RectificationState = (typeof RECTIFICATION_STATES)[number];
export const RECTIFICATION_STATE_LABELS: Record<RectificationState, Label> = {
  open: { 'zh-CN': '整顿中', en: 'In rectification' },
  closed: { 'zh-CN': '已销号', en: 'Closed' },
};
export const RECHECK_RESULTS = ['passed', 'notYet'] as const;
export type RecheckResult = (typeof RECHECK_RESULTS)[number];
export const RECHECK_RESULT_LABELS: Record<RecheckResult, Label> = {
  passed: { 'zh-CN': '复查通过', en: 'Passed' },
  notYet: { 'zh-CN': '尚未达标', en: 'Not yet' },
};

/** Where a rating of a case came from (only independent ones count in the mass evaluation). */
export const RATING_SOURCES = ['resident', 'callback'] as const;
export type RatingSource = (typeof RATING_SOURCES)[number];
export const RATING_SOURCE_LABELS: Record<RatingSource, Label> = {
  resident: { 'zh-CN': '群众本人评价', en: 'By the resident' },
  callback: { 'zh-CN': '回访记录', en: 'Recorded on a callback' },
};
