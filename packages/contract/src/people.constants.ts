// People and grids (F2–F4): enums, labels and pure rules, zod-free (the web imports them).
import type { Label } from './enums.js';

export const MEMBER_STATUSES = ['formal', 'probationary', 'activist'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];
export const MEMBER_STATUS_LABELS: Record<MemberStatus, Label> = {
  formal: { 'zh-CN': '正式党员', en: 'Full member' },
  probationary: { 'zh-CN': '预备党员', en: 'Probationary member' },
  activist: { 'zh-CN': '入党积极分子', en: 'Activist' },
};

export const GENDERS = ['male', 'female'] as const;
export type Gender = (typeof GENDERS)[number];
export const GENDER_LABELS: Record<Gender, Label> = { male: { 'zh-CN': '男', en: 'Male' }, female: { 'zh-CN': '女', en: 'Female' } };

// 篇二 1、6、7;GLOSSARY positions
export const POSITION_KINDS = [
  'secretary', 'deputySecretary', 'committeeMember', 'firstSecretary', 'stationedCadre',
  'centralHousehold', 'postedMember', 'gridLeader', 'villageAdvisor',
] as const;
export type PositionKind = (typeof POSITION_KINDS)[number];
export const POSITION_KIND_LABELS: Record<PositionKind, Label> = {
  secretary: { 'zh-CN': '书记', en: 'Secretary' },
  deputySecretary: { 'zh-CN': '副书记', en: 'Deputy secretary' },
  committeeMember: { 'zh-CN': '委员', en: 'Committee member' },
  firstSecretary: { 'zh-CN': '第一书记', en: 'First secretary' },
  stationedCadre: { 'zh-CN': '驻村干部', en: 'Stationed cadre' },
  centralHousehold: { 'zh-CN': '党员中心户(楼栋长)', en: 'Central household / building head' },
  postedMember: { 'zh-CN': '无职党员设岗定责', en: 'Posted member (no office)' },
  gridLeader: { 'zh-CN': '网格长', en: 'Grid leader' },
  // 篇二 6 “6个100”：为有条件的村(社区)选聘村级顾问
  villageAdvisor: { 'zh-CN': '村级顾问', en: 'Village advisor' },
};

// 篇二 4 “六访”: 困难群众、空巢老人、留守儿童、残疾家庭、流动党员、失业人员必访
export const VISIT_TAGS = ['needy', 'emptyNest', 'leftBehindChild', 'disabled', 'floatingMember', 'unemployed'] as const;
export type VisitTag = (typeof VISIT_TAGS)[number];
export const VISIT_TAG_LABELS: Record<VisitTag, Label> = {
  needy: { 'zh-CN': '困难群众', en: 'Needy' },
  emptyNest: { 'zh-CN': '空巢老人', en: 'Empty-nest elder' },
  leftBehindChild: { 'zh-CN': '留守儿童', en: 'Left-behind child' },
  disabled: { 'zh-CN': '残疾家庭', en: 'Disability in family' },
  floatingMember: { 'zh-CN': '流动党员', en: 'Floating member' },
  unemployed: { 'zh-CN': '失业人员', en: 'Unemployed' },
};

export const RELATIONS = ['head', 'spouse', 'child', 'parent', 'grandchild', 'grandparent', 'sibling', 'other'] as const;
export type Relation = (typeof RELATIONS)[number];
export const RELATION_LABELS: Record<Relation, Label> = {
  head: { 'zh-CN': '户主', en: 'Head' },
  spouse: { 'zh-CN': '配偶', en: 'Spouse' },
  child: { 'zh-CN': '子女', en: 'Child' },
  parent: { 'zh-CN': '父母', en: 'Parent' },
  grandchild: { 'zh-CN': '孙子女', en: 'Grandchild' },
  grandparent: { 'zh-CN': '祖父母', en: 'Grandparent' },
  sibling: { 'zh-CN': '兄弟姐妹', en: 'Sibling' },
  other: { 'zh-CN': '其他', en: 'Other' },
};

