import { z } from 'zod';
import { Code, Id, Name } from './common.js';
import { SERVICE_CATEGORIES, SERVICE_TIERS } from './catalog.constants.js';

export const ServiceCategory = z.enum(SERVICE_CATEGORIES);
export type ServiceCategory = z.infer<typeof ServiceCategory>;
export const ServiceTier = z.enum(SERVICE_TIERS);
export type ServiceTier = z.infer<typeof ServiceTier>;

const Lines = (max: number) => z.array(z.string().trim().min(1).max(200)).max(max);

export const ServiceItemView = z
  .object({
    id: Id,
    countyId: Id,
    code: z.string(),
    name: z.string(),
    category: ServiceCategory,
    tier: ServiceTier,
    departmentId: Id.nullable(),
    departmentName: z.string().nullable(),
    /** 承办岗位, e.g. 民政专干 */
    handler: z.string().nullable(),
    contactPhone: z.string().nullable(),
    conditions: z.string().nullable(),
    materials: z.array(z.string()),
    steps: z.array(z.string()),
    /** 承诺办结时限 in working days (0 = 即办) */
    promisedDays: z.number().int(),
    basis: z.string().nullable(),
    published: z.boolean(),
    archived: z.boolean(),
    updatedAt: z.string(),
  })
  .meta({ id: 'ServiceItemView' });
export type ServiceItemView = z.infer<typeof ServiceItemView>;
export const ServiceItemList = z.object({ items: z.array(ServiceItemView) }).meta({ id: 'ServiceItemList' });

export const listCatalogQuery = z.strictObject({
  category: ServiceCategory.optional(),
  tier: ServiceTier.optional(),
  q: z.string().trim().max(50).optional(),
  includeArchived: z.stringbool().optional(),
});
export const publicCatalogQuery = z.strictObject({ countyId: z.uuid(), category: ServiceCategory.optional(), q: z.string().trim().max(50).optional() });

const itemFields = {
  code: Code,
  name: Name,
  category: ServiceCategory,
  tier: ServiceTier,
  departmentId: Id.nullable().optional(),
  handler: z.string().trim().max(50).nullable().optional(),
  contactPhone: z.string().trim().max(20).regex(/^[0-9+\-\s()]*$/).nullable().optional(),
  conditions: z.string().trim().max(2000).nullable().optional(),
  materials: Lines(50).optional(),
  steps: Lines(30).optional(),
  promisedDays: z.number().int().min(0).max(365),
  basis: z.string().trim().max(500).nullable().optional(),
  published: z.boolean().optional(),
};
export const CreateServiceItemInput = z.strictObject(itemFields).meta({ id: 'CreateServiceItemInput' });
export type CreateServiceItemInput = z.infer<typeof CreateServiceItemInput>;
export const UpdateServiceItemInput = z
  .strictObject({ ...itemFields, code: Code.optional(), name: Name.optional(), category: ServiceCategory.optional(), tier: ServiceTier.optional(), promisedDays: itemFields.promisedDays.optional(), archived: z.boolean().optional() })
  .meta({ id: 'UpdateServiceItemInput' });
export type UpdateServiceItemInput = z.infer<typeof UpdateServiceItemInput>;
