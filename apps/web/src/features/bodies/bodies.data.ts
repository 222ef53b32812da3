import {
  BODY_KIND_LABELS, BODY_KINDS, LIMITS, PAIRING_KIND_LABELS, PAIRING_KINDS, PARTNER_KIND_LABELS, PARTNER_KINDS,
  REQUIRED_BODY_KINDS, type BodyKind, type PartnerKind,
} from '@jiceng/contract/constants';
import type { BodyView, DepartmentView, OrgView, PairingView } from '@jiceng/contract';
import type { FieldDef, TreeOption } from '../../ui/form';
import type { Column } from '../../ui/table';
import { label, t } from '../../i18n';
import { labelOptions } from '../../ui/options';

export const bodyKindLabel = (k: BodyKind) => label(BODY_KIND_LABELS[k]);

export interface VillageBodies {
  village: OrgView;
  present: BodyKind[];
  /** which of the "3" autonomous bodies of 131n (篇二 2) are missing */
  missing: BodyKind[];
  others: number;
}

/** Per village: which required autonomous bodies exist, which are missing, how many others. */
export function villageSummary(villages: readonly OrgView[], bodies: readonly BodyView[]): VillageBodies[] {
  return villages.map((village) => {
    const kinds = new Set(bodies.filter((b) => b.orgId === village.id).map((b) => b.kind));
    return {
      village,
      present: REQUIRED_BODY_KINDS.filter((k) => kinds.has(k)),
      missing: REQUIRED_BODY_KINDS.filter((k) => !kinds.has(k)),
      others: bodies.filter((b) => b.orgId === village.id && !REQUIRED_BODY_KINDS.includes(b.kind)).length,
    };
  });
}

export const bodyColumns = (): Column<BodyView>[] => [
  { prop: 'name', label: t('bodies.name'), minWidth: 180 },
  { prop: 'kind', label: t('bodies.kind'), minWidth: 130, formatter: (b) => bodyKindLabel(b.kind) },
  { prop: 'orgName', label: t('people.village'), minWidth: 170, formatter: (b) => b.orgName ?? '—' },
  { prop: 'leaderName', label: t('bodies.leader'), width: 100, formatter: (b) => b.leaderName ?? '—' },
  { prop: 'leaderPhone', label: t('bodies.leaderPhone'), width: 130, formatter: (b) => b.leaderPhone ?? '—' },
  { prop: 'memberCount', label: t('bodies.memberCount'), width: 80, formatter: (b) => (b.memberCount === null ? '—' : String(b.memberCount)) },
];

export const bodyFormFields = (mode: 'create' | 'edit', villageTree: TreeOption[]): FieldDef[] => [
  ...(mode === 'create' ? [{ prop: 'orgId', label: t('people.village'), kind: 'treeSelect' as const, required: true, tree: villageTree }] : []),
  { prop: 'kind', label: t('bodies.kind'), kind: 'select', required: true, options: labelOptions(BODY_KINDS, BODY_KIND_LABELS) },
  { prop: 'name', label: t('bodies.name'), kind: 'text', required: true, maxlength: LIMITS.nameMax },
  { prop: 'leaderName', label: t('bodies.leader'), kind: 'text', maxlength: 30 },
  { prop: 'leaderPhone', label: t('bodies.leaderPhone'), kind: 'text', maxlength: LIMITS.phoneMax },
  { prop: 'memberCount', label: t('bodies.memberCount'), kind: 'text', maxlength: 6 },
  { prop: 'note', label: t('people.note'), kind: 'textarea', maxlength: 500 },
];

export const pairingColumns = (): Column<PairingView>[] => [
  { prop: 'orgName', label: t('people.village'), minWidth: 170, formatter: (p) => p.orgName ?? '—' },
  { prop: 'kind', label: t('bodies.pairingKind'), width: 100, formatter: (p) => label(PAIRING_KIND_LABELS[p.kind]) },
  { prop: 'partnerName', label: t('bodies.partner'), minWidth: 170, formatter: (p) => `${p.partnerName}（${label(PARTNER_KIND_LABELS[p.partnerKind])}）` },
  { prop: 'purpose', label: t('bodies.purpose'), minWidth: 200, formatter: (p) => p.purpose ?? '—' },
  { prop: 'startedOn', label: t('bodies.startedOn'), width: 110 },
  { prop: 'endedOn', label: t('bodies.endedOn'), width: 110, formatter: (p) => p.endedOn ?? '—' },
];

export const pairingKindOptions = () => labelOptions(PAIRING_KINDS, PAIRING_KIND_LABELS);

/** 结对共建/帮扶/村企结对: the partner is an org, a department, or an enterprise by name. */
export const pairingFormFields = (
  mode: 'create' | 'edit',
  partnerKind: PartnerKind | undefined,
  villageTree: TreeOption[],
  orgTree: TreeOption[],
  departments: readonly DepartmentView[],
): FieldDef[] => {
  const dates: FieldDef[] = [
    { prop: 'purpose', label: t('bodies.purpose'), kind: 'textarea', maxlength: 500 },
    { prop: 'startedOn', label: t('bodies.startedOn'), kind: 'date', required: true },
    { prop: 'endedOn', label: t('bodies.endedOn'), kind: 'date' },
  ];
  if (mode === 'edit') return dates;
  const partner: FieldDef =
    partnerKind === 'department'
      ? { prop: 'partnerDepartmentId', label: t('bodies.partner'), kind: 'select', required: true, filterable: true, options: departments.filter((d) => !d.archived).map((d) => ({ value: d.id, label: d.name })) }
      : partnerKind === 'enterprise'
        ? { prop: 'partnerName', label: t('bodies.partnerName'), kind: 'text', required: true, maxlength: LIMITS.nameMax }
        : { prop: 'partnerOrgId', label: t('bodies.partner'), kind: 'treeSelect', required: true, tree: orgTree };
  return [
    { prop: 'orgId', label: t('people.village'), kind: 'treeSelect', required: true, tree: villageTree },
    { prop: 'kind', label: t('bodies.pairingKind'), kind: 'select', required: true, options: pairingKindOptions() },
    { prop: 'partnerKind', label: t('bodies.partnerKind'), kind: 'select', required: true, options: labelOptions(PARTNER_KINDS, PARTNER_KIND_LABELS) },
    partner,
    ...dates,
  ];
};
