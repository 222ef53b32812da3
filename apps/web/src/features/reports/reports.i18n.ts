// zh-CN first, English second
export const zhCN = {
  menu: { statistics: '工作统计', documents: '报告下载' },
  documents: {
    about: '生成 Word 文档（.docx，可在 Word、WPS 中打开和修改后再行文），数据与系统中的考评结果、工作统计一致。',
    evaluationTitle: '考评工作报告', evaluationAbout: '组织领导、考评方法、考评结果（分乡镇、分领域、与上年对比、前后十名及薄弱指标）、整改提高，附图表。',
    workTitle: '工作报告（月度 / 季度 / 年度）', workAbout: '办理事项、代办、维权事项、按时办结率、最多跑一次、吹哨报到、走访与两走遍、志愿服务、书记“三个一”，与上期对比。',
    round: '考评轮次', scope: '范围', wholeArea: '本辖区全部', period: '周期', month: '月度', quarter: '季度', year: '年度', date: '所在日期',
    draft: '该轮考评结果尚未发布：报告将标注“征求意见稿”，等次为拟定等次。', download: '下载 Word 报告', roundButton: '下载考评工作报告',
  },
  statistics: {
    total: '合计', previousTotal: '上期（{label}）', same: '持平', points: '个百分点', change: '较上期',
    receivedSub: '其中代办 {proxy} 件，维权 {rights} 件', onTimeSub: '已答复 {answered} 件，超期未办结 {overdue} 件',
    whistlesSub: '部门报到 {reported} 次，按时 {onTime}', visitsSub: '走访 {visited} / {households} 户（两走遍 {rate}）', hours: '小时',
    threeOnesSub: '述职 {report}、联系点 {point}、党课 {lecture}',
    cards: { received: '办理事项', onTime: '按时办结率', oneTrip: '最多跑一次', whistles: '吹哨调度', visits: '入户走访', volunteer: '志愿服务', threeOnes: '书记“三个一”全部完成' },
    periods: { month: '月度', quarter: '季度', year: '年度', custom: '自定义' },
    from: '开始日期', to: '结束日期', pickRange: '请选择起止日期（最长 366 天）。', sheetTitle: '基层服务型党组织工作统计表',
    against: '对比期：{label}', excel: '导出 Excel', word: '生成 Word 报告', print: '打印（A4 横向）', drill: '查看下级单位',
    note: '说明：办理事项按受理时间统计；按时办结率、最多跑一次按已答复事项计算；两走遍按本期内走访到的户数除以现有户数计算；点击单位名称查看其下级单位，点击办件数字查看对应办件。',
    printedOn: '打印日期：{day}', empty: '暂无数据',
  },
};
export const en: typeof zhCN = {
  menu: { statistics: 'Work statistics', documents: 'Reports' },
  documents: {
    about: 'Word documents (.docx, open and edit them in Word or WPS before sending); the figures are those the app shows.',
    evaluationTitle: 'Evaluation report', evaluationAbout: 'Organisation, method, results (by township and sector, change against last year, top and bottom ten with their weakest indicators), rectification, with charts.',
    workTitle: 'Work report (month / quarter / year)', workAbout: 'Items handled, by proxy, rights cases, on-time rate, at most one trip, whistles, visits and coverage, volunteer hours, the secretaries’ three ones, against the previous period.',
    round: 'Round', scope: 'Scope', wholeArea: 'My whole area', period: 'Period', month: 'Month', quarter: 'Quarter', year: 'Year', date: 'A day in the period',
    draft: 'This round is not published yet: the report is marked as a draft and shows the proposed grades.', download: 'Download the Word report', roundButton: 'Evaluation report (Word)',
  },
  statistics: {
    total: 'Total', previousTotal: 'Previous ({label})', same: 'unchanged', points: ' points', change: 'vs previous',
    receivedSub: '{proxy} by proxy, {rights} rights cases', onTimeSub: '{answered} answered, {overdue} overdue and open',
    whistlesSub: '{reported} reports by departments, {onTime} on time', visitsSub: '{visited} / {households} households ({rate})', hours: 'hours',
    threeOnesSub: 'report {report}, contact point {point}, lecture {lecture}',
    cards: { received: 'Items received', onTime: 'On time', oneTrip: 'At most one trip', whistles: 'Whistles', visits: 'Household visits', volunteer: 'Volunteer service', threeOnes: 'Secretaries with all three ones' },
    periods: { month: 'Month', quarter: 'Quarter', year: 'Year', custom: 'Custom' },
    from: 'From', to: 'To', pickRange: 'Choose the first and last day (at most 366 days).', sheetTitle: ' — work statistics of service-oriented Party organizations',
    against: 'Compared with {label}', excel: 'Export Excel', word: 'Word report', print: 'Print (A4 landscape)', drill: 'Show its units',
    note: 'Items are counted by the day received; on-time and one-trip rates over the answered ones; coverage = households visited in the period over all households. Click a unit to see its units, a case figure to see those cases.',
    printedOn: 'Printed {day}', empty: 'No data',
  },
};
