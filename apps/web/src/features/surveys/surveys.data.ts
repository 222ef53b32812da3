import type { SurveyDrawSummary, SurveyLevel } from '@jiceng/contract';
import { t } from '../../i18n';
import { formatTime } from '../../ui/format';
import type { Column } from '../../ui/table';

export const LEVELS: SurveyLevel[] = ['city', 'county', 'township'];
export const levelLabel = (l: SurveyLevel) => t(`surveys.levels.${l}`);

/** Columns of the draw list (a function so labels follow the locale). */
export const drawColumns = (): Column<SurveyDrawSummary>[] => [
  { prop: 'title', label: t('surveys.title'), minWidth: 200 },
  { prop: 'level', label: t('surveys.level'), width: 90, formatter: (d) => levelLabel(d.level) },
  { prop: 'orgName', label: t('surveys.org'), minWidth: 160 },
  { prop: 'progress', label: t('surveys.progress'), width: 110, formatter: (d) => `${d.answeredCount} / ${d.drawnCount}` },
  { prop: 'createdAt', label: t('surveys.createdAt'), width: 160, formatter: (d) => formatTime(d.createdAt) },
  { prop: 'createdByName', label: t('surveys.createdBy'), width: 140, formatter: (d) => d.createdByName ?? '' },
];

/** The levels an account may draw at: county-wide accounts city or county (and township), townships their own. */
export const levelsFor = (role: string | undefined): SurveyLevel[] => (role === 'countyAdmin' ? LEVELS : ['township']);
