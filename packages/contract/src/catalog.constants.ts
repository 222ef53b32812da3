// 便民服务事项目录 (F6, 篇三 二): categories and handling tiers, zod-free for the web.
import type { Label } from './enums.js';

export const SERVICE_CATEGORIES = [
  'civilAffairs', 'socialSecurity', 'employment', 'health', 'familyPlanning', 'housing', 'land',
  'agriculture', 'disability', 'household', 'rights', 'proxy', 'other',
] as const;
export type ServiceCategory = (typeof SERVICE_CATEGORIES)[number];
export const SERVICE_CATEGORY_LABELS: Record<ServiceCategory, Label> = {
  civilAffairs: { 'zh-CN': '民政事务', en: 'Civil affairs' },
  socialSecurity: { 'zh-CN': '社会保障', en: 'Social security' },
  employment: { 'zh-CN': '就业创业', en: 'Employment' },
  health: { 'zh-CN': '医疗卫生', en: 'Health' },
  familyPlanning: { 'zh-CN': '计划生育', en: 'Family planning' },
  housing: { 'zh-CN': '住房建设', en: 'Housing' },
  land: { 'zh-CN': '国土林业', en: 'Land and forestry' },
  agriculture: { 'zh-CN': '农业农村', en: 'Agriculture' },
  disability: { 'zh-CN': '残疾人服务', en: 'Disability services' },
  household: { 'zh-CN': '户籍证照', en: 'Residence and permits' },
  rights: { 'zh-CN': '维权事项', en: 'Rights protection' },
  proxy: { 'zh-CN': '代办服务', en: 'Proxy services' },
  other: { 'zh-CN': '其他', en: 'Other' },
};

/** Where an item is handled: 村(社区)党员群众服务中心 → 乡镇便民服务大厅 → 县直部门 (篇二 5, 篇三). */
export const SERVICE_TIERS = ['village', 'township', 'county'] as const;
export type ServiceTier = (typeof SERVICE_TIERS)[number];
export const SERVICE_TIER_LABELS: Record<ServiceTier, Label> = {
  village: { 'zh-CN': '村(社区)服务室', en: 'Village service room' },
  township: { 'zh-CN': '乡镇便民服务大厅', en: 'Township service hall' },
  county: { 'zh-CN': '县直部门', en: 'County department' },
};
