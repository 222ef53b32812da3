// People and grids (F2–F5): request and response schemas.
import { z } from 'zod';
import { Code, Id, Name } from './common.js';
import { HistoricDay } from './dates.js';
import { LIMITS } from './limits.js';
import {
  BODY_KINDS, GENDERS, IMPORT_KINDS, MEMBER_STATUSES, UNMASK_REASON_MAX, PAIRING_KINDS, PARTNER_KINDS, POSITION_KINDS, RELATIONS, VISIT_TAGS,
} from './people.constants.js';

export const MemberStatus = z.enum(MEMBER_STATUSES);
export const Gender = z.enum(GENDERS);
export const PositionKind = z.enum(POSITION_KINDS);
export const VisitTag = z.enum(VISIT_TAGS);
export const Relation = z.enum(RELATIONS);
export const BodyKind = z.enum(BODY_KINDS);
export const PairingKind = z.enum(PAIRING_KINDS);
export const PartnerKind = z.enum(PARTNER_KINDS);

export type MemberStatus = z.infer<typeof MemberStatus>;
export type Gender = z.infer<typeof Gender>;
export type PositionKind = z.infer<typeof PositionKind>;
export type VisitTag = z.infer<typeof VisitTag>;
export type Relation = z.infer<typeof Relation>;
export type BodyKind = z.infer<typeof BodyKind>;
export type PairingKind = z.infer<typeof PairingKind>;
export type PartnerKind = z.infer<typeof PartnerKind>;

const Day = HistoricDay;
const Phone = z.string().trim().max(LIMITS.phoneMax).regex(/^[0-9+\-\s()]*$/);
const Text = (max: number) => z.string().trim().max(max);
/** A person's name: 1–30 characters (Chinese names, minority names with ·). */
export const PersonName = z.string().trim().min(1).max(30);
/** Raw ID number as typed; the server checks GB 11643 and answers with the field named. */
export const IdNumberInput = z.string().trim().max(20);

export const pageQuery = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(50),
};
/**
 * `unmask=true`: sensitive fields in clear, for holders of resident.unmask; audited with `unmaskReason`, which is
 * required then (PIPL 第五十一条: the unmask report says who saw whom, when and why).
 */
const unmaskQuery = { unmask: z.stringbool().optional(), unmaskReason: z.string().trim().max(UNMASK_REASON_MAX).optional() };
export const unmaskOnlyQuery = z.strictObject(unmaskQuery);
/** Bulk exports of personal data above the policy threshold (privacy.exportPurposeRows) state their purpose. */
export const exportPurposeQuery = { purpose: z.string().trim().max(UNMASK_REASON_MAX).optional() };

/** Fields every record of a village carries: which county and org it belongs to. */
const placed = { id: Id, countyId: Id, orgId: Id, orgName: z.string().nullable() };
/** …and, for people and households, the grid. */
const gridded = { gridId: Id.nullable(), gridName: z.string().nullable() };

// ——— members (党员) ———

export const PositionView = z
  .object({
    id: Id,
    memberId: Id,
    kind: PositionKind,
    orgId: Id,
    orgName: z.string().nullable(),
    gridId: Id.nullable(),
    gridName: z.string().nullable(),
    title: z.string().nullable(),
    startedOn: z.string(),
    endedOn: z.string().nullable(),
    current: z.boolean(),
  })
  .meta({ id: 'PositionView' });
export type PositionView = z.infer<typeof PositionView>;

export const MemberView = z
  .object({
    ...placed,
    ...gridded,
    name: z.string(),
    gender: Gender.nullable(),
    /** null when masked (only the year is shown then: with the date, a masked ID number could be rebuilt) */
    birthDate: z.string().nullable(),
    birthYear: z.number().int().nullable(),
    phone: z.string().nullable(),
    /** masked (region code, the first 6 digits, only) unless unmasked */
    idNumber: z.string().nullable(),
    status: MemberStatus,
    activistOn: z.string().nullable(),
    admittedOn: z.string().nullable(),
    fullOn: z.string().nullable(),
    floating: z.boolean(),
    floatingTo: z.string().nullable(),
    positions: z.array(PositionView),
    archived: z.boolean(),
    masked: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'MemberView' });
