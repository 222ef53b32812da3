// Issue 10 (members' duties): API shapes of the compliance part.
import { z } from 'zod';

export const _compliancePlaceholder = z.never().optional();
