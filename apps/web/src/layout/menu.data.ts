import type { Component } from 'vue';
import type { Permission } from '@jiceng/contract';
import { Monitor, ChatLineSquare, FirstAidKit, List, Top, Trophy, Histogram, Medal, Pointer, Reading, Stamp, TrendCharts, AlarmClock, Bell, Calendar, Finished, Notebook, Timer, DataAnalysis, EditPen, Flag, Tickets, Warning, Connection, Collection, Coordinate, Document, HomeFilled, House, Lock, MapLocation, OfficeBuilding, Setting, Upload, User, UserFilled } from '@element-plus/icons-vue';
import { t } from '../i18n';

export interface MenuItem {
  path: string;
  title: string;
  icon: Component;
  permission?: Permission;
}

/** The side menu; an entry shows only when the account holds its permission. */
export const menuItems = (): MenuItem[] => [
  { path: '/', title: t('menu.home'), icon: HomeFilled },
  { path: '/inbox', title: t('menu.inbox'), icon: Bell, permission: 'whistle.report' },
  { path: '/cases', title: t('menu.cases'), icon: Tickets, permission: 'case.read' },
  { path: '/cases/new', title: t('menu.caseIntake'), icon: EditPen, permission: 'case.write' },
  { path: '/cases/stats', title: t('menu.caseStats'), icon: DataAnalysis, permission: 'case.read' },
  { path: '/whistles', title: t('menu.whistles'), icon: Flag, permission: 'whistle.read' },
  { path: '/visits', title: t('fieldwork.menu.visits'), icon: Notebook, permission: 'fieldwork.read' },
  { path: '/visits/overdue', title: t('fieldwork.menu.overdue'), icon: AlarmClock, permission: 'fieldwork.read' },
  { path: '/coverage', title: t('fieldwork.menu.coverage'), icon: Finished, permission: 'fieldwork.read' },
  { path: '/duty', title: t('fieldwork.menu.duty'), icon: Timer, permission: 'fieldwork.read' },
  { path: '/activities', title: t('fieldwork.menu.activities'), icon: Calendar, permission: 'fieldwork.read' },
  { path: '/volunteer', title: t('duties.menu.volunteer'), icon: Pointer, permission: 'duty.read' },
  { path: '/compliance', title: t('duties.menu.compliance'), icon: TrendCharts, permission: 'duty.read' },
  { path: '/three-ones', title: t('duties.menu.threeOnes'), icon: Medal, permission: 'duty.read' },
  { path: '/training', title: t('duties.menu.training'), icon: Reading, permission: 'duty.read' },
  { path: '/programme', title: t('duties.menu.programme'), icon: Histogram, permission: 'duty.read' },
  { path: '/commitments', title: t('duties.menu.commitments'), icon: Stamp, permission: 'duty.read' },
  { path: '/surveys', title: t('surveys.menu'), icon: DataAnalysis, permission: 'survey.read' },
  { path: '/evaluation', title: t('evaluation.menu.rounds'), icon: Trophy, permission: 'evaluation.read' },
  { path: '/evaluation/contests', title: t('evaluation.menu.contests'), icon: ChatLineSquare, permission: 'evaluation.read' },
  { path: '/rectification', title: t('evaluation.menu.rectification'), icon: FirstAidKit, permission: 'evaluation.read' },
  { path: '/evaluation/changes', title: t('evaluation.menu.changes'), icon: Top, permission: 'evaluation.read' },
  { path: '/evaluation/templates', title: t('evaluation.menu.templates'), icon: List, permission: 'evaluation.read' },
  { path: '/statistics', title: t('reports.menu.statistics'), icon: DataAnalysis, permission: 'report.read' },
  { path: '/reports', title: t('reports.menu.documents'), icon: Document, permission: 'report.read' },
  { path: '/screen-tokens', title: t('screen.menu.tokens'), icon: Monitor, permission: 'screen.manage' },
  { path: '/accountability', title: t('menu.accountability'), icon: Warning, permission: 'accountability.review' },
  { path: '/orgs', title: t('menu.orgs'), icon: Coordinate, permission: 'org.read' },
  { path: '/members', title: t('menu.members'), icon: UserFilled, permission: 'member.read' },
  { path: '/grids', title: t('menu.grids'), icon: MapLocation, permission: 'grid.read' },
  { path: '/households', title: t('menu.households'), icon: House, permission: 'household.read' },
  { path: '/bodies', title: t('menu.bodies'), icon: Connection, permission: 'body.read' },
  { path: '/catalog', title: t('menu.catalog'), icon: Collection, permission: 'catalog.read' },
  { path: '/imports', title: t('menu.imports'), icon: Upload, permission: 'import.run' },
  { path: '/accounts', title: t('menu.accounts'), icon: User, permission: 'user.read' },
  { path: '/departments', title: t('menu.departments'), icon: OfficeBuilding, permission: 'department.read' },
  { path: '/policy', title: t('menu.policy'), icon: Setting, permission: 'policy.read' },
  { path: '/calendar', title: t('menu.calendar'), icon: Calendar },
  { path: '/audit', title: t('menu.audit'), icon: Document, permission: 'audit.read' },
  { path: '/privacy', title: t('privacy.menu'), icon: Lock, permission: 'privacy.audit' },
];

