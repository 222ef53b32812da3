// Demo data of members' duties (issue 10): a year of records so every page shows something real, some members
// and units behind. Each part seeds its own records in its own file; this calls them in order, inside the demo
// seed's transaction, after the people, cases and activities exist.
import type { Tx } from '../../db/client.js';
import type { SeedOrg } from '../demo/demo.people.js';
import { seedVolunteerDemo } from './volunteer.demo.js';
import { seedSecretariesDemo } from './secretaries.demo.js';
import { seedTrainingDemo } from './training.demo.js';
import { seedCommitmentsDemo } from './commitments.demo.js';
import { seedMemberAccountsDemo } from './member-accounts.demo.js';
import { seedServiceActivitiesDemo } from './service-activities.demo.js';

export interface DutiesSeedInput {
  countyId: string;
  orgs: Map<string, SeedOrg>;
  passwordHash: string;
  /** the end of the demo's history (default: now) */
  now: Date;
}

export interface DutiesCounts {
  volunteerRecords: number;
  duties: number;
  trainingCourses: number;
  commitments: number;
  memberAccounts: number;
  serviceActivities: number;
}

export async function seedDuties(tx: Tx, input: DutiesSeedInput): Promise<DutiesCounts> {
  const volunteerRecords = await seedVolunteerDemo(tx, input);
  const duties = await seedSecretariesDemo(tx, input);
  const trainingCourses = await seedTrainingDemo(tx, input);
  const commitments = await seedCommitmentsDemo(tx, input);
  const memberAccounts = await seedMemberAccountsDemo(tx, input);
  const serviceActivities = await seedServiceActivitiesDemo(tx, input);
  return { volunteerRecords, duties, trainingCourses, commitments, memberAccounts, serviceActivities };
}
