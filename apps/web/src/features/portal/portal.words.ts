// 群众端的说法: what residents read instead of the desk's terms (承诺办理, 承办中, 转办, 明确答复 …). The desk keeps
// CASE_*_LABELS; every resident page (portal, tracking, the guide) goes through these.
import type { CaseEventKind, CaseMode, CaseState, Label } from '@jiceng/contract/constants';
import { CASE_EVENT_LABELS } from '@jiceng/contract/constants';
import { label, t } from '../../i18n';

export const RESIDENT_STATE_WORDS: Record<CaseState, Label> = {
  received: { 'zh-CN': '已收到，等待办理', en: 'Received, waiting to be handled' },
  inProgress: { 'zh-CN': '正在办理', en: 'Being handled' },
  waitingOnResident: { 'zh-CN': '需要您补充材料', en: 'We need something from you' },
  replied: { 'zh-CN': '已答复，请您评价', en: 'Answered — please rate' },
  rated: { 'zh-CN': '已评价', en: 'Rated' },
  closed: { 'zh-CN': '已办完', en: 'Done' },
};

/** 直接办理 / 承诺办理 / 明确答复 as the resident hears them */
export const RESIDENT_MODE_WORDS: Record<CaseMode, Label> = {
  direct: { 'zh-CN': '已为您办好', en: 'Done for you' },
  promised: { 'zh-CN': '已答应您，在约定的日期前办好', en: 'Agreed with you to be done by the date given' },
  explained: { 'zh-CN': '已向您说明情况和政策', en: 'Explained to you (rules and reasons)' },
};

export const RESIDENT_EVENT_WORDS: Partial<Record<CaseEventKind, Label>> = {
  received: { 'zh-CN': '收到您的事情', en: 'Your request was received' },
  accepted: { 'zh-CN': '工作人员开始办理', en: 'Staff started on it' },
  forwarded: { 'zh-CN': '交给上级单位办理', en: 'Passed on to a higher office' },
  waiting: { 'zh-CN': '请您补充材料（等您的日子不算在办理时间里）', en: 'Waiting for your papers (not counted in the time)' },
  resumed: { 'zh-CN': '收到补充材料，继续办理', en: 'Papers received, work goes on' },
  replied: { 'zh-CN': '答复了您', en: 'You were answered' },
  rated: { 'zh-CN': '您做了评价', en: 'You rated it' },
  closed: { 'zh-CN': '办完了', en: 'Done' },
};

export const residentState = (s: CaseState) => label(RESIDENT_STATE_WORDS[s]);
export const residentMode = (m: CaseMode) => label(RESIDENT_MODE_WORDS[m]);
export const residentEvent = (k: CaseEventKind) => label(RESIDENT_EVENT_WORDS[k] ?? CASE_EVENT_LABELS[k]);

/** "当场办好" / "5 个工作日内办好" (the desk says 即办 / 5 个工作日). */
export const residentPromise = (days: number) => (days === 0 ? t('portal.words.now') : t('portal.words.withinDays', { n: days }));
