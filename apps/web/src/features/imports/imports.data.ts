import { IMPORT_KINDS } from '@jiceng/contract/constants';
import type { ImportColumnView, ImportKind, ImportMode, ImportPreview, ImportRowError, Permission } from '@jiceng/contract';
import type { Column } from '../../ui/table';
import { t } from '../../i18n';

export { IMPORT_KINDS };
/** The contract's IMPORT_MODES (kept here so the page needs no zod at runtime). */
export const IMPORT_MODES: readonly ImportMode[] = ['create', 'update'];

export interface ImportKindCard {
  kind: ImportKind;
  title: string;
  hint: string;
  /** what the counts count: households for households, rows otherwise */
  unit: string;
  /** where the imported rows show up, and who may open it */
  listPath: string;
  listPermission: Permission;
}

export const importKindCards = (): ImportKindCard[] =>
  IMPORT_KINDS.map((kind) => ({
    kind,
    title: t(`imports.kinds.${kind}`),
    hint: t(`imports.kindHints.${kind}`),
    unit: t(`imports.units.${kind}`),
    listPath: { orgs: '/orgs', members: '/members', grids: '/grids', households: '/households' }[kind],
    listPermission: ({ orgs: 'org.read', members: 'member.read', grids: 'grid.read', households: 'household.read' } as const)[kind],
  }));

export const importModeOptions = () =>
  IMPORT_MODES.map((mode) => ({ value: mode, label: t(`imports.modes.${mode}`), hint: t(`imports.modeHints.${mode}`) }));

/** What the file picker takes; .xls is refused with how to save it as .xlsx (the server says the same). */
export function fileProblem(name: string): string | null {
  const lower = name.toLowerCase();
  if (lower.endsWith('.xlsx') || lower.endsWith('.csv')) return null;
  if (lower.endsWith('.xls')) return t('imports.oldXls');
  return t('imports.onlyFiles');
}
export const FILE_ACCEPT = '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv';

export const importErrorColumns = (): Column<ImportRowError>[] => [
  // narrow minimums so the three fit a 360 px phone and the reason wraps instead of running off the card
  { prop: 'row', label: t('imports.row'), width: 56 },
  { prop: 'column', label: t('imports.column'), minWidth: 84 },
  { prop: 'reason', label: t('imports.reason'), minWidth: 160 },
];

/** The column letter goes with the header (A · 户号), so three columns fit a phone. */
export const importColumnColumns = (): Column<ImportColumnView>[] => [
  { prop: 'header', label: t('imports.header'), minWidth: 110, formatter: (c) => `${c.letter} · ${c.header}` },
  { prop: 'field', label: t('imports.field'), minWidth: 96, formatter: (c) => c.field ?? '—' },
];
const STATUS_ORDER = { ignored: 0, used: 1, readOnly: 2 } as const;
export const sortColumns = (columns: ImportColumnView[]) => [...columns].sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status]);

export const STATUS_TAG = { used: 'success', readOnly: 'info', ignored: 'danger' } as const;
export const statusLabel = (status: ImportColumnView['status']) => t(`imports.statuses.${status}`);

/** The unrecognised headers the uploader has to confirm before the import goes on. */
export const ignoredHeaders = (p: ImportPreview): string[] => p.columns.filter((c) => c.status === 'ignored').map((c) => c.header);

/** The four counts of the preview, in reading order. */
export const previewCounts = (p: ImportPreview, unit: string) => [
  { key: 'rows', label: t('imports.rows'), value: p.rows, unit: '' },
  { key: 'create', label: t('imports.willCreate'), value: p.create, unit },
  { key: 'update', label: t('imports.willUpdate'), value: p.update, unit },
  { key: 'unchanged', label: t('imports.unchanged'), value: p.unchanged, unit },
];
