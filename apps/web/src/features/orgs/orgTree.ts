import { placementError, type OrgLevel, type OrgSector, type OrgTier } from '@jiceng/contract/constants';
import type { OrgView } from '@jiceng/contract';
import type { TreeOption } from '../../ui/form';

export interface OrgNode {
  id: string;
  label: string;
  org: OrgView;
  children: OrgNode[];
}

/**
 * The API answers a flat list in path order (parents first). A node whose parent is not in the
 * list is a root of the caller's scope.
 */
export function buildTree(items: readonly OrgView[]): OrgNode[] {
  const byId = new Map<string, OrgNode>();
  const roots: OrgNode[] = [];
  for (const org of items) {
    const node: OrgNode = { id: org.id, label: org.name, org, children: [] };
    byId.set(org.id, node);
    const parent = org.parentId ? byId.get(org.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/** The node and all its descendants (ltree: a descendant's path starts with the node's path). */
export function inSubtree(candidate: OrgView, root: OrgView): boolean {
  return candidate.path === root.path || candidate.path.startsWith(`${root.path}.`);
}

/** A sensible tier and level for a new child: the next tier's committee or branch, else one body level down. */
export function suggestChild(parent: OrgView): { tier: OrgTier; level: OrgLevel; sector: OrgSector } {
  const nextTier: OrgTier = parent.tier === 'county' ? 'township' : 'village';
  const candidates: { tier: OrgTier; level: OrgLevel }[] = [
    { tier: nextTier, level: nextTier === 'township' ? 'committee' : 'branch' },
    { tier: parent.tier, level: 'branch' },
    { tier: parent.tier, level: 'group' },
  ];
  const pick = candidates.find((c) => placementError(c, parent) === null) ?? candidates[0]!;
  const sector: OrgSector = parent.tier === 'county' ? 'rural' : parent.sector;
  return { ...pick, sector };
}

/** Whether any child shape fits under this org (a party group takes none). */
export const canHaveChildren = (org: OrgView) => org.level !== 'group';

/** Tree-select options; `disable` greys out the nodes that cannot be picked. */
export function toTreeOptions(nodes: readonly OrgNode[], disable: (org: OrgView) => boolean, skip: (org: OrgView) => boolean = () => false): TreeOption[] {
  const out: TreeOption[] = [];
  for (const n of nodes) {
    if (skip(n.org)) continue;
    out.push({ value: n.id, label: n.label, disabled: disable(n.org), children: toTreeOptions(n.children, disable, skip) });
  }
  return out;
}
