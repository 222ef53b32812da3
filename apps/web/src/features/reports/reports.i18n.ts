// zh-CN first, English second
export const zhCN = {
  menu: { statistics: '工作统计', documents: '报告下载' },
};
export const en: typeof zhCN = {
  menu: { statistics: 'Work statistics', documents: 'Reports' },
};
