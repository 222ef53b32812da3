import { AUDIT_ACTION_LABELS } from '@jiceng/contract/constants';
import type { AccessHistory, ExportLog, UnmaskReport } from '@jiceng/contract';
import type { Column } from '../../ui/table';
import { label, t } from '../../i18n';
import { formatTime } from '../../ui/format';

type Unmask = UnmaskReport['items'][number];
type Exported = ExportLog['items'][number];
type Access = AccessHistory['items'][number];

const actionText = (a: string) => (AUDIT_ACTION_LABELS[a] ? label(AUDIT_ACTION_LABELS[a]) : a);

export const unmaskColumns = (): Column<Unmask>[] => [
  { prop: 'at', label: t('privacy.time'), width: 170, formatter: (e) => formatTime(e.at, true) },
  { prop: 'actorName', label: t('privacy.actor'), minWidth: 140, formatter: (e) => e.actorName ?? '—' },
  { prop: 'reason', label: t('privacy.reason'), minWidth: 180, formatter: (e) => e.reason ?? t('privacy.noReason') },
  { prop: 'people', label: t('privacy.people'), minWidth: 200, formatter: (e) => e.people.map((p) => p.name ?? p.id.slice(0, 8)).join('、') + (e.count > e.people.length ? ' …' : '') },
  { prop: 'count', label: t('privacy.count'), width: 80, formatter: (e) => String(e.count) },
  { prop: 'ip', label: t('privacy.ip'), width: 120, formatter: (e) => e.ip ?? '—' },
];

export const exportColumns = (): Column<Exported>[] => [
  { prop: 'at', label: t('privacy.time'), width: 170, formatter: (e) => formatTime(e.at, true) },
  { prop: 'actorName', label: t('privacy.actor'), minWidth: 140, formatter: (e) => e.actorName ?? '—' },
  { prop: 'action', label: t('privacy.action'), minWidth: 120, formatter: (e) => actionText(e.action) },
  { prop: 'rows', label: t('privacy.rows'), width: 90, formatter: (e) => (e.rows === null ? '—' : String(e.rows)) },
  { prop: 'purpose', label: t('privacy.purpose'), minWidth: 180, formatter: (e) => e.purpose ?? '—' },
  { prop: 'clear', label: t('privacy.clear'), width: 70, formatter: (e) => (e.clear ? t('common.yes') : t('common.no')) },
];

export const accessColumns = (): Column<Access>[] => [
  { prop: 'at', label: t('privacy.time'), width: 170, formatter: (e) => formatTime(e.at, true) },
  { prop: 'actorName', label: t('privacy.actor'), minWidth: 140, formatter: (e) => e.actorName ?? '—' },
  { prop: 'action', label: t('privacy.action'), minWidth: 150, formatter: (e) => actionText(e.action) },
  { prop: 'reason', label: t('privacy.reason'), minWidth: 180, formatter: (e) => e.reason ?? '—' },
  { prop: 'ip', label: t('privacy.ip'), width: 120, formatter: (e) => e.ip ?? '—' },
];
