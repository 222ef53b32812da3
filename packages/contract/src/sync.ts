// Issue 5 (field work): schemas of the sync API.
import { z } from 'zod';

export const _syncPlaceholder = z.never().optional();
