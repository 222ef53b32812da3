// Issue 5 (field work): schemas of the fieldwork API.
import { z } from 'zod';

export const _fieldworkPlaceholder = z.never().optional();
