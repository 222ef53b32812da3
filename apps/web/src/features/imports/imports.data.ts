import { IMPORT_KINDS } from '@jiceng/contract/constants';
import type { ImportKind, ImportRowError, Permission } from '@jiceng/contract';
import type { Column } from '../../ui/table';
import { t } from '../../i18n';

export { IMPORT_KINDS };

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
