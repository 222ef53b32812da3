// 考评 — self-evaluation and scoring sheet, contests, rectification, grade changes (issue 11): messages under evaluation.scoring.*
export const zhCN = {};
export const en: typeof zhCN = {};
