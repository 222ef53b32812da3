// 办件、六报、六热线、吹哨报到、过错责任追究 (F7–F9, 篇二 4、5, 篇三, 篇四): values and labels, zod-free for the web.
import type { Label } from './enums.js';
import { SERVICE_CATEGORIES, SERVICE_CATEGORY_LABELS } from './catalog.constants.js';

export const CASE_STATES = ['received', 'inProgress', 'waitingOnResident', 'replied', 'rated', 'closed'] as const;
export type CaseState = (typeof CASE_STATES)[number];
export const CASE_STATE_LABELS: Record<CaseState, Label> = {
  received: { 'zh-CN': '已受理', en: 'Received' },
  inProgress: { 'zh-CN': '承办中', en: 'In progress' },
  waitingOnResident: { 'zh-CN': '待群众补充', en: 'Waiting on resident' },
  replied: { 'zh-CN': '已回复', en: 'Replied' },
  rated: { 'zh-CN': '已评价', en: 'Rated' },
  closed: { 'zh-CN': '已办结', en: 'Closed' },
};
/** States in which the deadline clock runs (waiting on the resident stops it). */
export const CASE_OPEN_STATES: readonly CaseState[] = ['received', 'inProgress'];

/** 直接办理 / 承诺办理 / 明确答复 (篇三) */
export const CASE_MODES = ['direct', 'promised', 'explained'] as const;
export type CaseMode = (typeof CASE_MODES)[number];
export const CASE_MODE_LABELS: Record<CaseMode, Label> = {
  direct: { 'zh-CN': '直接办理', en: 'Handled directly' },
  promised: { 'zh-CN': '承诺办理', en: 'Promised' },
  explained: { 'zh-CN': '明确答复', en: 'Clear explanation' },
};

/** 六热线 (篇二 4): 党群服务、计划生育、劳动保障、民政残联、治安民调、文明创建 */
export const HOTLINES = ['partyService', 'familyPlanning', 'laborSecurity', 'civilAffairs', 'publicSecurity', 'civility'] as const;
export type Hotline = (typeof HOTLINES)[number];
export const CASE_CHANNELS = [
  'walkIn', 'phone', 'web', 'gridReport', 'open311', ...HOTLINES.map((h) => `hotline:${h}` as const),
] as const;
export type CaseChannel = (typeof CASE_CHANNELS)[number];
export const CASE_CHANNEL_LABELS: Record<CaseChannel, Label> = {
  walkIn: { 'zh-CN': '来访', en: 'Walk-in' },
  phone: { 'zh-CN': '来电', en: 'Phone' },
  web: { 'zh-CN': '网上提交', en: 'Web' },
  gridReport: { 'zh-CN': '网格上报(六报)', en: 'Grid report' },
  // what the resident used: a third-party platform (a city 12345 app, a mini program) that files through the
  // Open311 interface; the API value stays open311 (issue 16 point 14)
  open311: { 'zh-CN': '第三方平台提交', en: 'Third-party platform' },
  'hotline:partyService': { 'zh-CN': '党群服务热线', en: 'Party service hotline' },
  'hotline:familyPlanning': { 'zh-CN': '计划生育热线', en: 'Family planning hotline' },
  'hotline:laborSecurity': { 'zh-CN': '劳动保障热线', en: 'Labour security hotline' },
  'hotline:civilAffairs': { 'zh-CN': '民政残联热线', en: 'Civil affairs hotline' },
  'hotline:publicSecurity': { 'zh-CN': '治安民调热线', en: 'Public security hotline' },
  'hotline:civility': { 'zh-CN': '文明创建热线', en: 'Civility hotline' },
};

/** 六报 (篇二 4): 公共设施损坏、小街小巷不洁、发现新增孕妇、居民房屋出租、社区突发事件、邻里纠纷矛盾 */
export const FIELD_REPORT_KINDS = ['facilityDamage', 'uncleanAlley', 'newPregnancy', 'rental', 'incident', 'dispute'] as const;
export type FieldReportKind = (typeof FIELD_REPORT_KINDS)[number];
export const FIELD_REPORT_KIND_LABELS: Record<FieldReportKind, Label> = {
  facilityDamage: { 'zh-CN': '公共设施损坏', en: 'Damaged public facility' },
  uncleanAlley: { 'zh-CN': '小街小巷不洁', en: 'Unclean alley' },
  newPregnancy: { 'zh-CN': '发现新增孕妇', en: 'New pregnancy' },
  rental: { 'zh-CN': '居民房屋出租', en: 'House rented out' },
  incident: { 'zh-CN': '社区突发事件', en: 'Sudden incident' },
  dispute: { 'zh-CN': '邻里纠纷矛盾', en: 'Neighbour dispute' },
};

