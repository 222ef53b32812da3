import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Tx } from '../../db/client.js';
import { loginNames, users } from '../../platform/auth/auth.tables.js';
import { members } from '../members/members.tables.js';
import type { DutiesSeedInput } from './duties.demo.js';
import { shanghaiToday } from '../../platform/calendar/today.js';
import { policyValue } from '../../platform/policy/policy.service.js';

/** the demo member's own login (role member, the demo password): a probationary member or activist of 青山村 */
export const DEMO_MEMBER_USERNAME = 'demo-member';

/** (issue 10) an active member's own login bound to a member of 青山村 who owes volunteer hours; returns 1 */
export async function seedMemberAccountsDemo(tx: Tx, input: DutiesSeedInput): Promise<number> {
  const village = input.orgs.get('SFX-QS-QS');
  if (!village) return 0;
  const requiredMinutes = (await policyValue(tx, input.countyId, 'duty.volunteerHoursPerYear')) * 60;
  const [m] = await tx
    .select({ id: members.id, name: members.name, orgId: members.orgId, orgPath: members.orgPath, status: members.status })
    .from(members)
    .where(and(
      eq(members.countyId, input.countyId),
      sql`${members.orgPath} <@ ${village.path}::ltree`,
      inArray(members.status, ['probationary', 'activist']),
      isNull(members.archivedAt),
    ))
    // the issue's story: a probationary member with some confirmed hours this year, short of the 100 (the volunteer
    // demo ran before this one), then any probationary member, then by name: the same person on every seed
    .orderBy(
      sql`case when (select coalesce(sum(v.minutes), 0) from volunteer_records v
                      where v.county_id = ${input.countyId} and v.member_id = ${members.id} and v.state = 'confirmed'
                        and v.served_on >= ${`${shanghaiToday(input.now.getTime()).slice(0, 4)}-01-01`}) between 60 and ${requiredMinutes - 60} then 0 else 1 end`,
      sql`case ${members.status} when 'probationary' then 0 else 1 end`, asc(members.name), asc(members.id))
    .limit(1);
  if (!m) return 0;
  const id = uuidv7();
  await tx.insert(users).values({
    countyId: input.countyId, id, username: DEMO_MEMBER_USERNAME, displayName: m.name, role: 'member', memberId: m.id,
    orgId: m.orgId, orgPath: m.orgPath, departmentId: null, passwordHash: input.passwordHash,
  });
  await tx.insert(loginNames).values({ username: DEMO_MEMBER_USERNAME, countyId: input.countyId, userId: id });
  return 1;
}
