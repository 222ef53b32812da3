// Issue 10 (members' duties): API shapes of the programme part.
import { z } from 'zod';

export const _programmePlaceholder = z.never().optional();
