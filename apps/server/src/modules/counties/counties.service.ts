import { eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { POLICY_DEFINITIONS, type OrgSector } from '@jiceng/contract';
import type { Db } from '../../db/client.js';
import { orgs } from '../orgs/orgs.tables.js';
import { loginNames, users } from '../../platform/auth/auth.tables.js';
import { hashPassword, passwordProblem } from '../../platform/auth/password.js';
import { appendAudit } from '../../platform/audit/audit.service.js';
import { pathLabel } from '../../platform/access/access.js';
import { searchText } from '../../platform/search/pinyin.js';

export interface NewCounty {
  name: string;
  code: string;
  sector?: OrgSector;
  adminUsername: string;
  adminDisplayName: string;
  adminPassword: string;
}

/**
 * Bootstraps a county for a real installation (no demo): the county committee as the root of its tree and
 * its first county admin, who then builds the rest in the web. Run from the CLI by the installer.
 */
export async function createCounty(db: Db, input: NewCounty): Promise<{ countyId: string; adminId: string }> {
  const username = input.adminUsername.toLowerCase();
  const rules = { minLength: POLICY_DEFINITIONS['password.minLength'].default, minClasses: POLICY_DEFINITIONS['password.minClasses'].default };
  const problem = passwordProblem(input.adminPassword, username, rules);
  if (problem) throw new Error(`the admin password breaks the password policy (${problem.code})`);
  const [codeTaken] = await db.select({ id: orgs.id }).from(orgs).where(eq(orgs.code, input.code));
  if (codeTaken) throw new Error(`org code ${input.code} is already used`);
  const [nameTaken] = await db.select().from(loginNames).where(eq(loginNames.username, username));
  if (nameTaken) throw new Error(`username ${username} is taken`);

  const countyId = uuidv7();
  const adminId = uuidv7();
  const passwordHash = await hashPassword(input.adminPassword);
  await db.transaction(async (tx) => {
    await tx.insert(orgs).values({
      countyId, id: countyId, parentId: null, name: input.name, code: input.code, tier: 'county', level: 'committee',
      sector: input.sector ?? 'organ', path: pathLabel(countyId), searchText: searchText(input.name),
    });
    await tx.insert(users).values({
      countyId, id: adminId, username, displayName: input.adminDisplayName, role: 'countyAdmin',
      orgId: countyId, orgPath: pathLabel(countyId), passwordHash,
    });
    await tx.insert(loginNames).values({ username, countyId, userId: adminId });
    await appendAudit(tx, {
      countyId, action: 'county.create', entity: 'county', entityId: countyId, orgPath: pathLabel(countyId),
      detail: { name: input.name, code: input.code, admin: username },
    });
  });
  return { countyId, adminId };
}
