// Issue 10 part 7 (篇五(8) 党员示范岗、党员责任区、党员承诺践诺; 篇二 三 3 公开承诺制): API shapes of commitments
// (承诺践诺: items for a year, progress notes, 践诺评价 at year end), the public notice board (村务公开栏) and
// members' posts (示范岗、责任区).
import { z } from 'zod';
import { Id } from './common.js';
import { DayInRange } from './dates.js';
import { MAX_YEAR, MIN_YEAR } from './dates.constants.js';
import { isSafeText, TEXT_ISSUES } from './text.constants.js';
import { exportPurposeQuery } from './people.js';
import { COMMITMENT_ASSESSMENTS, COMMITMENT_LIMITS, DUTY_LIMITS, MEMBER_POST_KINDS } from './duties.constants.js';

const Text = (max: number) => z.string().trim().min(1).max(max).refine(isSafeText, { message: TEXT_ISSUES.unsafe });
const Timestamp = z.string();
const Year = z.coerce.number().int().min(MIN_YEAR).max(MAX_YEAR);

const Assessment = z.enum(COMMITMENT_ASSESSMENTS);
const PostKind = z.enum(MEMBER_POST_KINDS);

const CommitmentItems = z.array(Text(COMMITMENT_LIMITS.itemMax)).min(1).max(DUTY_LIMITS.commitmentItemsMax);

// ---- commitments ----
export const CreateCommitmentInput = z
  .strictObject({
    /** the committing org (in the caller's area); without memberId it is the org's own commitment */
    orgId: Id,
    /** a member of that org's subtree, not archived */
    memberId: Id.optional(),
    year: Year,
    items: CommitmentItems,
    /** shown on the village notice board (default true: 公开承诺) */
    public: z.boolean().optional(),
  })
  .meta({ id: 'CreateCommitmentInput' });
export type CreateCommitmentInput = z.infer<typeof CreateCommitmentInput>;

/** Items and publicity are editable until the commitment is assessed. */
export const UpdateCommitmentInput = z
  .strictObject({ items: CommitmentItems.optional(), public: z.boolean().optional() })
  .meta({ id: 'UpdateCommitmentInput' });
export type UpdateCommitmentInput = z.infer<typeof UpdateCommitmentInput>;

export const CreateCommitmentNoteInput = z
  .strictObject({ text: Text(COMMITMENT_LIMITS.noteMax), /** default: today (Asia/Shanghai) */ notedOn: DayInRange.optional() })
  .meta({ id: 'CreateCommitmentNoteInput' });
export type CreateCommitmentNoteInput = z.infer<typeof CreateCommitmentNoteInput>;

export const AssessCommitmentInput = z
  .strictObject({ assessment: Assessment, note: Text(COMMITMENT_LIMITS.assessmentNoteMax).optional() })
  .meta({ id: 'AssessCommitmentInput' });
export type AssessCommitmentInput = z.infer<typeof AssessCommitmentInput>;

export const CommitmentNoteView = z
  .object({ id: Id, notedOn: z.string(), text: z.string(), authorName: z.string(), createdAt: Timestamp })
  .meta({ id: 'CommitmentNoteView' });
export type CommitmentNoteView = z.infer<typeof CommitmentNoteView>;

