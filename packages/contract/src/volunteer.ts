// Issue 10 (members' duties): API shapes of the volunteer part.
import { z } from 'zod';

export const _volunteerPlaceholder = z.never().optional();
