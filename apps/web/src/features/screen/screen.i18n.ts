// zh-CN first, English second
export const zhCN = {
  menu: { tokens: '大屏展示', screen: '大屏' },
};
export const en: typeof zhCN = {
  menu: { tokens: 'Big screen', screen: 'Big screen' },
};
