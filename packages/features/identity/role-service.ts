import type { EntityItem } from 'electrodb';
import type { CreateRoleInput, RoleView, UpdateRoleInput } from './roles-contract.ts';
import { identityDirectory } from '#packages/auth/identity-directory.ts';
import type { Permission } from '#packages/auth/permissions.ts';
import { builtInGrant, builtInRoleNames, isBuiltInRole, type BuiltInRole, type RoleGrant } from '#packages/auth/roles.ts';
import { nowIso } from '#packages/core/clock.ts';
import type { RequestContext } from '#packages/core/context.ts';
import { isConditionFailure } from '#packages/core/db/conditions.ts';
import type { roleEntity } from '#packages/core/db/entities/role.ts';
import { db } from '#packages/core/db/service.ts';
import { conflict, notFound, unprocessable } from '#packages/core/errors.ts';
import { newId } from '#packages/core/ids.ts';
import { checkedCursor, type Page, type PageRequest } from '#packages/core/pagination.ts';
import { definedOnly } from '#packages/core/views.ts';
import { forgetRoleAccess } from './access-source.ts';

type RoleItem = EntityItem<typeof roleEntity>;

/**
 * Throws when the caller may not hand out this role: it holds a permission
 * the caller lacks or is above the caller's level. The HTTP layer builds it
 * from the principal (packages/http/grant-check.ts); the domain only calls it.
 */
export type GrantCheck = (role: RoleGrant) => void;

/** A role that exists, with the id users refer to it by (the name for a built-in role). */
export type KnownRole = RoleGrant & { roleId: string };

function builtInView(name: BuiltInRole): RoleView {
  const { permissions, level } = builtInGrant(name);
  return { id: name, name, permissions: [...permissions], level, builtIn: true };
}

function toView({ roleId, permissions, ...item }: RoleItem): RoleView {
  return { id: roleId, ...item, permissions: permissions as Permission[], builtIn: false };
}

/** Built-in roles come first on the first page; `limit` pages through the custom ones (by name). */
export async function listRoles(page: PageRequest): Promise<Page<RoleView>> {
  const cursor = checkedCursor(page.cursor);
  const { data, cursor: next } = await db().entities.role.query.all({}).go({ limit: page.limit, cursor });
  return { items: [...(cursor ? [] : builtInRoleNames.map(builtInView)), ...data.map(toView)], nextCursor: next };
}

export async function getRole(id: string): Promise<RoleView> {
  if (isBuiltInRole(id)) return builtInView(id);
  const { data } = await db().entities.role.get({ roleId: id }).go();
  if (!data) throw notFound('Role', id);
  return toView(data);
}

/** The role a user may be given: built-in, or a custom role read consistently; else 422 `unknown_role`. */
export async function knownRole(roleId: string): Promise<KnownRole> {
  if (isBuiltInRole(roleId)) return { roleId, ...builtInGrant(roleId) };
  const { data } = await db().entities.role.get({ roleId }).go({ consistent: true });
  if (!data) throw unprocessable('unknown_role', `There is no role ${roleId}`, { roleId });
  return { roleId, name: data.name, permissions: data.permissions as Permission[], level: data.level };
}

async function duplicateName(name: string): Promise<never> {
  if (isBuiltInRole(name)) throw conflict('duplicate', `"${name}" is a built-in role`, { builtIn: true });
  const { data } = await db().entities.roleName.get({ name }).go({ consistent: true });
  throw conflict('duplicate', `A role named "${name}" already exists`, { existingId: data?.roleId });
}

/**
 * The name is claimed by a guard item in the role's transaction. The Cognito
 * group is created first (an existing one is reused), so a role never exists
 * without the group its holders join; a group left by a failed attempt is
 * harmless and reused by the next role of that name.
 */
export async function createRole(input: CreateRoleInput, check: GrantCheck, ctx: RequestContext): Promise<RoleView> {
  const permissions = [...new Set(input.permissions)];
  if (isBuiltInRole(input.name)) return duplicateName(input.name);
  check({ name: input.name, permissions, level: input.level });
  const { data: taken } = await db().entities.roleName.get({ name: input.name }).go({ consistent: true });
  if (taken) return duplicateName(input.name);

  await identityDirectory().createGroup(input.name, input.description ?? `EventOS custom role "${input.name}"`);
  const roleId = newId();
  const at = nowIso();
  const item = { ...input, permissions, roleId, createdBy: ctx.actorId, createdAt: at, updatedAt: at };
  const result = await db()
    .transaction.write(({ role, roleName }) => [roleName.create({ name: input.name, roleId }).commit(), role.create(item).commit()])
    .go();
  if (result.canceled) return duplicateName(input.name);
  // A token may have asked for this name before it existed; that "no such role" must not linger.
  forgetRoleAccess({ roleId, name: input.name });
  return toView(item);
}

/**
 * Changes description, permissions or level. Both the role as it is and as it
 * will be must be within the caller's reach: nobody edits a role more
 * powerful than their own, nor makes one so.
 */
export async function updateRole(id: string, input: UpdateRoleInput, check: GrantCheck): Promise<RoleView> {
  if (isBuiltInRole(id)) throw unprocessable('read_only', `The built-in role ${id} cannot be changed; create a custom role instead`);
  const { data: current } = await db().entities.role.get({ roleId: id }).go({ consistent: true });
  if (!current) throw notFound('Role', id);
  const permissions = input.permissions ? [...new Set(input.permissions)] : (current.permissions as Permission[]);
  check({ name: current.name, permissions: current.permissions as Permission[], level: current.level });
  check({ name: current.name, permissions, level: input.level ?? current.level });
  try {
    const { data } = await db()
      .entities.role.patch({ roleId: id })
      .set(definedOnly({ ...input, permissions }))
      .go({ response: 'all_new' });
    forgetRoleAccess({ roleId: id, name: current.name });
    return toView(data as RoleItem);
  } catch (error) {
    if (isConditionFailure(error)) throw notFound('Role', id);
    throw error;
  }
}
