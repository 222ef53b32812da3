// zh-CN first, English second
export const zhCN = {
  menu: {},
  title: '工作台',
  asOf: '数据截至 {time}',
  empty: '暂无需要处理的事项',
  loadFailed: '工作台加载失败',
  retry: '重试',
  more: '查看全部 {count} 条',
  table: '明细',
  card: {
    casesOpen: '在办办件', casesOverdue: '超期未办结', casesDueSoon: '临近到期', whistlesOpen: '吹哨待办结',
    visitsOverdue: '必访超期（户）', volunteerCompliance: '志愿服务达标率', volunteerBehind: '志愿时长未达标（人）',
    myQueue: '我的待办', myOverdue: '超期办件', todayMustVisits: '今日必访（户）', myReportsMonth: '本月网格上报',
  },
  chart: {
    casesByMonth: '近12个月受理与按时办结率', casesByUnit: '超期与临近到期办件（按单位）', visitsOverdueByUnit: '必访超期（按单位）',
  },
  series: { received: '受理', onTimeRate: '按时办结率（%）', overdue: '超期', dueSoon: '临近到期', visitsOverdue: '必访超期' },
  list: { myMustVisits: '必访对象（已到期 / 超期）', todayMustVisits: '今日必访', reportDeadlines: '吹哨报到时限' },
  note: { daysOverdue: '超期 {n} 天', neverVisited: '从未走访', dueAt: '时限 {time}' },
  detailLate: '{n} 件已超时',
};
export const en: typeof zhCN = {
  menu: {},
  title: 'Dashboard',
  asOf: 'As of {time}',
  empty: 'Nothing waiting',
  loadFailed: 'The dashboard did not load',
  retry: 'Retry',
  more: 'All {count}',
  table: 'Details',
  card: {
    casesOpen: 'Open cases', casesOverdue: 'Overdue', casesDueSoon: 'Due soon', whistlesOpen: 'Open whistles',
    visitsOverdue: 'Must-visits overdue (households)', volunteerCompliance: 'Volunteer hours met', volunteerBehind: 'Members behind on hours',
    myQueue: 'My queue', myOverdue: 'Overdue cases', todayMustVisits: 'Must-visit today (households)', myReportsMonth: 'Field reports this month',
  },
  chart: {
    casesByMonth: 'Cases received and on-time rate, last 12 months', casesByUnit: 'Overdue and due-soon cases by unit', visitsOverdueByUnit: 'Must-visits overdue by unit',
  },
  series: { received: 'Received', onTimeRate: 'On-time rate (%)', overdue: 'Overdue', dueSoon: 'Due soon', visitsOverdue: 'Must-visits overdue' },
  list: { myMustVisits: 'Must-visits (due / overdue)', todayMustVisits: 'Must-visit today', reportDeadlines: 'Whistle report deadlines' },
  note: { daysOverdue: '{n} days overdue', neverVisited: 'Never visited', dueAt: 'Due {time}' },
  detailLate: '{n} late',
};
