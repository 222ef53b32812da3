// The dates the system supports: one home for the bounds every date input of the contract is checked against
// (issue 15.1: a date past year 9999 once sent a day loop into an endless spin). The calendar computes
// nothing outside these bounds either (working-days.ts throws a RangeError, answered as a 400).

export const DATE_BOUNDS = {
  /** earliest business date (cases, visits, calendar, audit and stats filters) */
  min: '2000-01-01',
  /** latest business date; chinese-days' lunar tables end with lunar year 2100 */
  max: '2100-12-31',
  /** earliest birth date (people registers) */
  birthMin: '1900-01-01',
} as const;

export const DATE_BOUNDS_MS = {
  min: Date.parse(`${DATE_BOUNDS.min}T00:00:00+08:00`),
  max: Date.parse(`${DATE_BOUNDS.max}T23:59:59.999+08:00`),
  birthMin: Date.parse(`${DATE_BOUNDS.birthMin}T00:00:00+08:00`),
} as const;

export const MIN_YEAR = Number(DATE_BOUNDS.min.slice(0, 4));
export const MAX_YEAR = Number(DATE_BOUNDS.max.slice(0, 4));

/** Message keys of date refinements (fieldMessages in validation.ts localises them). */
export const DATE_ISSUES = { range: 'date.range', birthRange: 'date.birthRange', order: 'date.order' } as const;
