import * as z from 'zod/mini';
import { permissions } from '#packages/auth/permissions.ts';
import { builtInRoleNames } from '#packages/auth/roles.ts';
import { IsoDateTime, ListQuery, Ulid } from '#packages/core/common-schemas.ts';

export const Permission = z.enum(permissions).register(z.globalRegistry, { id: 'Permission', description: 'A `resource:action` permission' });

/** Slug-like, so it is a valid Cognito group name and survives the "[a b]" groups claim. */
export const RoleName = z
  .string()
  .check(z.trim(), z.toLowerCase(), z.regex(/^[a-z][a-z0-9_-]{1,39}$/, 'must be 2–40 of a-z, 0-9, _ and -, starting with a letter'));

/** A built-in role's name or a custom role's id. */
export const RoleId = z.union([z.enum(builtInRoleNames), Ulid]);

export const RoleLevel = z.int().check(z.minimum(1), z.maximum(100));

const RolePermissions = z.array(Permission).check(z.minLength(1), z.maxLength(permissions.length * 2));

export const CreateRole = z
  .strictObject({
    name: RoleName,
    description: z.optional(z.string().check(z.trim(), z.maxLength(500))),
    permissions: RolePermissions,
    level: RoleLevel,
  })
  .register(z.globalRegistry, { id: 'CreateRole' });

/** The name is fixed: it is the Cognito group's name, which cannot be renamed. */
export const UpdateRole = z
  .strictObject({
    description: z.optional(z.string().check(z.trim(), z.maxLength(500))),
    permissions: z.optional(RolePermissions),
    level: z.optional(RoleLevel),
  })
  .register(z.globalRegistry, { id: 'UpdateRole' });

export const Role = z
  .object({
    /** The name for a built-in role, a ULID for a custom one. */
    id: z.string(),
    name: z.string(),
    description: z.optional(z.string()),
    permissions: z.array(Permission),
    level: z.int(),
    builtIn: z.boolean(),
    createdBy: z.optional(z.string()),
    createdAt: z.optional(IsoDateTime),
    updatedAt: z.optional(IsoDateTime),
  })
  .register(z.globalRegistry, { id: 'Role' });

export const RoleParams = z.object({ id: RoleId });
export const RoleListQuery = ListQuery;

export type CreateRoleInput = z.infer<typeof CreateRole>;
export type UpdateRoleInput = z.infer<typeof UpdateRole>;
export type RoleView = z.infer<typeof Role>;
