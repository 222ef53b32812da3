import { z } from 'zod';
import * as E from './enums.js';

// zod schemas of the enums; the plain arrays, types and labels are in enums.ts (no zod, for the web bundle)
export const OrgTier = z.enum(E.ORG_TIERS);
export type OrgTier = E.OrgTier;
export const OrgLevel = z.enum(E.ORG_LEVELS);
export type OrgLevel = E.OrgLevel;
export const OrgSector = z.enum(E.ORG_SECTORS);
export type OrgSector = E.OrgSector;
export const Role = z.enum(E.ROLES);
export type Role = E.Role;
export const Permission = z.enum(E.PERMISSIONS);
export type Permission = E.Permission;
