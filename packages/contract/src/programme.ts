// Issue 10 part 6 (“6个100”工程, 篇二 6): the six lines with the county's targets (its share of the city's 100,
// editable by the county) and the progress computed from records, each with the ids behind its figure.
import { z } from 'zod';
import { Id } from './common.js';
import { DayInRange } from './dates.js';
import { PROGRAMME_LINES } from './duties.constants.js';

const Line = z.enum(PROGRAMME_LINES);
export const PROGRAMME_LIMITS = { targetMax: 100000 } as const;

/** What the figure of a line counts (a drill-down row). */
export const ProgrammeItem = z
  .object({
    /** the record counted: an org (villages with an advisor), a member (trained / dispatched) or a pairing */
    type: z.enum(['org', 'member', 'pairing']),
    id: Id,
    name: z.string(),
    /** where it belongs (the village, the member's org) */
    orgName: z.string(),
    /** the records behind it: positions, courses */
    sourceIds: z.array(Id),
    since: z.string().nullable(),
  })
  .meta({ id: 'ProgrammeItem' });
export type ProgrammeItem = z.infer<typeof ProgrammeItem>;

export const ProgrammeLineView = z
  .object({
    line: Line,
    /** null: not set */
    target: z.number().int().nullable(),
    startsOn: z.string().nullable(),
    progress: z.number().int(),
    /** progress / target, 0–1+ (null without a target) */
    rate: z.number().nullable(),
    items: z.array(ProgrammeItem),
  })
  .meta({ id: 'ProgrammeLineView' });
export type ProgrammeLineView = z.infer<typeof ProgrammeLineView>;

export const ProgrammeView = z
  .object({
    asOf: z.string(),
    /** the progress is counted within the caller's area (the county's for a county account) */
    scopeName: z.string(),
    countyWide: z.boolean(),
    lines: z.array(ProgrammeLineView),
  })
  .meta({ id: 'ProgrammeView' });
export type ProgrammeView = z.infer<typeof ProgrammeView>;

export const SetProgrammeTargetsInput = z
  .strictObject({
    targets: z
      .array(z.strictObject({ line: Line, target: z.number().int().min(0).max(PROGRAMME_LIMITS.targetMax), startsOn: DayInRange }))
      .min(1)
      .max(PROGRAMME_LINES.length),
  })
  .meta({ id: 'SetProgrammeTargetsInput' });
export type SetProgrammeTargetsInput = z.infer<typeof SetProgrammeTargetsInput>;
