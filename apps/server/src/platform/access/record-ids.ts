import { sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { uuidv7 } from 'uuidv7';
import { rowsOf, type DbOrTx } from '../../db/client.js';
import { inScope, type Actor } from './access.js';

/**
 * The id of a new record whose client may choose it (an offline phone's UUIDv7). Unused: the client's id. Used by a
 * record the caller can see: 'resend' (the caller answers 409). Used by a record outside the caller's scope: a new
 * id, exactly as an unused id is stored — a chosen id never confirms that someone else's record exists (issue 15).
 * `table` is a tenant table with `county_id`, `id` and `org_path`.
 */
export async function clientRecordId(db: DbOrTx, actor: Actor, table: PgTable, clientId: string | undefined): Promise<string | 'resend'> {
  if (!clientId) return uuidv7();
  const [taken] = rowsOf<{ path: string }>(await db.execute(sql`
    select org_path::text as path from ${table} where county_id = ${actor.countyId}::uuid and id = ${clientId}::uuid`));
  if (!taken) return clientId;
  return inScope(actor, taken.path) ? 'resend' : uuidv7();
}
