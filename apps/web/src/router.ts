import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { ElMessage } from 'element-plus';
import type { Permission } from '@jiceng/contract';
import { setUnauthorizedHandler } from './api/http';
import { useSession } from './stores/session';
import { t } from './i18n';

declare module 'vue-router' {
  interface RouteMeta {
    /** pages without login */
    public?: boolean;
    /** open to a half-session that must enrol two-factor sign-in first, and to everyone logged in */
    halfSession?: boolean;
    permission?: Permission;
    /** i18n key of the page title */
    title?: string;
  }
}

const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('./features/auth/LoginPage.vue'), meta: { public: true, title: 'login.title' } },
  { path: '/security/two-factor', name: 'twoFactor', component: () => import('./features/auth/TwoFactorPage.vue'), meta: { halfSession: true, title: 'totp.title' } },
  { path: '/public/catalog', name: 'publicCatalog', component: () => import('./features/catalog/PublicCatalogPage.vue'), meta: { public: true, title: 'catalog.publicTitle' } },
  { path: '/public/catalog/:id', name: 'publicCatalogItem', component: () => import('./features/catalog/PublicItemPage.vue'), meta: { public: true, title: 'portal.guide.title' } },
  { path: '/public/board', name: 'publicBoard', component: () => import('./features/duties/NoticeBoardPage.vue'), meta: { public: true, title: 'duties.commitments.board.title' } },
  // 群众端: no account, phone first
  { path: '/portal', name: 'portal', component: () => import('./features/portal/PortalSubmitPage.vue'), meta: { public: true, title: 'portal.title' } },
  // 大屏: the meeting room's screen, opened with a read-only display token (no login)
  { path: '/screen', name: 'screen', component: () => import('./features/screen/BigScreenPage.vue'), meta: { public: true, title: 'screen.menu.screen' } },
  // 受理回执: a print page without the desk's menus (A5 or an 80 mm receipt printer)
  { path: '/cases/:id/receipt', name: 'caseReceipt', component: () => import('./features/cases/CaseReceiptPage.vue'), meta: { permission: 'case.read', title: 'cases.receipt.title' } },
  { path: '/portal/track', name: 'portalTrack', component: () => import('./features/portal/PortalTrackPage.vue'), meta: { public: true, title: 'portal.trackTitle' } },
  {
    path: '/',
    component: () => import('./layout/AppLayout.vue'),
    children: [
      { path: '', name: 'home', component: () => import('./features/home/HomePage.vue'), meta: { title: 'menu.home' } },
      { path: 'orgs', name: 'orgs', component: () => import('./features/orgs/OrgsPage.vue'), meta: { permission: 'org.read', title: 'menu.orgs' } },
      { path: 'accounts', name: 'accounts', component: () => import('./features/accounts/AccountsPage.vue'), meta: { permission: 'user.read', title: 'menu.accounts' } },
      { path: 'departments', name: 'departments', component: () => import('./features/departments/DepartmentsPage.vue'), meta: { permission: 'department.read', title: 'menu.departments' } },
      { path: 'policy', name: 'policy', component: () => import('./features/policy/PolicyPage.vue'), meta: { permission: 'policy.read', title: 'menu.policy' } },
      { path: 'calendar', name: 'calendar', component: () => import('./features/calendar/CalendarPage.vue'), meta: { title: 'menu.calendar' } },
      { path: 'audit', name: 'audit', component: () => import('./features/audit/AuditPage.vue'), meta: { permission: 'audit.read', title: 'menu.audit' } },
      { path: 'privacy', name: 'privacy', component: () => import('./features/privacy/PrivacyPage.vue'), meta: { permission: 'privacy.audit', title: 'privacy.menu' } },
      { path: 'members', name: 'members', component: () => import('./features/members/MembersPage.vue'), meta: { permission: 'member.read', title: 'menu.members' } },
      { path: 'members/:id', name: 'memberFile', component: () => import('./features/members/MemberFilePage.vue'), meta: { permission: 'member.read', title: 'menu.memberFile' } },
      { path: 'grids', name: 'grids', component: () => import('./features/grids/GridsPage.vue'), meta: { permission: 'grid.read', title: 'menu.grids' } },
      // Leaflet is in this route's chunk only
      { path: 'grids/map', name: 'gridMap', component: () => import('./features/grids/GridMapPage.vue'), meta: { permission: 'grid.read', title: 'menu.gridMap' } },
      { path: 'grids/:id', name: 'grid', component: () => import('./features/grids/GridDetailPage.vue'), meta: { permission: 'grid.read', title: 'menu.gridDetail' } },
      { path: 'households', name: 'households', component: () => import('./features/households/HouseholdsPage.vue'), meta: { permission: 'household.read', title: 'menu.households' } },
      { path: 'households/:id', name: 'household', component: () => import('./features/households/HouseholdDetailPage.vue'), meta: { permission: 'household.read', title: 'menu.householdDetail' } },
      { path: 'bodies', name: 'bodies', component: () => import('./features/bodies/BodiesPage.vue'), meta: { permission: 'body.read', title: 'menu.bodies' } },
      { path: 'catalog', name: 'catalog', component: () => import('./features/catalog/CatalogPage.vue'), meta: { permission: 'catalog.read', title: 'menu.catalog' } },
      { path: 'cases', name: 'cases', component: () => import('./features/cases/CasesPage.vue'), meta: { permission: 'case.read', title: 'menu.cases' } },
      { path: 'cases/new', name: 'caseIntake', component: () => import('./features/cases/CaseIntakePage.vue'), meta: { permission: 'case.write', title: 'menu.caseIntake' } },
      { path: 'cases/stats', name: 'caseStats', component: () => import('./features/cases/CaseStatsPage.vue'), meta: { permission: 'case.read', title: 'menu.caseStats' } },
      { path: 'cases/:id', name: 'case', component: () => import('./features/cases/CaseDetailPage.vue'), meta: { permission: 'case.read', title: 'menu.caseDetail' } },
      { path: 'accountability', name: 'accountability', component: () => import('./features/cases/AccountabilityPage.vue'), meta: { permission: 'accountability.review', title: 'menu.accountability' } },
      { path: 'whistles', name: 'whistles', component: () => import('./features/whistles/WhistlesPage.vue'), meta: { permission: 'whistle.read', title: 'menu.whistles' } },
      { path: 'whistles/:id', name: 'whistle', component: () => import('./features/whistles/WhistleDetailPage.vue'), meta: { permission: 'whistle.read', title: 'menu.whistleDetail' } },
      { path: 'inbox', name: 'inbox', component: () => import('./features/whistles/DepartmentInboxPage.vue'), meta: { permission: 'whistle.report', title: 'menu.inbox' } },
      { path: 'visits', name: 'visits', component: () => import('./features/fieldwork/VisitsPage.vue'), meta: { permission: 'fieldwork.read', title: 'fieldwork.menu.visits' } },
      { path: 'visits/overdue', name: 'overdueVisits', component: () => import('./features/fieldwork/OverdueVisitsPage.vue'), meta: { permission: 'fieldwork.read', title: 'fieldwork.menu.overdue' } },
      { path: 'duty', name: 'duty', component: () => import('./features/fieldwork/DutyPage.vue'), meta: { permission: 'fieldwork.read', title: 'fieldwork.menu.duty' } },
      { path: 'coverage', name: 'coverage', component: () => import('./features/fieldwork/CoveragePage.vue'), meta: { permission: 'fieldwork.read', title: 'fieldwork.menu.coverage' } },
      { path: 'activities', name: 'activities', component: () => import('./features/fieldwork/ActivitiesPage.vue'), meta: { permission: 'fieldwork.read', title: 'fieldwork.menu.activities' } },
      { path: 'surveys', name: 'surveys', component: () => import('./features/surveys/SurveysPage.vue'), meta: { permission: 'survey.read', title: 'surveys.menu' } },
      { path: 'volunteer', name: 'volunteer', component: () => import('./features/duties/VolunteerPage.vue'), meta: { permission: 'duty.read', title: 'duties.menu.volunteer' } },
      { path: 'compliance', name: 'compliance', component: () => import('./features/duties/CompliancePage.vue'), meta: { permission: 'duty.read', title: 'duties.menu.compliance' } },
      { path: 'three-ones', name: 'threeOnes', component: () => import('./features/duties/ThreeOnesPage.vue'), meta: { permission: 'duty.read', title: 'duties.menu.threeOnes' } },
      { path: 'training', name: 'training', component: () => import('./features/duties/TrainingPage.vue'), meta: { permission: 'duty.read', title: 'duties.menu.training' } },
      { path: 'programme', name: 'programme', component: () => import('./features/duties/ProgrammePage.vue'), meta: { permission: 'duty.read', title: 'duties.menu.programme' } },
      { path: 'commitments', name: 'commitments', component: () => import('./features/duties/CommitmentsPage.vue'), meta: { permission: 'duty.read', title: 'duties.menu.commitments' } },
      { path: 'evaluation', name: 'evaluationRounds', component: () => import('./features/evaluation/RoundsPage.vue'), meta: { permission: 'evaluation.read', title: 'evaluation.menu.rounds' } },
      { path: 'evaluation/templates', name: 'evaluationTemplates', component: () => import('./features/evaluation/TemplatesPage.vue'), meta: { permission: 'evaluation.read', title: 'evaluation.menu.templates' } },
      { path: 'evaluation/contests', name: 'evaluationContests', component: () => import('./features/evaluation/ContestsPage.vue'), meta: { permission: 'evaluation.read', title: 'evaluation.menu.contests' } },
      { path: 'evaluation/changes', name: 'evaluationChanges', component: () => import('./features/evaluation/GradeChangesPage.vue'), meta: { permission: 'evaluation.read', title: 'evaluation.menu.changes' } },
      { path: 'evaluation/rounds/:id', name: 'evaluationRound', component: () => import('./features/evaluation/RoundPage.vue'), meta: { permission: 'evaluation.read', title: 'evaluation.menu.rounds' } },
      { path: 'evaluation/rounds/:id/orgs/:orgId', name: 'evaluationSheet', component: () => import('./features/evaluation/SheetPage.vue'), meta: { permission: 'evaluation.read', title: 'evaluation.menu.rounds' } },
      // :indicatorId 'mass' explains the mass evaluation
      { path: 'evaluation/rounds/:id/orgs/:orgId/explain/:indicatorId', name: 'evaluationExplain', component: () => import('./features/evaluation/ExplainPage.vue'), meta: { permission: 'evaluation.read', title: 'evaluation.menu.rounds' } },
      { path: 'statistics', name: 'statistics', component: () => import('./features/reports/StatisticsPage.vue'), meta: { permission: 'report.read', title: 'reports.menu.statistics' } },
      { path: 'reports', name: 'reports', component: () => import('./features/reports/ReportsPage.vue'), meta: { permission: 'report.read', title: 'reports.menu.documents' } },
      { path: 'screen-tokens', name: 'screenTokens', component: () => import('./features/screen/DisplayTokensPage.vue'), meta: { permission: 'screen.manage', title: 'screen.menu.tokens' } },
      { path: 'rectification', name: 'rectification', component: () => import('./features/evaluation/RectificationPage.vue'), meta: { permission: 'evaluation.read', title: 'evaluation.menu.rectification' } },
      { path: 'imports', name: 'imports', component: () => import('./features/imports/ImportsPage.vue'), meta: { permission: 'import.run', title: 'menu.imports' } },
      { path: ':pathMatch(.*)*', name: 'notFound', component: () => import('./features/errors/NotFoundPage.vue'), meta: { title: 'notFound.title' } },
    ],
  },
];

