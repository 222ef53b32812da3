// Strings of this feature, merged into the app's messages under the feature's key (see i18n/index.ts).
export const zhCN = {};
export const en: typeof zhCN = {};
