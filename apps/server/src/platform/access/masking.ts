import type { Actor } from './access.js';
import { can } from './access.js';
import { AppError } from '../http/errors.js';
import { appendAudit, byActor } from '../audit/audit.service.js';
import type { Db } from '../../db/client.js';
import { policyValue } from '../policy/policy.service.js';

/** What a read asks for: clear values, and why (the reason is required with unmask). */
export interface UnmaskAsk {
  unmask?: boolean;
  unmaskReason?: string;
}

/**
 * Sensitive fields are masked unless the caller asks (`unmask=true`) and holds resident.unmask.
 * Asking without the permission is refused, not silently masked, so nobody believes they saw clear data.
 * Asking without a reason is refused too: the unmask report says why each person was seen in clear.
 */
export function wantsClear(actor: Actor, ask: UnmaskAsk): boolean {
  if (!ask.unmask) return false;
  if (!can(actor, 'resident.unmask')) throw new AppError('unmask.forbidden', 403);
  if (!ask.unmaskReason?.trim()) throw new AppError('unmask.reasonRequired', 400, {}, { unmaskReason: 'unmask.reasonRequired' });
  return true;
}

/** Each clear view is one audit entry naming the records shown and the reason given. */
export async function auditUnmask(db: Db, actor: Actor, entity: string, ids: string[], orgPath: string | null, reason: string | undefined): Promise<void> {
  if (ids.length === 0) return;
  await db.transaction((tx) => appendAudit(tx, byActor(actor, {
    action: 'resident.unmask', entity, entityId: ids.length === 1 ? ids[0]! : null, orgPath, detail: { count: ids.length, ids, reason: reason?.trim() ?? null },
  })));
}

/**
 * 批量导出个人信息 (GB/T 35273-2020 7.1 c): an export of more people than the county's
 * privacy.exportPurposeRows states its purpose, which the export's audit entry keeps.
 */
export async function assertExportPurpose(db: Db, countyId: string, rows: number, purpose: string | undefined): Promise<void> {
  const limit = await policyValue(db, countyId, 'privacy.exportPurposeRows');
  if (rows > limit && !purpose?.trim()) throw new AppError('export.purposeRequired', 400, { rows, limit }, { purpose: 'export.purposeRequired' });
}

/**
 * A detail view of one person (masked) is recorded too, so the county can answer "who looked at this resident"
 * (GB/T 35273-2020 9.x 个人信息访问记录). A clear view is the resident.unmask entry instead.
 */
export async function auditView(db: Db, actor: Actor, entity: string, id: string, orgPath: string | null): Promise<void> {
  await db.transaction((tx) => appendAudit(tx, byActor(actor, { action: 'person.view', entity, entityId: id, orgPath })));
}
