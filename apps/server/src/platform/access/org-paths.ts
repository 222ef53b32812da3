import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';

/**
 * Tables that copy an org's path into `org_path` for scoping. Moving a subtree rewrites them all
 * in the mover's transaction. Modules add their tables here when they are created.
 * The audit log is left alone on purpose: an entry keeps the path it had when it was written.
 */
export const ORG_PATH_TABLES: readonly string[] = ['users'];

export async function rewriteOrgPaths(tx: Tx, countyId: string, oldPath: string, newPath: string): Promise<void> {
  for (const table of ORG_PATH_TABLES) {
    await tx.execute(sql`
      update ${sql.identifier(table)}
         set org_path = case when org_path = ${oldPath}::ltree then ${newPath}::ltree else ${newPath}::ltree || subpath(org_path, nlevel(${oldPath}::ltree)) end
       where county_id = ${countyId} and org_path <@ ${oldPath}::ltree`);
  }
}

/** Tables whose rows hang on an org by `org_id`: an org with any cannot be deleted, only archived. */
export const ORG_REFERENCING_TABLES: readonly string[] = ['users'];
