import type { Label } from './enums.js';

export interface PolicyDefinition {
  group: 'password' | 'session' | 'lockout' | 'totp' | 'grid' | 'case' | 'whistle' | 'visit' | 'privacy';
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
} as const satisfies Record<string, PolicyDefinition>;

export type PolicyKey = keyof typeof POLICY_DEFINITIONS;
export const POLICY_KEYS = Object.keys(POLICY_DEFINITIONS) as PolicyKey[];