export type MemberView = z.infer<typeof MemberView>;

export const MemberPage = z.object({ items: z.array(MemberView), total: z.number().int() }).meta({ id: 'MemberPage' });
export type MemberPage = z.infer<typeof MemberPage>;

export const listMembersQuery = z.strictObject({
  /** characters, full pinyin or initials of the name ("zs" → 张三) */
  q: z.string().trim().max(LIMITS.searchMax).optional(),
  orgId: Id.optional(),
  gridId: Id.optional(),
  status: MemberStatus.optional(),
  position: PositionKind.optional(),
  floating: z.stringbool().optional(),
  includeArchived: z.stringbool().optional(),
  ...pageQuery,
  ...unmaskQuery,
});
export type ListMembersQuery = z.infer<typeof listMembersQuery>;

const memberFields = {
  orgId: Id,
  gridId: Id.nullable().optional(),
  name: PersonName,
  gender: Gender.nullable().optional(),
  birthDate: Day.nullable().optional(),
  phone: Phone.nullable().optional(),
  idNumber: IdNumberInput.nullable().optional(),
  status: MemberStatus,
  activistOn: Day.nullable().optional(),
  admittedOn: Day.nullable().optional(),
  fullOn: Day.nullable().optional(),
  floating: z.boolean().optional(),
  floatingTo: Text(100).nullable().optional(),
};
export const CreateMemberInput = z.strictObject(memberFields).meta({ id: 'CreateMemberInput' });
export type CreateMemberInput = z.infer<typeof CreateMemberInput>;
export const UpdateMemberInput = z
  .strictObject({ ...memberFields, orgId: Id.optional(), name: PersonName.optional(), status: MemberStatus.optional(), archived: z.boolean().optional() })
  .meta({ id: 'UpdateMemberInput' });
export type UpdateMemberInput = z.infer<typeof UpdateMemberInput>;

export const CreatePositionInput = z
  .strictObject({
    kind: PositionKind,
    /** where the post is held (a first secretary's village); defaults to the member's org */
    orgId: Id.optional(),
    gridId: Id.nullable().optional(),
    title: Text(60).nullable().optional(),
    startedOn: Day,
    endedOn: Day.nullable().optional(),
  })
  .meta({ id: 'CreatePositionInput' });
export type CreatePositionInput = z.infer<typeof CreatePositionInput>;
export const UpdatePositionInput = z
  .strictObject({ title: Text(60).nullable().optional(), startedOn: Day.optional(), endedOn: Day.nullable().optional() })
  .meta({ id: 'UpdatePositionInput' });
export type UpdatePositionInput = z.infer<typeof UpdatePositionInput>;

/** One line of a member's development file (党员发展档案); later modules add kinds. */
export const TimelineEntry = z.object({
  on: z.string(),
  kind: z.string(),
  title: z.string(),
  detail: z.string().nullable(),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;
export const MemberFileView = z
  .object({ member: MemberView, timeline: z.array(TimelineEntry) })
  .meta({ id: 'MemberFileView' });
export type MemberFileView = z.infer<typeof MemberFileView>;

// ——— grids (网格) ———

const Position2 = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
const Ring = z.array(Position2).min(4);
/** GeoJSON Polygon or MultiPolygon, [longitude, latitude] (WGS 84). */
export const GridBoundary = z.union([
  z.object({ type: z.literal('Polygon'), coordinates: z.array(Ring).min(1) }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(Ring).min(1)).min(1) }),
]);
export type GridBoundary = z.infer<typeof GridBoundary>;

