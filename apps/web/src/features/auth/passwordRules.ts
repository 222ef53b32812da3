import { POLICY_DEFINITIONS } from '@jiceng/contract/constants';
import { useSession } from '../../stores/session';
import { t } from '../../i18n';

/** The password rules in force in the user's county (from /api/me); the server checks them again. */
export function passwordHint(): string {
  const rules = useSession().me?.passwordRules;
  const min = rules?.minLength ?? POLICY_DEFINITIONS['password.minLength'].default;
  const classes = rules?.minClasses ?? POLICY_DEFINITIONS['password.minClasses'].default;
  return t('password.hint', { min, classes });
}
