// 承诺践诺、党员示范岗与责任区、村务公开栏 (issue 10 part 7): messages under duties.commitments.*
export const zhCN = {
  tabCommitments: '承诺践诺', tabPosts: '示范岗与责任区',
  year: '年度', yearOption: '{year} 年', org: '组织', orgFilter: '按组织筛选', assessmentFilter: '践诺评价', pending: '待评价',
  count: '共 {count} 条', create: '登记承诺', edit: '修改承诺', committer: '承诺人', subject: '承诺主体', subjectMember: '党员',
  subjectOrg: '本组织', orgCommitment: '组织承诺', member: '党员', memberSearch: '输入姓名或拼音搜索本组织党员', items: '承诺事项',
  itemPlaceholder: '第 {n} 项承诺', addItem: '添加一项', removeItem: '删除', itemsMax: '最多 {max} 项', public: '在村务公开栏公开', publicColumn: '公开',
  publicTag: '公开', privateTag: '不公开', notes: '践诺进展', notesCount: '{count} 条进展', addNote: '记录进展', noteText: '进展情况',
  noteDate: '日期', noNotes: '暂无进展记录', assess: '践诺评价', assessment: '评价结果', assessmentNote: '评价意见',
  assessedBy: '{name} 于 {at} 评价', assessConfirm: '践诺评价提交后不可更改，确定提交吗？', assessedFinal: '已评价（不可更改）',
  none: '暂无承诺', recorded: '已记录',
  posts: {
    create: '设立示范岗/责任区', kind: '类别', member: '党员', org: '组织', title: '名称', description: '职责', area: '责任区范围',
    areaPlaceholder: '如：一组、二组沿河片区', households: '联系户', householdSearch: '输入户主姓名或地址搜索本村的户',
    householdsCount: '{count} 户', startedOn: '开始日期', endedOn: '结束日期', current: '在岗', ended: '已结束', all: '全部',
    currentFilter: '在岗情况', end: '结束', endTitle: '结束示范岗/责任区', endedDone: '已结束', none: '暂无示范岗和责任区',
    pickMemberFirst: '请先选择党员', areaHint: '党员责任区须选择联系户或填写责任区范围', period: '起止',
  },
  board: {
    title: '村务公开栏', subtitle: '党员承诺践诺公开', village: '选择村(社区)', year: '年度', noCounty: '请通过县里提供的链接打开本页面。',
    none: '本年度暂无公开的承诺', orgCommitments: '组织承诺', memberCommitments: '党员承诺', notes: '{count} 条践诺进展',
    pendingAssessment: '年终评价', failed: '加载失败，请稍后再试', pick: '请选择村(社区)',
  },
};

export const en: typeof zhCN = {
  tabCommitments: 'Commitments', tabPosts: 'Posts and areas',
  year: 'Year', yearOption: '{year}', org: 'Org', orgFilter: 'Filter by org', assessmentFilter: 'Assessment', pending: 'Not assessed',
  count: '{count} in all', create: 'Record a commitment', edit: 'Edit commitment', committer: 'Committed by', subject: 'Who commits',
  subjectMember: 'A member', subjectOrg: 'The org itself', orgCommitment: 'Org commitment', member: 'Member',
  memberSearch: 'Search the org’s members by name or pinyin', items: 'Items', itemPlaceholder: 'Item {n}', addItem: 'Add an item',
  removeItem: 'Remove', itemsMax: 'At most {max} items', public: 'Show on the village notice board', publicColumn: 'Public', publicTag: 'Public',
  privateTag: 'Not public', notes: 'Progress', notesCount: '{count} notes', addNote: 'Add a note', noteText: 'Progress made',
  noteDate: 'Date', noNotes: 'No progress noted yet', assess: 'Assess', assessment: 'Result', assessmentNote: 'Comment',
  assessedBy: 'Assessed by {name} on {at}', assessConfirm: 'An assessment is final. Submit it?', assessedFinal: 'Assessed (final)',
  none: 'No commitments', recorded: 'Recorded',
  posts: {
    create: 'Assign a post or area', kind: 'Kind', member: 'Member', org: 'Org', title: 'Name', description: 'Duties', area: 'Area',
    areaPlaceholder: 'e.g. groups 1 and 2 along the river', households: 'Households', householdSearch: 'Search the village’s households by head or address',
    householdsCount: '{count} households', startedOn: 'Start', endedOn: 'End', current: 'Current', ended: 'Ended', all: 'All',
    currentFilter: 'Current or ended', end: 'End', endTitle: 'End the post', endedDone: 'Ended', none: 'No posts or areas',
    pickMemberFirst: 'Choose the member first', areaHint: 'A responsibility area needs households or an area description', period: 'Period',
  },
  board: {
    title: 'Village notice board', subtitle: 'Members’ public commitments', village: 'Village or community', year: 'Year',
    noCounty: 'Open this page from the link your county published.', none: 'No public commitments this year',
    orgCommitments: 'Org commitments', memberCommitments: 'Members’ commitments', notes: '{count} progress notes',
    pendingAssessment: 'Assessed at year end', failed: 'Could not load; try again later', pick: 'Choose a village',
  },
};
