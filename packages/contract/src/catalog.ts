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
    /** what residents call it (低保 for 城乡居民最低生活保障申请); searched with the name */
    aliases: z.array(z.string()),
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
/** One published item for the guide; orgId = the resident's village (or township), for where to go. */
export const publicCatalogItemQuery = z.strictObject({ countyId: z.uuid(), orgId: z.uuid().optional() });

/** 服务场所: a village's 党群服务中心 / 服务室 or a township's 便民服务中心, with its hours and phone. */
export const ServiceRoomView = z
  .object({
    orgId: Id,
    tier: z.enum(['county', 'township', 'village']),
    /** the party org's name (中共青山村总支部委员会): the guide shows the place, or `name` when the room has one */
    orgName: z.string(),
    /** e.g. 青山村党群服务中心; null when the county has not entered the room */
    name: z.string().nullable(),
    address: z.string().nullable(),
    hours: z.string().nullable(),
    phone: z.string().nullable(),
  })
  .meta({ id: 'ServiceRoomView' });
export type ServiceRoomView = z.infer<typeof ServiceRoomView>;

export const ServiceRoomList = z.object({ items: z.array(ServiceRoomView) }).meta({ id: 'ServiceRoomList' });
export const ServiceRoomParams = z.strictObject({ orgId: Id });
/** The county admin keeps each place's room: its name, address, opening hours and phone. */
export const ServiceRoomInput = z
  .strictObject({
    name: z.string().trim().min(1).max(60),
    address: z.string().trim().max(200).nullable().optional(),
    hours: z.string().trim().max(200).nullable().optional(),
    phone: z.string().trim().max(20).regex(/^[0-9+\-\s()]*$/).nullable().optional(),
  })
  .meta({ id: 'ServiceRoomInput' });
export type ServiceRoomInput = z.infer<typeof ServiceRoomInput>;

/** An item of the public guide with where to go: the rooms on the way from the resident's village up to the item's tier. */
export const PublicServiceItemDetail = z
  .object({
    item: ServiceItemView,
    /** village room first, then the township hall (only the tiers the item passes through); empty without orgId */
    rooms: z.array(ServiceRoomView),
    /** the county department's phone for county-level items */
    departmentPhone: z.string().nullable(),
  })
  .meta({ id: 'PublicServiceItemDetail' });
export type PublicServiceItemDetail = z.infer<typeof PublicServiceItemDetail>;

const itemFields = {
  code: Code,
  name: Name,
  aliases: z.array(z.string().trim().min(1).max(30)).max(20).optional(),
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
