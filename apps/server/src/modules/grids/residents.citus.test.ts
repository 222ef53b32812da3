// Issue 13: members_resident_fk is ON DELETE NO ACTION (Citus refuses SET NULL on a key holding the distribution
// column); deleting a resident who is a member's person unlinks the member in the service — no FK error, no 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { HouseholdView } from '@jiceng/contract';
import { createTestApp, call, login, type Session, type TestContext } from '../../../test/harness.js';
import { demoOrgs, idNumber } from '../../../test/factories.js';
import { rowsOf } from '../../db/client.js';

let t: TestContext;
let village: Session;
let household: HouseholdView;
let memberId: string;

beforeAll(async () => {
  t = await createTestApp();
  const { byCode } = await demoOrgs(t.app);
  village = await login(t.app, 'demo-village');
  household = (await call(t.app, village, 'POST', '/api/households', {
    orgId: byCode('SFX-QS-QS').id, address: '青山村5组8号',
    residents: [
      { name: '周正', relation: 'head', idNumber: idNumber('19580101') },
      { name: '周红', relation: 'child', idNumber: idNumber('19850505') },
    ],
  })).body;
  memberId = (await call(t.app, village, 'POST', '/api/members', { orgId: byCode('SFX-QS-QS-B1').id, name: '周红', status: 'formal' })).body.id;
  const child = household.residents!.find((r) => r.relation === 'child')!;
  // the link as the demo seed and the import make it
  await t.database.db.execute(sql`update members set resident_id = ${child.id}::uuid
    where county_id = ${household.countyId}::uuid and id = ${memberId}::uuid`);
});
afterAll(() => t.close());

describe('a resident who is a member', () => {
  it('the foreign key is ON DELETE NO ACTION', async () => {
    const [fk] = rowsOf<{ action: string }>(await t.database.db.execute(sql`
      select confdeltype as action from pg_constraint where conname = 'members_resident_fk'`));
    expect(fk!.action).toBe('a');
  });

  it('PATCH changes the resident (the update never sets county_id)', async () => {
    const child = household.residents!.find((r) => r.relation === 'child')!;
    const r = await call(t.app, village, 'PATCH', `/api/residents/${child.id}`, { phone: '13900002222' });
    expect(r.status).toBe(200);
    expect(r.body.residents.find((x: { id: string }) => x.id === child.id).phone).toBe('13900002222');
  });

  it('DELETE removes the resident and keeps the member, unlinked', async () => {
    const child = household.residents!.find((r) => r.relation === 'child')!;
    const r = await call(t.app, village, 'DELETE', `/api/residents/${child.id}`);
    expect(r.status).toBe(200);
    expect(r.body.residents.map((x: { id: string }) => x.id)).not.toContain(child.id);
    const member = await call(t.app, village, 'GET', `/api/members/${memberId}`);
    expect(member.status).toBe(200);
    const [row] = rowsOf<{ resident_id: string | null }>(await t.database.db.execute(sql`
      select resident_id from members where county_id = ${household.countyId}::uuid and id = ${memberId}::uuid`));
    expect(row!.resident_id).toBeNull();
    const [audit] = rowsOf<{ detail: { unlinkedMembers?: string[] } }>(await t.database.db.execute(sql`
      select detail from audit_log where county_id = ${household.countyId}::uuid and action = 'resident.delete' and entity_id = ${child.id} order by seq desc limit 1`));
    expect(audit!.detail.unlinkedMembers).toEqual([memberId]);
  });
});
