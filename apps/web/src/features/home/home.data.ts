// The home page: the caller's dashboard (GET /api/dashboard, one request) and the shortcuts of the menu.
import type { Dashboard, DashboardList } from '@jiceng/contract';
import { http } from '../../api/http';
import { t } from '../../i18n';
import { formatTime } from '../../ui/format';

export const loadDashboard = () => http.get<Dashboard>('/api/dashboard', undefined, { quiet: true });

/** the note of a list row: days overdue of a must-visit, the deadline of a whistle report */
export function rowNote(list: DashboardList, note: string | null): string {
  if (list.key === 'reportDeadlines') return note ? t('dashboards.note.dueAt', { time: formatTime(note) }) : '';
  if (note === null) return t('dashboards.note.neverVisited');
  return Number(note) > 0 ? t('dashboards.note.daysOverdue', { n: note }) : '';
}
