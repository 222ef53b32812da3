// 教育培训与书记轮训 (issue 10 part 5): messages under duties.training.*
export const zhCN = {
  tabCourses: '培训班', tabRotation: '轮训覆盖',
  year: '年度', yearOption: '{year} 年', allYears: '全部年度', kindFilter: '培训类别', orgFilter: '按组织筛选', sectorFilter: '领域',
  create: '新建培训班', edit: '修改培训班', attendees: '学员', editAttendees: '登记学员', count: '共 {count} 个培训班',
  title: '培训班名称', kind: '类别', organizer: '主办组织', organizerHint: '学员须为主办组织范围内的党员', dates: '起止日期', startsOn: '开始日期', endsOn: '结束日期',
  hours: '学时', place: '地点', note: '备注', attendeeCount: '{n} 人', ended: '已结业', planned: '计划中', plannedHint: '结业日期过后学员才计为已参训',
  none: '暂无培训班', memberSearch: '输入姓名或拼音搜索主办组织范围内的党员', attendeesSaved: '学员已保存', saved: '已保存', created: '已创建',
  attendeesOf: '{title} · 学员', attendeesHint: '保存后以此名单为准（替换原名单）',
  rotationNote: '现任书记在 {years} 年轮训周期内（{from} 以后结业）参加书记轮训的计为已轮训（篇五(7)：用2至3年时间，把各领域党组织书记轮训一遍）。',
  total: '现任书记 {n} 人，已轮训 {covered} 人，覆盖率 {rate}', sector: '领域', secretaries: '书记', covered: '已轮训', coverage: '覆盖率',
  notTrained: '未轮训名单（{n} 人）', allSecretaries: '全部现任书记', showAll: '显示全部书记', name: '书记', org: '所在组织',
  lastTrained: '最近轮训', dueBy: '下次轮训应在此日前', never: '从未参加', dueNow: '现在', yes: '已轮训', no: '未轮训', noneMissing: '全部书记均在轮训周期内',
};
export const en: typeof zhCN = {
  tabCourses: 'Courses', tabRotation: 'Rotation coverage',
  year: 'Year', yearOption: '{year}', allYears: 'All years', kindFilter: 'Kind', orgFilter: 'Filter by org', sectorFilter: 'Sector',
  create: 'New course', edit: 'Edit course', attendees: 'Attendees', editAttendees: 'Attendees', count: '{count} courses',
  title: 'Title', kind: 'Kind', organizer: 'Organizer', organizerHint: 'Attendees must be members inside the organizer', dates: 'Dates', startsOn: 'Starts', endsOn: 'Ends',
  hours: 'Hours', place: 'Place', note: 'Note', attendeeCount: '{n}', ended: 'Ended', planned: 'Planned', plannedHint: 'Attendees count as trained once the course has ended',
  none: 'No courses', memberSearch: 'Search members of the organizer by name or pinyin', attendeesSaved: 'Attendees saved', saved: 'Saved', created: 'Created',
  attendeesOf: '{title} · attendees', attendeesHint: 'Saving replaces the list',
  rotationNote: 'A current secretary who attended a rotation course that ended within {years} years (after {from}) is covered (seed 5.7: every secretary trained once in 2–3 years).',
  total: '{n} current secretaries, {covered} covered, {rate}', sector: 'Sector', secretaries: 'Secretaries', covered: 'Covered', coverage: 'Coverage',
  notTrained: 'Not yet trained ({n})', allSecretaries: 'All current secretaries', showAll: 'Show all secretaries', name: 'Secretary', org: 'Org',
  lastTrained: 'Last trained', dueBy: 'Next due by', never: 'Never', dueNow: 'Now', yes: 'Covered', no: 'Not covered', noneMissing: 'Every secretary is within the window',
};