export const CommitmentView = z
  .object({
    id: Id,
    year: z.number().int(),
    orgId: Id,
    orgName: z.string(),
    /** null: the org's own commitment */
    memberId: Id.nullable(),
    memberName: z.string().nullable(),
    items: z.array(z.string()),
    public: z.boolean(),
    notesCount: z.number().int(),
    assessment: Assessment.nullable(),
    assessmentNote: z.string().nullable(),
    assessorName: z.string().nullable(),
    assessedAt: Timestamp.nullable(),
    /** may the caller assess it now (year end reached, from above, not their own) */
    canAssess: z.boolean(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'CommitmentView' });
export type CommitmentView = z.infer<typeof CommitmentView>;

export const CommitmentDetail = CommitmentView.extend({ notes: z.array(CommitmentNoteView) }).meta({ id: 'CommitmentDetail' });
export type CommitmentDetail = z.infer<typeof CommitmentDetail>;

export const listCommitmentsQuery = z.strictObject({
  year: Year.optional(),
  orgId: Id.optional(),
  memberId: Id.optional(),
  /** an assessment, or `pending` (not assessed yet) */
  assessment: z.enum([...COMMITMENT_ASSESSMENTS, 'pending']).optional(),
  limit: z.coerce.number().int().min(1).max(COMMITMENT_LIMITS.pageMax).optional(),
  offset: z.coerce.number().int().min(0).optional(),
});
export type ListCommitmentsQuery = z.infer<typeof listCommitmentsQuery>;
export const exportCommitmentsQuery = listCommitmentsQuery.omit({ limit: true, offset: true }).extend(exportPurposeQuery);
export const CommitmentList = z.object({ items: z.array(CommitmentView), total: z.number().int() }).meta({ id: 'CommitmentList' });
export type CommitmentList = z.infer<typeof CommitmentList>;

/** GET /api/me/commitments (a member's own login): their commitments, with notes. */
export const myCommitmentsQuery = z.strictObject({ year: Year.optional() });
export const MyCommitmentList = z.object({ items: z.array(CommitmentDetail) }).meta({ id: 'MyCommitmentList' });
export type MyCommitmentList = z.infer<typeof MyCommitmentList>;

// ---- the public notice board (村务公开栏) ----
export const publicCommitmentsQuery = z.strictObject({ countyId: Id, orgId: Id, year: Year.optional() });
/** What the board shows of a commitment: the member's name as published and nothing else about them. */
export const PublicCommitment = z
  .object({
    id: Id,
    orgName: z.string(),
    /** null: the org's own commitment */
    memberName: z.string().nullable(),
    items: z.array(z.string()),
    notesCount: z.number().int(),
    assessment: Assessment.nullable(),
  })
  .meta({ id: 'PublicCommitment' });
export type PublicCommitment = z.infer<typeof PublicCommitment>;
export const PublicCommitmentBoard = z
  .object({ orgId: Id, orgName: z.string(), year: z.number().int(), items: z.array(PublicCommitment) })
  .meta({ id: 'PublicCommitmentBoard' });
export type PublicCommitmentBoard = z.infer<typeof PublicCommitmentBoard>;

// ---- posts (党员示范岗、党员责任区) ----
export const CreateMemberPostInput = z
  .strictObject({
    memberId: Id,
    kind: PostKind,
    title: Text(COMMITMENT_LIMITS.postTitleMax),
    description: Text(COMMITMENT_LIMITS.postDescriptionMax).optional(),
    /** a responsibility area needs households (of the member's village) or an area text */
    area: Text(COMMITMENT_LIMITS.postAreaMax).optional(),
    householdIds: z.array(Id).max(COMMITMENT_LIMITS.postHouseholdsMax).optional(),
    startedOn: DayInRange,
  })
  .meta({ id: 'CreateMemberPostInput' });
export type CreateMemberPostInput = z.infer<typeof CreateMemberPostInput>;

export const UpdateMemberPostInput = z
  .strictObject({
    title: Text(COMMITMENT_LIMITS.postTitleMax).optional(),
    description: Text(COMMITMENT_LIMITS.postDescriptionMax).nullable().optional(),
    area: Text(COMMITMENT_LIMITS.postAreaMax).nullable().optional(),
    householdIds: z.array(Id).max(COMMITMENT_LIMITS.postHouseholdsMax).optional(),
    /** ends the post (not before startedOn) */
    endedOn: DayInRange.nullable().optional(),
  })
  .meta({ id: 'UpdateMemberPostInput' });
export type UpdateMemberPostInput = z.infer<typeof UpdateMemberPostInput>;

export const MemberPostView = z
  .object({
    id: Id,
    memberId: Id,
    memberName: z.string(),
    orgId: Id,
    orgName: z.string(),
    kind: PostKind,
    title: z.string(),
    description: z.string().nullable(),
    area: z.string().nullable(),
    households: z.array(z.object({ id: Id, address: z.string(), headName: z.string() })),
    startedOn: z.string(),
    endedOn: z.string().nullable(),
    current: z.boolean(),
    createdAt: Timestamp,
  })
  .meta({ id: 'MemberPostView' });
export type MemberPostView = z.infer<typeof MemberPostView>;

export const listMemberPostsQuery = z.strictObject({
  orgId: Id.optional(),
  memberId: Id.optional(),
  kind: PostKind.optional(),
  /** true: posts not ended today (Asia/Shanghai) */
  current: z.stringbool().optional(),
});
export type ListMemberPostsQuery = z.infer<typeof listMemberPostsQuery>;
export const exportMemberPostsQuery = listMemberPostsQuery.extend(exportPurposeQuery);
export const MemberPostList = z.object({ items: z.array(MemberPostView) }).meta({ id: 'MemberPostList' });
export type MemberPostList = z.infer<typeof MemberPostList>;