export const GridView = z
  .object({
    ...placed,
    name: z.string(),
    code: z.string(),
    partyGroupId: Id.nullable(),
    partyGroupName: z.string().nullable(),
    boundary: GridBoundary.nullable(),
    householdCount: z.number().int(),
    /** household count outside the policy range (50–100 by default): flagged, not refused */
    sizeFlag: z.enum(['ok', 'tooFew', 'tooMany']),
    /** the county's policy range the flag was computed with */
    householdRange: z.object({ min: z.number().int(), max: z.number().int() }),
    centralHouseholds: z.array(z.object({ memberId: Id, name: z.string(), phone: z.string().nullable() })),
    archived: z.boolean(),
    createdAt: z.string(),
  })
  .meta({ id: 'GridView' });
export type GridView = z.infer<typeof GridView>;
export const GridList = z.object({ items: z.array(GridView), range: z.object({ min: z.number(), max: z.number() }) }).meta({ id: 'GridList' });
export type GridList = z.infer<typeof GridList>;
export const listGridsQuery = z.strictObject({
  orgId: Id.optional(),
  q: z.string().trim().max(LIMITS.searchMax).optional(),
  includeArchived: z.stringbool().optional(),
});
export type ListGridsQuery = z.infer<typeof listGridsQuery>;

export const CreateGridInput = z
  .strictObject({
    orgId: Id,
    name: Name,
    code: Code,
    partyGroupId: Id.nullable().optional(),
    boundary: GridBoundary.nullable().optional(),
  })
  .meta({ id: 'CreateGridInput' });
export type CreateGridInput = z.infer<typeof CreateGridInput>;
export const UpdateGridInput = z
  .strictObject({
    name: Name.optional(),
    code: Code.optional(),
    partyGroupId: Id.nullable().optional(),
    boundary: GridBoundary.nullable().optional(),
    archived: z.boolean().optional(),
  })
  .meta({ id: 'UpdateGridInput' });
export type UpdateGridInput = z.infer<typeof UpdateGridInput>;

// ——— households and residents (户 / 居民) ———

export const ResidentView = z
  .object({
    id: Id,
    householdId: Id,
    name: z.string(),
    gender: Gender.nullable(),
    relation: Relation,
    /** null when masked; birthYear then (also null for minors) */
    birthDate: z.string().nullable(),
    birthYear: z.number().int().nullable(),
    minor: z.boolean(),
    phone: z.string().nullable(),
    idNumber: z.string().nullable(),
    /** e.g. 肢体二级; "***" when masked */
    disability: z.string().nullable(),
    /** e.g. 孕妇; "***" when masked */
    health: z.string().nullable(),
    /** e.g. 低保户、脱贫监测户; "***" when masked */
    poverty: z.string().nullable(),
    memberId: Id.nullable(),
  })
  .meta({ id: 'ResidentView' });
export type ResidentView = z.infer<typeof ResidentView>;

export const HouseholdView = z
  .object({
    ...placed,
    ...gridded,
    address: z.string(),
    headName: z.string(),
    phone: z.string().nullable(),
    visitTags: z.array(VisitTag),
    note: z.string().nullable(),
    residentCount: z.number().int(),
    residents: z.array(ResidentView).optional(),
    masked: z.boolean(),
    archived: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'HouseholdView' });
export type HouseholdView = z.infer<typeof HouseholdView>;
export const HouseholdPage = z.object({ items: z.array(HouseholdView), total: z.number().int() }).meta({ id: 'HouseholdPage' });
export type HouseholdPage = z.infer<typeof HouseholdPage>;

export const listHouseholdsQuery = z.strictObject({
  orgId: Id.optional(),
  gridId: Id.optional(),
  tag: VisitTag.optional(),
  /** head's or a resident's name (characters, pinyin, initials) or the address */
  q: z.string().trim().max(LIMITS.searchMax).optional(),
  includeArchived: z.stringbool().optional(),
  ...pageQuery,
  ...unmaskQuery,
});
export type ListHouseholdsQuery = z.infer<typeof listHouseholdsQuery>;
export const getHouseholdQuery = z.strictObject({ ...unmaskQuery });

