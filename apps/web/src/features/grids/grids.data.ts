import { LIMITS } from '@jiceng/contract/constants';
import type { GridView, OrgView } from '@jiceng/contract';
import type { FieldDef, TreeOption } from '../../ui/form';
import type { Column } from '../../ui/table';
import { t } from '../../i18n';

/** 篇二 1: 50–100 户一网格 (policy grid.minHouseholds / grid.maxHouseholds); outside the range is flagged, not refused. */
export const sizeFlagText = (g: GridView): string => (g.sizeFlag === 'tooFew' ? t('grids.tooFew') : g.sizeFlag === 'tooMany' ? t('grids.tooMany') : '');

export const centralText = (g: GridView): string => g.centralHouseholds.map((c) => c.name).join('、') || '—';

export const gridColumns = (): Column<GridView>[] => [
  { prop: 'code', label: t('grids.code'), width: 130 },
  { prop: 'orgName', label: t('people.village'), minWidth: 170, formatter: (g) => g.orgName ?? '—' },
  { prop: 'partyGroupName', label: t('grids.partyGroup'), minWidth: 150, formatter: (g) => g.partyGroupName ?? '—' },
  { prop: 'centralHouseholds', label: t('grids.central'), minWidth: 150, formatter: centralText },
];

export const gridFormFields = (mode: 'create' | 'edit', villageTree: TreeOption[], partyGroups: readonly OrgView[], boundaryError?: string): FieldDef[] => [
  { prop: 'orgId', label: t('people.village'), kind: 'treeSelect', required: true, disabled: mode === 'edit', tree: villageTree },
  { prop: 'name', label: t('grids.name'), kind: 'text', required: true, maxlength: LIMITS.nameMax, placeholder: '第一网格' },
  { prop: 'code', label: t('grids.code'), kind: 'text', required: true, maxlength: LIMITS.codeMax, hint: 'A–Z 0–9 - _' },
  {
    prop: 'partyGroupId', label: t('grids.partyGroup'), kind: 'select', filterable: true,
    options: partyGroups.map((o) => ({ value: o.id, label: o.name })),
  },
  { prop: 'boundary', label: t('grids.boundary'), kind: 'textarea', hint: t('grids.boundaryHint'), warning: boundaryError, placeholder: '{"type":"Polygon","coordinates":[[[114.3,29.8],…]]}' },
];

export interface DetailItem {
  label: string;
  value: string;
}
export const gridDetailItems = (g: GridView): DetailItem[] => [
  { label: t('grids.code'), value: g.code },
  { label: t('people.village'), value: g.orgName ?? '—' },
  { label: t('grids.partyGroup'), value: g.partyGroupName ?? '—' },
  { label: t('grids.households'), value: [String(g.householdCount), sizeFlagText(g), `(${g.householdRange.min}–${g.householdRange.max})`].filter(Boolean).join(' · ') },
  { label: t('grids.central'), value: g.centralHouseholds.map((c) => (c.phone ? `${c.name} ${c.phone}` : c.name)).join('、') || '—' },
];

/** A distinct colour per grid (golden-angle hues), stable for a grid's position in the list. */
export const gridColour = (i: number): string => `hsl(${Math.round((i * 137.508) % 360)} 65% 45%)`;
