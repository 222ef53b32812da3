// Issue 10 (members' duties): API shapes of the commitments part.
import { z } from 'zod';

export const _commitmentsPlaceholder = z.never().optional();
