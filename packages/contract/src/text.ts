// Text schemas (issue 15.8). The server refuses unsafe text (text.constants.ts) in every query, path parameter and
// body before the route's schema runs, naming the field; these schemas say the same where a schema is used alone.
import { z } from 'zod';
import { DATE_BOUNDS_MS } from './dates.constants.js';
import { isSafeText, TEXT_ISSUES } from './text.constants.js';

/** A text field that refuses NUL, control characters and lone surrogates. */
export const SafeText = z.string().refine(isSafeText, { message: TEXT_ISSUES.unsafe });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A keyset cursor `<ISO instant>|<uuid>` (the last row's time and id), as a list answered it in `nextCursor`. */
export const KeysetCursor = z.string().max(100).refine((c) => {
  const [at, id, ...rest] = c.split('|');
  if (!at || !id || rest.length) return false;
  const t = Date.parse(at);
  return /^\d{4}-\d{2}-\d{2}T/.test(at) && t >= DATE_BOUNDS_MS.min && t <= DATE_BOUNDS_MS.max && UUID.test(id);
}, { message: TEXT_ISSUES.cursor });
