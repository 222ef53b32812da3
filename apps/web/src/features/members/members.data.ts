import {
  ERROR_MESSAGES, GENDER_LABELS, GENDERS, MEMBER_STATUS_LABELS, MEMBER_STATUSES, POSITION_KIND_LABELS, POSITION_KINDS,
  idNumberProblem, type ErrorCode, type MemberStatus,
} from '@jiceng/contract/constants';
import type { GridView, MemberView, PositionView } from '@jiceng/contract';
import type { FieldDef, TreeOption } from '../../ui/form';
import type { Column } from '../../ui/table';
import { currentLocale, label, t } from '../../i18n';
import { labelOptions } from '../../ui/options';

export const statusOptions = () => labelOptions(MEMBER_STATUSES, MEMBER_STATUS_LABELS);
export const positionOptions = () => labelOptions(POSITION_KINDS, POSITION_KIND_LABELS);
export const floatingOptions = () => [
  { value: 'true', label: t('members.floatingYes') },
  { value: 'false', label: t('members.floatingNo') },
];

/** el-tag colour of a status: full members plain, probationary and activists stand out. */
export const STATUS_TAG: Record<MemberStatus, 'danger' | 'warning' | 'success'> = { formal: 'danger', probationary: 'warning', activist: 'success' };

/** Masked views carry the birth year only (the date would complete a masked ID number). */
export const birthText = (p: { birthDate: string | null; birthYear: number | null }): string =>
  p.birthDate ?? (p.birthYear ? t('people.birthYearOnly', { year: p.birthYear }) : '—');

export const currentPositionText = (m: MemberView): string =>
  m.positions.filter((p) => p.current).map((p) => p.title || label(POSITION_KIND_LABELS[p.kind])).join('、') || '—';

export const memberColumns = (): Column<MemberView>[] => [
  { prop: 'gender', label: t('people.gender'), width: 64, formatter: (m) => (m.gender ? label(GENDER_LABELS[m.gender]) : '—') },
  { prop: 'birthDate', label: t('people.birthDate'), width: 110, formatter: (m) => birthText(m) },
  { prop: 'orgName', label: t('people.org'), minWidth: 180, formatter: (m) => m.orgName ?? '—' },
  { prop: 'gridName', label: t('people.grid'), minWidth: 110, formatter: (m) => m.gridName ?? '—' },
  { prop: 'positions', label: t('members.positions'), minWidth: 140, formatter: currentPositionText },
  { prop: 'phone', label: t('people.phone'), width: 120, formatter: (m) => m.phone ?? '—' },
  { prop: 'idNumber', label: t('people.idNumber'), width: 180, formatter: (m) => m.idNumber ?? '—' },
];

/** A live 公民身份号码 check (GB 11643) in the user's language; the server checks again. */
export function idNumberWarning(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.trim() === '' || value.includes('*')) return undefined;
  const problem = idNumberProblem(value);
  return problem ? ERROR_MESSAGES[problem as ErrorCode][currentLocale.value] : undefined;
}

/**
 * 新增/编辑党员. The dates shown follow the status: 积极分子 → 确定积极分子; 预备党员 → + 接收预备党员;
 * 正式党员 → + 转正. 流动去向 only for floating members.
 */
export const memberFormFields = (model: Record<string, unknown>, orgTree: TreeOption[], grids: readonly GridView[]): FieldDef[] => {
  const status = model.status as MemberStatus | undefined;
  const fields: FieldDef[] = [
    { prop: 'name', label: t('people.name'), kind: 'text', required: true, maxlength: 30 },
    { prop: 'idNumber', label: t('people.idNumber'), kind: 'text', maxlength: 18, warning: idNumberWarning(model.idNumber) },
    { prop: 'gender', label: t('people.gender'), kind: 'select', options: labelOptions(GENDERS, GENDER_LABELS) },
    { prop: 'birthDate', label: t('people.birthDate'), kind: 'date' },
    { prop: 'phone', label: t('people.phone'), kind: 'text', maxlength: 20 },
    { prop: 'orgId', label: t('people.org'), kind: 'treeSelect', required: true, tree: orgTree, hint: t('members.orgHint') },
    {
      prop: 'gridId', label: t('people.grid'), kind: 'select', filterable: true, disabled: !model.orgId,
      options: grids.map((g) => ({ value: g.id, label: g.name })),
    },
    { prop: 'status', label: t('members.status'), kind: 'select', required: true, options: statusOptions() },
    { prop: 'activistOn', label: t('members.activistOn'), kind: 'date' },
  ];
  if (status === 'probationary' || status === 'formal') fields.push({ prop: 'admittedOn', label: t('members.admittedOn'), kind: 'date' });
  if (status === 'formal') fields.push({ prop: 'fullOn', label: t('members.fullOn'), kind: 'date' });
  fields.push({ prop: 'floating', label: t('members.floating'), kind: 'switch' });
  if (model.floating) fields.push({ prop: 'floatingTo', label: t('members.floatingTo'), kind: 'text', required: true, maxlength: 100, placeholder: '如：广东省深圳市' });
  return fields;
};

export const positionFormFields = (grids: readonly GridView[]): FieldDef[] => [
  { prop: 'kind', label: t('members.positionKind'), kind: 'select', required: true, options: positionOptions() },
  { prop: 'title', label: t('members.positionTitle'), kind: 'text', maxlength: 60, placeholder: '如：九员一长·卫生监督员' },
  { prop: 'gridId', label: t('people.grid'), kind: 'select', filterable: true, options: grids.map((g) => ({ value: g.id, label: g.name })) },
  { prop: 'startedOn', label: t('members.startedOn'), kind: 'date', required: true },
];

export const positionColumns = (): Column<PositionView>[] => [
  { prop: 'kind', label: t('members.positionKind'), minWidth: 150, formatter: (p) => label(POSITION_KIND_LABELS[p.kind]) },
  { prop: 'title', label: t('members.positionTitle'), minWidth: 120, formatter: (p) => p.title ?? '—' },
  { prop: 'orgName', label: t('members.positionOrg'), minWidth: 160, formatter: (p) => [p.orgName, p.gridName].filter(Boolean).join(' · ') || '—' },
  { prop: 'startedOn', label: t('members.startedOn'), width: 110 },
  { prop: 'endedOn', label: t('members.endedOn'), width: 110, formatter: (p) => p.endedOn ?? '—' },
];

export interface DetailItem {
  label: string;
  value: string;
}
export const memberDetailItems = (m: MemberView): DetailItem[] => [
  { label: t('people.gender'), value: m.gender ? label(GENDER_LABELS[m.gender]) : '—' },
  { label: t('people.birthDate'), value: birthText(m) },
  { label: t('people.idNumber'), value: m.idNumber ?? '—' },
  { label: t('people.phone'), value: m.phone ?? '—' },
  { label: t('people.org'), value: m.orgName ?? '—' },
  { label: t('people.grid'), value: m.gridName ?? '—' },
  { label: t('members.activistOn'), value: m.activistOn ?? '—' },
  { label: t('members.admittedOn'), value: m.admittedOn ?? '—' },
  { label: t('members.fullOn'), value: m.fullOn ?? '—' },
  { label: t('members.floating'), value: m.floating ? `${t('common.yes')} · ${m.floatingTo ?? ''}` : t('common.no') },
];
