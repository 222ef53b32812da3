import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';

/**
 * Tables that copy an org's path into `org_path` for scoping. Moving a subtree rewrites them all
 * in the mover's transaction. Modules add their tables here when they are created.
 * The audit log is left alone on purpose: an entry keeps the path it had when it was written.
 */
export const ORG_PATH_TABLES: readonly (string | readonly [table: string, column: string])[] = [
  'users', 'grids', 'households', 'residents', 'members', 'member_positions', 'bodies', 'pairings',
  'cases', ['cases', 'owner_path'], 'accountability_records', 'whistles',
  'visits', 'duty_shifts', 'activities', 'survey_draws', 'survey_responses',
];

export async function rewriteOrgPaths(tx: Tx, countyId: string, oldPath: string, newPath: string): Promise<void> {
  for (const entry of ORG_PATH_TABLES) {
    const [table, column] = typeof entry === 'string' ? [entry, 'org_path'] : entry;
    const col = sql.identifier(column);
    await tx.execute(sql`
      update ${sql.identifier(table)}
         set ${col} = case when ${col} = ${oldPath}::ltree then ${newPath}::ltree else ${newPath}::ltree || subpath(${col}, nlevel(${oldPath}::ltree)) end
       where county_id = ${countyId} and ${col} <@ ${oldPath}::ltree`);
  }
}

/** Columns that name an org: an org named by any row cannot be deleted, only archived. */
export const ORG_REFERENCES: readonly (readonly [table: string, column: string])[] = [
  ['users', 'org_id'], ['members', 'org_id'], ['member_positions', 'org_id'], ['grids', 'org_id'], ['grids', 'party_group_id'],
  ['households', 'org_id'], ['bodies', 'org_id'], ['pairings', 'org_id'], ['pairings', 'partner_org_id'],
  ['cases', 'org_id'], ['cases', 'owner_org_id'], ['whistles', 'org_id'], ['notifications', 'org_id'],
  ['visits', 'org_id'], ['visits', 'group_org_id'], ['duty_shifts', 'org_id'], ['activities', 'org_id'], ['survey_draws', 'org_id'],
];
