import { seedCatalog } from './demo.catalog.js';
import { seedServiceRooms } from '../catalog/catalog.demo.js';
import { randomInt } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Db } from '../../db/client.js';
import { departments, orgs } from '../orgs/orgs.tables.js';
import { loginNames, users } from '../../platform/auth/auth.tables.js';
import { hashPassword, passwordProblem } from '../../platform/auth/password.js';
import { appendAudit } from '../../platform/audit/audit.service.js';
import { pathLabel } from '../../platform/access/access.js';
import { searchText } from '../../platform/search/pinyin.js';
import { POLICY_DEFINITIONS, POLICY_KEYS } from '@jiceng/contract';
import { policyOverrides } from '../../platform/policy/policy.tables.js';
import { DEMO_ACCOUNTS, DEMO_COUNTY, DEMO_DEPARTMENTS, type DemoOrg } from './demo.data.js';
import { analyze } from '../../db/statistics.js';
import { mergePendingGin, trigramDeferral } from '../imports/bulk.js';
import { seedFieldworkDemo } from '../fieldwork/fieldwork.demo.js';
import { seedPeople, type PeopleCounts, type SeedOrg } from './demo.people.js';
import { seedCases, type CaseCounts } from '../cases/cases.demo.js';
import { seedDuties, type DutiesCounts } from '../duties/duties.demo.js';
import { seedEvaluationDemo } from '../evaluation/evaluation.demo.js';
import { seedSurveysDemo } from '../surveys/surveys.demo.js';

/** A password that satisfies the default policy: 4 classes, 16 characters, no look-alikes. */
export function generatePassword(): string {
  const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '-_.!@#'];
  const all = sets.join('');
  const chars = sets.map((s) => s[randomInt(s.length)]!);
  while (chars.length < 16) chars.push(all[randomInt(all.length)]!);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}

export type SeedResult =
  | { seeded: false }
  | { seeded: true; orgs: number; departments: number; accounts: number; people: PeopleCounts | null; cases: CaseCounts | null; duties: DutiesCounts | null };

export interface SeedOptions {
  /**
   * Grids, households, residents, members, positions, 131n bodies and pairings (≈ 4 s on PGlite).
   * Default on; the test harness turns it off (its files build the people they need).
   */
  people?: boolean;
  /** The end of the demo's two years of cases and whistles (default: now); tests pin it to compare two seeds. */
  now?: Date;
  /** Called with a line as each part of the seed is done (`npm start` prints them: the first start waits on this). */
  progress?: (line: string) => void;
}

