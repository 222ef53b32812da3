// 考评 desk pages — rounds, templates, review table, explanation (issue 11): messages under evaluation.rounds.*
export const zhCN = {};
export const en: typeof zhCN = {};
