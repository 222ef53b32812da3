import type { Label } from './enums.js';

export const AUDIT_ACTION_LABELS: Record<string, Label> = {
  'auth.login': { 'zh-CN': '登录成功', en: 'Login' },
  'auth.loginFailed': { 'zh-CN': '登录失败', en: 'Failed login' },
  'auth.logout': { 'zh-CN': '退出登录', en: 'Logout' },
  'auth.passwordChanged': { 'zh-CN': '修改密码', en: 'Password changed' },
  'org.create': { 'zh-CN': '新建组织', en: 'Org created' },
  'org.update': { 'zh-CN': '修改组织', en: 'Org updated' },
  'org.move': { 'zh-CN': '移动组织', en: 'Org moved' },
  'org.archive': { 'zh-CN': '归档组织', en: 'Org archived' },
  'org.restore': { 'zh-CN': '恢复组织', en: 'Org restored' },
  'org.delete': { 'zh-CN': '删除组织', en: 'Org deleted' },
  'department.create': { 'zh-CN': '新建部门', en: 'Department created' },
  'department.update': { 'zh-CN': '修改部门', en: 'Department updated' },
  'user.create': { 'zh-CN': '新建账号', en: 'Account created' },
  'user.update': { 'zh-CN': '修改账号', en: 'Account updated' },
  'user.passwordReset': { 'zh-CN': '重置密码', en: 'Password reset' },
  'policy.update': { 'zh-CN': '修改政策参数', en: 'Policy changed' },
  'seed.demo': { 'zh-CN': '生成示范数据', en: 'Demo data seeded' },
  'county.create': { 'zh-CN': '建立县级组织', en: 'County created' },
};

/** The kinds of record the audit log names (its `entity` column). */
export const AUDIT_ENTITY_LABELS: Record<string, Label> = {
  org: { 'zh-CN': '组织', en: 'Org' },
  user: { 'zh-CN': '账号', en: 'Account' },
  department: { 'zh-CN': '职能部门', en: 'Department' },
  policy: { 'zh-CN': '政策参数', en: 'Policy' },
  county: { 'zh-CN': '县', en: 'County' },
};
