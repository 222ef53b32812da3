// Issue 5 (field work): values and labels, zod-free for the web.
import type { Label } from './enums.js';

/** 五会、四进 (篇二 4) and 组团式、订单式 door-to-door service (篇二 7): the kinds of an activity. */
export const ACTIVITY_KINDS = [
  'studyMeeting', 'policyBriefing', 'opinionMeeting', 'topicDeliberation', 'jointMeeting',
  'cultureService', 'healthService', 'legalService', 'scienceService',
  'groupDoorService', 'orderedDoorService',
  'volunteerService', 'partyLecture',
] as const;
/** (the type `ActivityKind` comes from the zod schema in fieldwork.ts) */
type ActivityKind = (typeof ACTIVITY_KINDS)[number];
export const ACTIVITY_KIND_LABELS: Record<ActivityKind, Label> = {
  studyMeeting: { 'zh-CN': '党员学习会', en: 'Member study meeting' },
  policyBriefing: { 'zh-CN': '政策宣讲会', en: 'Policy briefing' },
  opinionMeeting: { 'zh-CN': '民情沟通会', en: 'Residents’ opinion meeting' },
  topicDeliberation: { 'zh-CN': '专题议事会', en: 'Topic deliberation' },
  jointMeeting: { 'zh-CN': '党建联席会', en: 'Joint party-building meeting' },
  cultureService: { 'zh-CN': '文化进社区', en: 'Culture into the community' },
  healthService: { 'zh-CN': '卫生进社区', en: 'Health into the community' },
  legalService: { 'zh-CN': '法律进社区', en: 'Law into the community' },
  scienceService: { 'zh-CN': '科技进社区', en: 'Science into the community' },
  groupDoorService: { 'zh-CN': '组团式上门服务', en: 'Group door-to-door service' },
  orderedDoorService: { 'zh-CN': '订单式上门服务', en: 'Ordered door-to-door service' },
  // 篇二 7 党员志愿服务（党员中心户每月服务活动、结对帮扶单位志愿服务队）；篇二 8 书记上党课
  volunteerService: { 'zh-CN': '党员志愿服务活动', en: 'Member volunteer service' },
  partyLecture: { 'zh-CN': '党课', en: 'Party lecture' },
};
/** The group an activity kind belongs to (五会 / 四进 / 上门服务 / 志愿服务与党课), for filters and calendar colours. */
export type ActivityGroup = 'fiveMeetings' | 'fourInto' | 'doorService' | 'memberDuty';
export const ACTIVITY_KIND_GROUP: Record<ActivityKind, ActivityGroup> = {
  studyMeeting: 'fiveMeetings', policyBriefing: 'fiveMeetings', opinionMeeting: 'fiveMeetings', topicDeliberation: 'fiveMeetings', jointMeeting: 'fiveMeetings',
  cultureService: 'fourInto', healthService: 'fourInto', legalService: 'fourInto', scienceService: 'fourInto',
  groupDoorService: 'doorService', orderedDoorService: 'doorService',
  volunteerService: 'memberDuty', partyLecture: 'memberDuty',
};
export const ACTIVITY_GROUP_LABELS: Record<ActivityGroup, Label> = {
  fiveMeetings: { 'zh-CN': '五会', en: 'Five meetings' },
  fourInto: { 'zh-CN': '四进', en: 'Four into the community' },
  doorService: { 'zh-CN': '上门服务', en: 'Door-to-door service' },
  memberDuty: { 'zh-CN': '志愿服务与党课', en: 'Volunteer service and party lectures' },
};
/** Door-to-door services a township organizes (篇二 7 “组团式”“订单式”). */
export const DOOR_SERVICE_KINDS: readonly ActivityKind[] = ['groupDoorService', 'orderedDoorService'];

/** 四掌握 (篇二 3): the four parts of a visit's notes. */
export const FOUR_KNOWS = ['conditions', 'basics', 'hotIssues', 'difficulties'] as const;
export type FourKnow = (typeof FOUR_KNOWS)[number];
export const FOUR_KNOWS_LABELS: Record<FourKnow, Label> = {
  conditions: { 'zh-CN': '社情动态', en: 'Social conditions' },
  basics: { 'zh-CN': '农户基本情况', en: 'Household basics' },
  hotIssues: { 'zh-CN': '热点难点问题', en: 'Hot and hard issues' },
  difficulties: { 'zh-CN': '特殊困难', en: 'Special difficulties' },
};

export const FIELDWORK_LIMITS = {
  photosMax: 5,
  /** the overdue list answers at most this many households (sorted most overdue first) */
  overdueMax: 2000,
  /** the coverage missing list names at most this many */
  missingMax: 200,
  pageMax: 200,
} as const;

/** The policy key holding the must-visit interval (days) of each 六访 tag. */
export const VISIT_TAG_POLICY = {
  needy: 'visit.needyDays',
  emptyNest: 'visit.emptyNestDays',
  leftBehindChild: 'visit.leftBehindChildDays',
  disabled: 'visit.disabledDays',
  floatingMember: 'visit.floatingMemberDays',
  unemployed: 'visit.unemployedDays',
} as const;
