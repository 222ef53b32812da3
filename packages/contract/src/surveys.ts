// Issue 5 (field work): schemas of the surveys API.
import { z } from 'zod';

export const _surveysPlaceholder = z.never().optional();
