// Issue 11 (the annual evaluation, 考评): messages under `evaluation.` — each part keeps its keys in its own file
// beside this one (evaluation.rounds.*, evaluation.scoring.*), merged here.
import * as rounds from './rounds.i18n';
import * as scoring from './scoring.i18n';

export const zhCN = {
  menu: { rounds: '考评与定级', templates: '考评指标体系', contests: '考评申诉', rectification: '软弱涣散整顿', changes: '晋位升级' },
  rounds: rounds.zhCN, scoring: scoring.zhCN,
};
export const en: typeof zhCN = {
  menu: { rounds: 'Annual evaluation', templates: 'Indicator templates', contests: 'Contests', rectification: 'Rectification', changes: 'Grade changes' },
  rounds: rounds.en, scoring: scoring.en,
};
