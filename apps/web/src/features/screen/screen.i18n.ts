// zh-CN first, English second
export const zhCN = {
  menu: { tokens: '大屏展示', screen: '大屏' },
  tokens: {
    title: '大屏令牌',
    intro: '大屏令牌供县委组织部会议室等场所的电脑打开大屏（只读，无需登录，不显示任何个人信息）。令牌只在新建时显示一次，请妥善保管；不再使用时请吊销。',
    create: '新建大屏令牌', name: '名称（放置地点）', namePlaceholder: '如：县委组织部会议室', expiresOn: '有效期至',
    state: '状态', lastUsed: '最近使用', createdBy: '创建人', createdAt: '创建时间', revoke: '吊销', revokeConfirm: '吊销后该令牌立即失效，确定吊销“{name}”？',
    states: { active: '有效', expired: '已过期', revoked: '已吊销' },
    issued: '令牌已生成（只显示这一次）', openUrl: '在会议室电脑浏览器中打开以下地址：', copy: '复制地址', copied: '已复制', open: '打开大屏',
    empty: '还没有大屏令牌', never: '从未',
  },
  screen: {
    title: '{county}基层服务型党组织建设', subtitle: '服务型党组织建设工作大屏', updatedAt: '数据更新于 {time}', stale: '刷新失败，显示的是 {time} 的数据',
    badToken: '大屏令牌无效、已过期或已吊销', badTokenHint: '请向县委组织部重新申请大屏令牌，并用新地址打开本页。', loading: '正在载入…',
    casesYear: '本年办件', casesMonth: '本月办件', onTime: '按时办结率', open: '未办结', overdue: '超期未办结', whistlesOpen: '吹哨未结',
    visitsYear: '本年走访', coverage: '两走遍覆盖率', volunteer: '志愿服务时长', hours: '小时',
    threeOnes: '书记“三个一”', annualReport: '述职', contactPoint: '联系点', partyLecture: '讲党课', secretaries: '书记',
    grades: '考评等次分布', noRound: '暂无考评', byTownship: '各乡镇(街道)办件', trend: '本年办件趋势', received: '受理', answered: '答复', events: '最新动态',
  },
  workmap: {
    metric: '着色', none: '按网格区分', overdueVisits: '超期必访户', openCases: '未办结办件', sixReports: '本年六报',
    legend: '图例', zero: '0', upTo: '{from}–{to}', above: '多于 {from}', value: '{metric}：{n}', openList: '点击网格查看清单',
  },
};
export const en: typeof zhCN = {
  menu: { tokens: 'Big screen', screen: 'Big screen' },
  tokens: {
    title: 'Display tokens',
    intro: 'A display token lets a PC in a meeting room open the big screen (read-only, no login, no personal data). The token is shown only once when issued; revoke it when it is no longer used.',
    create: 'New display token', name: 'Name (where the screen is)', namePlaceholder: 'e.g. County organization department meeting room', expiresOn: 'Valid until',
    state: 'State', lastUsed: 'Last used', createdBy: 'Issued by', createdAt: 'Issued at', revoke: 'Revoke', revokeConfirm: 'The token stops working at once. Revoke “{name}”?',
    states: { active: 'Active', expired: 'Expired', revoked: 'Revoked' },
    issued: 'Token issued (shown only this once)', openUrl: 'Open this address in the meeting room PC’s browser:', copy: 'Copy address', copied: 'Copied', open: 'Open the screen',
    empty: 'No display tokens yet', never: 'Never',
  },
  screen: {
    title: '{county}: building service-oriented grassroots Party organizations', subtitle: 'Big screen', updatedAt: 'Data as of {time}', stale: 'Refresh failed; showing the data of {time}',
    badToken: 'The display token is invalid, expired or revoked', badTokenHint: 'Ask the county for a new display token and open this page with the new address.', loading: 'Loading…',
    casesYear: 'Cases this year', casesMonth: 'Cases this month', onTime: 'On-time rate', open: 'Open', overdue: 'Overdue', whistlesOpen: 'Whistles open',
    visitsYear: 'Visits this year', coverage: 'Household coverage', volunteer: 'Volunteer hours', hours: 'h',
    threeOnes: 'Secretaries’ three duties', annualReport: 'Report', contactPoint: 'Contact point', partyLecture: 'Party lecture', secretaries: 'Secretaries',
    grades: 'Evaluation grades', noRound: 'No evaluation yet', byTownship: 'Cases by township', trend: 'Cases by month', received: 'Received', answered: 'Answered', events: 'Latest events',
  },
  workmap: {
    metric: 'Colour by', none: 'Each grid', overdueVisits: 'Overdue must-visits', openCases: 'Open cases', sixReports: 'Six reports this year',
    legend: 'Legend', zero: '0', upTo: '{from}–{to}', above: 'more than {from}', value: '{metric}: {n}', openList: 'Click a grid for its list',
  },
};
