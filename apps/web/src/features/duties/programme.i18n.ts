// “6个100”工程 (issue 10 part 6): messages under duties.programme.*
export const zhCN = {
  note: '篇二 6：村级顾问、主职干部蹲点学习、主职后备干部集中培训、第一书记、民营企业与村结对共建、非公企业和社会组织书记集中培训各 100（市级），本县目标为分解数。进度按记录计算。',
  scopeNote: '目标为全县数；进度按您的管辖范围（{scope}）计算。', countyNote: '进度按全县记录计算（截至 {asOf}）。',
  target: '目标', notSet: '未设置', progress: '进度', since: '起算 {day}', rate: '完成 {rate}', detail: '明细', editTargets: '设置目标',
  targetsTitle: '设置“6个100”本县目标', line: '项目', startsOn: '起算日期', saved: '目标已保存', items: '{label}（{n}）', none: '暂无记录',
  name: '名称', org: '所属', sinceCol: '起始', sources: '记录数',
  itemType: { org: '村(社区)', member: '党员', pairing: '结对企业' },
};
export const en: typeof zhCN = {
  note: 'Seed 2.6: village advisors, village heads sent to study, reserve cadres trained, first secretaries, enterprise–village pairings, non-public and social-org secretaries trained — 100 each city-wide; the county’s targets are its share. Progress is computed from records.',
  scopeNote: 'Targets are the county’s; progress is counted within your area ({scope}).', countyNote: 'Progress counted over the county’s records (as of {asOf}).',
  target: 'Target', notSet: 'Not set', progress: 'Progress', since: 'from {day}', rate: '{rate} done', detail: 'Details', editTargets: 'Set targets',
  targetsTitle: 'Set the county’s “6 × 100” targets', line: 'Line', startsOn: 'Counted from', saved: 'Targets saved', items: '{label} ({n})', none: 'No records',
  name: 'Name', org: 'Belongs to', sinceCol: 'Since', sources: 'Records',
  itemType: { org: 'Village', member: 'Member', pairing: 'Enterprise' },
};
