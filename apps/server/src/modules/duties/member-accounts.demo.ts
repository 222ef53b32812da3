import type { Tx } from '../../db/client.js';
import type { DutiesSeedInput } from './duties.demo.js';

/** (issue 10) demo records of this part; returns how many were made */
export async function seedMemberAccountsDemo(_tx: Tx, _input: DutiesSeedInput): Promise<number> {
  return 0;
}
