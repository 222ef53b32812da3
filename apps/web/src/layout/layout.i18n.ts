// Strings of the desk frame itself (menu extras), under `layout`.
export const zhCN = {
  mobile: '手机版',
  mobileHint: '网格走访、六报、党员服务（/m/）',
};
export const en: typeof zhCN = {
  mobile: 'Phone version',
  mobileHint: 'Grid visits, reports, members (/m/)',
};
