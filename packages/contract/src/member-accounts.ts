// Issue 10 (members' duties): API shapes of the member-accounts part.
import { z } from 'zod';

export const _member_accountsPlaceholder = z.never().optional();
