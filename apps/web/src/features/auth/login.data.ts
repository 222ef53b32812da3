import { LIMITS } from '@jiceng/contract/constants';
import type { FieldDef } from '../../ui/form';
import { t } from '../../i18n';

export const loginFields = (): FieldDef[] => [
  { prop: 'username', label: t('login.username'), kind: 'text', placeholder: t('login.usernamePlaceholder'), maxlength: LIMITS.usernameMax, required: true, autocomplete: 'username' },
  { prop: 'password', label: t('login.password'), kind: 'password', placeholder: t('login.passwordPlaceholder'), maxlength: LIMITS.passwordMax, required: true, autocomplete: 'current-password' },
];

export const changePasswordFields = (hint: string): FieldDef[] => [
  { prop: 'currentPassword', label: t('password.current'), kind: 'password', required: true, autocomplete: 'current-password', maxlength: LIMITS.passwordMax },
  { prop: 'newPassword', label: t('password.new'), kind: 'password', required: true, autocomplete: 'new-password', hint, maxlength: LIMITS.passwordMax },
  { prop: 'repeat', label: t('password.repeat'), kind: 'password', required: true, autocomplete: 'new-password', maxlength: LIMITS.passwordMax },
];
