import { LIMITS, ORG_LEVEL_LABELS, ORG_LEVELS, ORG_SECTOR_LABELS, ORG_SECTORS, ORG_TIER_LABELS, ORG_TIERS, ROLE_LABELS } from '@jiceng/contract/constants';
import type { OrgView, UserView } from '@jiceng/contract';
import type { FieldDef, FieldOption } from '../../ui/form';
import { label, t } from '../../i18n';
import { formatTime } from '../../ui/format';
import type { Column } from '../../ui/table';

const options = <K extends string>(keys: readonly K[], labels: Record<K, { 'zh-CN': string; en: string }>): FieldOption[] =>
  keys.map((k) => ({ value: k, label: label(labels[k]) }));

/** 新增下级 / 编辑: tier is fixed once created (moving changes the place, not the tier). */
export const orgFormFields = (mode: 'create' | 'edit'): FieldDef[] => [
  { prop: 'name', label: t('orgs.name'), kind: 'text', required: true, maxlength: LIMITS.nameMax, placeholder: '中共××村支部委员会' },
  { prop: 'code', label: t('orgs.code'), kind: 'text', required: true, maxlength: LIMITS.codeMax, hint: 'A–Z 0–9 - _' },
  { prop: 'tier', label: t('orgs.tier'), kind: 'select', required: true, disabled: mode === 'edit', options: options(ORG_TIERS, ORG_TIER_LABELS) },
  { prop: 'level', label: t('orgs.level'), kind: 'select', required: true, options: options(ORG_LEVELS, ORG_LEVEL_LABELS) },
  { prop: 'sector', label: t('orgs.sector'), kind: 'select', required: true, options: options(ORG_SECTORS, ORG_SECTOR_LABELS) },
];

export interface DetailItem {
  label: string;
  value: string;
}

export const orgDetailItems = (org: OrgView, parent: OrgView | undefined, childCount: number): DetailItem[] => [
  { label: t('orgs.name'), value: org.name },
  { label: t('orgs.code'), value: org.code },
  { label: t('orgs.tier'), value: label(ORG_TIER_LABELS[org.tier]) },
  { label: t('orgs.level'), value: label(ORG_LEVEL_LABELS[org.level]) },
  { label: t('orgs.sector'), value: label(ORG_SECTOR_LABELS[org.sector]) },
  { label: t('orgs.depth'), value: t('orgs.depthValue', { n: org.depth + 1 }) },
  { label: t('orgs.parent'), value: parent?.name ?? org.parentName ?? '—' },
  { label: t('orgs.childCount'), value: String(childCount) },
  { label: t('orgs.createdAt'), value: formatTime(org.createdAt) },
  { label: t('orgs.updatedAt'), value: formatTime(org.updatedAt) },
];

export const boundAccountColumns = (): Column<UserView>[] => [
  { prop: 'displayName', label: t('accounts.displayName'), minWidth: 110 },
  { prop: 'username', label: t('accounts.username'), minWidth: 110 },
  { prop: 'role', label: t('accounts.role'), minWidth: 110, formatter: (u) => label(ROLE_LABELS[u.role]) },
  { prop: 'disabled', label: t('common.status'), width: 80, formatter: (u) => (u.disabled ? t('common.disabled') : t('common.enabled')) },
];
