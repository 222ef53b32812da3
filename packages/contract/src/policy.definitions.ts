import type { Label } from './enums.js';

export interface PolicyDefinition {
  group: 'password' | 'session' | 'lockout' | 'totp' | 'grid' | 'case' | 'whistle' | 'visit' | 'privacy' | 'duty' | 'training' | 'evaluation';
  default: number;
  min: number;
  max: number;
  unit: Label;
  label: Label;
  /** where the number comes from */
  source: string;
}

/**
 * Every numeric rule of the platform, with its default. Per-county overrides live in the database;
 * code reads them through platform/policy and never repeats a number.
 */
export const POLICY_DEFINITIONS = {
  'password.minLength': {
    group: 'password', default: 8, min: 8, max: 64,
    unit: { 'zh-CN': '位', en: 'characters' },
    label: { 'zh-CN': '密码最短长度', en: 'Minimum password length' },
    source: 'GB/T 22239-2019 (等保 2.0) 身份鉴别',
  },
  'password.minClasses': {
    group: 'password', default: 3, min: 1, max: 4,
    unit: { 'zh-CN': '类', en: 'classes' },
    label: { 'zh-CN': '密码至少包含的字符类别', en: 'Character classes required' },
    source: 'GB/T 22239-2019 (等保 2.0) 身份鉴别',
  },
  'session.idleMinutes': {
    group: 'session', default: 30, min: 5, max: 240,
    unit: { 'zh-CN': '分钟', en: 'minutes' },
    label: { 'zh-CN': '无操作自动退出', en: 'Idle timeout' },
    source: 'GB/T 22239-2019 登录连接超时自动退出',
  },
  'session.absoluteHours': {
    group: 'session', default: 12, min: 1, max: 72,
    unit: { 'zh-CN': '小时', en: 'hours' },
    label: { 'zh-CN': '登录最长有效期', en: 'Absolute session lifetime' },
    source: 'GB/T 22239-2019',
  },
  'lockout.maxFailures': {
    group: 'lockout', default: 5, min: 3, max: 20,
    unit: { 'zh-CN': '次', en: 'attempts' },
    label: { 'zh-CN': '连续登录失败锁定次数', en: 'Failed logins before lockout' },
    source: 'GB/T 22239-2019 登录失败处理',
  },
  'lockout.minutes': {
    group: 'lockout', default: 15, min: 1, max: 1440,
    unit: { 'zh-CN': '分钟', en: 'minutes' },
    label: { 'zh-CN': '锁定时长', en: 'Lockout duration' },
    source: 'GB/T 22239-2019 登录失败处理',
  },
  'totp.required.countyAdmin': {
    group: 'totp', default: 1, min: 0, max: 1,
    unit: { 'zh-CN': '（1=必须）', en: '(1 = required)' },
    label: { 'zh-CN': '县委组织部账号须使用双因素认证', en: 'County admin accounts must use two-factor sign-in' },
    source: 'GB/T 22239-2019《信息安全技术 网络安全等级保护基本要求》第三级 8.1.4.1 身份鉴别 d)：应采用口令、密码技术、生物技术等两种或两种以上组合的鉴别技术（管理用户默认必须）',
  },
  'totp.required.townshipAdmin': {
    group: 'totp', default: 1, min: 0, max: 1,
    unit: { 'zh-CN': '（1=必须）', en: '(1 = required)' },
    label: { 'zh-CN': '乡镇(街道)管理员账号须使用双因素认证', en: 'Township admin accounts must use two-factor sign-in' },
    source: 'GB/T 22239-2019《信息安全技术 网络安全等级保护基本要求》第三级 8.1.4.1 身份鉴别 d)：应采用口令、密码技术、生物技术等两种或两种以上组合的鉴别技术（管理用户默认必须）',
  },
  'totp.required.evaluator': {
    group: 'totp', default: 1, min: 0, max: 1,
    unit: { 'zh-CN': '（1=必须）', en: '(1 = required)' },
    label: { 'zh-CN': '考评人员账号须使用双因素认证', en: 'Evaluator accounts must use two-factor sign-in' },
    source: 'GB/T 22239-2019《信息安全技术 网络安全等级保护基本要求》第三级 8.1.4.1 身份鉴别 d)：应采用口令、密码技术、生物技术等两种或两种以上组合的鉴别技术（管理用户默认必须）',
  },
  'totp.required.villageCadre': {
    group: 'totp', default: 0, min: 0, max: 1,
    unit: { 'zh-CN': '（1=必须）', en: '(1 = required)' },
    label: { 'zh-CN': '村(社区)干部账号须使用双因素认证', en: 'Village cadre accounts must use two-factor sign-in' },
    source: 'GB/T 22239-2019 第三级 身份鉴别；非管理用户默认不强制，县可要求',
  },
  'totp.required.gridWorker': {
    group: 'totp', default: 0, min: 0, max: 1,
    unit: { 'zh-CN': '（1=必须）', en: '(1 = required)' },
    label: { 'zh-CN': '网格员账号须使用双因素认证', en: 'Grid worker accounts must use two-factor sign-in' },
    source: 'GB/T 22239-2019 第三级 身份鉴别；非管理用户默认不强制，县可要求',
  },
  'totp.required.departmentHandler': {
    group: 'totp', default: 0, min: 0, max: 1,
    unit: { 'zh-CN': '（1=必须）', en: '(1 = required)' },
    label: { 'zh-CN': '职能部门账号须使用双因素认证', en: 'Department handler accounts must use two-factor sign-in' },
    source: 'GB/T 22239-2019 第三级 身份鉴别；非管理用户默认不强制，县可要求',
  },
  'totp.required.member': {
    group: 'totp', default: 0, min: 0, max: 1,
    unit: { 'zh-CN': '（1=必须）', en: '(1 = required)' },
    label: { 'zh-CN': '党员本人账号须使用双因素认证', en: 'Members’ own accounts must use two-factor sign-in' },
    source: 'GB/T 22239-2019 第三级 身份鉴别；党员本人账号只见本人记录，默认不强制，县可要求',
  },
  'grid.minHouseholds': {
    group: 'grid', default: 50, min: 1, max: 1000,
    unit: { 'zh-CN': '户', en: 'households' },
    label: { 'zh-CN': '网格最少户数', en: 'Fewest households in a grid' },
    source: '篇二 1：以常住居民50-100户划分片区网格',
  },
  'grid.maxHouseholds': {
    group: 'grid', default: 100, min: 1, max: 2000,
    unit: { 'zh-CN': '户', en: 'households' },
    label: { 'zh-CN': '网格最多户数', en: 'Most households in a grid' },
    source: '篇二 1：以常住居民50-100户划分片区网格',
  },
  'case.villageDays': {
    group: 'case', default: 3, min: 0, max: 60,
    unit: { 'zh-CN': '个工作日', en: 'working days' },
    label: { 'zh-CN': '村级办结时限（无目录事项或转入本级时）', en: 'Village deadline (no catalog item at this tier)' },
    source: '篇三 受理、承办、回复；县可按实际调整（默认值）',
  },
  'case.townshipDays': {
    group: 'case', default: 5, min: 0, max: 60,
    unit: { 'zh-CN': '个工作日', en: 'working days' },
    label: { 'zh-CN': '乡镇办结时限（无目录事项或转入本级时）', en: 'Township deadline (no catalog item at this tier)' },
    source: '篇三 乡镇便民服务中心；县可按实际调整（默认值）',
  },
  'case.countyDays': {
    group: 'case', default: 10, min: 0, max: 90,
    unit: { 'zh-CN': '个工作日', en: 'working days' },
    label: { 'zh-CN': '县直部门办结时限（无目录事项或转入本级时）', en: 'Department deadline (no catalog item at this tier)' },
    source: '篇二 5 三级服务平台无缝对接；县可按实际调整（默认值）',
  },
  'case.dueSoonHours': {
    group: 'case', default: 24, min: 1, max: 168,
    unit: { 'zh-CN': '小时', en: 'hours' },
    label: { 'zh-CN': '到期前提醒', en: 'Remind before the deadline' },
    source: '限期办结（篇三）；默认值',
  },
  'whistle.reportHours': {
    group: 'whistle', default: 24, min: 1, max: 720,
    unit: { 'zh-CN': '小时', en: 'hours' },
    label: { 'zh-CN': '吹哨后部门报到反馈时限', en: 'Hours for a department to report after a whistle' },
    source: '篇四 吹哨报到；默认值，吹哨时可另定',
  },
  'visit.needyDays': {
    group: 'visit', default: 30, min: 1, max: 366,
    unit: { 'zh-CN': '天', en: 'days' },
    label: { 'zh-CN': '困难群众走访间隔', en: 'Needy households: visit every' },
    source: '篇二 4 六访必访；默认每月',
  },
  'visit.leftBehindChildDays': {
    group: 'visit', default: 30, min: 1, max: 366,
    unit: { 'zh-CN': '天', en: 'days' },
    label: { 'zh-CN': '留守儿童走访间隔', en: 'Left-behind children: visit every' },
    source: '篇二 4 六访必访；默认每月',
  },
  'visit.emptyNestDays': {
    group: 'visit', default: 90, min: 1, max: 366,
    unit: { 'zh-CN': '天', en: 'days' },
    label: { 'zh-CN': '空巢老人走访间隔', en: 'Empty-nest elders: visit every' },
    source: '篇二 4 六访必访；默认每季度',
  },
  'visit.disabledDays': {
    group: 'visit', default: 90, min: 1, max: 366,
    unit: { 'zh-CN': '天', en: 'days' },
    label: { 'zh-CN': '残疾家庭走访间隔', en: 'Families with disability: visit every' },
    source: '篇二 4 六访必访；默认每季度',
  },
  'visit.floatingMemberDays': {
    group: 'visit', default: 90, min: 1, max: 366,
    unit: { 'zh-CN': '天', en: 'days' },
    label: { 'zh-CN': '流动党员走访间隔', en: 'Floating members: visit every' },
    source: '篇二 4 六访必访；默认每季度',
  },
  'visit.unemployedDays': {
    group: 'visit', default: 90, min: 1, max: 366,
    unit: { 'zh-CN': '天', en: 'days' },
    label: { 'zh-CN': '失业人员走访间隔', en: 'Unemployed: visit every' },
    source: '篇二 4 六访必访；默认每季度',
  },
  'privacy.exportPurposeRows': {
    group: 'privacy', default: 50, min: 1, max: 100000,
    unit: { 'zh-CN': '条', en: 'records' },
    label: { 'zh-CN': '导出个人信息超过此条数须说明用途（党员、户、办件）', en: 'Exports of more personal records than this (members, households, cases) need a stated purpose' },
    source: '《个人信息保护法》第六条（最小必要）、第五十一条（安全技术措施）；GB/T 35273-2020 7.1 个人信息访问控制措施 c)（批量修改、拷贝、下载等重要操作设置内部审批流程）。默认 50 人≈一个网格的户数下限（篇二 网格 50–100 户），超过即跨网格批量导出',
  },
  'duty.volunteerHoursPerYear': {
    group: 'duty', default: 100, min: 1, max: 1000,
    unit: { 'zh-CN': '小时/年', en: 'hours a year' },
    label: { 'zh-CN': '入党积极分子、预备党员每年志愿服务时长', en: 'Volunteer hours a year for activists and probationary members' },
    source: '篇二 7：入党积极分子和预备党员在培养期和预备期要在结对帮扶村(社区)或所在村(社区)党员群众服务中心开展不少于每年100小时的公益志愿服务（不满一年的按在期天数折算）',
  },
  'duty.centralHouseholdActivitiesPerMonth': {
    group: 'duty', default: 1, min: 1, max: 31,
    unit: { 'zh-CN': '次/月', en: 'a month' },
    label: { 'zh-CN': '党员中心户(楼栋长)每月组织服务活动', en: 'Service activities a month by each central household' },
    source: '篇二 7：党员中心户(楼栋长)每月至少在村(居)民小组(区)组织开展1次服务活动',
  },
  'duty.pairingActivitiesPerQuarter': {
    group: 'duty', default: 1, min: 1, max: 90,
    unit: { 'zh-CN': '次/季度', en: 'a quarter' },
    label: { 'zh-CN': '结对帮扶单位每季度到帮扶村开展志愿服务', en: 'Volunteer activities a quarter by each pairing unit at its village' },
    source: '篇二 7：结对帮扶单位要建立党员志愿服务队，确保一季度到帮扶村开展一次志愿服务活动',
  },
  'duty.townshipDoorServicesPerQuarter': {
    group: 'duty', default: 1, min: 1, max: 90,
    unit: { 'zh-CN': '次/季度', en: 'a quarter' },
    label: { 'zh-CN': '乡镇(街道)党委每季度组织“组团式”“订单式”上门服务', en: 'Group or ordered door-to-door services a quarter by each township' },
    source: '篇二 7：乡镇(街道)党委……每季度至少组织1次“组团式”、“订单式”集中上门服务群众活动',
  },
  'duty.annualReportsPerYear': {
    group: 'duty', default: 1, min: 1, max: 12,
    unit: { 'zh-CN': '次/年', en: 'a year' },
    label: { 'zh-CN': '书记每年述职并接受评议', en: 'Annual reports (with review) a year by each secretary' },
    source: '篇二 8：各级党组织书记每年就基层党建工作向上级党组织和本级党员大会述一次职，并接受评议；篇五(15) 每年组织开展一次专项述职和评议考核',
  },
  'duty.contactPointsPerYear': {
    group: 'duty', default: 1, min: 1, max: 12,
    unit: { 'zh-CN': '个/年', en: 'a year' },
    label: { 'zh-CN': '书记每年联系基层党组织（联系点）', en: 'Contact points a year by each secretary' },
    source: '篇二 8：每年带头联系一个以上基层党组织，办好一个联系点；篇五(15) 带头建立基层服务型党组织建设联系点',
  },
  'duty.partyLecturesPerYear': {
    group: 'duty', default: 1, min: 1, max: 12,
    unit: { 'zh-CN': '堂/年', en: 'a year' },
    label: { 'zh-CN': '书记每年为基层党员干部上党课', en: 'Party lectures a year by each secretary' },
    source: '篇二 8：每年至少为基层党员干部上一堂党课',
  },
  'duty.reviewSatisfiedPercent': {
    group: 'duty', default: 80, min: 1, max: 100,
    unit: { 'zh-CN': '%', en: '%' },
    label: { 'zh-CN': '述职评议满意率（好+较好）达标线', en: 'Review satisfaction (good + fairly good) counted as passed from' },
    source: '篇二 8 述职“接受评议”；达标线为本平台默认（种子文件未给数值），县委组织部按本县考评办法调整',
  },
  'training.rotationYears': {
    group: 'training', default: 3, min: 1, max: 5,
    unit: { 'zh-CN': '年', en: 'years' },
    label: { 'zh-CN': '书记轮训周期', en: 'Secretaries trained in rotation within' },
    source: '篇五(7)：分级负责、分类培训，用2至3年时间，把各领域党组织书记轮训一遍',
  },
  'evaluation.weightSelf': {
    group: 'evaluation', default: 20, min: 0, max: 100,
    unit: { 'zh-CN': '%', en: '%' },
    label: { 'zh-CN': '总分中基层自评的权重', en: 'Weight of the self-evaluation in the final score' },
    source: '篇五(14)：按照基层自评、群众测评、组织考评的步骤进行考核（权重为本平台默认，三项之和须为 100，群众测评须最大）',
  },
  'evaluation.weightMass': {
    group: 'evaluation', default: 50, min: 0, max: 100,
    unit: { 'zh-CN': '%', en: '%' },
    label: { 'zh-CN': '总分中群众测评的权重', en: 'Weight of the mass evaluation in the final score' },
    source: '篇五(14)：加大群众对基层党组织和党员干部服务评价权重（群众测评权重须大于自评和组织考评）',
  },
  'evaluation.weightOrg': {
    group: 'evaluation', default: 30, min: 0, max: 100,
    unit: { 'zh-CN': '%', en: '%' },
    label: { 'zh-CN': '总分中组织考评的权重', en: 'Weight of the organization evaluation in the final score' },
    source: '篇五(14) 组织考评；篇一 采取“听、看、查、走、访”的方式',
  },
  'evaluation.massSurveyPercent': {
    group: 'evaluation', default: 60, min: 0, max: 100,
    unit: { 'zh-CN': '%', en: '%' },
    label: { 'zh-CN': '群众测评中入户问卷的占比（其余为办件评价）', en: 'Share of household surveys in the mass evaluation (the rest: case ratings)' },
    source: '篇二 三级入户走访问卷 与 篇三 回访评价；占比为本平台默认，县委组织部按本县考评办法调整',
  },
  'evaluation.gradeAdvancedFrom': {
    group: 'evaluation', default: 90, min: 1, max: 100,
    unit: { 'zh-CN': '分', en: 'points' },
    label: { 'zh-CN': '定为“先进”的最低总分', en: 'Lowest final score graded advanced' },
    source: '篇一 三 分类定级（先进、好、一般、后进）；分数线为本平台默认',
  },
  'evaluation.gradeGoodFrom': {
    group: 'evaluation', default: 80, min: 1, max: 100,
    unit: { 'zh-CN': '分', en: 'points' },
    label: { 'zh-CN': '定为“好”的最低总分', en: 'Lowest final score graded good' },
    source: '篇一 三 分类定级；分数线为本平台默认',
  },
  'evaluation.gradeAverageFrom': {
    group: 'evaluation', default: 60, min: 1, max: 100,
    unit: { 'zh-CN': '分', en: 'points' },
    label: { 'zh-CN': '定为“一般”的最低总分（以下为“后进”）', en: 'Lowest final score graded average (below: lagging)' },
    source: '篇一 三：“后进”的作为软弱涣散党组织进行整顿转化；分数线为本平台默认',
  },
  'evaluation.advancedQuotaPercent': {
    group: 'evaluation', default: 100, min: 1, max: 100,
    unit: { 'zh-CN': '%', en: '%' },
    label: { 'zh-CN': '“先进”名额占参评组织的比例上限（100 为不限）', en: 'Most advanced grades as a share of the orgs evaluated (100: no limit)' },
    source: '篇一 三 “先进”的抓巩固提升；名额比例由县委组织部确定（默认不限）',
  },
  'evaluation.contestWorkingDays': {
    group: 'evaluation', default: 5, min: 1, max: 30,
    unit: { 'zh-CN': '个工作日', en: 'working days' },
    label: { 'zh-CN': '公示期（可提出申诉）', en: 'Publication and contest window' },
    source: '考评结果公示期，本平台默认 5 个工作日；篇五(14) 把考核结果作为对党组织工作业绩评价的重要内容',
  },
  'evaluation.rectificationWorkingDays': {
    group: 'evaluation', default: 60, min: 5, max: 250,
    unit: { 'zh-CN': '个工作日', en: 'working days' },
    label: { 'zh-CN': '整顿方案的默认期限', en: 'Default deadline of a rectification plan' },
    source: '篇一 三：“后进”的作为软弱涣散党组织进行整顿转化；期限为本平台默认',
  },
  'evaluation.weakestIndicators': {
    group: 'evaluation', default: 3, min: 1, max: 10,
    unit: { 'zh-CN': '项', en: 'indicators' },
    label: { 'zh-CN': '整顿方案预填的最低得分率指标数', en: 'Weakest indicators pre-filled as problems of a plan' },
    source: '篇五(11)：什么问题突出就着重解决什么问题',
  },
} as const satisfies Record<string, PolicyDefinition>;

