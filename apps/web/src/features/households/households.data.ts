import {
  GENDER_LABELS, GENDERS, LIMITS, RELATION_LABELS, RELATIONS, VISIT_TAG_LABELS, VISIT_TAGS, type VisitTag,
} from '@jiceng/contract/constants';
import type { GridView, HouseholdView, ResidentView } from '@jiceng/contract';
import type { FieldDef, TreeOption } from '../../ui/form';
import type { Column } from '../../ui/table';
import { label, t } from '../../i18n';
import { labelOptions } from '../../ui/options';
import { birthText, idNumberWarning } from '../members/members.data';

export const tagOptions = () => labelOptions(VISIT_TAGS, VISIT_TAG_LABELS);
export const relationOptions = () => labelOptions(RELATIONS, RELATION_LABELS);
export const genderOptions = () => labelOptions(GENDERS, GENDER_LABELS);
export const tagLabel = (tag: VisitTag) => label(VISIT_TAG_LABELS[tag]);

export const householdColumns = (): Column<HouseholdView>[] => [
  { prop: 'address', label: t('people.address'), minWidth: 200 },
  { prop: 'residentCount', label: t('households.residentCount'), width: 80 },
  { prop: 'gridName', label: t('people.grid'), minWidth: 110, formatter: (h) => h.gridName ?? '—' },
  { prop: 'orgName', label: t('people.village'), minWidth: 170, formatter: (h) => h.orgName ?? '—' },
  { prop: 'phone', label: t('people.phone'), width: 130, formatter: (h) => h.phone ?? '—' },
];

export const residentColumns = (): Column<ResidentView>[] => [
  { prop: 'relation', label: t('households.relation'), width: 96, formatter: (r) => label(RELATION_LABELS[r.relation]) },
  { prop: 'gender', label: t('people.gender'), width: 64, formatter: (r) => (r.gender ? label(GENDER_LABELS[r.gender]) : '—') },
  { prop: 'birthDate', label: t('people.birthDate'), width: 110, formatter: (r) => birthText(r) },
  { prop: 'idNumber', label: t('people.idNumber'), width: 180, formatter: (r) => r.idNumber ?? '—' },
  { prop: 'phone', label: t('people.phone'), width: 120, formatter: (r) => r.phone ?? '—' },
  { prop: 'disability', label: t('households.disability'), minWidth: 100, formatter: (r) => r.disability ?? '—' },
  { prop: 'health', label: t('households.health'), minWidth: 90, formatter: (r) => r.health ?? '—' },
  { prop: 'poverty', label: t('households.poverty'), minWidth: 100, formatter: (r) => r.poverty ?? '—' },
];

/** 户: where it is and what it needs; residents are entered in the same dialog when it is created. */
export const householdFormFields = (mode: 'create' | 'edit', villageTree: TreeOption[], grids: readonly GridView[]): FieldDef[] => [
  ...(mode === 'create' ? [{ prop: 'orgId', label: t('people.village'), kind: 'treeSelect' as const, required: true, tree: villageTree }] : []),
  { prop: 'gridId', label: t('people.grid'), kind: 'select', filterable: true, options: grids.map((g) => ({ value: g.id, label: g.name })) },
  { prop: 'address', label: t('people.address'), kind: 'text', required: true, maxlength: 200 },
  { prop: 'phone', label: t('people.phone'), kind: 'text', maxlength: LIMITS.phoneMax },
  { prop: 'visitTags', label: t('households.tags'), kind: 'multiselect', options: tagOptions() },
  { prop: 'note', label: t('people.note'), kind: 'textarea', maxlength: 500 },
];

export const residentFormFields = (model: Record<string, unknown>): FieldDef[] => [
  { prop: 'name', label: t('people.name'), kind: 'text', required: true, maxlength: 30 },
  { prop: 'relation', label: t('households.relation'), kind: 'select', required: true, options: relationOptions() },
  { prop: 'idNumber', label: t('people.idNumber'), kind: 'text', maxlength: 18, warning: idNumberWarning(model.idNumber) },
  { prop: 'gender', label: t('people.gender'), kind: 'select', options: genderOptions() },
  { prop: 'birthDate', label: t('people.birthDate'), kind: 'date' },
  { prop: 'phone', label: t('people.phone'), kind: 'text', maxlength: LIMITS.phoneMax },
  { prop: 'disability', label: t('households.disability'), kind: 'text', maxlength: 100, placeholder: '如：肢体二级' },
  { prop: 'health', label: t('households.health'), kind: 'text', maxlength: 100, placeholder: '如：孕妇、慢性病' },
  { prop: 'poverty', label: t('households.poverty'), kind: 'text', maxlength: 100, placeholder: '如：低保户、脱贫监测户' },
];

export interface DetailItem {
  label: string;
  value: string;
}
export const householdDetailItems = (h: HouseholdView): DetailItem[] => [
  { label: t('households.head'), value: h.headName },
  { label: t('people.address'), value: h.address },
  { label: t('people.village'), value: h.orgName ?? '—' },
  { label: t('people.grid'), value: h.gridName ?? '—' },
  { label: t('people.phone'), value: h.phone ?? '—' },
  { label: t('households.residentCount'), value: String(h.residentCount) },
  { label: t('people.note'), value: h.note ?? '—' },
];

/** The editable fields of a resident, as the API wants them ('' → null). */
export const RESIDENT_PROPS = ['name', 'relation', 'gender', 'birthDate', 'phone', 'idNumber', 'disability', 'health', 'poverty'] as const;
