import { z } from 'zod';
import { Code, Id, Name } from './common.js';
import { LIMITS } from './limits.js';
import { OrgLevel, OrgSector, OrgTier } from './enum-schemas.js';

export const OrgView = z
  .object({
    id: Id,
    countyId: Id,
    parentId: Id.nullable(),
    /** the parent's name, also when the parent is outside the caller's scope (a village sees its township) */
    parentName: z.string().nullable(),
    name: z.string(),
    code: z.string(),
    tier: OrgTier,
    level: OrgLevel,
    sector: OrgSector,
    /** ltree path of ids (hyphens removed), root first */
    path: z.string(),
    depth: z.number().int(),
    archived: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'OrgView' });
export type OrgView = z.infer<typeof OrgView>;

export const OrgList = z.object({ items: z.array(OrgView) }).meta({ id: 'OrgList' });
export type OrgList = z.infer<typeof OrgList>;

export const listOrgsQuery = z.strictObject({
  /** name, full pinyin or initials */
  q: z.string().trim().max(LIMITS.searchMax).optional(),
  includeArchived: z.stringbool().optional(),
});
export type ListOrgsQuery = z.infer<typeof listOrgsQuery>;

export const CreateOrgInput = z
  .strictObject({
    parentId: Id,
    name: Name,
    code: Code,
    tier: OrgTier,
    level: OrgLevel,
    sector: OrgSector,
  })
  .meta({ id: 'CreateOrgInput' });
export type CreateOrgInput = z.infer<typeof CreateOrgInput>;

export const UpdateOrgInput = z
  .strictObject({
    name: Name.optional(),
    code: Code.optional(),
    sector: OrgSector.optional(),
    level: OrgLevel.optional(),
  })
  .meta({ id: 'UpdateOrgInput' });
export type UpdateOrgInput = z.infer<typeof UpdateOrgInput>;

export const MoveOrgInput = z.strictObject({ parentId: Id }).meta({ id: 'MoveOrgInput' });
export type MoveOrgInput = z.infer<typeof MoveOrgInput>;

export const MoveOrgResult = z.object({ org: OrgView, movedCount: z.number().int() }).meta({ id: 'MoveOrgResult' });

export const DepartmentView = z
  .object({
    id: Id,
    countyId: Id,
    name: z.string(),
    code: z.string(),
    phone: z.string().nullable(),
    archived: z.boolean(),
    createdAt: z.string(),
  })
  .meta({ id: 'DepartmentView' });
export type DepartmentView = z.infer<typeof DepartmentView>;

export const DepartmentList = z.object({ items: z.array(DepartmentView) });

export const CreateDepartmentInput = z
  .strictObject({ name: Name, code: Code, phone: z.string().trim().max(LIMITS.phoneMax).optional() })
  .meta({ id: 'CreateDepartmentInput' });
export type CreateDepartmentInput = z.infer<typeof CreateDepartmentInput>;

export const UpdateDepartmentInput = z
  .strictObject({
    name: Name.optional(),
    code: Code.optional(),
    phone: z.string().trim().max(LIMITS.phoneMax).nullable().optional(),
    archived: z.boolean().optional(),
  })
  .meta({ id: 'UpdateDepartmentInput' });
export type UpdateDepartmentInput = z.infer<typeof UpdateDepartmentInput>;