// 篇二 2 “131n”: 村党组织 + 村委会、村民议事会、村务监督委员会 + 村集体经济组织 + n 个群团、经济、社会组织
export const BODY_KINDS = [
  'villageCommittee', 'deliberationCouncil', 'supervisionCommittee', 'collectiveEconomy',
  'youthLeague', 'womensFederation', 'tradeUnion', 'mediation', 'militia', 'cooperative', 'association', 'socialOrg', 'other',
] as const;
export type BodyKind = (typeof BODY_KINDS)[number];
export const BODY_KIND_LABELS: Record<BodyKind, Label> = {
  villageCommittee: { 'zh-CN': '村(居)民委员会', en: 'Village committee' },
  deliberationCouncil: { 'zh-CN': '村民议事会', en: 'Deliberation council' },
  supervisionCommittee: { 'zh-CN': '村务监督委员会', en: 'Supervision committee' },
  collectiveEconomy: { 'zh-CN': '村集体经济组织', en: 'Collective economy' },
  youthLeague: { 'zh-CN': '共青团', en: 'Youth league' },
  womensFederation: { 'zh-CN': '妇联', en: 'Women’s federation' },
  tradeUnion: { 'zh-CN': '工会', en: 'Trade union' },
  mediation: { 'zh-CN': '治安调解组织', en: 'Mediation' },
  militia: { 'zh-CN': '民兵组织', en: 'Militia' },
  cooperative: { 'zh-CN': '经济合作组织', en: 'Cooperative' },
  association: { 'zh-CN': '产业协会', en: 'Industry association' },
  socialOrg: { 'zh-CN': '社会组织', en: 'Social organization' },
  other: { 'zh-CN': '其他组织', en: 'Other' },
};
/** The "3" of 131n: the autonomous bodies every village should have. */
export const REQUIRED_BODY_KINDS: readonly BodyKind[] = ['villageCommittee', 'deliberationCouncil', 'supervisionCommittee'];

export const PAIRING_KINDS = ['coBuilding', 'assistance', 'enterpriseVillage'] as const;
export type PairingKind = (typeof PAIRING_KINDS)[number];
export const PAIRING_KIND_LABELS: Record<PairingKind, Label> = {
  coBuilding: { 'zh-CN': '结对共建', en: 'Co-building' },
  assistance: { 'zh-CN': '结对帮扶', en: 'Assistance' },
  enterpriseVillage: { 'zh-CN': '村企结对', en: 'Enterprise–village' },
};
export const PARTNER_KINDS = ['org', 'department', 'enterprise'] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];
export const PARTNER_KIND_LABELS: Record<PartnerKind, Label> = {
  org: { 'zh-CN': '党组织', en: 'Party org' },
  department: { 'zh-CN': '职能部门', en: 'Department' },
  enterprise: { 'zh-CN': '企业', en: 'Enterprise' },
};

/** 'ok' or why a 公民身份号码 (GB 11643-1999) is not valid: 18 characters, region, birth date, check digit. */
export type IdNumberProblem = 'idNumber.format' | 'idNumber.region' | 'idNumber.birthDate' | 'idNumber.checkDigit';
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';
// first two digits: province-level codes of GB/T 2260
const PROVINCES = new Set(['11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82', '83']);

export function normalizeIdNumber(raw: string): string {
  return raw.trim().replace(/\s+/g, '').toUpperCase();
}

export function checkDigitOf(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

export function idNumberProblem(raw: string, today: Date = new Date()): IdNumberProblem | null {
  const id = normalizeIdNumber(raw);
  if (!/^\d{17}[\dX]$/.test(id)) return 'idNumber.format';
  if (!PROVINCES.has(id.slice(0, 2)) || id.slice(2, 6) === '0000') return 'idNumber.region';
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d || date > today) return 'idNumber.birthDate';
  if (checkDigitOf(id.slice(0, 17)) !== id[17]) return 'idNumber.checkDigit';
  return null;
}

/** Birth date (YYYY-MM-DD) and gender carried by a valid ID number. */
export function idNumberFacts(raw: string): { birthDate: string; gender: Gender } {
  const id = normalizeIdNumber(raw);
  return { birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`, gender: Number(id[16]) % 2 === 1 ? 'male' : 'female' };
}

/**
 * Masked ID number: the region code (first 6 digits) only — 420502************. GB/T 35273 de-identification:
 * the old mask (first 6 and last 4) hid exactly the 8 birth digits, and the birth date shown next to it rebuilt
 * the number. With the sequence digits hidden too, someone who knows the birth year (all a masked view shows)
 * and the gender still faces ~16,000 candidates.
 */
export function maskIdNumber(raw: string): string {
  const id = normalizeIdNumber(raw);
  return id.length <= 6 ? '*'.repeat(id.length) : `${id.slice(0, 6)}${'*'.repeat(id.length - 6)}`;
}

/** Birth date de-identified for masked views: the year only (YYYY-MM-DD → 1980), null when unknown. */
export function birthYearOf(birthDate: string | null | undefined): number | null {
  return birthDate && /^\d{4}-/.test(birthDate) ? Number(birthDate.slice(0, 4)) : null;
}

/** Phone number with the middle hidden: 138****5678; short numbers entirely. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}

/** 张三丰 → 张** (minors' and masked names). */
export function maskName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? '*' : chars[0] + '*'.repeat(chars.length - 1);
}

export const MASK = '***';
/** Longest reason for an unmask or purpose of an export, in characters. */
export const UNMASK_REASON_MAX = 200;

/** What the Excel import takes (templates and POST /api/imports/{kind}). */
export const IMPORT_KINDS = ['orgs', 'members', 'grids', 'households'] as const;
