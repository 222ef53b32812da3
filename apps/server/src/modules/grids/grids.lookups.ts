// The org and grid lookups the people services validate against (households here, members in modules/members):
// a file of its own so members.service reads grids without importing households.service (which reads members).
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { orgById } from '../orgs/orgs.service.js';
import { grids } from './grids.tables.js';

export interface Lookups {
  org(id: string): Promise<{ id: string; path: string; tier: string; level: string; archived: boolean } | null>;
  grid(id: string): Promise<{ id: string; orgId: string; orgPath: string } | null>;
}

export const dbLookups = (db: DbOrTx, countyId: string): Lookups => ({
  org: (id) => orgById(db, countyId, id),
  grid: async (id) => {
    const [g] = await db.select().from(grids).where(and(eq(grids.countyId, countyId), eq(grids.id, id)));
    return g ? { id: g.id, orgId: g.orgId, orgPath: g.orgPath } : null;
  },
});

