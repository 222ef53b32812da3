// Issue 10 (members' duties): API shapes of the training part.
import { z } from 'zod';

export const _trainingPlaceholder = z.never().optional();
