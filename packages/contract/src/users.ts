import { z } from 'zod';
import { Id } from './common.js';
import { LIMITS } from './limits.js';
import { Permission, Role } from './enum-schemas.js';

export const Username = z
  .string()
  .trim()
  .min(LIMITS.usernameMin)
  .max(LIMITS.usernameMax)
  .regex(/^[a-z0-9][a-z0-9._-]*$/);
export const Password = z.string().min(1).max(LIMITS.passwordMax);
export const DisplayName = z.string().trim().min(1).max(LIMITS.displayNameMax);

export const UserView = z
  .object({
    id: Id,
    countyId: Id,
    username: z.string(),
    displayName: z.string(),
    role: Role,
    /** a member's own login (role member): the member record it is bound to */
    memberId: Id.nullable(),
    orgId: Id.nullable(),
    orgName: z.string().nullable(),
    departmentId: Id.nullable(),
    departmentName: z.string().nullable(),
    phone: z.string().nullable(),
    disabled: z.boolean(),
    /** has a confirmed two-factor sign-in (TOTP) */
    totpEnabled: z.boolean(),
    lastLoginAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'UserView' });
export type UserView = z.infer<typeof UserView>;

export const UserList = z.object({ items: z.array(UserView) });

export const listUsersQuery = z.strictObject({
  orgId: Id.optional(),
  role: Role.optional(),
  q: z.string().trim().max(LIMITS.searchMax).optional(),
});

export const CreateUserInput = z
  .strictObject({
    username: Username,
    displayName: DisplayName,
    role: Role,
    orgId: Id.optional(),
    departmentId: Id.optional(),
    phone: z.string().trim().max(LIMITS.phoneMax).optional(),
    password: Password,
  })
  .meta({ id: 'CreateUserInput' });
export type CreateUserInput = z.infer<typeof CreateUserInput>;

export const UpdateUserInput = z
  .strictObject({
    displayName: DisplayName.optional(),
    phone: z.string().trim().max(LIMITS.phoneMax).nullable().optional(),
    disabled: z.boolean().optional(),
  })
  .meta({ id: 'UpdateUserInput' });
export type UpdateUserInput = z.infer<typeof UpdateUserInput>;

export const ResetPasswordInput = z.strictObject({ password: Password }).meta({ id: 'ResetPasswordInput' });
export const ChangePasswordInput = z
  .strictObject({ currentPassword: Password, newPassword: Password })
  .meta({ id: 'ChangePasswordInput' });

export const LoginInput = z.strictObject({ username: z.string().trim().min(1).max(LIMITS.usernameMax), password: Password }).meta({ id: 'LoginInput' });
export type LoginInput = z.infer<typeof LoginInput>;

export const MeView = z
  .object({
    user: UserView,
    permissions: z.array(Permission),
    /** ltree paths the caller may see (empty for department-bound accounts) */
    scope: z.array(z.string()),
    countyName: z.string(),
    sessionExpiresAt: z.string(),
    /** the county's password rules in force, for the hints on password forms */
    passwordRules: z.object({ minLength: z.number().int(), minClasses: z.number().int() }),
    /** map tiles for the grid map (e.g. a 天地图 or OSM mirror URL with {z}/{x}/{y}); null → plain polygons */
    mapTileUrl: z.string().nullable(),
  })
  .meta({ id: 'MeView' });
export type MeView = z.infer<typeof MeView>;

export const HealthView = z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']) });
