import { ORG_LEVEL_LABELS, ORG_LEVELS, ORG_TIER_LABELS, ORG_TIERS } from '@jiceng/contract/constants';
import type { OrgView } from '@jiceng/contract';
import { label } from '../../i18n';

export interface CountItem {
  key: string;
  label: string;
  count: number;
}

/** Active orgs of the caller's area counted by tier and by body level. */
export function orgCounts(orgs: readonly OrgView[]): { byTier: CountItem[]; byLevel: CountItem[] } {
  const active = orgs.filter((o) => !o.archived);
  return {
    byTier: ORG_TIERS.map((k) => ({ key: k, label: label(ORG_TIER_LABELS[k]), count: active.filter((o) => o.tier === k).length })),
    byLevel: ORG_LEVELS.map((k) => ({ key: k, label: label(ORG_LEVEL_LABELS[k]), count: active.filter((o) => o.level === k).length })),
  };
}
