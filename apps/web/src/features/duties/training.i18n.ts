export const zhCN = {};
export const en: typeof zhCN = {};
