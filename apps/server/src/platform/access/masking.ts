import type { Actor } from './access.js';
import { can } from './access.js';
import { AppError } from '../http/errors.js';
import { appendAudit, byActor } from '../audit/audit.service.js';
import type { Db } from '../../db/client.js';

/**
 * Sensitive fields are masked unless the caller asks (`unmask=true`) and holds resident.unmask.
 * Asking without the permission is refused, not silently masked, so nobody believes they saw clear data.
 */
export function wantsClear(actor: Actor, unmask: boolean | undefined): boolean {
  if (!unmask) return false;
  if (!can(actor, 'resident.unmask')) throw new AppError('unmask.forbidden', 403);
  return true;
}

/** Each clear view is one audit entry naming the records shown. */
export async function auditUnmask(db: Db, actor: Actor, entity: string, ids: string[], orgPath: string | null): Promise<void> {
  if (ids.length === 0) return;
  await db.transaction((tx) => appendAudit(tx, byActor(actor, { action: 'resident.unmask', entity, entityId: ids.length === 1 ? ids[0]! : null, orgPath, detail: { count: ids.length, ids } })));
}