export const ResidentInput = z.strictObject({
  name: PersonName,
  relation: Relation,
  gender: Gender.nullable().optional(),
  birthDate: Day.nullable().optional(),
  phone: Phone.nullable().optional(),
  idNumber: IdNumberInput.nullable().optional(),
  disability: Text(100).nullable().optional(),
  health: Text(100).nullable().optional(),
  poverty: Text(100).nullable().optional(),
});
export type ResidentInput = z.infer<typeof ResidentInput>;
export const UpdateResidentInput = ResidentInput.partial().meta({ id: 'UpdateResidentInput' });
export type UpdateResidentInput = z.infer<typeof UpdateResidentInput>;

export const CreateHouseholdInput = z
  .strictObject({
    orgId: Id,
    gridId: Id.nullable().optional(),
    address: Text(200).min(1),
    phone: Phone.nullable().optional(),
    visitTags: z.array(VisitTag).max(VISIT_TAGS.length).optional(),
    note: Text(500).nullable().optional(),
    residents: z.array(ResidentInput).min(1).max(30),
  })
  .meta({ id: 'CreateHouseholdInput' });
export type CreateHouseholdInput = z.infer<typeof CreateHouseholdInput>;
export const UpdateHouseholdInput = z
  .strictObject({
    gridId: Id.nullable().optional(),
    address: Text(200).min(1).optional(),
    phone: Phone.nullable().optional(),
    visitTags: z.array(VisitTag).max(VISIT_TAGS.length).optional(),
    note: Text(500).nullable().optional(),
    archived: z.boolean().optional(),
  })
  .meta({ id: 'UpdateHouseholdInput' });
export type UpdateHouseholdInput = z.infer<typeof UpdateHouseholdInput>;

// ——— 131n bodies and pairings ———

export const BodyView = z
  .object({
    ...placed,
    kind: BodyKind,
    name: z.string(),
    leaderName: z.string().nullable(),
    leaderPhone: z.string().nullable(),
    memberCount: z.number().int().nullable(),
    note: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'BodyView' });
export type BodyView = z.infer<typeof BodyView>;
export const BodyList = z.object({ items: z.array(BodyView) });
export const listBodiesQuery = z.strictObject({ orgId: Id.optional(), kind: BodyKind.optional() });
export const CreateBodyInput = z
  .strictObject({
    orgId: Id,
    kind: BodyKind,
    name: Name,
    leaderName: PersonName.nullable().optional(),
    leaderPhone: Phone.nullable().optional(),
    memberCount: z.number().int().min(0).max(100000).nullable().optional(),
    note: Text(500).nullable().optional(),
  })
  .meta({ id: 'CreateBodyInput' });
export type CreateBodyInput = z.infer<typeof CreateBodyInput>;
export const UpdateBodyInput = CreateBodyInput.omit({ orgId: true }).partial().meta({ id: 'UpdateBodyInput' });
export type UpdateBodyInput = z.infer<typeof UpdateBodyInput>;

export const PairingView = z
  .object({
    ...placed,
    kind: PairingKind,
    partnerKind: PartnerKind,
    partnerOrgId: Id.nullable(),
    partnerDepartmentId: Id.nullable(),
    partnerName: z.string(),
    purpose: z.string().nullable(),
    startedOn: z.string(),
    endedOn: z.string().nullable(),
    current: z.boolean(),
  })
  .meta({ id: 'PairingView' });
export type PairingView = z.infer<typeof PairingView>;
export const PairingList = z.object({ items: z.array(PairingView) });
export const listPairingsQuery = z.strictObject({ orgId: Id.optional(), kind: PairingKind.optional(), current: z.stringbool().optional() });
export const CreatePairingInput = z
  .strictObject({
    /** the village (or community) */
    orgId: Id,
    kind: PairingKind,
    partnerKind: PartnerKind,
    partnerOrgId: Id.optional(),
    partnerDepartmentId: Id.optional(),
    /** the enterprise's name (partnerKind enterprise) */
    partnerName: Name.optional(),
    purpose: Text(500).nullable().optional(),
    startedOn: Day,
    endedOn: Day.nullable().optional(),
  })
  .meta({ id: 'CreatePairingInput' });
