import { GRANTABLE_ROLES, LIMITS, ROLE_LABELS, ROLE_TIERS, ROLES, isDepartmentRole, isSelfRole, type Role } from '@jiceng/contract/constants';
import type { DepartmentView, UserView } from '@jiceng/contract';
import type { FieldDef, FieldOption, TreeOption } from '../../ui/form';
import type { Column } from '../../ui/table';
import { label, t } from '../../i18n';
import { formatTime } from '../../ui/format';

export const roleOptions = (roles: readonly Role[] = ROLES): FieldOption[] => roles.map((r) => ({ value: r, label: label(ROLE_LABELS[r]) }));

export const accountColumns = (): Column<UserView>[] => [
  { prop: 'displayName', label: t('accounts.displayName'), minWidth: 120 },
  { prop: 'username', label: t('accounts.username'), minWidth: 120 },
  { prop: 'role', label: t('accounts.role'), minWidth: 120, formatter: (u) => label(ROLE_LABELS[u.role]) },
  { prop: 'orgName', label: `${t('accounts.org')} / ${t('accounts.department')}`, minWidth: 180, formatter: (u) => u.orgName ?? u.departmentName ?? '—' },
  { prop: 'phone', label: t('accounts.phone'), minWidth: 90, formatter: (u) => u.phone ?? '—' },
  { prop: 'lastLoginAt', label: t('accounts.lastLogin'), minWidth: 130, formatter: (u) => (u.lastLoginAt ? formatTime(u.lastLoginAt) : t('accounts.never')) },
];

/**
 * 新增账号: the role list is what the caller may grant; a department handler picks a department,
 * every other role an org of the role's tiers (ROLE_TIERS).
 */
export const createAccountFields = (
  myRole: Role,
  role: Role | undefined,
  orgTree: TreeOption[],
  departments: readonly DepartmentView[],
  passwordHint: string,
): FieldDef[] => [
  { prop: 'username', label: t('accounts.username'), kind: 'text', required: true, maxlength: LIMITS.usernameMax, hint: 'a–z 0–9 . _ -', autocomplete: 'off' },
  { prop: 'displayName', label: t('accounts.displayName'), kind: 'text', required: true, maxlength: LIMITS.displayNameMax },
  { prop: 'role', label: t('accounts.role'), kind: 'select', required: true, options: roleOptions(GRANTABLE_ROLES[myRole].filter((r) => !isSelfRole(r))) }, // a member's own login is opened from the member file
  role && isDepartmentRole(role)
    ? {
        prop: 'departmentId', label: t('accounts.department'), kind: 'select', required: true, filterable: true,
        options: departments.filter((d) => !d.archived).map((d) => ({ value: d.id, label: d.name })),
      }
    : {
        prop: 'orgId', label: t('accounts.org'), kind: 'treeSelect', required: true, disabled: !role, tree: orgTree,
        placeholder: role ? '' : t('accounts.chooseRoleFirst'),
      },
  { prop: 'phone', label: t('accounts.phone'), kind: 'text', maxlength: LIMITS.phoneMax },
  { prop: 'password', label: t('accounts.password'), kind: 'password', required: true, maxlength: LIMITS.passwordMax, hint: passwordHint, autocomplete: 'new-password' },
];

export const editAccountFields = (): FieldDef[] => [
  { prop: 'displayName', label: t('accounts.displayName'), kind: 'text', required: true, maxlength: LIMITS.displayNameMax },
  { prop: 'phone', label: t('accounts.phone'), kind: 'text', maxlength: LIMITS.phoneMax },
];

export const resetPasswordFields = (passwordHint: string): FieldDef[] => [
  { prop: 'password', label: t('password.new'), kind: 'password', required: true, maxlength: LIMITS.passwordMax, hint: passwordHint, autocomplete: 'new-password' },
];

export const tiersOf = (role: Role | undefined) => (role ? ROLE_TIERS[role] : []);