/** Seeds 示范县 once, in one transaction; a second call finds the county and does nothing. */
export async function seedDemo(db: Db, password: string, options: SeedOptions = {}): Promise<SeedResult> {
  const [existing] = await db.select({ id: orgs.id }).from(orgs).where(eq(orgs.code, DEMO_COUNTY.code)).limit(1);
  if (existing) return { seeded: false };
  const rules = { minLength: POLICY_DEFINITIONS['password.minLength'].default, minClasses: POLICY_DEFINITIONS['password.minClasses'].default };
  const problem = DEMO_ACCOUNTS.map((a) => passwordProblem(password, a.username, rules)).find(Boolean);
  if (problem) throw new Error(`JICENG_DEMO_PASSWORD breaks the password policy (${problem.code})`);

  const countyId = uuidv7();
  const byKey = new Map<string, SeedOrg>();
  const rows: (typeof orgs.$inferInsert)[] = [];
  const walk = (node: DemoOrg, parent: SeedOrg | null) => {
    const id = parent ? uuidv7() : countyId;
    const path = parent ? `${parent.path}.${pathLabel(id)}` : pathLabel(id);
    const self: SeedOrg = { key: node.key, id, path, name: node.name, tier: node.tier, level: node.level, sector: node.sector, parentKey: parent?.key ?? null, children: (node.children ?? []).map((c) => c.key) };
    byKey.set(node.key, self);
    rows.push({ countyId, id, parentId: parent?.id ?? null, name: node.name, code: node.code, tier: node.tier, level: node.level, sector: node.sector, path, searchText: searchText(node.name) });
    for (const child of node.children ?? []) walk(child, self);
  };
  walk(DEMO_COUNTY, null);

  const started = performance.now();
  let last = started;
  /** one line per part: what was written and how long it took */
  const step = (what: string) => {
    const now = performance.now();
    options.progress?.(`seeding 示范县 demo county: ${what} (${((now - last) / 1000).toFixed(1)} s, ${((now - started) / 1000).toFixed(1)} s in all)`);
    last = now;
  };
  const passwordHash = await hashPassword(password);
  let people: PeopleCounts | null = null;
  let cases: CaseCounts | null = null;
  let duties: DutiesCounts | null = null;
  await db.transaction(async (tx) => {
    // on an empty embedded database the trigram indexes are built once at the end, not kept up to date row by
    // row (bulk.ts: ≈ 2 × faster); a database that already holds other counties keeps them
    const indexes = await trigramDeferral(tx, undefined, 0);
    await indexes.wrote(0); // nothing written yet: an empty database drops them now
    await tx.insert(orgs).values(rows);
    const deptIds = new Map<string, string>();
    for (const d of DEMO_DEPARTMENTS) {
      const id = uuidv7();
      deptIds.set(d.code, id);
      await tx.insert(departments).values({ countyId, id, name: d.name, code: d.code, phone: d.phone });
    }
    for (const a of DEMO_ACCOUNTS) {
      const id = uuidv7();
      const org = a.orgKey ? byKey.get(a.orgKey) : undefined;
      await tx.insert(users).values({
        countyId, id, username: a.username, displayName: a.displayName, role: a.role,
        orgId: org?.id ?? null, orgPath: org?.path ?? null,
        departmentId: a.departmentCode ? deptIds.get(a.departmentCode)! : null,
        passwordHash,
      });
      await tx.insert(loginNames).values({ username: a.username, countyId, userId: id });
    }
    // The demo county opts out of two-factor sign-in (totp.required.* = 0) so its shared demo accounts stay
    // usable by anyone trying it; a real county keeps the GB/T 22239 defaults (admins and evaluators must enrol).
    const totpKeys = POLICY_KEYS.filter((k) => k.startsWith('totp.required.'));
    await tx.insert(policyOverrides).values(totpKeys.map((key) => ({ countyId, key, value: 0 })));
    const serviceItems = await seedCatalog(tx, countyId, deptIds);
    await seedServiceRooms(tx, countyId, byKey.values());
    step(`${rows.length} orgs, ${DEMO_ACCOUNTS.length} accounts, ${serviceItems} service items`);
    if (options.people ?? true) {
      people = await seedPeople(tx, countyId, pathLabel(countyId), byKey, deptIds);
      step(`${people.households} households, ${people.residents} residents, ${people.members} members`);
      // two years of cases, ratings and whistles about those people (≈ 5,000 cases)
      cases = await seedCases(tx, { countyId, orgs: byKey, deptIds, passwordHash, now: options.now });
      step(`${cases.cases} cases, ${cases.whistles} whistles`);
      // a year of members' duties: volunteer hours, 三个一, training, commitments, a member's own login
      duties = await seedDuties(tx, { countyId, orgs: byKey, passwordHash, now: options.now ?? new Date() });
      step(`members' duties (${duties.volunteerRecords} volunteer records)`);
      // fifteen months of household and village-group visits (走访台账, 两走遍, 六访)
      await seedFieldworkDemo(tx, { countyId, now: options.now ?? new Date() });
      step('visits');
      // this year's township household surveys (the mass evaluation's answers from a level above the villages)
      await seedSurveysDemo(tx, { countyId });
      step('surveys');
      // the annual evaluation: standard templates, last year's finished round, this year's in progress (issue 11)
      await seedEvaluationDemo(tx, { countyId, orgs: byKey, now: options.now ?? new Date() });
      step('evaluation rounds');
    }
    await indexes.finish();
    await mergePendingGin(tx);
    await appendAudit(tx, {
      countyId, action: 'seed.demo', entity: 'county', entityId: countyId, orgPath: pathLabel(countyId),
      detail: {
        orgs: rows.length, departments: DEMO_DEPARTMENTS.length, serviceItems, accounts: [...DEMO_ACCOUNTS.map((a) => a.username), ...(cases?.usernames ?? [])],
        ...(people ? { people } : {}),
        ...(cases ? { cases: { cases: cases.cases, open: cases.open, events: cases.events, whistles: cases.whistles } } : {}),
        ...(duties ? { duties } : {}),
      },
    });
  });
  // thousands of rows in tables the planner has never measured (PGlite never analyses by itself: db/statistics.ts)
  await analyze(db);
  step('committed, planner statistics');
  const made = cases as CaseCounts | null; // assigned inside the transaction
  const madeDuties = duties as DutiesCounts | null;
  return { seeded: true, orgs: rows.length, departments: DEMO_DEPARTMENTS.length, accounts: DEMO_ACCOUNTS.length + (made?.accounts ?? 0), people, cases: made, duties: madeDuties };
}
