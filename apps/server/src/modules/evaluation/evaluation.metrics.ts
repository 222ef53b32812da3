// Computed indicators (issue 11, F17): each metric a figure of the platform's own records over the round's year
// (Asia/Shanghai) and the org's subtree, computed set-based for all the round's orgs at once; and, for the
// explanation page, the very records a metric counted (their number is the metric's denominator).
import type { ExplainRecord, Metric, OrgTier } from '@jiceng/contract';
import type { DbOrTx } from '../../db/client.js';

export interface MetricTarget { orgId: string; path: string; tier: OrgTier; name: string }
export interface MetricValue {
  /** numerator / denominator for shares and means, the count for counts; null when the denominator is 0 */
  value: number | null;
  numerator: number;
  denominator: number;
}

/** The metrics for every target: orgId → metric → value. */
export async function computeMetrics(
  _db: DbOrTx, _countyId: string, _year: number, _targets: readonly MetricTarget[], _metrics: readonly Metric[],
): Promise<Map<string, Map<Metric, MetricValue>>> {
  throw new Error('computeMetrics: not built yet');
}

/** The records one metric counted for one org, paged; total equals the metric's denominator. */
export async function metricRecords(
  _db: DbOrTx, _countyId: string, _year: number, _target: MetricTarget, _metric: Metric, _page: { offset: number; limit: number },
): Promise<{ total: number; records: ExplainRecord[] }> {
  throw new Error('metricRecords: not built yet');
}

/** The rule of a metric in words (zh-CN), with the policy keys it reads. */
export function metricRule(_metric: Metric): string {
  throw new Error('metricRule: not built yet');
}
