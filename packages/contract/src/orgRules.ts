import type { OrgLevel, OrgTier } from './enums.js';
import { ORG_LEVELS, ORG_TIERS } from './enums.js';

const tierRank = (t: OrgTier) => ORG_TIERS.indexOf(t);
const levelRank = (l: OrgLevel) => ORG_LEVELS.indexOf(l);

export interface OrgShape {
  tier: OrgTier;
  level: OrgLevel;
}

/**
 * Where a node may hang (党章: 党委 → 党总支 → 党支部 → 党小组; 县 → 乡镇 → 村).
 * A committee may sit under a committee only one administrative tier down; below a
 * committee the body levels must strictly descend and the tier may not go back up.
 * Returns null when allowed, else the reason's error code.
 */
export function placementError(child: OrgShape, parent: OrgShape | null): string | null {
  if (parent === null) return child.tier === 'county' && child.level === 'committee' ? null : 'org.rootMustBeCounty';
  if (child.tier === 'county' && child.level === 'committee') return 'org.countyIsRoot';
  if (tierRank(child.tier) < tierRank(parent.tier)) return 'org.tierAboveParent';
  if (child.level === 'committee') {
    return parent.level === 'committee' && tierRank(child.tier) === tierRank(parent.tier) + 1 ? null : 'org.levelNotBelowParent';
  }
  if (levelRank(child.level) <= levelRank(parent.level)) return 'org.levelNotBelowParent';
  if (child.level === 'group' && parent.level !== 'branch') return 'org.groupNeedsBranch';
  return null;
}
