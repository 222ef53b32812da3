// Columns and small helpers of the field-work pages (labels follow the locale: call these inside computed).
import { ACTIVITY_KIND_LABELS, FOUR_KNOWS, FOUR_KNOWS_LABELS, VISIT_TAG_LABELS, type VisitTag } from '@jiceng/contract/constants';
import type { ActivityView, DutyShiftView, OverdueHousehold, VisitView } from '@jiceng/contract';
import { label, t } from '../../i18n';
import { formatTime } from '../../ui/format';
import type { Column } from '../../ui/table';

export const tagText = (tags: readonly string[]) => tags.map((x) => label(VISIT_TAG_LABELS[x as VisitTag])).join('、');
export const kindText = (k: ActivityView['kind']) => label(ACTIVITY_KIND_LABELS[k]);
export const fourKnows = () => FOUR_KNOWS.map((k) => ({ key: k, label: label(FOUR_KNOWS_LABELS[k]) }));

export const visitColumns = (): Column<VisitView>[] => [
  { prop: 'visitedAt', label: t('fieldwork.visitedAt'), width: 150, formatter: (v) => formatTime(v.visitedAt) },
  { prop: 'visitorName', label: t('fieldwork.visitor'), minWidth: 120 },
  { prop: 'householdAddress', label: t('fieldwork.targetKind'), minWidth: 180, formatter: (v) => (v.householdId ? `${v.householdAddress ?? ''}（${v.householdHead ?? ''}）` : `${t('fieldwork.group')}：${v.orgName}`) },
  { prop: 'purpose', label: t('fieldwork.purpose'), minWidth: 140 },
  { prop: 'followUp', label: t('fieldwork.followUp'), minWidth: 160, formatter: (v) => v.followUp ?? '' },
  { prop: 'caseNumber', label: t('fieldwork.case'), width: 130, formatter: (v) => v.caseNumber ?? '' },
];

export const overdueColumns = (): Column<OverdueHousehold>[] => [
  { prop: 'address', label: t('fieldwork.address'), minWidth: 180 },
  { prop: 'headName', label: t('fieldwork.head'), width: 100 },
  { prop: 'gridName', label: t('fieldwork.grid'), minWidth: 120, formatter: (r) => r.gridName ?? t('fieldwork.noGrid') },
  { prop: 'tags', label: t('fieldwork.tags'), minWidth: 140, formatter: (r) => tagText(r.tags) },
  { prop: 'intervalDays', label: t('fieldwork.interval'), width: 110 },
  { prop: 'lastVisitAt', label: t('fieldwork.lastVisit'), width: 150, formatter: (r) => (r.lastVisitAt ? formatTime(r.lastVisitAt) : t('fieldwork.never')) },
  { prop: 'daysSinceLastVisit', label: t('fieldwork.daysSince'), width: 100, formatter: (r) => (r.daysSinceLastVisit === null ? '—' : String(r.daysSinceLastVisit)) },
  { prop: 'daysOverdue', label: t('fieldwork.daysOverdue'), width: 100, formatter: (r) => (r.daysOverdue === null ? '—' : String(r.daysOverdue)) },
];

export const dutyColumns = (): Column<DutyShiftView>[] => [
  { prop: 'orgName', label: t('fieldwork.dutyUnit'), minWidth: 160 },
  { prop: 'personName', label: t('fieldwork.person'), width: 120 },
  { prop: 'startsAt', label: t('fieldwork.startsAt'), width: 150, formatter: (d) => formatTime(d.startsAt) },
  { prop: 'endsAt', label: t('fieldwork.endsAt'), width: 150, formatter: (d) => formatTime(d.endsAt) },
  { prop: 'handled', label: t('fieldwork.handled'), minWidth: 200, formatter: (d) => d.handled ?? '' },
];

/** a rate as a percentage, or a dash */
export const percent = (v: number | null) => (v === null ? '—' : `${Math.round(v * 1000) / 10}%`);

/** Today on the Shanghai calendar, YYYY-MM-DD. */
export const todayIso = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
/** The Shanghai day (YYYY-MM-DD) of an instant. */
export const dayOf = (iso: string) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(iso));

/** Reads picked files as FileUpload bodies (base64). */
export async function toUploads(files: File[]): Promise<{ name: string; mime: 'image/jpeg' | 'image/png' | 'image/webp'; data: string }[]> {
  return Promise.all(files.map(async (f) => {
    const bytes = new Uint8Array(await f.arrayBuffer());
    let bin = '';
    for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return { name: f.name, mime: f.type as 'image/jpeg' | 'image/png' | 'image/webp', data: btoa(bin) };
  }));
}
