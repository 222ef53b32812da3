import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS } from '@jiceng/contract/constants';
import type { AuditEntryView } from '@jiceng/contract';
import type { FieldOption } from '../../ui/form';
import type { Column } from '../../ui/table';
import { label, t } from '../../i18n';
import { formatTime } from '../../ui/format';

export const actionOptions = (): FieldOption[] =>
  Object.entries(AUDIT_ACTION_LABELS).map(([value, l]) => ({ value, label: label(l) }));

export const entityOptions = (): FieldOption[] =>
  Object.entries(AUDIT_ENTITY_LABELS).map(([value, l]) => ({ value, label: label(l) }));

/** One line of the detail: the first few keys, values cut short (the full JSON is in the expanded row). */
export function detailSummary(detail: Record<string, unknown>, max = 3): string {
  const parts = Object.entries(detail)
    .slice(0, max)
    .map(([k, v]) => `${k}: ${typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)}`)
    .map((s) => (s.length > 40 ? `${s.slice(0, 39)}…` : s));
  return parts.join('，') + (Object.keys(detail).length > max ? ' …' : '');
}

export const auditColumns = (): Column<AuditEntryView>[] => [
  { prop: 'at', label: t('audit.time'), width: 170, formatter: (e) => formatTime(e.at, true) },
  { prop: 'actorName', label: t('audit.actor'), minWidth: 140, formatter: (e) => e.actorName ?? '—' },
  { prop: 'action', label: t('audit.action'), minWidth: 110, formatter: (e) => (AUDIT_ACTION_LABELS[e.action] ? label(AUDIT_ACTION_LABELS[e.action]) : e.action) },
  { prop: 'entity', label: t('audit.entity'), minWidth: 90, formatter: (e) => (AUDIT_ENTITY_LABELS[e.entity] ? label(AUDIT_ENTITY_LABELS[e.entity]) : e.entity) },
  { prop: 'detail', label: t('audit.summary'), minWidth: 240, formatter: (e) => detailSummary(e.detail) },
  { prop: 'ip', label: t('audit.ip'), width: 120, formatter: (e) => e.ip ?? '—' },
  { prop: 'hash', label: t('audit.hash'), width: 110, formatter: (e) => e.hash.slice(0, 10) },
];
