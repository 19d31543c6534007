import type { EntityItem } from 'electrodb';
import type { CreateUserInput, MeView, UpdateUserInput, UserView } from './users-contract.ts';
import { IdentityConflict, identityDirectory } from '#packages/auth/identity-directory.ts';
import type { Principal } from '#packages/auth/principal.ts';
import { logger } from '#packages/core/logger.ts';
import { nowIso } from '#packages/core/clock.ts';
import type { RequestContext } from '#packages/core/context.ts';
import type { userEntity } from '#packages/core/db/entities/user.ts';
import { namedTransaction } from '#packages/core/db/named-transaction.ts';
import { db } from '#packages/core/db/service.ts';
import { conflict, notFound, unprocessable } from '#packages/core/errors.ts';
import { newId } from '#packages/core/ids.ts';
import { checkedCursor, type Page, type PageRequest } from '#packages/core/pagination.ts';
import { definedOnly, withId } from '#packages/core/views.ts';
import { forgetUserAccess } from './access-source.ts';
import { knownRole, type GrantCheck } from './role-service.ts';

type UserItem = EntityItem<typeof userEntity>;

/** Deeper management chains than this are refused rather than walked further. */
const MAX_MANAGER_CHAIN = 50;

export const toView = (item: UserItem): UserView => withId(item, 'userId');

export async function getUser(id: string): Promise<UserView> {
  const { data } = await db().entities.user.get({ userId: id }).go();
  if (!data) throw notFound('User', id);
  return toView(data);
}

export async function listUsers(page: PageRequest): Promise<Page<UserView>> {
  const { data, cursor } = await db().entities.user.query.all({}).go({ limit: page.limit, cursor: checkedCursor(page.cursor) });
  return { items: data.map(toView), nextCursor: cursor };
}

/** The caller: what the token and their user record grant, and the record if there is one. */
export async function describeCaller(principal: Principal): Promise<MeView> {
  const { data } = await db().entities.user.get({ userId: principal.userId }).go();
  return {
    userId: principal.userId,
    roles: principal.roles,
    permissions: [...principal.permissions].sort(),
    level: principal.level,
    user: data ? toView(data) : null,
  };
}

async function duplicate(field: 'username' | 'email', value: string): Promise<never> {
  const { data } =
    field === 'username'
      ? await db().entities.userName.get({ username: value }).go({ consistent: true })
      : await db().entities.userEmail.get({ email: value }).go({ consistent: true });
  throw conflict('duplicate', `A user with this ${field} already exists`, { field, existingId: data?.userId });
}

/**
 * Walks up from the proposed manager; reaching the user again (or itself)
 * would make the chain a loop. Each step is a GetItem.
 */
async function checkManager(userId: string | null, managerId: string): Promise<void> {
  let cursor: string | undefined = managerId;
  for (let depth = 0; cursor !== undefined; depth++) {
    if (cursor === userId) throw unprocessable('manager_cycle', 'This manager would make the management chain a loop', { managerId });
    if (depth >= MAX_MANAGER_CHAIN) throw unprocessable('manager_cycle', `The management chain is longer than ${MAX_MANAGER_CHAIN}`, { managerId });
    const { data }: { data: { managerId?: string | undefined } | null } = await db()
      .entities.user.get({ userId: cursor })
      .go({ consistent: true, attributes: ['managerId'] });
    if (!data) {
      if (cursor === managerId) throw unprocessable('unknown_manager', `There is no user ${managerId}`, { managerId });
      return;
    }
    cursor = data.managerId;
  }
}

/**
 * Creates the user in the identity directory first (deployed: Cognito, which
 * mails the invitation and assigns the sub that becomes the user's id), then
 * the record with its username and email guards in one transaction. If the
 * record cannot be written, the directory user is deleted again.
 */
