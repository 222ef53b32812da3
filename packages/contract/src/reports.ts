// Reports (F21, issue 12): the statistics of any subtree and period (篇三's figures) and the Word reports.
import { z } from 'zod';
import { Id } from './common.js';

// schemas of the statistics and documents parts
export const ReportsPlaceholder = z.object({});

// ---- documents ----
/** GET /api/reports/evaluation/:roundId.docx — the report of one round for a subtree (default: the caller's area) */
export const EvaluationReportParams = z.strictObject({ roundId: Id });
export const EvaluationReportQuery = z.strictObject({ orgId: Id.optional() });