export const router = createRouter({ history: createWebHistory(), routes });

router.beforeEach(async (to) => {
  const session = useSession();
  if (!session.checked) await session.load();
  if (to.meta.public) {
    return to.name === 'login' && session.me ? { path: safeRedirect(to.query.redirect) } : true;
  }
  if (to.meta.halfSession) return session.me || session.pending === 'enrol' ? true : { name: 'login', query: { redirect: to.fullPath } };
  // a role the county's policy requires two-factor sign-in for reaches only the enrolment page until it enrols
  if (!session.me && session.pending === 'enrol') return { name: 'twoFactor', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } };
  if (!session.me) return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } };
  // a member's own login (issue 10) has the phone pages only: /m/ is a page of its own, outside this router
  if (session.me.user.role === 'member') {
    window.location.assign('/m/');
    return false;
  }
  // A page the account may not open is a page that does not exist for it.
  if (to.meta.permission && !session.can(to.meta.permission)) return { name: 'notFound', params: { pathMatch: to.path.slice(1).split('/') } };
  return true;
});

router.afterEach((to) => {
  document.title = to.meta.title ? `${t(to.meta.title)} · ${t('app.short')}` : t('app.short');
});

/** Only same-site paths, never `//host` or a full URL. */
export function safeRedirect(value: unknown): string {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') ? value : '/';
}

setUnauthorizedHandler(() => {
  const session = useSession();
  const wasLoggedIn = session.me !== null;
  session.clear();
  const current = router.currentRoute.value;
  if (current.meta.public) return;
  if (wasLoggedIn) ElMessage.warning({ message: t('login.expired'), grouping: true });
  void router.replace({ name: 'login', query: { redirect: current.fullPath } });
});