export type PolicyKey = keyof typeof POLICY_DEFINITIONS;
export const POLICY_KEYS = Object.keys(POLICY_DEFINITIONS) as PolicyKey[];

/**
 * Rules across several keys, checked on the effective values (defaults with the county's overrides) when a
 * policy is saved; a change that breaks one is refused, nothing saved.
 */
export const POLICY_CONSTRAINTS: { code: 'policy.weightsSum' | 'policy.massWeight' | 'policy.gradeOrder'; field: PolicyKey; holds: (v: Record<PolicyKey, number>) => boolean }[] = [
  { code: 'policy.weightsSum', field: 'evaluation.weightMass', holds: (v) => v['evaluation.weightSelf'] + v['evaluation.weightMass'] + v['evaluation.weightOrg'] === 100 },
  { code: 'policy.massWeight', field: 'evaluation.weightMass', holds: (v) => v['evaluation.weightMass'] > v['evaluation.weightSelf'] && v['evaluation.weightMass'] > v['evaluation.weightOrg'] },
  { code: 'policy.gradeOrder', field: 'evaluation.gradeGoodFrom', holds: (v) => v['evaluation.gradeAverageFrom'] < v['evaluation.gradeGoodFrom'] && v['evaluation.gradeGoodFrom'] < v['evaluation.gradeAdvancedFrom'] },
];
