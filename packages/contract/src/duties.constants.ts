// Members' duties (issue 10; F14–F16; seed 篇二 6、7、8, 篇五 (7)(8)(15)): enums and labels, zod-free (the web
// imports them). Every number of a rule is a policy key (policy.definitions.ts group 'duty'), never here.
import type { Label } from './enums.js';

/** 志愿服务记录 states: logged (待审核), confirmed by a cadre of the place (已确认), rejected with a reason (已退回). */
export const VOLUNTEER_STATES = ['pending', 'confirmed', 'rejected'] as const;
export type VolunteerState = (typeof VOLUNTEER_STATES)[number];
export const VOLUNTEER_STATE_LABELS: Record<VolunteerState, Label> = {
  pending: { 'zh-CN': '待审核', en: 'Awaiting confirmation' },
  confirmed: { 'zh-CN': '已确认', en: 'Confirmed' },
  rejected: { 'zh-CN': '已退回', en: 'Rejected' },
};
/** Where a record was made: the member's phone, or a cadre at the desk for the member. */
export const VOLUNTEER_SOURCES = ['phone', 'desk'] as const;
export type VolunteerSource = (typeof VOLUNTEER_SOURCES)[number];

/** 三个一 (GLOSSARY duty.kind; 篇二 8、篇五(15)): 述职评议、联系点、党课 — yearly secretary duties. */
export const DUTY_KINDS = ['annualReport', 'contactPoint', 'partyLecture'] as const;
export type DutyKind = (typeof DUTY_KINDS)[number];
export const DUTY_KIND_LABELS: Record<DutyKind, Label> = {
  annualReport: { 'zh-CN': '述职评议', en: 'Annual report and review' },
  contactPoint: { 'zh-CN': '联系点', en: 'Contact point' },
  partyLecture: { 'zh-CN': '党课', en: 'Party lecture' },
};

/** 评议 grades, counted per reviewer (好 / 较好 / 一般 / 差). */
export const REVIEW_GRADES = ['good', 'fairlyGood', 'average', 'poor'] as const;
export type ReviewGrade = (typeof REVIEW_GRADES)[number];
export const REVIEW_GRADE_LABELS: Record<ReviewGrade, Label> = {
  good: { 'zh-CN': '好', en: 'Good' },
  fairlyGood: { 'zh-CN': '较好', en: 'Fairly good' },
  average: { 'zh-CN': '一般', en: 'Average' },
  poor: { 'zh-CN': '差', en: 'Poor' },
};
/** Grades that count as satisfied in the 满意率 (好 + 较好). */
export const SATISFIED_GRADES: readonly ReviewGrade[] = ['good', 'fairlyGood'];

/** 培训 kinds (篇五(7) 书记轮训; 篇二 6 “6个100”: 蹲点学习、后备干部集中培训、非公和社会组织书记集中培训). */
export const TRAINING_KINDS = ['secretaryRotation', 'fieldStudy', 'reserveCadre', 'nonPublicSecretary', 'memberEducation', 'other'] as const;
export type TrainingKind = (typeof TRAINING_KINDS)[number];
export const TRAINING_KIND_LABELS: Record<TrainingKind, Label> = {
  secretaryRotation: { 'zh-CN': '书记轮训', en: 'Secretary rotation training' },
  fieldStudy: { 'zh-CN': '主职干部蹲点学习', en: 'Cadres sent to study' },
  reserveCadre: { 'zh-CN': '后备干部培训', en: 'Reserve cadre training' },
  nonPublicSecretary: { 'zh-CN': '非公和社会组织书记培训', en: 'Non-public and social-organization secretaries' },
  memberEducation: { 'zh-CN': '党员教育培训', en: 'Member education' },
  other: { 'zh-CN': '其他培训', en: 'Other training' },
};

/** “6个100”工程 (篇二 6): the six lines. */
export const PROGRAMME_LINES = ['villageAdvisors', 'cadresStudy', 'reserveCadres', 'firstSecretaries', 'enterprisePairings', 'nonPublicSecretaries'] as const;
export type ProgrammeLine = (typeof PROGRAMME_LINES)[number];
export const PROGRAMME_LINE_LABELS: Record<ProgrammeLine, Label> = {
  villageAdvisors: { 'zh-CN': '选聘村级顾问', en: 'Village advisors appointed' },
  cadresStudy: { 'zh-CN': '主职干部蹲点学习', en: 'Village heads sent to study' },
  reserveCadres: { 'zh-CN': '主职后备干部集中培训', en: 'Reserve cadres trained' },
  firstSecretaries: { 'zh-CN': '选派第一书记', en: 'First secretaries dispatched' },
  enterprisePairings: { 'zh-CN': '民营企业与村(社区)结对共建', en: 'Enterprise–village pairings' },
  nonPublicSecretaries: { 'zh-CN': '非公企业、社会组织书记集中培训', en: 'Non-public and social-org secretaries trained' },
};

/** 践诺评价 at year end. */
export const COMMITMENT_ASSESSMENTS = ['fulfilled', 'partly', 'unfulfilled'] as const;
export type CommitmentAssessment = (typeof COMMITMENT_ASSESSMENTS)[number];
export const COMMITMENT_ASSESSMENT_LABELS: Record<CommitmentAssessment, Label> = {
  fulfilled: { 'zh-CN': '已践诺', en: 'Fulfilled' },
  partly: { 'zh-CN': '部分践诺', en: 'Partly fulfilled' },
  unfulfilled: { 'zh-CN': '未践诺', en: 'Not fulfilled' },
};

/** 党员示范岗、党员责任区 (篇五(8)). */
export const MEMBER_POST_KINDS = ['demonstrationPost', 'responsibilityArea'] as const;
export type MemberPostKind = (typeof MEMBER_POST_KINDS)[number];
export const MEMBER_POST_KIND_LABELS: Record<MemberPostKind, Label> = {
  demonstrationPost: { 'zh-CN': '党员示范岗', en: 'Demonstration post' },
  responsibilityArea: { 'zh-CN': '党员责任区', en: 'Responsibility area' },
};

/** Hard bounds of the records (not rules of the seeds: a day has 24 hours). */
export const DUTY_LIMITS = {
  /** hours of volunteer service one member can have on one day, all records together */
  volunteerHoursPerDay: 24,
  commitmentItemsMax: 20,
  reviewersMax: 100000,
} as const;

/** Sizes of the commitment and post fields (承诺践诺、示范岗、责任区; one home: schema, service and dialog). */
export const COMMITMENT_LIMITS = {
  itemMax: 200,
  noteMax: 1000,
  assessmentNoteMax: 1000,
  postTitleMax: 100,
  postDescriptionMax: 1000,
  postAreaMax: 500,
  postHouseholdsMax: 500,
  pageMax: 500,
} as const;

/**
 * 践诺评价 is made at year end: from this day (month, day) of the commitment's year, Asia/Shanghai calendar.
 * Not a number of the seeds (篇五(8) names only 承诺践诺): the platform's reading of "年终".
 */
export const COMMITMENT_ASSESSMENT_OPENS = { month: 12, day: 1 } as const;
