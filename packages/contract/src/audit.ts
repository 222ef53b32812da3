import { z } from 'zod';
import { Id } from './common.js';

export const AuditEntryView = z
  .object({
    seq: z.number().int(),
    at: z.string(),
    actorId: Id.nullable(),
    actorName: z.string().nullable(),
    action: z.string(),
    entity: z.string(),
    entityId: z.string().nullable(),
    orgPath: z.string().nullable(),
    detail: z.record(z.string(), z.unknown()),
    ip: z.string().nullable(),
    hash: z.string(),
  })
  .meta({ id: 'AuditEntryView' });
export type AuditEntryView = z.infer<typeof AuditEntryView>;

export const listAuditQuery = z.strictObject({
  action: z.string().max(64).optional(),
  entity: z.string().max(64).optional(),
  actor: z.string().max(64).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  /** entries with seq below this (keyset paging, newest first) */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListAuditQuery = z.infer<typeof listAuditQuery>;

export const AuditPage = z.object({ items: z.array(AuditEntryView), nextBefore: z.number().int().nullable() });
export type AuditPage = z.infer<typeof AuditPage>;

export const AUDIT_ACTION_LABELS: Record<string, { 'zh-CN': string; en: string }> = {
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
