// Issue 10 (members' duties): API shapes of the secretaries part.
import { z } from 'zod';

export const _secretariesPlaceholder = z.never().optional();
