// zh-CN first, English second
export const zhCN = {
  menu: {},
};
export const en: typeof zhCN = {
  menu: {},
};