export async function createUser(input: CreateUserInput, check: GrantCheck, ctx: RequestContext): Promise<UserView> {
  const role = await knownRole(input.roleId);
  check(role);
  if (input.managerId) await checkManager(null, input.managerId);
  const [byName, byEmail] = await Promise.all([
    db().entities.userName.get({ username: input.username }).go({ consistent: true }),
    db().entities.userEmail.get({ email: input.email }).go({ consistent: true }),
  ]);
  if (byName.data) return duplicate('username', input.username);
  if (byEmail.data) return duplicate('email', input.email);

  const directory = identityDirectory();
  let subject: string | null;
  try {
    ({ subject } = await directory.createUser({ email: input.email, username: input.username }));
  } catch (error) {
    if (error instanceof IdentityConflict) throw conflict('duplicate', error.message, { field: 'email' });
    throw error;
  }
  const userId = subject ?? newId();
  const at = nowIso();
  const item = { ...input, userId, roleName: role.name, status: 'active' as const, createdBy: ctx.actorId, createdAt: at, updatedAt: at };
  try {
    await directory.addToGroup(userId, role.name);
    const tx = namedTransaction<'usernameGuard' | 'emailGuard' | 'user'>();
    const { user, userName, userEmail } = tx.entities;
    tx.add('usernameGuard', userName.create({ username: input.username, userId }).commit())
      .add('emailGuard', userEmail.create({ email: input.email, userId }).commit())
      .add('user', user.create(item).commit());
    const result = await tx.go();
    if (result.canceled) {
      if (tx.rejected(result, 'usernameGuard')) await duplicate('username', input.username);
      if (tx.rejected(result, 'emailGuard')) await duplicate('email', input.email);
      throw conflict('concurrent_update', 'Another request created this user meanwhile; try again');
    }
  } catch (error) {
    await directory.deleteUser(userId).catch((cleanup: Error) =>
      logger.error('could not delete the directory user of a failed create', { userId, error: cleanup.message }),
    );
    throw error;
  }
  forgetUserAccess(userId);
  return toView(item);
}

/**
 * Changes role, department, manager or status. The caller must be able to
 * grant both the user's current role (nobody manages a user more powerful
 * than they are) and the new one. The directory changes first (group move,
 * enable/disable; each is idempotent, so a retry after a failure is safe),
 * then the record.
 */
export async function updateUser(id: string, input: UpdateUserInput, check: GrantCheck, ctx: RequestContext): Promise<UserView> {
  const { data: current } = await db().entities.user.get({ userId: id }).go({ consistent: true });
  if (!current) throw notFound('User', id);
  check(await knownRole(current.roleId));
  const newRole = input.roleId !== undefined && input.roleId !== current.roleId ? await knownRole(input.roleId) : null;
  if (newRole) check(newRole);
  if (input.managerId) await checkManager(id, input.managerId);
  if (input.status === 'disabled' && id === ctx.actorId) {
    throw unprocessable('cannot_disable_self', 'You cannot disable your own user');
  }

  const directory = identityDirectory();
  if (newRole) {
    await directory.addToGroup(id, newRole.name);
    await directory.removeFromGroup(id, current.roleName);
  }
  if (input.status && input.status !== current.status) {
    await (input.status === 'disabled' ? directory.disableUser(id) : directory.enableUser(id));
  }

  const set = definedOnly({
    ...(newRole && { roleId: newRole.roleId, roleName: newRole.name }),
    department: input.department ?? undefined,
    managerId: input.managerId ?? undefined,
    status: input.status,
  });
  const remove = (['department', 'managerId'] as const).filter((field) => input[field] === null);
  const patch = db().entities.user.patch({ userId: id }).set(set);
  const { data } = await (remove.length ? patch.remove(remove) : patch).go({ response: 'all_new' });
  forgetUserAccess(id);
  return toView(data as UserItem);
}

/** `DELETE /v1/users/{id}`: users are disabled, never deleted. */
export function disableUser(id: string, check: GrantCheck, ctx: RequestContext): Promise<UserView> {
  return updateUser(id, { status: 'disabled' }, check, ctx);
}
