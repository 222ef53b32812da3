import type { GridView, OrgView } from '@jiceng/contract';
import { http } from '../../api/http';
import type { TreeOption } from '../../ui/form';
import { buildTree, inSubtree, toTreeOptions } from './orgTree';

/** The caller's orgs (the API answers only their subtree), active ones unless asked. */
export async function loadOrgs(): Promise<OrgView[]> {
  return (await http.get<{ items: OrgView[] }>('/api/orgs')).items;
}

/** A village (or community) as a unit: the village-tier org whose parent is not itself village-tier. */
export function villagesOf(orgs: readonly OrgView[]): OrgView[] {
  const byId = new Map(orgs.map((o) => [o.id, o]));
  return orgs.filter((o) => o.tier === 'village' && !o.archived && byId.get(o.parentId ?? '')?.tier !== 'village');
}

/** The village an org belongs to (itself, or its village-tier ancestor). */
export function villageOf(org: OrgView | undefined, orgs: readonly OrgView[]): OrgView | undefined {
  if (!org || org.tier !== 'village') return undefined;
  return villagesOf(orgs).find((v) => inSubtree(org, v));
}

/** Tree options for filters: every org pickable. */
export const filterTree = (orgs: readonly OrgView[]): TreeOption[] => toTreeOptions(buildTree(orgs.filter((o) => !o.archived)), () => false);

/** Tree options where only `pickable` orgs can be chosen (the rest stay visible as the path to them). */
export const pickTree = (orgs: readonly OrgView[], pickable: (o: OrgView) => boolean): TreeOption[] =>
  toTreeOptions(buildTree(orgs.filter((o) => !o.archived)), (o) => !pickable(o));

/** Grids an org can see below or around it: its village's grids, or every grid of the villages under it. */
export function gridsUnder(orgId: string | undefined, orgs: readonly OrgView[], grids: readonly GridView[]): GridView[] {
  const org = orgs.find((o) => o.id === orgId);
  if (!org) return grids.filter((g) => !g.archived);
  const village = villageOf(org, orgs);
  const byId = new Map(orgs.map((o) => [o.id, o]));
  return grids.filter((g) => {
    if (g.archived) return false;
    if (village) return g.orgId === village.id;
    const gridOrg = byId.get(g.orgId);
    return gridOrg !== undefined && inSubtree(gridOrg, org);
  });
}
