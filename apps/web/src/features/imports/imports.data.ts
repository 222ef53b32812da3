import type { ImportKind, ImportRowError } from '@jiceng/contract';
import type { Permission } from '@jiceng/contract';
import type { Column } from '../../ui/table';
import { t } from '../../i18n';

// Mirrors the contract's IMPORT_KINDS (a zod module; the web keeps zod out of its bundle).
export const IMPORT_KINDS: readonly ImportKind[] = ['orgs', 'members', 'grids', 'households'];

export interface ImportKindCard {
  kind: ImportKind;
  title: string;
  hint: string;
  /** where the imported rows show up, and who may open it */
  listPath: string;
  listPermission: Permission;
}

export const importKindCards = (): ImportKindCard[] =>
  IMPORT_KINDS.map((kind) => ({
    kind,
    title: t(`imports.kinds.${kind}`),
    hint: t(`imports.kindHints.${kind}`),
    listPath: { orgs: '/orgs', members: '/members', grids: '/grids', households: '/households' }[kind],
    listPermission: ({ orgs: 'org.read', members: 'member.read', grids: 'grid.read', households: 'household.read' } as const)[kind],
  }));

export const importErrorColumns = (): Column<ImportRowError>[] => [
  { prop: 'row', label: t('imports.row'), width: 80 },
  { prop: 'column', label: t('imports.column'), minWidth: 120 },
  { prop: 'reason', label: t('imports.reason'), minWidth: 260 },
];