export type CreatePairingInput = z.infer<typeof CreatePairingInput>;
export const UpdatePairingInput = z
  .strictObject({ purpose: Text(500).nullable().optional(), startedOn: Day.optional(), endedOn: Day.nullable().optional() })
  .meta({ id: 'UpdatePairingInput' });
export type UpdatePairingInput = z.infer<typeof UpdatePairingInput>;

// ——— imports (Excel, all-or-nothing) ———

export const ImportKind = z.enum(IMPORT_KINDS);
export type ImportKind = z.infer<typeof ImportKind>;
export const IMPORT_MODES = ['create', 'update'] as const;
export const ImportMode = z.enum(IMPORT_MODES);
export type ImportMode = z.infer<typeof ImportMode>;
/**
 * `mode=update`: rows that match an existing record (by 系统编号, code or ID number) update it, the others are
 * created; `dryRun=true`: check everything and answer the preview, write nothing; `ignoreColumns`: the headers
 * (comma-separated, as the preview lists them) the uploader agrees to leave out — any other unrecognised
 * column stops the import.
 */
export const importQuery = z.strictObject({
  mode: ImportMode.default('create'),
  dryRun: z.stringbool().optional(),
  ignoreColumns: z.string().max(4000).regex(/^\P{Cc}*$/u).optional(),
});
export type ImportQuery = z.infer<typeof importQuery>;
export const ImportRowError = z.object({ row: z.number().int(), column: z.string(), reason: z.string() });
export type ImportRowError = z.infer<typeof ImportRowError>;
export const IMPORT_COLUMN_STATUSES = ['used', 'readOnly', 'ignored'] as const;
export const ImportColumnView = z.object({
  /** the header as written in the file */
  header: z.string(),
  /** Excel column letter (A, B, … AA) */
  letter: z.string(),
  /** the template column it was recognised as (null: not recognised) */
  field: z.string().nullable(),
  /** used: imported; readOnly: a column of our own export that the import does not take; ignored: not recognised */
  status: z.enum(IMPORT_COLUMN_STATUSES),
});
export type ImportColumnView = z.infer<typeof ImportColumnView>;
export const ImportPreview = z
  .object({
    kind: ImportKind,
    mode: ImportMode,
    /** the worksheet the data was found on, and the row of its header (title rows above it are skipped) */
    sheet: z.string(),
    headerRow: z.number().int(),
    columns: z.array(ImportColumnView),
    /** unrecognised headers not named in ignoreColumns: the import needs them confirmed */
    unconfirmedColumns: z.array(z.string()),
    /** data rows read (blank rows are not counted) */
    rows: z.number().int(),
    /** records (households for households, rows otherwise) that would be created / changed / left as they are */
    create: z.number().int(),
    update: z.number().int(),
    unchanged: z.number().int(),
    /** corrections made on the way (full-width digits, invisible characters, dates taken from the ID number…) */
    warnings: z.array(ImportRowError),
    warningCount: z.number().int(),
    errors: z.array(ImportRowError),
    errorCount: z.number().int(),
    /** the uploaded file with an error column (kept for an hour for the uploader), when there are errors */
    reportUrl: z.string().nullable(),
  })
  .meta({ id: 'ImportPreview' });
export type ImportPreview = z.infer<typeof ImportPreview>;
export const ImportResult = z
  .object({
    /** records written (created + updated) */
    imported: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    preview: ImportPreview,
  })
  .meta({ id: 'ImportResult' });
export type ImportResult = z.infer<typeof ImportResult>;
export const ImportErrorBody = z
  .object({
    error: z.object({
      code: z.enum(['import.invalid', 'import.unknownColumns']),
      message: z.string(),
      rows: z.array(ImportRowError),
      /** the uploaded file with an error column, kept for an hour for the uploader */
      reportUrl: z.string().nullable(),
      /** import.unknownColumns: the headers to confirm (ignoreColumns) or rename */
      columns: z.array(z.string()).optional(),
      preview: ImportPreview.optional(),
    }),
  })
  .meta({ id: 'ImportErrorBody' });
export type ImportErrorBody = z.infer<typeof ImportErrorBody>;
