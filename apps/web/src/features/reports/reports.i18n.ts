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
};
