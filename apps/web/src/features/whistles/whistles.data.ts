import { WHISTLE_REPORT_STEP_LABELS, WHISTLE_STATE_LABELS, type WhistleReportStep } from '@jiceng/contract/constants';
import type { WhistleStats, WhistleView } from '@jiceng/contract';
import { label, t } from '../../i18n';
import type { Column } from '../../ui/table';

export type WhistleReport = WhistleView['reports'][number];
export type StatsRow = WhistleStats['rows'][number];

/** Where a called department stands: 未接哨 → 已接哨 → 已到场 → 已反馈. */
export type ReportStatus = 'waiting' | 'acknowledged' | 'arrived' | 'reported';
export function reportStatus(r: WhistleReport): ReportStatus {
  if (r.reportedAt) return 'reported';
  if (r.arrivedAt) return 'arrived';
  if (r.acknowledgedAt) return 'acknowledged';
  return 'waiting';
}

/** The step a department takes next, in order; null once it has reported. */
export function nextStep(r: WhistleReport): WhistleReportStep | null {
  if (!r.acknowledgedAt) return 'acknowledge';
  if (!r.arrivedAt) return 'arrive';
  if (!r.reportedAt) return 'report';
  return null;
}

export const stepLabel = (s: WhistleReportStep) => label(WHISTLE_REPORT_STEP_LABELS[s]);
export const stateLabel = (w: Pick<WhistleView, 'state'>) => label(WHISTLE_STATE_LABELS[w.state]);

/**
 * A chip's text and colour: grey → amber → green as the department moves on, solid green once it reported;
 * late or missing departments are solid red whatever their step. (Element's `primary` is party red here,
 * so no step uses it.)
 */
export function reportChip(r: WhistleReport): { text: string; type: 'danger' | 'success' | 'warning' | 'info'; effect: 'dark' | 'light' } {
  const status = reportStatus(r);
  const text = t(`whistles.chip.${status}`);
  if (r.missing) return { text: `${text} · ${t('whistles.missing')}`, type: 'danger', effect: 'dark' };
  if (r.late) return { text: `${text} · ${t('whistles.late')}`, type: 'danger', effect: 'dark' };
  if (status === 'reported') return { text, type: 'success', effect: 'dark' };
  return { text, type: status === 'arrived' ? 'success' : status === 'acknowledged' ? 'warning' : 'info', effect: 'light' };
}

function span(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  if (minutes < 60) return t('whistles.minutes', { m: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours >= 48) return t('whistles.days', { d: Math.floor(hours / 24), h: hours % 24 });
  return t('whistles.hoursMinutes', { h: hours, m: minutes % 60 });
}

/** "剩 3 小时 20 分" before the deadline, "已超时 2 小时 5 分" after it. */
export function countdown(dueAt: string, now: number): { text: string; late: boolean } {
  const ms = new Date(dueAt).getTime() - now;
  return ms >= 0 ? { text: t('whistles.left', { time: span(ms) }), late: false } : { text: t('whistles.overdueBy', { time: span(-ms) }), late: true };
}

/** Today on the Shanghai calendar, YYYY-MM-DD (en-CA formats dates that way). */
export const todayIso = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

const percent = (v: number | null) => (v === null ? '—' : `${Math.round(v * 1000) / 10}%`);
const hours = (v: number | null) => (v === null ? '—' : (Math.round(v * 10) / 10).toString());

export const statsColumns = (): Column<StatsRow>[] => [
  { prop: 'departmentName', label: t('whistles.department'), minWidth: 140 },
  { prop: 'called', label: t('whistles.called'), width: 90 },
  { prop: 'reported', label: t('whistles.reported'), width: 90 },
  { prop: 'onTime', label: t('whistles.onTime'), width: 80 },
  { prop: 'late', label: t('whistles.lateCount'), width: 80 },
  { prop: 'missing', label: t('whistles.missingCount'), width: 90 },
  { prop: 'onTimeRate', label: t('whistles.onTimeRate'), width: 120, formatter: (r) => percent(r.onTimeRate) },
  { prop: 'avgHoursToArrive', label: t('whistles.avgHoursToArrive'), minWidth: 150, formatter: (r) => hours(r.avgHoursToArrive) },
  { prop: 'avgHoursToReport', label: t('whistles.avgHoursToReport'), minWidth: 150, formatter: (r) => hours(r.avgHoursToReport) },
];
