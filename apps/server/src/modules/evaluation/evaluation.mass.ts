// The mass evaluation's inputs (issue 11, 篇五(14)): survey answers of the year's draws made by a level above the
// org, in the org's area; and the independent ratings of the year's cases of the org's subtree (the resident on
// the portal, or a callback recorded from outside the subtree). Rules: evaluation.rules.ts massScore.
import type { MassRecord } from '@jiceng/contract';
import type { DbOrTx } from '../../db/client.js';
import type { MassInputs } from './evaluation.rules.js';
import type { MetricTarget } from './evaluation.metrics.js';

export interface MassCounts extends MassInputs {
  /** ratings of the subtree's cases recorded from inside the subtree (not counted) */
  ratingsExcluded: number;
}

export async function massInputs(_db: DbOrTx, _countyId: string, _year: number, _targets: readonly MetricTarget[]): Promise<Map<string, MassCounts>> {
  throw new Error('massInputs: not built yet');
}

/** Every survey response and rating considered for one org, counted or not (and why not), paged. */
export async function massRecords(
  _db: DbOrTx, _countyId: string, _year: number, _target: MetricTarget, _page: { offset: number; limit: number },
): Promise<{ total: number; records: MassRecord[] }> {
  throw new Error('massRecords: not built yet');
}
