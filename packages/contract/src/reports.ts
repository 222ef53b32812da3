// Reports (F21, issue 12): the statistics of any subtree and period (篇三's figures) and the Word reports.
import { z } from 'zod';

// schemas of the statistics and documents parts
export const ReportsPlaceholder = z.object({});
