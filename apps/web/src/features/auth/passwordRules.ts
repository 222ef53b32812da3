import { POLICY_DEFINITIONS, type PolicyView } from '@jiceng/contract';
import { http } from '../../api/http';
import { useSession } from '../../stores/session';
import { t } from '../../i18n';

/** The password rules as the county set them; accounts without policy.read see the defaults. */
export async function passwordHint(): Promise<string> {
  let min: number = POLICY_DEFINITIONS['password.minLength'].default;
  let classes: number = POLICY_DEFINITIONS['password.minClasses'].default;
  if (useSession().can('policy.read')) {
    try {
      const policy = await http.get<PolicyView>('/api/policy', undefined, { quiet: true });
      min = policy.entries.find((e) => e.key === 'password.minLength')?.value ?? min;
      classes = policy.entries.find((e) => e.key === 'password.minClasses')?.value ?? classes;
    } catch {
      // the defaults are a fair hint; the server still checks the real rule
    }
  }
  return t('password.hint', { min, classes });
}
