// UI strings. Domain labels (tiers, levels, roles, policy keys…) come from @jiceng/contract.
export default {
  app: { name: '基层', fullName: '基层服务型党组织建设平台', short: '基层 · jiceng' },
  common: {
    ok: '确定', cancel: '取消', save: '保存', create: '新增', edit: '编辑', delete: '删除', search: '搜索',
    actions: '操作', yes: '是', no: '否', none: '无', loading: '加载中…', refresh: '刷新', reset: '重置',
    confirm: '确认', saved: '已保存', created: '已创建', deleted: '已删除', back: '返回', all: '全部',
    status: '状态', enabled: '正常', disabled: '已停用', archived: '已归档', active: '正常', more: '更多',
    loadMore: '加载更多', noMore: '没有更多了', empty: '暂无数据', required: '必填',
  },
  menu: {
    home: '首页', orgs: '组织架构', accounts: '账号管理', departments: '职能部门', policy: '政策参数', audit: '审计日志',
  },
  header: { changePassword: '修改密码', logout: '退出', language: 'English', menu: '菜单' },
  login: {
    title: '登录', username: '用户名', password: '密码', submit: '登录', usernamePlaceholder: '请输入用户名',
    passwordPlaceholder: '请输入密码', expired: '登录已过期，请重新登录', welcome: '欢迎使用',
    subtitle: '组织架构 · 便民服务 · 走访台账 · 考评定级', demo: '示范账号：demo-county、demo-township、demo-village…',
  },
  password: {
    title: '修改密码', current: '当前密码', new: '新密码', repeat: '确认新密码', mismatch: '两次输入的密码不一致',
    changed: '密码已修改', hint: '至少 {min} 位，包含大写字母、小写字母、数字、符号中的至少 {classes} 类，不能包含用户名',
  },
  home: {
    greeting: '您好，{name}', intro: '您的管辖范围：{scope}', orgCount: '党组织', byTier: '按行政层级',
    byLevel: '按组织层级', quick: '常用功能', noOrgs: '您的账号不绑定党组织',
  },
  orgs: {
    searchPlaceholder: '名称、全拼或首字母（如 qsc）', showArchived: '显示已归档', detail: '组织详情',
    name: '组织名称', code: '组织编码', tier: '行政层级', level: '组织层级', sector: '领域', depth: '层级深度',
    parent: '上级组织', createdAt: '创建时间', updatedAt: '更新时间', childCount: '下级组织', accounts: '绑定账号',
    addChild: '新增下级', move: '移动', archive: '归档', restore: '恢复', selectHint: '请在左侧选择一个组织',
    createTitle: '新增下级组织', editTitle: '编辑组织', moveTitle: '移动组织', newParent: '新的上级组织',
    moveHint: '{name} 及其 {count} 个下级组织将一起移动', moved: '已移动 {count} 个组织',
    confirmArchive: '确定归档“{name}”吗？归档后不再出现在日常列表中，可随时恢复。',
    confirmDelete: '确定删除“{name}”吗？此操作不可撤销。', archivedDone: '已归档', restoredDone: '已恢复',
    suggestArchive: '改为归档', nodes: '{count} 个组织', noAccounts: '没有绑定的账号', depthValue: '第 {n} 级',
    noMatch: '没有匹配的组织',
  },
  accounts: {
    username: '用户名', displayName: '姓名', role: '角色', org: '所属组织', department: '所属部门', phone: '电话',
    lastLogin: '最近登录', createdAt: '创建时间', createTitle: '新增账号', editTitle: '编辑账号',
    resetPassword: '重置密码', disable: '停用', enable: '启用', password: '初始密码', searchPlaceholder: '用户名或姓名',
    confirmDisable: '确定停用账号“{name}”吗？停用后该账号无法登录。', resetTitle: '重置“{name}”的密码',
    resetDone: '密码已重置', disabledDone: '已停用', enabledDone: '已启用', filterOrg: '按组织筛选', filterRole: '按角色筛选',
    never: '从未登录', chooseRoleFirst: '请先选择角色',
  },
  departments: {
    name: '部门名称', code: '部门编码', phone: '联系电话', createTitle: '新增职能部门', editTitle: '编辑职能部门',
    archive: '归档', restore: '恢复', readOnly: '只有县委组织部可以维护职能部门',
  },
  policy: {
    groups: { password: '密码', session: '会话', lockout: '登录锁定' },
    value: '当前值', default: '默认值', source: '依据', resetDefault: '恢复默认', overridden: '已调整',
    readOnly: '您只能查看政策参数', noChanges: '没有修改', changed: '{count} 项待保存', updatedBy: '由 {by} 于 {at} 修改',
  },
  audit: {
    time: '时间', actor: '操作人', action: '操作', entity: '对象', detail: '详情', ip: 'IP', hash: '哈希',
    actionPlaceholder: '全部操作', actorPlaceholder: '操作人', entityPlaceholder: '对象类型',
    from: '开始日期', to: '结束日期', dateRange: '日期范围', summary: '摘要',
  },
  notFound: { title: '页面不存在', text: '您访问的页面不存在或已被移动。', home: '回到首页' },
  errors: { network: '无法连接服务器，请检查网络', unknown: '操作失败，请稍后再试' },
};
