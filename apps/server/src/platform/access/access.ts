import { sql, type SQL, type AnyColumn } from 'drizzle-orm';
import type { Permission, Role } from '@jiceng/contract';
import { GRANTABLE_ROLES, hasPermission } from '@jiceng/contract';
import { AppError, notFound } from '../http/errors.js';

/** Who is calling: resolved from the session on every request. */
export interface Actor {
  userId: string;
  countyId: string;
  username: string;
  displayName: string;
  role: Role;
  orgId: string | null;
  departmentId: string | null;
  /** the member record of a member's own login (role member); such an actor has an empty scope */
  memberId?: string | null;
  /** ltree paths whose subtrees the actor may see; empty for department-bound accounts */
  scope: string[];
  /** path of the county root: county-wide actors hold it in scope */
  countyPath: string;
  sessionId: string;
  ip: string | null;
}

/** ltree label of an org id (ltree labels on PostgreSQL 15 allow no hyphen). */
export const pathLabel = (id: string) => id.replaceAll('-', '');

/** Is `path` inside (or equal to) the subtree at `root`? Plain string logic, independent of ltree. */
export const isWithin = (path: string, root: string) => path === root || path.startsWith(`${root}.`);

export const inScope = (actor: Actor, path: string | null | undefined): boolean =>
  path != null && actor.scope.some((root) => isWithin(path, root));

/** Strictly below one of the actor's scope roots (the root itself is excluded). */
export const belowScopeRoot = (actor: Actor, path: string): boolean =>
  actor.scope.some((root) => path.startsWith(`${root}.`));

export const isCountyWide = (actor: Actor) => actor.scope.includes(actor.countyPath);

export function can(actor: Actor, permission: Permission): boolean {
  return hasPermission(actor.role, permission);
}

export function requirePermission(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) throw new AppError('auth.forbidden', 403);
}

/** Records outside the caller's scope do not exist for them: 404, never a hint. */
export function assertVisible(actor: Actor, row: { countyId: string; path: string | null } | undefined): void {
  if (!row || row.countyId !== actor.countyId || !inScope(actor, row.path)) throw notFound();
}

/** The one read filter: `column <@ any(scope)`; nothing when the scope is empty. */
export function scopeFilter(actor: Actor, column: AnyColumn | SQL): SQL {
  if (actor.scope.length === 0) return sql`false`;
  return sql`${column} <@ array[${sql.join(
    actor.scope.map((p) => sql`${p}::ltree`),
    sql`, `,
  )}]`;
}

/** Rank of each role in the chain of command (lower = higher); the evaluator sits below the county admin only. */
const ROLE_RANK: Record<Role, number> = { countyAdmin: 0, townshipAdmin: 1, evaluator: 1, villageCadre: 2, gridWorker: 3, departmentHandler: 3, member: 4 };

/**
 * May the actor manage another account (change it, disable it, reset its password or second factor)? Only from
 * above: a role the actor may grant, in the actor's scope, and either bound strictly below the actor's scope root
 * or at it with a lower role. Peers never manage peers — a village cadre cannot lock out the village's other
 * cadre; department-bound accounts are managed by county-wide accounts. Deny by default; the caller's own
 * account is not this rule's business (the self-service routes ask for the current password).
 */
export function managesAccount(actor: Actor, target: { countyId: string; role: Role; orgPath: string | null }): boolean {
  if (target.countyId !== actor.countyId || !GRANTABLE_ROLES[actor.role].includes(target.role)) return false;
  if (target.orgPath === null) return isCountyWide(actor) && ROLE_RANK[target.role] > ROLE_RANK[actor.role];
  if (!inScope(actor, target.orgPath)) return false;
  return belowScopeRoot(actor, target.orgPath) || ROLE_RANK[target.role] > ROLE_RANK[actor.role];
}