/** A case's category: a catalog category, or 六报 for grid reports. */
export const CASE_CATEGORIES = [...SERVICE_CATEGORIES, 'fieldReport'] as const;
export type CaseCategory = (typeof CASE_CATEGORIES)[number];
export const CASE_CATEGORY_LABELS: Record<CaseCategory, Label> = {
  ...SERVICE_CATEGORY_LABELS,
  fieldReport: { 'zh-CN': '六报事项', en: 'Six reports' },
};

export const CASE_EVENT_KINDS = [
  'received', 'accepted', 'forwarded', 'waiting', 'resumed', 'replied', 'rated', 'closed',
  'note', 'trip', 'file', 'dueSoon', 'overdue', 'escalated', 'whistled', 'deadlineMoved',
] as const;
export type CaseEventKind = (typeof CASE_EVENT_KINDS)[number];
export const CASE_EVENT_LABELS: Record<CaseEventKind, Label> = {
  received: { 'zh-CN': '受理登记', en: 'Registered' },
  accepted: { 'zh-CN': '开始承办', en: 'Taken up' },
  forwarded: { 'zh-CN': '转办', en: 'Forwarded' },
  waiting: { 'zh-CN': '请群众补充材料（计时暂停）', en: 'Waiting on resident (clock paused)' },
  resumed: { 'zh-CN': '恢复办理（计时继续）', en: 'Resumed (clock running)' },
  replied: { 'zh-CN': '回复群众', en: 'Replied' },
  rated: { 'zh-CN': '群众评价', en: 'Rated' },
  closed: { 'zh-CN': '办结', en: 'Closed' },
  note: { 'zh-CN': '办理记录', en: 'Note' },
  trip: { 'zh-CN': '群众再次来访', en: 'Resident came again' },
  file: { 'zh-CN': '上传材料', en: 'File added' },
  dueSoon: { 'zh-CN': '即将到期提醒', en: 'Due soon' },
  overdue: { 'zh-CN': '超期', en: 'Overdue' },
  escalated: { 'zh-CN': '超期上报上级', en: 'Escalated' },
  whistled: { 'zh-CN': '吹哨', en: 'Whistle blown' },
  deadlineMoved: { 'zh-CN': '节假日安排调整，期限变更', en: 'Deadline moved by the holiday schedule' },
};

/** Actions on a case and who the API lets take them (the web shows only the allowed buttons). */
export const CASE_ACTIONS = ['accept', 'forward', 'wait', 'resume', 'reply', 'rate', 'close', 'note', 'trip', 'file'] as const;
export type CaseActionName = (typeof CASE_ACTIONS)[number];

export const ACCOUNTABILITY_STATUSES = ['pending', 'upheld', 'dismissed'] as const;
export type AccountabilityStatus = (typeof ACCOUNTABILITY_STATUSES)[number];
export const ACCOUNTABILITY_STATUS_LABELS: Record<AccountabilityStatus, Label> = {
  pending: { 'zh-CN': '待审核', en: 'Pending review' },
  upheld: { 'zh-CN': '追究责任', en: 'Upheld' },
  dismissed: { 'zh-CN': '不予追究', en: 'Dismissed' },
};

export const WHISTLE_STATES = ['open', 'closed'] as const;
export type WhistleState = (typeof WHISTLE_STATES)[number];
export const WHISTLE_STATE_LABELS: Record<WhistleState, Label> = {
  open: { 'zh-CN': '处置中', en: 'Open' },
  closed: { 'zh-CN': '已办结', en: 'Closed' },
};
/** A called department's progress on one whistle (报到). */
export const WHISTLE_REPORT_STEPS = ['acknowledge', 'arrive', 'report'] as const;
export type WhistleReportStep = (typeof WHISTLE_REPORT_STEPS)[number];
export const WHISTLE_REPORT_STEP_LABELS: Record<WhistleReportStep, Label> = {
  acknowledge: { 'zh-CN': '接哨', en: 'Acknowledged' },
  arrive: { 'zh-CN': '到场报到', en: 'Arrived' },
  report: { 'zh-CN': '反馈结果', en: 'Reported' },
};

/** Case evidence: what may be uploaded and how big (a phone photo fits). */
export const FILE_LIMITS = { maxBytes: 5 * 1024 * 1024, mimes: ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] } as const;

/** A resident's phone on the portal: a mobile number (11 digits) or a landline with its area code. */
export const RESIDENT_PHONE = /^1\d{10}$|^0\d{2,3}-?\d{7,8}$/;

/** The ledger's tabs (办件台账) and what each asks of GET /api/cases; GET /api/cases/tabs counts them all at once. */
export const CASE_TABS = ['mine', 'dueSoon', 'overdue', 'waiting', 'all'] as const;
export type CaseTab = (typeof CASE_TABS)[number];
export const CASE_TAB_QUERY = {
  mine: { queue: 'mine', state: 'open' },
  dueSoon: { dueSoon: true },
  overdue: { overdue: true },
  waiting: { state: 'waitingOnResident' },
  all: { queue: 'all' },
} as const satisfies Record<CaseTab, Record<string, string | boolean>>;
