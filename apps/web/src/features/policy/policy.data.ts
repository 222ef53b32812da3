import { POLICY_DEFINITIONS, type PolicyKey } from '@jiceng/contract/constants';
import type { PolicyEntryView } from '@jiceng/contract';
import { label, t } from '../../i18n';

export const POLICY_GROUPS = ['password', 'session', 'lockout', 'totp', 'grid', 'case', 'whistle', 'visit', 'privacy', 'duty', 'training', 'evaluation'] as const;
export type PolicyGroup = (typeof POLICY_GROUPS)[number];

export interface PolicyRow {
  key: PolicyKey;
  label: string;
  unit: string;
  source: string;
  entry: PolicyEntryView;
}

/** Entries grouped as POLICY_DEFINITIONS says (密码 / 会话 / 登录锁定), labels in the current language. */
export const policyGroups = (entries: readonly PolicyEntryView[]): { group: PolicyGroup; title: string; rows: PolicyRow[] }[] =>
  POLICY_GROUPS.map((group) => ({
    group,
    title: t(`policy.groups.${group}`),
    rows: entries
      .filter((e) => POLICY_DEFINITIONS[e.key].group === group)
      .map((e) => {
        const def = POLICY_DEFINITIONS[e.key];
        return { key: e.key, label: label(def.label), unit: label(def.unit), source: def.source, entry: e };
      }),
  })).filter((g) => g.rows.length > 0);
