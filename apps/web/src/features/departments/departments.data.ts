import { LIMITS } from '@jiceng/contract/constants';
import type { DepartmentView } from '@jiceng/contract';
import type { FieldDef } from '../../ui/form';
import type { Column } from '../../ui/table';
import { t } from '../../i18n';
import { formatTime } from '../../ui/format';

export const departmentColumns = (): Column<DepartmentView>[] => [
  { prop: 'name', label: t('departments.name'), minWidth: 160 },
  { prop: 'code', label: t('departments.code'), minWidth: 120 },
  { prop: 'phone', label: t('departments.phone'), minWidth: 130, formatter: (d) => d.phone ?? '—' },
  { prop: 'createdAt', label: t('orgs.createdAt'), minWidth: 150, formatter: (d) => formatTime(d.createdAt) },
];

export const departmentFields = (): FieldDef[] => [
  { prop: 'name', label: t('departments.name'), kind: 'text', required: true, maxlength: LIMITS.nameMax, placeholder: '县民政局' },
  { prop: 'code', label: t('departments.code'), kind: 'text', required: true, maxlength: LIMITS.codeMax, hint: 'A–Z 0–9 - _' },
  { prop: 'phone', label: t('departments.phone'), kind: 'text', maxlength: LIMITS.phoneMax },
];
