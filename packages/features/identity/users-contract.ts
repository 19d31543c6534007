import * as z from 'zod/mini';
import { Email, Timestamps, Ulid } from '#packages/core/common-schemas.ts';
import { Permission, RoleId } from './roles-contract.ts';

/** Lower-cased; no "@", so it is never mistaken for the email (the sign-in name). */
export const Username = z
  .string()
  .check(z.trim(), z.toLowerCase(), z.regex(/^[a-z0-9][a-z0-9._-]{2,63}$/, 'must be 3–64 of a-z, 0-9, ".", "_" and "-"'));

const UserStatus = z.enum(['active', 'disabled']);

export const CreateUser = z
  .strictObject({
    username: Username,
    email: Email,
    roleId: RoleId,
    department: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(100))),
    managerId: z.optional(Ulid),
  })
  .register(z.globalRegistry, { id: 'CreateUser' });

/** Username and email are fixed (the email is the Cognito sign-in name); null clears department or manager. */
export const UpdateUser = z
  .strictObject({
    roleId: z.optional(RoleId),
    department: z.optional(z.nullable(z.string().check(z.trim(), z.minLength(1), z.maxLength(100)))),
    managerId: z.optional(z.nullable(Ulid)),
    status: z.optional(UserStatus),
  })
  .register(z.globalRegistry, { id: 'UpdateUser' });

export const User = z
  .object({
    /** The token's `sub` for this user (deployed: the Cognito sub). */
    id: z.string(),
    username: z.string(),
    email: z.string(),
    roleId: z.string(),
    roleName: z.string(),
    department: z.optional(z.string()),
    managerId: z.optional(z.string()),
    status: UserStatus,
    createdBy: z.optional(z.string()),
    ...Timestamps,
  })
  .register(z.globalRegistry, { id: 'User' });

export const UserParams = z.object({ id: z.string().check(z.minLength(1), z.maxLength(128)) });

export const Me = z
  .object({
    userId: z.string(),
    roles: z.array(z.string()),
    permissions: z.array(Permission),
    level: z.int(),
    /** The caller's user record; null for a token whose `sub` has none (e.g. the first admin). */
    user: z.nullable(User),
  })
  .register(z.globalRegistry, { id: 'Me' });

export type CreateUserInput = z.infer<typeof CreateUser>;
export type UpdateUserInput = z.infer<typeof UpdateUser>;
export type UserView = z.infer<typeof User>;
export type MeView = z.infer<typeof Me>;
